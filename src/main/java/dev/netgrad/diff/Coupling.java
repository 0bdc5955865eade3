package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Statement;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a value depends on the examples of a batch: not at all (params, consts: FREE), column by
 * column (PER_EXAMPLE), row by row (PER_EXAMPLE_ROW: a per-example value transposed, {@code X.T},
 * {@code X.T @ W.T}, which a second transpose turns back), or mixing examples (COUPLED: an axis-1
 * reduction, batchnorm, a product that contracts over m).
 */
enum Coupling {
    FREE, PER_EXAMPLE, PER_EXAMPLE_ROW, COUPLED;

    /** Both operands of an elementwise operation: a column per example meeting a row per example is m x m. */
    Coupling join(Coupling other) {
        if ((this == PER_EXAMPLE && other == PER_EXAMPLE_ROW) || (this == PER_EXAMPLE_ROW && other == PER_EXAMPLE)) {
            return COUPLED;
        }
        return values()[Math.max(ordinal(), other.ordinal())];
    }

    /** Per example, whichever side holds the examples. */
    boolean perExample() {
        return this == PER_EXAMPLE || this == PER_EXAMPLE_ROW;
    }

    /** Classifies the nodes of a lowered program, statement by statement. */
    static final class Analysis {
        private final Map<String, Coupling> statements = new HashMap<>();
        private final Map<Node, Coupling> nodes = new IdentityHashMap<>();

        Analysis(List<Statement> program) {
            for (Statement s : program) {
                statements.put(s.name(), of(s.value()));
            }
        }

        Coupling statement(String name) {
            return statements.getOrDefault(name, FREE);
        }

        Coupling of(Node node) {
            Coupling known = nodes.get(node);
            if (known != null) {
                return known;
            }
            Coupling c = compute(node);
            nodes.put(node, c);
            return c;
        }

        private Coupling compute(Node node) {
            if (node instanceof Ref r) {
                return switch (r.kind()) {
                    case INPUT, TARGET -> PER_EXAMPLE;
                    case VALUE -> statement(r.name());
                    default -> FREE;
                };
            }
            if (!(node instanceof Apply a)) {
                return FREE;
            }
            if (a.op() == Op.MASK) {
                // The mask of a dropout has the shape of what it keeps: examples in columns or in rows.
                return a.shape().cols() == Shape.M ? PER_EXAMPLE : PER_EXAMPLE_ROW;
            }
            Coupling args = FREE;
            for (Node arg : a.args()) {
                args = args.join(of(arg));
            }
            if (args == FREE || args == COUPLED) {
                return args;
            }
            boolean rows = args == PER_EXAMPLE_ROW;
            return switch (a.op()) {
                case SUM, MEAN, BATCHNORM, CHANNEL_SUM, CONV2D_WEIGHT -> COUPLED;
                // Down each column, along each row: per example only across the side that is not the examples'.
                case SUM0, MEAN0, SOFTMAX, LOG_SOFTMAX -> rows ? COUPLED : args;
                case SUM1, MEAN1 -> rows ? args : COUPLED;
                case TRANSPOSE -> rows ? PER_EXAMPLE : PER_EXAMPLE_ROW;
                case MATMUL -> matmul(of(a.arg(0)), of(a.arg(1)));
                default -> args;
            };
        }

        /** Fixed weights on the examples' other side keep them apart (W @ X, X.T @ W.T); any other product mixes them. */
        private static Coupling matmul(Coupling left, Coupling right) {
            if (left == FREE && right == PER_EXAMPLE) {
                return PER_EXAMPLE;
            }
            return left == PER_EXAMPLE_ROW && right == FREE ? PER_EXAMPLE_ROW : COUPLED;
        }
    }
}
