package dev.netgrad.diff;

import dev.netgrad.spec.Diagnostic;
import java.util.Objects;

/**
 * A spec whose backward pass would be too large to write out (see {@link DerivativeBudget}): the
 * user's input, not a bug, reported at the statement whose derivative crossed the budget.
 */
public final class DerivativeTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Diagnostic diagnostic;

    DerivativeTooLargeException(Diagnostic diagnostic) {
        super(diagnostic.toString(), null, false, false);
        this.diagnostic = Objects.requireNonNull(diagnostic, "diagnostic");
    }

    /** Where and why, to print with the spec's source line and a caret. */
    public Diagnostic diagnostic() {
        return diagnostic;
    }
}
