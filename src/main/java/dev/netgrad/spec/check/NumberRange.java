package dev.netgrad.spec.check;

import dev.netgrad.ir.ExprPrinter;

/**
 * The numbers a hyper-parameter of a spec may take, each rule stated once: a dropout's keep
 * probability (a {@code dropout(x, keep)} call and a dense layer's {@code dropout keep} alike), the
 * optimizer's lr, betas and eps, l2's strength. The runtime's Optimizer, the command line's --lr and
 * the Spark estimator state the same rules in their own layers; HyperparameterRangesTest holds all
 * of them to one table.
 */
record NumberRange(double low, boolean openLow, double high, boolean openHigh) {
    /** A dropout's keep probability: 1 keeps everything, 0 nothing (and would divide by 0). */
    static final NumberRange KEEP = new NumberRange(0, true, 1, false);
    /** The learning rate, adam's eps: any finite number above 0. */
    static final NumberRange POSITIVE = new NumberRange(0, true, Double.MAX_VALUE, false);
    /** l2's strength: any finite number from 0, which regularizes nothing (the course's lambd = 0). */
    static final NumberRange NON_NEGATIVE = new NumberRange(0, false, Double.MAX_VALUE, false);
    /** momentum's beta, adam's beta1 and beta2: the weight of the past in an average, 1 never forgetting it. */
    static final NumberRange BETA = new NumberRange(0, false, 1, true);

    boolean contains(double v) {
        return (openLow ? v > low : v >= low) && (openHigh ? v < high : v <= high);
    }

    /** What "must be" asks for: {@code in (0, 1]}, {@code greater than 0}. */
    String allowed() {
        return high == Double.MAX_VALUE
                ? (openLow ? "greater than " : "at least ") + ExprPrinter.number(low)
                : "in " + (openLow ? "(" : "[") + ExprPrinter.number(low) + ", " + ExprPrinter.number(high) + (openHigh ? ")" : "]");
    }
}
