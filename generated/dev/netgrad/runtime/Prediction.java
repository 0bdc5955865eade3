package dev.netgrad.runtime;

import java.util.Objects;

/**
 * What a network's output is, and so what a prediction from it is: the generator reads it from
 * the spec (the target's rows and what the loss does with the output), so that every user of a
 * trainer (the command line, Spark, a user's own code) reads the output the same way.
 */
public enum Prediction {
    /** Scores of k > 1 classes (a softmax, say): the class is the largest; labels are class indices. */
    CLASSES,
    /**
     * The logits of k > 1 classes, which the network passes to a softmax or a log_softmax only in its
     * loss: the class is the largest, the classes' probabilities are the logits' softmax; labels are
     * class indices.
     */
    CLASS_LOGITS,
    /** The probability of class 1 (a sigmoid): the class is 1 from 0.5; labels are 0 or 1. */
    PROBABILITY,
    /**
     * The logit of class 1, which the network passes to a sigmoid (or to the softplus of binary
     * cross-entropy on logits) only in its loss: the class is 1 from 0; labels are 0 or 1.
     */
    LOGIT,
    /** A number, the prediction itself (a regression); labels are any numbers. */
    NUMBER;

    /**
     * The class of an output row with a NaN: none. A NaN is no score (numpy's argmax would name its index),
     * and a class read from it would look like an answer, counted right whenever the label matched.
     */
    public static final int NO_CLASS = -1;

    /** Whether a prediction is a class (else a number). */
    public boolean classifies() {
        return this != NUMBER;
    }

    /** Whether the output has a row per class, k > 1 (else one row). */
    public boolean scoresClasses() {
        return this == CLASSES || this == CLASS_LOGITS;
    }

    /**
     * The predicted class of one output row (not empty; of one entry for PROBABILITY and LOGIT), {@link #NO_CLASS}
     * if it holds a NaN; a NUMBER has none.
     */
    public int classOf(double[] output) {
        Objects.requireNonNull(output, "output is null");
        requireEntries(output);
        if ((this == PROBABILITY || this == LOGIT) && output.length > 1) {
            // Read from row 0 alone, a softmax's row of k scores would be a class without a word.
            throw new IllegalArgumentException("a " + this + " output row has one entry, its reading of class 1, found " + output.length
                    + ": a row of k > 1 scores is CLASSES' or CLASS_LOGITS'");
        }
        if (this != NUMBER && hasNaN(output)) {
            return NO_CLASS;
        }
        return switch (this) {
            case CLASSES, CLASS_LOGITS -> largest(output);
            case PROBABILITY -> output[0] >= 0.5 ? 1 : 0;
            case LOGIT -> output[0] >= 0 ? 1 : 0;
            case NUMBER -> throw new IllegalStateException("a number is no class");
        };
    }

    /** The probability of class 1 that a one-row output stands for: itself, or the sigmoid of a logit. */
    public double probabilityOfOne(double output) {
        return switch (this) {
            case PROBABILITY -> output;
            case LOGIT -> output >= 0 ? 1 / (1 + Math.exp(-output)) : Math.exp(output) / (1 + Math.exp(output));
            case CLASSES, CLASS_LOGITS, NUMBER -> throw new IllegalStateException(this + " has no probability of class 1");
        };
    }

    /**
     * The classes' probabilities that an output row of k > 1 classes stands for: the row itself for
     * {@link #CLASSES}, the softmax of the logits for {@link #CLASS_LOGITS}, computed as a network's
     * softmax is ({@link Kernels#softmax}: the largest logit taken out first, so no exp overflows). An empty row
     * is refused, as {@link #classOf} refuses it: it has no classes to give probabilities of.
     */
    public double[] classProbabilities(double[] output) {
        Objects.requireNonNull(output, "output is null");
        requireEntries(output);
        return switch (this) {
            case CLASSES -> output.clone();
            case CLASS_LOGITS -> softmax(output);
            case PROBABILITY, LOGIT, NUMBER -> throw new IllegalStateException(this + " has no row per class");
        };
    }

    private static void requireEntries(double[] output) {
        if (output.length == 0) {
            throw new IllegalArgumentException("output is empty: an output row has an entry per row of the network's output");
        }
    }

    private static double[] softmax(double[] logits) {
        double[] p = new double[logits.length];
        Kernels.softmax(logits, p, logits.length, 1);
        return p;
    }

    private static boolean hasNaN(double[] output) {
        for (double v : output) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    private static int largest(double[] output) {
        int best = 0;
        for (int k = 1; k < output.length; k++) {
            if (output[k] > output[best]) {
                best = k;
            }
        }
        return best;
    }
}
