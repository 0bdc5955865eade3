package dev.netgrad.codegen;

/**
 * A centred difference and its rounding as {@link GradientCheck}'s javadoc models it; or, for an
 * entry that has no difference to trust, why not ({@code leftOutWhy}, null when it has one), and
 * whether that is because a step crossed a kink.
 */
record Slope(double value, double rounding, String leftOutWhy, boolean acrossAKink) {
    static Slope leftOut(String why) {
        return new Slope(Double.NaN, Double.NaN, why, false);
    }

    static Slope acrossAKink(String why) {
        return new Slope(Double.NaN, Double.NaN, why, true);
    }
}
