package dev.netgrad.maven;

import dev.netgrad.IoReason;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Finds the spec files under a source directory that match the includes and no exclude. */
final class SpecScanner {
    private final List<PathPattern> includes;
    private final List<PathPattern> excludes;

    SpecScanner(List<String> includes, List<String> excludes) {
        this.includes = includes.stream().map(PathPattern::of).toList();
        this.excludes = excludes.stream().map(PathPattern::of).toList();
    }

    /**
     * The matching files in the order of their relative paths, so output does not depend on the file
     * system; and a matching folder whose name ends in {@code .nn}, which the generation refuses
     * rather than skip: a spec that is a folder is a mistake, not an empty project. Links are
     * followed, as the other generator plugins follow them: a {@code sourceDirectory} that is a link
     * to the specs' folder, or a link in it to a folder of shared specs, is read where it points (a
     * link back to a folder above it is read once). A matching name that is not a file, such as a
     * link to nothing, is taken too, so that reading it fails at its name rather than leave the
     * network out without a word.
     */
    List<SpecFile> scan(Path sourceDirectory) throws IOException {
        return find(sourceDirectory).specs();
    }

    /**
     * The specs, and the files that the includes match only in another case ({@code Iris.NN} against
     * {@code **}{@code /*.nn}), which no exclude leaves out: they are not read, as Maven's own patterns
     * tell upper from lower case, but the build names them rather than delete their classes in silence.
     */
    Found find(Path sourceDirectory) throws IOException {
        if (!Files.isDirectory(sourceDirectory)) {
            return new Found(List.of(), List.of());
        }
        List<SpecFile> found = new ArrayList<>();
        List<SpecFile> otherCase = new ArrayList<>();
        Files.walkFileTree(sourceDirectory, Set.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (!dir.equals(sourceDirectory) && dir.getFileName().toString().endsWith(".nn")) {
                    add(dir, false);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                add(file, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof FileSystemLoopException) {
                    return FileVisitResult.CONTINUE;
                }
                throw new BuildFileException("cannot read " + file + ", under the specs' folder: " + IoReason.of(e), e);
            }

            private void add(Path file, boolean isFile) {
                String relative = relativePath(sourceDirectory, file);
                if (selected(relative)) {
                    found.add(new SpecFile(file, relative));
                } else if (isFile && selectedIgnoringCase(relative)) {
                    otherCase.add(new SpecFile(file, relative));
                }
            }
        });
        found.sort(Comparator.comparing(SpecFile::relativePath));
        otherCase.sort(Comparator.comparing(SpecFile::relativePath));
        return new Found(found, otherCase);
    }

    /** The specs found, in the order of their paths, and the files the includes match only in another case. */
    record Found(List<SpecFile> specs, List<SpecFile> otherCase) {
        Found {
            specs = List.copyOf(specs);
            otherCase = List.copyOf(otherCase);
        }
    }

    boolean selected(String relativePath) {
        return includes.stream().anyMatch(p -> p.matches(relativePath))
                && excludes.stream().noneMatch(p -> p.matches(relativePath));
    }

    // An exclude that matches in another case leaves the file out on purpose: nothing to say of it.
    private boolean selectedIgnoringCase(String relativePath) {
        return includes.stream().anyMatch(p -> p.matchesIgnoringCase(relativePath))
                && excludes.stream().noneMatch(p -> p.matchesIgnoringCase(relativePath));
    }

    private static String relativePath(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }
}
