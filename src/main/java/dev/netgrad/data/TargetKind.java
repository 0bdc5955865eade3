package dev.netgrad.data;

import dev.netgrad.codegen.RandomExamples;
import dev.netgrad.spec.Network;

/**
 * What the label column of a CSV file means for a network's target, and so what a prediction is
 * and how it is scored. The network decides, not the data: {@code predict} reads files without
 * labels, and a typo in a classifier's labels must be an error, not a regression.
 */
public enum TargetKind {
    /** A class index 0..k-1 for a target of k > 1 rows, one-hot encoded; predicts the largest output. */
    CLASSES,
    /** 0 or 1 for a one-row target whose loss reads a sigmoid (a probability); predicts 1 from 0.5. */
    BINARY,
    /** Any number for a one-row target whose loss reads no sigmoid (a regression); predicts the output. */
    REAL;

    /**
     * The kind of the network's single target: classes for k > 1 rows; for one row, 0/1 when its
     * loss is built on a sigmoid (or the softplus of binary cross-entropy on logits), else numbers:
     * the rule by which gradcheck and bench draw random targets.
     */
    public static TargetKind of(Network network, int targetRows) {
        if (targetRows > 1) {
            return CLASSES;
        }
        return RandomExamples.targetKind(network) == RandomExamples.TargetKind.REAL ? REAL : BINARY;
    }

    /** Whether a prediction is a class, scored by accuracy (else a number, scored by its root mean squared error). */
    public boolean classifies() {
        return this != REAL;
    }
}
