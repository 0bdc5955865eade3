package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every file a verb reads, given something that is no such file (a binary, a directory, nothing),
 * is refused in one line that says what it is, with exit code 2: a binary file's bytes are not
 * echoed as U+FFFD, nor do its undecodable bytes make one lexer error each. A file that cannot be
 * read at all is {@code FILE: error: cannot read: REASON} whichever verb and argument it was.
 */
class UnreadableFileTest {
    /** The start of a class file: its magic number, then bytes that are not UTF-8. */
    private static final byte[] CLASS_FILE = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 0x3D, 0x0A, (byte) 0x90};

    @TempDir
    Path dir;

    // '-' is standard input for check's EQUATIONS only (check samples/planar.nn - is CheckCommandTest's); for every
    // other file of every verb it is a file's name, and when there is no such file the error says where '-' works.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            show -
            derive -
            graph -
            generate -o OUT -
            gradcheck -
            check - samples/planar.nn
            train - --data samples/data/planar.csv
            train samples/planar.nn --data -
            train samples/planar.nn --data samples/data/planar.csv --init -
            predict samples/planar.nn --data - --params samples/data/planar_init.json
            predict samples/planar.nn --data samples/data/planar.csv --params -
            eval - --in samples/planar.case.json
            eval samples/planar.nn --in -
            gradcheck samples/planar.nn --data -
            bench -
            """)
    void aDashIsStandardInputOnlyForChecksEquationsAndTheErrorSaysSo(String commandLine) {
        String[] args = Arrays.stream(commandLine.split(" "))
                .map(a -> a.equals("OUT") ? dir.resolve("out").toString() : a).toArray(String[]::new);
        MainTest.Run r = MainTest.run(args);
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("-: error: cannot read: no such file (standard input is read as '-' only for check's EQUATIONS: "
                + "netgrad derive x.nn | netgrad check x.nn -)"), r.err().lines().toList());
    }

    // Each verb with FILE where one of its files goes; the other files are good ones.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            show FILE                                                                | a network spec (.nn)
            derive FILE                                                              | a network spec (.nn)
            graph FILE                                                               | a network spec (.nn)
            generate -o OUT FILE                                                     | a network spec (.nn)
            gradcheck FILE                                                           | a network spec (.nn)
            check FILE samples/planar.nn                                             | a network spec (.nn)
            check samples/planar.nn FILE                                             | equations (.eq)
            train FILE --data samples/data/planar.csv                                | a network spec (.nn)
            train samples/planar.nn --data FILE                                      | a CSV file
            train samples/planar.nn --data samples/data/planar.csv --init FILE      | a JSON file
            predict samples/planar.nn --data FILE --params samples/data/planar_init.json | a CSV file
            predict samples/planar.nn --data samples/data/planar.csv --params FILE  | a JSON file
            eval FILE --in samples/planar.case.json                                  | a network spec (.nn)
            eval samples/planar.nn --in FILE                                         | a JSON file
            gradcheck samples/planar.nn --data FILE                                  | a CSV file
            bench FILE                                                               | a network spec (.nn)
            """)
    void aBinaryADirectoryOrNoFileIsOneLineOfError(String commandLine, String expected) throws IOException {
        Path binary = Files.write(dir.resolve("A.class"), CLASS_FILE);
        Path plain = Files.writeString(dir.resolve("plain"), "a file, not a directory\n");
        Path locked = Files.writeString(dir.resolve("locked"), "network N {}\n");
        Files.setPosixFilePermissions(locked, Set.of());
        // Each file with the line it gets; a file-level problem is one form for every verb and argument.
        Map<Path, String> cases = new LinkedHashMap<>();
        cases.put(dir.resolve("missing"), dir.resolve("missing") + ": error: cannot read: no such file");
        // A name a couple of edits from a file of its folder is a typo: the error says which file was meant.
        cases.put(dir.resolve("plian"), dir.resolve("plian") + ": error: cannot read: no such file; did you mean " + plain + "?");
        cases.put(dir.resolve("nowhere/plain"), dir.resolve("nowhere/plain") + ": error: cannot read: no such file");
        cases.put(Files.createDirectory(dir.resolve("folder")), dir.resolve("folder") + ": error: cannot read: it is a directory");
        cases.put(plain.resolve("x"), plain.resolve("x") + ": error: cannot read: not a directory");
        if (!Files.isReadable(locked)) { // root reads any file
            cases.put(locked, locked + ": error: cannot read: permission denied");
        }
        // A binary is the same words from every reader, a CSV's too: the place, and the byte offset for a hex dump.
        cases.put(binary, binary + ":1:1: error: not UTF-8 text (a binary file?): bytes that are not UTF-8 at byte offset 0; expected ");
        for (Map.Entry<Path, String> c : cases.entrySet()) {
            Path file = c.getKey();
            String[] args = Arrays.stream(commandLine.split(" "))
                    .map(a -> a.equals("FILE") ? file.toString() : a.equals("OUT") ? dir.resolve("out").toString() : a)
                    .toArray(String[]::new);
            MainTest.Run r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> MainTest.run(args));
            assertEquals(2, r.code(), r.err());
            List<String> lines = r.err().lines().toList();
            assertEquals(1, lines.size(), "one line: " + r.err());
            String line = lines.get(0);
            if (file == binary) {
                assertTrue(line.startsWith(c.getValue()) && line.endsWith("expected " + expected), line);
            } else {
                assertEquals(c.getValue(), line);
            }
        }
    }
}
