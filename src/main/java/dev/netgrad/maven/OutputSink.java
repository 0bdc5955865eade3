package dev.netgrad.maven;

import dev.netgrad.IoReason;
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
            try {
                Files.createDirectories(file.getKey().toAbsolutePath().getParent());
                try (OutputStream out = open(file.getKey())) {
                    out.write(file.getValue());
                }
            } catch (IOException e) {
                throw cannotWrite(file.getKey(), IoReason.ofWrite(e), e);
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
            throw cannotWrite(e.target(), e.getMessage() + "; " + e.whatWasKept(), e);
        }
    }

    /**
     * A write that failed, said as {@code netgrad generate} says it: the file and why in the words of a
     * write ({@link IoReason#ofWrite}: a missing folder is "the folder F does not exist", where a read's
     * words, which the Mojo gives the JDK's exceptions, said "no such file" of the file to be written).
     */
    static IOException cannotWrite(Path file, String reason, IOException cause) {
        return new IOException("cannot write " + file + ": " + reason, cause);
    }

    /** Says that {@code file} was deleted, for the IDE to forget it. */
    void deleted(Path file);
}
