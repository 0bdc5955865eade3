package dev.netgrad.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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
     * The first element of {@code classPath} (jars and class folders) that holds a class for each of
     * {@code runtimeFiles} (sources by their path under a source root, {@code dev/netgrad/runtime/Trainer.java});
     * failing that, the one that holds the most of them, another version of the runtime; empty when none holds any.
     * A jar that cannot be read holds none: javac says why when it compiles against it.
     */
    static Optional<Found> find(List<Path> classPath, Collection<String> runtimeFiles) {
        Found most = null;
        for (Path element : classPath) {
            int held = held(element, runtimeFiles);
            Found found = new Found(element, held, runtimeFiles.size());
            if (found.whole()) {
                return Optional.of(found);
            }
            if (held > 0 && (most == null || held > most.held())) {
                most = found;
            }
        }
        return Optional.ofNullable(most);
    }

    private static int held(Path element, Collection<String> runtimeFiles) {
        if (runtimeFiles.isEmpty()) {
            return 0;
        }
        if (Files.isDirectory(element)) {
            return (int) runtimeFiles.stream().filter(file -> Files.isRegularFile(classIn(element, file))).count();
        }
        if (!Files.isRegularFile(element)) {
            return 0;
        }
        try (ZipFile jar = new ZipFile(element.toFile())) {
            return (int) runtimeFiles.stream().filter(file -> jar.getEntry(classEntry(file)) != null).count();
        } catch (IOException e) {
            return 0;
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
