package dev.netgrad.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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

    /** A class-path element and how many of the runtime's classes it holds, of how many there are. */
    record Found(Path element, int held, int of) {
        /** Whether it holds every class: the runtime this build would write, so the trainers can use it. */
        boolean whole() {
            return held == of;
        }
    }

    /**
     * A class path searched for netgrad's runtime files, each element (a jar or a class folder) read at most once for
     * all the files looked for: a build with the Spark adapter looks for its files and the runtime's, and opened
     * every jar of a Spark project's hundreds twice when no dependency held either.
     */
    static final class Scan {
        private final List<Path> classPath;
        private final Collection<String> lookedFor;
        private final Map<Path, Set<String>> held = new HashMap<>();

        /** A scan of {@code classPath} for {@code lookedFor}, sources by their path under a source root. */
        Scan(List<Path> classPath, Collection<String> lookedFor) {
            this.classPath = List.copyOf(classPath);
            this.lookedFor = List.copyOf(lookedFor);
        }

        /**
         * The first element of the class path that holds a class for each of {@code runtimeFiles} (some of the files
         * looked for, {@code dev/netgrad/runtime/Trainer.java}); failing that, the one that holds the most of them,
         * another version of the runtime; empty when none holds any. A jar that cannot be read holds none: javac says
         * why when it compiles against it.
         */
        Optional<Found> find(Collection<String> runtimeFiles) {
            Found most = null;
            for (Path element : classPath) {
                Set<String> there = held.computeIfAbsent(element, e -> heldBy(e, lookedFor));
                int count = (int) runtimeFiles.stream().filter(there::contains).count();
                Found found = new Found(element, count, runtimeFiles.size());
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

    /** Which of {@code runtimeFiles} have their class in {@code element}. */
    private static Set<String> heldBy(Path element, Collection<String> runtimeFiles) {
        if (runtimeFiles.isEmpty()) {
            return Set.of();
        }
        if (Files.isDirectory(element)) {
            return runtimeFiles.stream().filter(file -> Files.isRegularFile(classIn(element, file))).collect(Collectors.toSet());
        }
        if (!Files.isRegularFile(element)) {
            return Set.of();
        }
        try (ZipFile jar = new ZipFile(element.toFile())) {
            return runtimeFiles.stream().filter(file -> jar.getEntry(classEntry(file)) != null).collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** Where a runtime source's class is: {@code dev/netgrad/runtime/Trainer.java} compiles to {@code .../Trainer.class}. */
    private static String classEntry(String source) {
        return source.substring(0, source.length() - ".java".length()) + ".class";
    }

    private static Path classIn(Path folder, String source) {
        Path out = folder;
        for (String part : classEntry(source).split("/")) {
            out = out.resolve(part);
        }
        return out;
    }
}
