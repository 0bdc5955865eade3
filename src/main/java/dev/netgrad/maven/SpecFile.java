package dev.netgrad.maven;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A spec found under the source directory. {@code relativePath} uses '/' whatever the platform;
 * {@code folder} is its folder part ("" at the root), which gives the default package.
 */
record SpecFile(Path file, String relativePath) {
    SpecFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(relativePath, "relativePath");
    }

    String folder() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? "" : relativePath.substring(0, slash);
    }

    /** The path printed in diagnostics: absolute, so IDEs and terminals can open it. */
    String displayPath() {
        return file.toAbsolutePath().normalize().toString();
    }
}
