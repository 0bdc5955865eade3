package dev.netgrad.maven;

import dev.netgrad.StagedFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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
        public void writeAll(Map<Path, byte[]> contents) throws IOException {
            writeStaged(contents);
        }

        @Override
        public void deleted(Path file) {
        }
    };

    /** A stream that replaces {@code file}'s content; its folder exists already. */
    OutputStream open(Path file) throws IOException;

    /**
     * Writes every file its content (making the folders), one after another through {@link #open}.
     * The caller has left out the files that already hold their content: rewriting one would give
     * it a new timestamp and make the compiler rebuild everything that depends on it.
     */
    default void writeAll(Map<Path, byte[]> contents) throws IOException {
        for (Map.Entry<Path, byte[]> file : contents.entrySet()) {
            Files.createDirectories(file.getKey().toAbsolutePath().getParent());
            try (OutputStream out = open(file.getKey())) {
                out.write(file.getValue());
            }
        }
    }

    /**
     * Writes the files all or none ({@link StagedFiles}), a failure naming the file it failed at: a
     * full disk or a file where a folder should be leaves the outputs of the last build as they were.
     */
    static void writeStaged(Map<Path, byte[]> contents) throws IOException {
        try {
            StagedFiles.writeAll(contents);
        } catch (StagedFiles.Failure e) {
            throw new IOException("cannot write " + e.target() + ": " + e.getMessage(), e);
        }
    }

    /** Says that {@code file} was deleted, for the IDE to forget it. */
    void deleted(Path file);
}
