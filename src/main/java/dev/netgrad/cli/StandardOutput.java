package dev.netgrad.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Optional;
import java.util.Set;

/**
 * Standard output that remembers why its first write failed. A PrintStream swallows the
 * IOException; netgrad needs its reason to tell a reader that went away ({@code | head -1}: a
 * closed pipe, which ends the run quietly, as it ends GNU tools) from a full disk (an error).
 */
final class StandardOutput extends PrintStream {
    /**
     * What the operating system calls a write into a pipe whose reader has closed it: EPIPE on
     * Linux and macOS, ERROR_NO_DATA and ERROR_BROKEN_PIPE on Windows.
     */
    private static final Set<String> CLOSED_PIPE = Set.of("Broken pipe", "The pipe is being closed",
            "The pipe has been ended");

    private final Recording recording;

    private StandardOutput(Recording recording) {
        // As System.out: flushed at every write, so that nothing waits in a buffer when the process ends.
        super(new BufferedOutputStream(recording), true);
        this.recording = recording;
    }

    /** Standard output onto {@code target} (the process's: {@code new FileOutputStream(FileDescriptor.out)}). */
    static StandardOutput of(OutputStream target) {
        return new StandardOutput(new Recording(target));
    }

    /** Why the first failed write failed; empty while every write succeeded. */
    Optional<IOException> failure() {
        return Optional.ofNullable(recording.failure);
    }

    /** Whether a write failed because the reader of the pipe closed it. */
    boolean closedByReader() {
        return failure().map(e -> CLOSED_PIPE.contains(e.getMessage())).orElse(false);
    }

    /** Passes every write on, keeping the first IOException before the PrintStream swallows it. */
    private static final class Recording extends FilterOutputStream {
        private IOException failure;

        Recording(OutputStream target) {
            super(target);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw recorded(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw recorded(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw recorded(e);
            }
        }

        private IOException recorded(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
