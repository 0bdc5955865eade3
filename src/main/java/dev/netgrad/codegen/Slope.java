package dev.netgrad.codegen;

/**
 * A centred difference and its rounding as {@link GradientCheck}'s javadoc models it; or, for an
 * entry that has no difference to trust, why not ({@code leftOutWhy}, null when it has one) and
 * the kind of reason ({@code reason}, null when it has one).
 */
record Slope(double value, double rounding, String leftOutWhy, LeftOut.Reason reason) {
    static Slope leftOut(LeftOut.Reason reason, String why) {
        return new Slope(Double.NaN, Double.NaN, why, reason);
    }

    boolean acrossAKink() {
        return reason == LeftOut.Reason.ACROSS_A_KINK;
    }
}
