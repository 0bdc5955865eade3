package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DependencyRuntimeTest {
    private static final List<String> RUNTIME = List.of("dev/netgrad/runtime/Trainer.java", "dev/netgrad/runtime/Kernels.java",
            "dev/netgrad/runtime/Helpers.java");

    @TempDir
    Path folder;

    // Each case: the class path, its elements apart by spaces, each a jar (.jar) or a class folder, then the classes
    // of the runtime it holds ('all', a count of the first ones, '0' none, 'garbage' a file that is no jar, 'missing'
    // nothing there); then the element found ('-' none) and how many of the 3 classes it holds.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a.jar:all                     | a.jar     | 3",
        "classes:all                   | classes   | 3",   // a reactor module before it is packaged
        "lib.jar:0 a.jar:all           | a.jar     | 3",
        "a.jar:all b.jar:all           | a.jar     | 3",   // the first on the class path, as javac takes it
        "old.jar:2 a.jar:all           | a.jar     | 3",   // a whole runtime wins over another version's before it
        "old.jar:1 older.jar:2         | older.jar | 2",   // another version: the one that holds the most
        "lib.jar:0 classes:0           | -         | 0",
        "bad.jar:garbage gone.jar:missing | -      | 0",   // neither read: javac says why
        "''                            | -         | 0",
    })
    void findsTheFirstElementThatHoldsTheWholeRuntime(String classPath, String expected, int held) throws IOException {
        List<Path> elements = new ArrayList<>();
        for (String element : classPath.isEmpty() ? new String[0] : classPath.split(" ")) {
            String[] parts = element.split(":");
            elements.add(make(parts[0], parts[1]));
        }
        Optional<DependencyRuntime.Found> found = new DependencyRuntime.Scan(elements, RUNTIME).find(RUNTIME);
        assertEquals(expected, found.map(f -> f.element().getFileName().toString()).orElse("-"));
        assertEquals(held, found.map(DependencyRuntime.Found::held).orElse(0));
        found.ifPresent(f -> assertEquals(held == RUNTIME.size(), f.whole()));
    }

    /**
     * One scan serves the runtime's files and the Spark adapter's, each element read once: the second find answers
     * from what the first read (the jar is gone by then), where each search opened every jar of the class path again.
     */
    @Test
    void aScanReadsEachElementOnceForEveryPackageLookedFor() throws IOException {
        Path lib = make("lib.jar", "2");
        DependencyRuntime.Scan scan = new DependencyRuntime.Scan(List.of(lib), RUNTIME);
        assertEquals(2, scan.find(RUNTIME.subList(0, 2)).map(DependencyRuntime.Found::held).orElse(0));
        Files.delete(lib);
        assertEquals(1, scan.find(RUNTIME.subList(1, 3)).map(DependencyRuntime.Found::held).orElse(0));
    }

    private static final String MARK_FILE = "dev/netgrad/runtime/RuntimeVersion.java";
    private static final List<String> MARKED = List.of("dev/netgrad/runtime/Trainer.java", MARK_FILE);
    private static final String OURS = "1f".repeat(32);

    // Another version of netgrad holds classes of the same names with other content: its version mark (a constant of
    // RuntimeVersion) tells it apart. Each case: the class path, each element a jar, a class folder or a source root
    // ('src', which holds the sources), with the mark its RuntimeVersion holds ('ours', 'other', or 'none' when it
    // holds Trainer alone, a runtime from before the mark); then the element found ('-' none), and whether it is whole.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a.jar:ours                  | a.jar   | true",
        "old.jar:other               | old.jar | false",  // every name, another version: written again, with a warning
        "old.jar:other a.jar:ours    | a.jar   | true",
        "classes:other               | classes | false",
        "classes:ours                | classes | true",
        "src:ours                    | src     | true",   // the main goal's output, for the test goal: sources
        "src:other                   | src     | false",
        "old.jar:none                | old.jar | false",  // a runtime from before the mark: one class short
    })
    void anotherVersionUnderTheSameNamesIsNotThisRuntime(String classPath, String expected, boolean whole) throws IOException {
        List<Path> elements = new ArrayList<>();
        for (String element : classPath.split(" ")) {
            String[] parts = element.split(":");
            elements.add(marked(parts[0], parts[1]));
        }
        Optional<DependencyRuntime.Found> found = new DependencyRuntime.Scan(elements, MARKED, Map.of(MARK_FILE, OURS)).find(MARKED);
        assertEquals(expected, found.map(f -> f.element().getFileName().toString()).orElse("-"));
        assertEquals(whole, found.map(DependencyRuntime.Found::whole).orElse(false));
    }

    /** An element holding Trainer and, unless {@code mark} is 'none', a RuntimeVersion whose constant is ours or another. */
    private Path marked(String name, String mark) throws IOException {
        Path element = folder.resolve(name);
        String digest = mark.equals("ours") ? OURS : "2e".repeat(32);
        String constant = "static final String SHA_256 = \"" + digest + "\";";
        List<String> files = mark.equals("none") ? MARKED.subList(0, 1) : MARKED;
        String suffix = name.equals("src") ? ".java" : ".class";
        if (name.endsWith(".jar")) {
            try (OutputStream out = Files.newOutputStream(element); ZipOutputStream jar = new ZipOutputStream(out)) {
                for (String file : files) {
                    jar.putNextEntry(new ZipEntry(file.replace(".java", suffix)));
                    jar.write(constant.getBytes(StandardCharsets.US_ASCII));
                    jar.closeEntry();
                }
            }
        } else {
            for (String file : files) {
                Path there = element.resolve(file.replace(".java", suffix));
                Files.createDirectories(there.getParent());
                Files.writeString(there, constant);
            }
        }
        return element;
    }

    private Path make(String name, String holds) throws IOException {
        Path element = folder.resolve(name);
        if (holds.equals("missing")) {
            return element;
        }
        if (holds.equals("garbage")) {
            return Files.writeString(element, "not a jar");
        }
        int count = holds.equals("all") ? RUNTIME.size() : Integer.parseInt(holds);
        List<String> classes = new ArrayList<>(List.of("com/acme/Iris.class"));
        RUNTIME.subList(0, count).forEach(source -> classes.add(source.replace(".java", ".class")));
        if (name.endsWith(".jar")) {
            try (OutputStream out = Files.newOutputStream(element); ZipOutputStream jar = new ZipOutputStream(out)) {
                for (String entry : classes) {
                    jar.putNextEntry(new ZipEntry(entry));
                    jar.closeEntry();
                }
            }
        } else {
            for (String entry : classes) {
                Files.createDirectories(element.resolve(entry).getParent());
                Files.write(element.resolve(entry), new byte[] {(byte) 0xCA});
            }
        }
        return element;
    }
}
