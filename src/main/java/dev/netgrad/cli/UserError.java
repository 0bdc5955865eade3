package dev.netgrad.cli;

import dev.netgrad.spec.DiagnosticFormatter;

/**
 * A failure caused by the user's input (a bad spec, a missing file): printed as its message alone,
 * without a stack trace, and mapped to an exit code.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public UserError(int exitCode, String message) {
        super(message.endsWith("\n") ? message.substring(0, message.length() - 1) : message, null, false, false);
        this.exitCode = exitCode;
    }

    /**
     * A failure with no place in a file, said at {@code place} ({@code netgrad VERB}, or {@code netgrad}
     * before a verb): {@code PLACE: error: PROBLEM}, the form every failure takes.
     */
    static UserError at(String place, int exitCode, String problem) {
        return new UserError(exitCode, DiagnosticFormatter.error(place, problem));
    }

    /** A usage error (exit 2) of {@code place}: {@code netgrad VERB: error: PROBLEM}. */
    static UserError usage(String place, String problem) {
        return at(place, Main.USAGE, problem);
    }

    public int exitCode() {
        return exitCode;
    }
}
