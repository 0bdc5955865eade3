package dev.netgrad.maven;

import dev.netgrad.OutputFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How generated files reach the disk. Maven's command line writes them directly; an IDE's
 * incremental build (m2e) writes through its build context, which then refreshes its view of the
 * files it was told about.
 */
interface OutputSink {
    /** Writes straight to the file system. */
    OutputSink DIRECT = new OutputSink() {
        @Override
        public OutputStream open(Path file) throws IOException {
            return Files.newOutputStream(file);
        }

        @Override
        public boolean writeIfChanged(Path file, byte[] content) throws IOException {
            return OutputFiles.writeIfChanged(file, content);
        }

        @Override
        public void deleted(Path file) {
        }
    };

    /** A stream that replaces {@code file}'s content; its folder exists already. */
    OutputStream open(Path file) throws IOException;

    /**
     * Writes {@code content} (making the folders) unless {@code file} already holds exactly it; says
     * whether it wrote. Rewriting an unchanged file would give it a new timestamp and make the
     * compiler rebuild everything that depends on it.
     */
    default boolean writeIfChanged(Path file, byte[] content) throws IOException {
        return OutputFiles.writeIfChanged(file, content, (target, bytes) -> {
            try (OutputStream out = open(target)) {
                out.write(bytes);
            }
        });
    }

    /** Says that {@code file} was deleted, for the IDE to forget it. */
    void deleted(Path file);
}
