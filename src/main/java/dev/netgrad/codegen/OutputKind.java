package dev.netgrad.codegen;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.RefKind;
import dev.netgrad.runtime.Prediction;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Statement;
import java.util.HashSet;
import java.util.Set;

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
     * Classes for a plain target of k > 1 rows (whose label is a class index): their logits when the
     * network passes the output to a softmax or log_softmax (a loss written on logits), else scores;
     * numbers for an image target; for one row, a logit when the network passes the output to a sigmoid or a
     * softplus (binary cross-entropy written on logits, in either form), a probability when the
     * output is a sigmoid's value, else a number (a regression, whatever its last activation).
     */
    public static Prediction of(Network network) {
        if (network.targets().size() == 1 && network.targets().get(0).grid() != null) {
            return Prediction.NUMBER;
        }
        if (network.targets().size() == 1 && network.targets().get(0).rows() > 1) {
            return passedOn(network, Op.SOFTMAX, Op.LOG_SOFTMAX) ? Prediction.CLASS_LOGITS : Prediction.CLASSES;
        }
        if (isLogit(network)) {
            return Prediction.LOGIT;
        }
        return isSigmoid(network) ? Prediction.PROBABILITY : Prediction.NUMBER;
    }

    /**
     * Whether each output row is a 0/1 reading (a probability or a logit), whatever the target's
     * rows: the rule of {@link #of} without the target's shape, for random targets.
     */
    static boolean readsBinary(Network network) {
        return isLogit(network) || isSigmoid(network);
    }

    /**
     * Whether the output is a sigmoid's value ({@code A2 = sigmoid(Z2)}), dropout or not: dropout is
     * off when predicting, and {@code dense 1 sigmoid dropout k} writes {@code dropout(sigmoid(Z2), k)}.
     */
    private static boolean isSigmoid(Network network) {
        return network.statement(network.output()).map(Statement::value).map(OutputKind::withoutDropout)
                .filter(value -> value instanceof Apply apply && apply.op() == Op.SIGMOID).isPresent();
    }

    private static Node withoutDropout(Node value) {
        return value instanceof Apply apply && apply.op() == Op.DROPOUT ? apply.args().get(0) : value;
    }

    /**
     * Whether some statement applies a sigmoid or a softplus to a value computed from the output
     * ({@code softplus(Z1)}, {@code softplus(-Z1)}, {@code sigmoid((2 * Y - 1) * Z1)}): then the
     * output is a logit. A softplus that computes the output ({@code A1 = softplus(Z1)}) is an
     * activation, not this.
     */
    private static boolean isLogit(Network network) {
        return passedOn(network, Op.SIGMOID, Op.SOFTPLUS);
    }

    /** Whether some statement applies {@code first} or {@code second} to a value computed from the output. */
    private static boolean passedOn(Network network, Op first, Op second) {
        Set<String> fromOutput = new HashSet<>(Set.of(network.output()));
        for (Statement statement : network.statements()) {
            for (Node node : Nodes.of(statement.value(), Nodes.Masks.SKIP)) {
                if (node instanceof Apply apply && (apply.op() == first || apply.op() == second)
                        && reads(apply.args().get(0), fromOutput)) {
                    return true;
                }
            }
            // Statements come in dependency order: one reading a value computed from the output is too.
            if (reads(statement.value(), fromOutput)) {
                fromOutput.add(statement.name());
            }
        }
        return false;
    }

    private static boolean reads(Node node, Set<String> names) {
        return Nodes.refs(node, Nodes.Masks.SKIP).stream()
                .anyMatch(ref -> ref.kind() == RefKind.VALUE && names.contains(ref.name()));
    }
}
