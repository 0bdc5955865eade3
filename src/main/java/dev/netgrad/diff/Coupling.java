package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.spec.Statement;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a value depends on the examples of a batch: not at all (params, consts: FREE), column by
 * column (PER_EXAMPLE), or mixing examples (COUPLED: an axis-1 reduction, batchnorm, a product
 * that contracts over m).
 */
enum Coupling {
    FREE, PER_EXAMPLE, COUPLED;

    Coupling join(Coupling other) {
        return values()[Math.max(ordinal(), other.ordinal())];
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
                return PER_EXAMPLE;
            }
            Coupling args = FREE;
            for (Node arg : a.args()) {
                args = args.join(of(arg));
            }
            if (args == FREE) {
                return FREE;
            }
            return switch (a.op()) {
                case SUM, SUM1, MEAN, MEAN1, TRANSPOSE, BATCHNORM, CHANNEL_SUM, CONV2D_WEIGHT -> COUPLED;
                case MATMUL -> of(a.arg(0)) != FREE && of(a.arg(1)) != FREE ? COUPLED : args;
                default -> args;
            };
        }
    }
}
