package dev.netgrad.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

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
     * rather than skip: a spec that is a folder is a mistake, not an empty project.
     */
    List<SpecFile> scan(Path sourceDirectory) throws IOException {
        if (!Files.isDirectory(sourceDirectory)) {
            return List.of();
        }
        List<SpecFile> found = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(sourceDirectory)) {
            for (Path file : (Iterable<Path>) paths.filter(p -> Files.isRegularFile(p) || specNamedFolder(sourceDirectory, p))::iterator) {
                String relative = relativePath(sourceDirectory, file);
                if (selected(relative)) {
                    found.add(new SpecFile(file, relative));
                }
            }
        }
        found.sort(Comparator.comparing(SpecFile::relativePath));
        return List.copyOf(found);
    }

    private static boolean specNamedFolder(Path sourceDirectory, Path path) {
        return Files.isDirectory(path) && !path.equals(sourceDirectory) && path.getFileName().toString().endsWith(".nn");
    }

    boolean selected(String relativePath) {
        return includes.stream().anyMatch(p -> p.matches(relativePath))
                && excludes.stream().noneMatch(p -> p.matches(relativePath));
    }

    private static String relativePath(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }
}
