package dev.netgrad.maven;

import dev.netgrad.IoReason;
import dev.netgrad.StagedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How generated files reach the disk: all or none ({@link StagedFiles}), on Maven's command line and
 * in an IDE's incremental build (m2e) alike; there the sink then tells the build context which files
 * changed, for it to refresh its view of them.
 */
interface OutputSink {
    /** Writes straight to the file system. */
    OutputSink DIRECT = new OutputSink() {
        @Override
        public void writeAll(Map<Path, byte[]> contents) throws IOException {
            writeStaged(contents, file -> { });
        }

        @Override
        public void deleted(Path file) {
        }
    };

    /**
     * Writes every file its content (making the folders), all or none. The caller has left out the
     * files that already hold their content: rewriting one would give it a new timestamp and make the
     * compiler rebuild everything that depends on it.
     */
    void writeAll(Map<Path, byte[]> contents) throws IOException;

    /**
     * Writes the files all or none ({@link StagedFiles}), a failure naming the file it failed at: a
     * full disk or a file where a folder should be leaves the outputs of the last build as they were.
     * {@code changed} hears of every file that holds new content afterwards: all of them, or after a
     * failure among the renames the files already replaced (a failure before them changes none).
     */
    static void writeStaged(Map<Path, byte[]> contents, Consumer<Path> changed) throws IOException {
        try {
            StagedFiles.writeAll(contents);
        } catch (StagedFiles.Failure e) {
            e.replaced().forEach(changed);
            throw cannotWrite(e.target(), e.getMessage() + "; " + e.whatWasKept(), e);
        }
        contents.keySet().forEach(changed);
    }

    /**
     * A write that failed, said as {@code netgrad generate} says it: the file and why in the words of a
     * write ({@link IoReason#ofWrite}: a missing folder is "the folder F does not exist", where a read's
     * words, which the Mojo gives the JDK's exceptions, said "no such file" of the file to be written).
     */
    static IOException cannotWrite(Path file, String reason, IOException cause) {
        return new BuildFileException("cannot write " + file + ": " + reason, cause);
    }

    /** Says that {@code file} was deleted, for the IDE to forget it. */
    void deleted(Path file);
}
