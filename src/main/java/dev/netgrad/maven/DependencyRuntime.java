package dev.netgrad.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * netgrad's runtime among a module's dependencies. In a reactor where module b uses module a's trainers, a's jar
 * (or, before it is packaged, a's class folder) holds the runtime's classes; b writing its own copy as well put
 * every runtime class twice on the class path of b and of whatever uses b: two differing copies when a was built by
 * another version of netgrad, whichever comes first serving both modules' trainers, and a package split between
 * two named modules, which the module system refuses.
 */
final class DependencyRuntime {
    private DependencyRuntime() {
    }

    /**
     * A class-path element, how many of the runtime's classes it holds by name, of how many there are, and whether its
     * version mark (a class of the runtime that holds a digest of the runtime's sources) is this version's: another
     * version of netgrad may hold classes of the same names with other content.
     */
    record Found(Path element, int held, int of, boolean sameVersion) {
        /** Whether it holds every class, of this version: the runtime this build would write, so the trainers can use it. */
        boolean whole() {
            return held == of && sameVersion;
        }
    }

    /** What an element holds: the files looked for whose class (or source) is there, and the marked files whose mark is this version's. */
    private record Held(Set<String> files, Set<String> marked) {
        static final Held NOTHING = new Held(Set.of(), Set.of());
    }

    /**
     * A class path searched for netgrad's runtime files, each element (a jar or a class folder) read at most once for
     * all the files looked for: a build with the Spark adapter looks for its files and the runtime's, and opened
     * every jar of a Spark project's hundreds twice when no dependency held either. An element may also be a source
     * root, whose sources count as their classes (the main goal's output, for the test goal).
     */
    static final class Scan {
        private final List<Path> classPath;
        private final Collection<String> lookedFor;
        private final Map<String, String> marks;
        private final Map<Path, Held> held = new HashMap<>();

        /** A scan of {@code classPath} for {@code lookedFor}, sources by their path under a source root, by name alone. */
        Scan(List<Path> classPath, Collection<String> lookedFor) {
            this(classPath, lookedFor, Map.of());
        }

        /**
         * A scan that also reads, of each file of {@code marks} ({@code dev/netgrad/runtime/RuntimeVersion.java}), the
         * class (or source) found, which holds this version's runtime only when its bytes hold the mark's text (a
         * digest of the runtime's sources: a string constant is in the class file as it is written).
         */
        Scan(List<Path> classPath, Collection<String> lookedFor, Map<String, String> marks) {
            this.classPath = List.copyOf(classPath);
            this.lookedFor = List.copyOf(lookedFor);
            this.marks = Map.copyOf(marks);
        }

        /**
         * The first element of the class path that holds a class for each of {@code runtimeFiles} (some of the files
         * looked for, {@code dev/netgrad/runtime/Trainer.java}), of this version; failing that, the one that holds the
         * most of them, another version of the runtime; empty when none holds any. A jar that cannot be read holds
         * none: javac says why when it compiles against it.
         */
        Optional<Found> find(Collection<String> runtimeFiles) {
            Found most = null;
            for (Path element : classPath) {
                Held there = held.computeIfAbsent(element, e -> heldBy(e, lookedFor, marks));
                int count = (int) runtimeFiles.stream().filter(there.files()::contains).count();
                boolean sameVersion = runtimeFiles.stream().filter(marks::containsKey).filter(there.files()::contains)
                        .allMatch(there.marked()::contains);
                Found found = new Found(element, count, runtimeFiles.size(), sameVersion);
                if (found.whole()) {
                    return Optional.of(found);
                }
                if (count > 0 && (most == null || count > most.held())) {
                    most = found;
                }
            }
            return Optional.ofNullable(most);
        }
    }

    /** Which of {@code runtimeFiles} have their class (or, in a folder, their source) in {@code element}, and which marks are met. */
    private static Held heldBy(Path element, Collection<String> runtimeFiles, Map<String, String> marks) {
        if (runtimeFiles.isEmpty()) {
            return Held.NOTHING;
        }
        if (Files.isDirectory(element)) {
            Set<String> files = new HashSet<>();
            Set<String> marked = new HashSet<>();
            for (String file : runtimeFiles) {
                Path there = Files.isRegularFile(in(element, classEntry(file))) ? in(element, classEntry(file)) : in(element, file);
                if (Files.isRegularFile(there)) {
                    files.add(file);
                    if (marks.containsKey(file) && holdsMark(read(there), marks.get(file))) {
                        marked.add(file);
                    }
                }
            }
            return new Held(files, marked);
        }
        if (!Files.isRegularFile(element)) {
            return Held.NOTHING;
        }
        try (ZipFile jar = new ZipFile(element.toFile())) {
            Set<String> files = new HashSet<>();
            Set<String> marked = new HashSet<>();
            for (String file : runtimeFiles) {
                ZipEntry entry = jar.getEntry(classEntry(file));
                if (entry != null) {
                    files.add(file);
                    if (marks.containsKey(file)) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            if (holdsMark(in.readAllBytes(), marks.get(file))) {
                                marked.add(file);
                            }
                        }
                    }
                }
            }
            return new Held(files, marked);
        } catch (IOException e) {
            return Held.NOTHING;
        }
    }

    /** A file's bytes; none when it cannot be read (then it holds no mark, and javac says why it cannot read it). */
    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Whether {@code bytes} hold {@code mark}'s ASCII text: a class file holds a string constant's characters as they are. */
    static boolean holdsMark(byte[] bytes, String mark) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(mark);
    }

    /** Where a runtime source's class is: {@code dev/netgrad/runtime/Trainer.java} compiles to {@code .../Trainer.class}. */
    private static String classEntry(String source) {
        return source.substring(0, source.length() - ".java".length()) + ".class";
    }

    private static Path in(Path folder, String relative) {
        Path out = folder;
        for (String part : relative.split("/")) {
            out = out.resolve(part);
        }
        return out;
    }
}
