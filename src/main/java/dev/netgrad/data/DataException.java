package dev.netgrad.data;

import java.util.Objects;

/**
 * A data or params file that cannot be used. The message is ready for stderr as it is
 * ({@code FILE:LINE:COL: error: ...} lines, with the source line and a caret where there is one).
 */
public final class DataException extends Exception {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
    }

    /** A problem with a whole file, not a place in it: {@code FILE: error: MESSAGE}. */
    public static DataException inFile(String path, String message) {
        return new DataException(path + ": error: " + message);
    }
}
