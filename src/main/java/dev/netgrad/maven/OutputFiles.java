package dev.netgrad.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes generated files only when their bytes change: rewriting an unchanged file would give it a
 * new timestamp and make the compiler rebuild everything that depends on it.
 */
final class OutputFiles {
    private OutputFiles() {
    }

    /** Writes {@code content} unless {@code file} already holds exactly it; says whether it wrote. */
    static boolean writeIfChanged(Path file, byte[] content) throws IOException {
        return writeIfChanged(file, content, OutputSink.DIRECT);
    }

    /** The same, writing through {@code sink}. */
    static boolean writeIfChanged(Path file, byte[] content, OutputSink sink) throws IOException {
        if (holds(file, content)) {
            return false;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = sink.open(file)) {
            out.write(content);
        }
        return true;
    }

    static boolean holds(Path file, byte[] content) throws IOException {
        return Files.isRegularFile(file)
                && Files.size(file) == content.length
                && Arrays.equals(Files.readAllBytes(file), content);
    }
}
