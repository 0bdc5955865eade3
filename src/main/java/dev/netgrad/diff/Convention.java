package dev.netgrad.diff;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which numerator the derivatives of non-param values use (docs/language.md section 8). */
public enum Convention {
    /** The course's: per-example values get dL, params dJ; the 1/m enters at the params. */
    LOSS,
    /** Everything gets dJ; the 1/m enters at the top. */
    COST;

    /** The name users write: {@code loss} or {@code cost}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The convention a user names by its keyword, exactly; empty for anything else. */
    public static Optional<Convention> of(String keyword) {
        return Arrays.stream(values()).filter(c -> c.keyword().equals(keyword)).findFirst();
    }
}
