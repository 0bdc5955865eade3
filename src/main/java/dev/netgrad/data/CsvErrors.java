package dev.netgrad.data;

import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.DiagnosticFormatter;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.SourcePos;
import java.util.ArrayList;
import java.util.List;

/**
 * The errors of one CSV file, each {@code FILE:LINE:COL: error: ...} with its line and a caret,
 * reported together; past {@link Diagnostics#MAX_ERRORS} the reading stops.
 */
final class CsvErrors {
    private final String path;
    private final List<String> errors = new ArrayList<>();
    private boolean stopped;

    CsvErrors(String path) {
        this.path = path;
    }

    boolean none() {
        return errors.isEmpty();
    }

    /** Whether reading stops here: too many errors, or a file that is no CSV text. */
    boolean stopped() {
        return stopped;
    }

    void stop() {
        stopped = true;
    }

    /** Records an error with its line; past {@link Diagnostics#MAX_ERRORS}, stops reading. */
    void add(SourcePos pos, String line, String message) {
        if (errors.size() >= Diagnostics.MAX_ERRORS) {
            return;
        }
        errors.add(DiagnosticFormatter.format(Diagnostic.at(path, pos, message), line));
        if (errors.size() == Diagnostics.MAX_ERRORS) {
            errors.add(DiagnosticFormatter.format(Diagnostic.at(path, pos, "too many errors (" + Diagnostics.MAX_ERRORS
                    + "); stopping here"), line));
            stopped = true;
        }
    }

    /** Records one more error and gives the exception carrying all of them. */
    DataException failure(SourcePos pos, String line, String message) {
        add(pos, line, message);
        return failure();
    }

    DataException failure() {
        return new DataException(String.join("", errors).stripTrailing());
    }
}
