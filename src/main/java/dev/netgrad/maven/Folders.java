package dev.netgrad.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Checks of the folders a build is configured with, before anything is read or written. The
 * output folders belong to netgrad, which deletes there what it did not generate, so none may
 * hold the project itself, its specs, another source or resource folder or the compiler's class folders.
 */
final class Folders {
    private Folders() {
    }

    /** A folder of the project that must survive netgrad's clean-up of its outputs. */
    record Kept(String what, Path folder, Guard guard) {
        /** A folder the POM declares or the project is: no output folder may be it or hold it. */
        Kept(String what, Path folder) {
            this(what, folder, Guard.DECLARED);
        }
    }

    /** What an output folder may be, of a kept folder. */
    enum Guard {
        /** The project's folder, the build folder, a source, test or resource folder the POM declares: neither it nor a folder holding it. */
        DECLARED,
        /**
         * The specs' folder: not it, nor a folder holding it, nor one inside it (the clean-up would
         * delete the specs), unless the output lies in a build folder that lies in the specs' folder.
         */
        INPUTS,
        /**
         * The build folder: not it, nor a folder holding it. What lies inside it is Maven's to clean
         * ({@code mvn clean} deletes it all), so an output there may lie inside the specs' folder too,
         * as in a project that reads specs from a folder above its own ({@code samples/spark}).
         */
        BUILD,
        /**
         * A folder the compiler writes classes to (and resources are copied to): not it, nor a folder
         * holding it, nor one inside it; the clean-up would delete the compiled classes at every build.
         */
        CLASSES,
        /**
         * A source root that a plugin added to the build: an output folder may be it only when it is
         * netgrad's own (added by an earlier execution in the same build or IDE session).
         */
        ADDED_ROOT
    }

    /** Why {@code sourceDirectory} cannot be searched; a missing folder just holds no specs. */
    static Optional<String> sourceDirectoryProblem(Path sourceDirectory) {
        return sourceDirectoryProblem(Goal.MAIN, sourceDirectory);
    }

    /** Why the specs' folder of {@code goal} cannot be searched. */
    static Optional<String> sourceDirectoryProblem(Goal goal, Path sourceDirectory) {
        if (Files.exists(sourceDirectory) && !Files.isDirectory(sourceDirectory)) {
            return Optional.of("<" + goal.sourceDirectory() + "> " + sourceDirectory + " is a file, not a folder; point it at the"
                    + " folder that holds the .nn specs (by default " + goal.usualSourceDirectory() + ")");
        }
        return Optional.empty();
    }

    /**
     * Why the output folder {@code name} at {@code output} is unsafe: it is or holds one of {@code
     * kept}, or lies inside a class folder, or inside the specs' folder but not inside a build folder below it. A source root that is one of {@code outputs} (netgrad's
     * own, added by an earlier execution) is not a problem; a folder the POM declares always is,
     * even when it is also configured as an output (say {@code <outputDirectory>src/main/java}): the
     * clean-up would delete the project's own sources.
     */
    static Optional<String> outputProblem(String name, Path output, List<Kept> kept, List<Path> outputs) {
        Path root = normalized(output);
        for (Kept k : kept) {
            Path folder = normalized(k.folder());
            boolean netgradsOwn = k.guard() == Guard.ADDED_ROOT && outputs.stream().map(Folders::normalized).anyMatch(folder::equals);
            if (folder.startsWith(root) && !netgradsOwn) {
                String where = folder.equals(root) ? " is " : " holds ";
                return Optional.of("<" + name + "> " + output + where + k.what() + " " + k.folder() + OWN_FOLDER);
            }
            boolean noneInside = k.guard() == Guard.CLASSES || k.guard() == Guard.INPUTS && !inBuildFolderBelow(root, folder, kept);
            if (noneInside && root.startsWith(folder)) {
                return Optional.of("<" + name + "> " + output + " lies inside " + k.what() + " " + k.folder() + OWN_FOLDER);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code output} lies in a build folder that itself lies strictly inside {@code specs}. */
    private static boolean inBuildFolderBelow(Path output, Path specs, List<Kept> kept) {
        return kept.stream().filter(k -> k.guard() == Guard.BUILD).map(k -> normalized(k.folder()))
                .anyMatch(build -> output.startsWith(build) && build.startsWith(specs) && !build.equals(specs));
    }

    /**
     * Why the output folder {@code name} cannot be written into: it, or the nearest of its parents
     * that exists, is a file. Said before any spec is read, naming the parameter, rather than as a
     * failure to write the first output.
     */
    static Optional<String> outputFileProblem(String name, Path output) {
        for (Path p = normalized(output); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (Files.isDirectory(p)) {
                    return Optional.empty();
                }
                String what = p.equals(normalized(output)) ? " is a file" : " lies in " + p + ", which is a file";
                return Optional.of("<" + name + "> " + output + what + ", not a folder; netgrad writes the files it generates"
                        + " into a folder of its own there (by default under target/)");
            }
        }
        return Optional.empty();
    }

    /**
     * Why the gradient tests cannot go to {@code testOutput}: it is the main output folder, so the
     * tests would be compiled with the main classes, where JUnit is not on the class path.
     */
    static Optional<String> testOutputProblem(Path testOutput, Path output) {
        if (normalized(testOutput).equals(normalized(output))) {
            return Optional.of("<testOutputDirectory> " + testOutput + " is <outputDirectory>: the gradient tests would be"
                    + " compiled with the main classes, without JUnit; give the tests a folder of their own"
                    + " (by default target/generated-test-sources/netgrad)");
        }
        return Optional.empty();
    }

    private static final String OWN_FOLDER = "; netgrad deletes the files it generated there that a build no longer"
            + " produces, so give it a folder of its own (by default under target/)";

    private static Path normalized(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
