package dev.netgrad.data;

import dev.netgrad.codegen.RandomExamples;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Statement;

/**
 * What the label column of a CSV file means for a network's target, and so what a prediction is
 * and how it is scored. The network decides, not the data: {@code predict} reads files without
 * labels, and a typo in a classifier's labels must be an error, not a regression.
 */
public enum TargetKind {
    /** A class index 0..k-1 for a target of k > 1 rows, one-hot encoded; predicts the largest output. */
    CLASSES,
    /** 0 or 1 for a one-row target whose output is a probability; predicts 1 from 0.5. */
    BINARY,
    /**
     * 0 or 1 for a one-row target whose output is a logit, the argument of the sigmoid (or of the
     * softplus of binary cross-entropy on logits) that the network applies to it; predicts 1 from 0.
     */
    LOGIT,
    /** Any number for a one-row target whose loss reads no sigmoid (a regression); predicts the output. */
    REAL;

    /**
     * The kind of the network's single target: classes for k > 1 rows; for one row, 0/1 when its
     * loss is built on a sigmoid (or the softplus of binary cross-entropy on logits), the rule by
     * which gradcheck and bench draw random targets, else numbers.
     */
    public static TargetKind of(Network network, int targetRows) {
        if (targetRows > 1) {
            return CLASSES;
        }
        if (RandomExamples.targetKind(network) == RandomExamples.TargetKind.REAL) {
            return REAL;
        }
        return isLogit(network) ? LOGIT : BINARY;
    }

    /** Whether a prediction is a class, scored by accuracy (else a number, scored by its root mean squared error). */
    public boolean classifies() {
        return this != REAL;
    }

    /** The predicted class of one output row; only for kinds that classify. */
    public int classOf(double[] output) {
        return switch (this) {
            case CLASSES -> largest(output);
            case BINARY -> output[0] >= 0.5 ? 1 : 0;
            case LOGIT -> output[0] >= 0 ? 1 : 0;
            case REAL -> throw new IllegalStateException("a regression's prediction is no class");
        };
    }

    private static int largest(double[] output) {
        int best = 0;
        for (int j = 1; j < output.length; j++) {
            if (output[j] > output[best]) {
                best = j;
            }
        }
        return best;
    }

    /** Whether some statement applies a sigmoid or a softplus to the output itself: then it is a logit. */
    private static boolean isLogit(Network network) {
        for (Statement statement : network.statements()) {
            boolean squashesOutput = Nodes.of(statement.value(), Nodes.Masks.SKIP).stream()
                    .anyMatch(node -> node instanceof Apply apply && (apply.op() == Op.SIGMOID || apply.op() == Op.SOFTPLUS)
                            && apply.args().get(0) instanceof Ref ref && ref.kind() == RefKind.VALUE
                            && ref.name().equals(network.output()));
            if (squashesOutput) {
                return true;
            }
        }
        return false;
    }
}
