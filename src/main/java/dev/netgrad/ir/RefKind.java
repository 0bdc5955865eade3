package dev.netgrad.ir;

/** What a name refers to. */
public enum RefKind {
    /** An input declared with {@code input X[n]}: n x m. */
    INPUT,
    /** A target declared with {@code target Y[k]}: k x m. */
    TARGET,
    /** A trainable param. */
    PARAM,
    /** A named number declared with {@code const}. */
    CONST,
    /** A value assigned by a statement (including helpers the derivation introduces). */
    VALUE,
    /** The batch size m. */
    BATCH_SIZE,
    /** The 1/m of the cost's mean: kept apart from every other m so the 1/m analysis can count it. */
    COST_SCALE,
    /** A derivative {@code dV}. */
    DERIVATIVE,
    /**
     * The adjoint a derivation starts from (dL/dL, one per example). It stays a symbol until the
     * 1/m analysis has counted it on every path, then becomes 1.
     */
    SEED;

    /** Whether a reference of this kind is a number known before any data arrives. */
    public boolean isScalarConstant() {
        return this == CONST || this == BATCH_SIZE || this == COST_SCALE || this == SEED;
    }

    /** Whether values of this kind read the examples of the batch. */
    public boolean readsExamples() {
        return this == INPUT || this == TARGET;
    }
}
