package dev.netgrad.diff;

/** Which numerator the derivatives of non-param values use (docs/language.md section 8). */
public enum Convention {
    /** The course's: per-example values get dL, params dJ; the 1/m enters at the params. */
    LOSS,
    /** Everything gets dJ; the 1/m enters at the top. */
    COST;

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
