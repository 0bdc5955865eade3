package dev.netgrad.ir;

/**
 * A whole number in a range, and the one wording of its error, which the checker's diagnostics
 * (a size, a padding, a stride, a window, a train setting, the seed) and the IR's shape errors share:
 * {@code the stride must be a whole number between 1 and 16777216}, to which a caller adds what it found.
 */
public final class WholeNumbers {
    private WholeNumbers() {
    }

    /** Whether {@code v} is a whole number from {@code min} to {@code max}. */
    public static boolean isBetween(double v, long min, long max) {
        return v == Math.rint(v) && v >= min && v <= max;
    }

    /** {@code <what> must be a whole number between <min> and <max>}. */
    public static String mustBeBetween(String what, long min, long max) {
        return what + " must be a whole number between " + min + " and " + max;
    }
}
