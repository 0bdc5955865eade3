package dev.netgrad.spec;

import java.util.List;
import java.util.Objects;

/**
 * A spec or equation file with errors. Holds every diagnostic of the stage that failed and the
 * source text, so a caller can print them with {@link DiagnosticFormatter}.
 */
public final class SpecException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;
    private final String sourceText;

    public SpecException(List<Diagnostic> diagnostics, String sourceText) {
        super(diagnostics.isEmpty() ? "invalid source" : diagnostics.get(0).toString(), null, false, false);
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a SpecException needs at least one diagnostic");
        }
        this.diagnostics = List.copyOf(diagnostics);
        this.sourceText = Objects.requireNonNull(sourceText, "sourceText");
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public String sourceText() {
        return sourceText;
    }

    /** Every diagnostic with its source line and a caret, ready for stderr. */
    public String formatted() {
        return DiagnosticFormatter.format(diagnostics, sourceText);
    }
}
