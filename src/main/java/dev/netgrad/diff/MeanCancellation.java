package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cancels the cost's 1/m against an m that the forward pass multiplies by: {@code Z2 = W2 @ A1 + m * b2}
 * gives {@code db2 = 1/m * m * sum(dZ2, axis=1)}, printed {@code db2 = sum(dZ2, axis=1)}. Runs on the
 * final equations, after the 1/m analysis has counted the cost's 1/m on every path (it must still see
 * it there); within one product the two factors cancel exactly.
 */
final class MeanCancellation {
    private final Map<Node, Node> memo = new IdentityHashMap<>();

    /** The node with every such pair cancelled; the same node when there was none. */
    Node apply(Node node) {
        Node done = memo.get(node);
        if (done != null) {
            return done;
        }
        Node result = compute(node);
        memo.put(node, result);
        return result;
    }

    private Node compute(Node node) {
        if (!(node instanceof Apply a)) {
            return node;
        }
        List<Node> args = new ArrayList<>(a.args().size());
        boolean changed = false;
        for (Node arg : a.args()) {
            Node rewritten = apply(arg);
            changed |= rewritten != arg;
            args.add(rewritten);
        }
        if (a.op() != Op.MUL && a.op() != Op.DIV) {
            return changed ? Apply.of(a.op(), args) : a;
        }
        // A factor that cancelled to 1 (1/m * m in (1/m * m) * X) folds into its product here.
        Product p = Product.of(changed ? Apply.of(a.op(), args) : a);
        return p.cancelCostScale() || changed ? p.build() : a;
    }
}
