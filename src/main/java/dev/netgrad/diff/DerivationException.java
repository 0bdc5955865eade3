package dev.netgrad.diff;

import java.util.List;

/** The derivation broke its own invariant (the 1/m analysis found a bad path): a bug in netgrad. */
public final class DerivationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public DerivationException(List<String> problems) {
        super("internal error: the derivation broke the 1/m invariant: " + String.join("; ", problems));
    }
}
