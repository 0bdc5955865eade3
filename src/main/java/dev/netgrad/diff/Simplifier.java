package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rebuilds an expression bottom-up through {@link Algebra}'s simplifying constructors, after
 * substituting references, and names every subexpression that a forward statement already
 * computes (so {@code softmax(Z2)} prints as {@code P} when {@code P = softmax(Z2)}).
 */
final class Simplifier {
    private final Function<Ref, Node> substitution;
    private final Map<Node, Ref> named;
    private final Map<Node, Node> memo = new IdentityHashMap<>();

    Simplifier(Function<Ref, Node> substitution, Map<Node, Ref> named) {
        this.substitution = substitution;
        this.named = new HashMap<>(named);
    }

    Node rebuild(Node node) {
        Node done = memo.get(node);
        if (done != null) {
            return done;
        }
        Node result = name(compute(node));
        memo.put(node, result);
        return result;
    }

    private Node name(Node node) {
        Ref ref = node instanceof Apply ? named.get(node) : null;
        return ref == null ? node : ref;
    }

    private Node compute(Node node) {
        if (node instanceof Ref r) {
            return substitution.apply(r);
        }
        if (!(node instanceof Apply a)) {
            return node;
        }
        List<Node> args = a.args().stream().map(this::rebuild).toList();
        return switch (a.op()) {
            case ADD -> Algebra.add(args.get(0), args.get(1));
            case SUB -> Algebra.sub(args.get(0), args.get(1));
            case MUL -> Algebra.mul(args.get(0), args.get(1));
            case DIV -> Algebra.div(args.get(0), args.get(1));
            case NEG -> Algebra.neg(args.get(0));
            case MATMUL -> Algebra.matmul(args.get(0), args.get(1));
            case TRANSPOSE -> Algebra.transpose(args.get(0));
            case POW -> args.get(1) instanceof dev.netgrad.ir.Num p
                    ? Algebra.pow(args.get(0), p.value()) : Apply.of(Op.POW, args);
            case SUM, SUM0, SUM1, MEAN, MEAN0, MEAN1 -> Algebra.reduce(a.op(), args.get(0));
            case CONV2D_INPUT, CHANNEL_SUM, MAXPOOL_INPUT, AVGPOOL_INPUT, UNFLATTEN ->
                    Algebra.linear(a.op(), 0, args.toArray(Node[]::new));
            case CONV2D_WEIGHT -> Algebra.linear(a.op(), 1, args.toArray(Node[]::new));
            default -> Apply.of(a.op(), args);
        };
    }
}
