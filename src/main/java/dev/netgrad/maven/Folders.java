package dev.netgrad.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Checks of the folders a build is configured with, before anything is read or written. The
 * output folders belong to netgrad, which deletes there what it did not generate, so none may
 * hold the project itself, its specs or another source or resource folder.
 */
final class Folders {
    private Folders() {
    }

    /** A folder of the project that must survive netgrad's clean-up of its outputs. */
    record Kept(String what, Path folder) {
    }

    /** Why {@code sourceDirectory} cannot be searched; a missing folder just holds no specs. */
    static Optional<String> sourceDirectoryProblem(Path sourceDirectory) {
        if (Files.exists(sourceDirectory) && !Files.isDirectory(sourceDirectory)) {
            return Optional.of("<sourceDirectory> " + sourceDirectory + " is a file, not a folder; point it at the"
                    + " folder that holds the .nn specs (by default src/main/nn)");
        }
        return Optional.empty();
    }

    /**
     * Why the output folder {@code name} at {@code output} is unsafe: it is, or holds, one of
     * {@code kept}; a folder that is one of {@code outputs} (netgrad's own, from an earlier run)
     * is not a problem.
     */
    static Optional<String> outputProblem(String name, Path output, List<Kept> kept, List<Path> outputs) {
        Path root = normalized(output);
        for (Kept k : kept) {
            Path folder = normalized(k.folder());
            if (folder.startsWith(root) && outputs.stream().map(Folders::normalized).noneMatch(folder::equals)) {
                String where = folder.equals(root) ? " is " : " holds ";
                return Optional.of("<" + name + "> " + output + where + k.what() + " " + k.folder()
                        + "; netgrad deletes the files in its output folders that it did not generate,"
                        + " so give it a folder of its own (by default under target/)");
            }
        }
        return Optional.empty();
    }

    private static Path normalized(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
