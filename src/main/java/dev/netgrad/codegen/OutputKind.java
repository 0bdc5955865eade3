package dev.netgrad.codegen;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.runtime.Prediction;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Statement;

/**
 * What a network's output is, read from its spec: the one rule behind a generated trainer's
 * {@code PREDICTION}, the command line's labels and scores, and the random targets of gradcheck
 * and bench. The spec decides, not the data: a prediction is made without labels, and a stray 2
 * among a classifier's labels must be an error, not a regression.
 */
public final class OutputKind {
    private OutputKind() {
    }

    /**
     * Classes for a plain target of k > 1 rows (whose label is a class index); numbers for an
     * image target; for one row, a probability or a logit when the loss is built on a sigmoid (or
     * on the softplus of binary cross-entropy written on logits), else a number (a regression).
     */
    public static Prediction of(Network network) {
        if (network.targets().size() == 1 && network.targets().get(0).grid() != null) {
            return Prediction.NUMBER;
        }
        if (network.targets().size() == 1 && network.targets().get(0).rows() > 1) {
            return Prediction.CLASSES;
        }
        if (RandomExamples.targetKind(network) == RandomExamples.TargetKind.REAL) {
            return Prediction.NUMBER;
        }
        return squashedInTheNetwork(network) ? Prediction.LOGIT : Prediction.PROBABILITY;
    }

    /** Whether some statement applies a sigmoid or a softplus to the output itself: then it is a logit. */
    private static boolean squashedInTheNetwork(Network network) {
        for (Statement statement : network.statements()) {
            boolean squashes = Nodes.of(statement.value(), Nodes.Masks.SKIP).stream()
                    .anyMatch(node -> node instanceof Apply apply && (apply.op() == Op.SIGMOID || apply.op() == Op.SOFTPLUS)
                            && apply.args().get(0) instanceof Ref ref && ref.kind() == RefKind.VALUE
                            && ref.name().equals(network.output()));
            if (squashes) {
                return true;
            }
        }
        return false;
    }
}
