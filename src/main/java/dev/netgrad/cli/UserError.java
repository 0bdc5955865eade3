package dev.netgrad.cli;

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

    public int exitCode() {
        return exitCode;
    }
}
