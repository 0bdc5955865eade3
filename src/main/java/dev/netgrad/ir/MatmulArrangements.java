package dev.netgrad.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * The ways a learner may have meant {@code l @ r}: as written, then in the order the backward pass's slips are
 * likeliest, a transpose left out (of r, of l), the operands in the other order, then both ({@code dZ2 @ W2} for
 * {@code W2.T @ dZ2}). check tries them on a product that does not fit and on a {@code *} written for np.dot.
 */
public final class MatmulArrangements {
    private MatmulArrangements() {
    }

    /** {@code l @ r} in each arrangement whose inner dimensions fit, as written first; plain matrices only. */
    public static List<Node> of(Node l, Node r) {
        Node lt = transposed(l);
        Node rt = transposed(r);
        List<Node> out = new ArrayList<>();
        for (Node[] pair : new Node[][] {{l, r}, {l, rt}, {lt, r}, {r, l}, {rt, lt}, {r, lt}, {rt, l}, {lt, rt}}) {
            if (pair[0].shape().cols() == pair[1].shape().rows()) {
                out.add(Apply.of(Op.MATMUL, pair[0], pair[1]));
            }
        }
        return out;
    }

    /** {@code n.T}; a transpose's operand itself. */
    public static Node transposed(Node n) {
        return n instanceof Apply a && a.op() == Op.TRANSPOSE ? a.x() : Apply.of(Op.TRANSPOSE, n);
    }
}
