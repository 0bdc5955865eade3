package dev.netgrad.maven;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run of the generator did. With errors nothing was written; {@code errorLines} are the
 * messages to log, each error's {@code path:line:col: error: message} line followed by its source
 * line and caret.
 */
record Outcome(int specCount, int errorCount, List<String> errorLines, List<Path> written, List<Path> unchanged) {
    Outcome {
        errorLines = List.copyOf(errorLines);
        written = List.copyOf(written);
        unchanged = List.copyOf(unchanged);
    }

    boolean failed() {
        return errorCount > 0;
    }
}
