package dev.netgrad.spec.check;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Shape;
import java.util.List;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * A matrix product of an equation line that does not fit, arranged so that it does and gives the line its shape: the
 * backward pass's classic slips are a transpose left out ({@code dZ2 @ A1}, {@code W2 @ dZ2}), the operands in the
 * other order ({@code A1.T @ dZ2}) or both ({@code dZ2 @ W2} for {@code W2.T @ dZ2}). The plain "the left operand
 * transposed would fit" sent {@code dZ2 @ W2} to {@code dZ2.T @ W2}, which fits and is the wrong shape.
 */
final class ProductArrangement {
    /** The arrangements, the likeliest slip first: a transpose left out, the order swapped, then both. */
    private static final List<BinaryOperator<Node>> ARRANGEMENTS = List.of(
            (l, r) -> product(l, transpose(r)),
            (l, r) -> product(transpose(l), r),
            (l, r) -> product(r, l),
            (l, r) -> product(transpose(r), transpose(l)),
            (l, r) -> product(r, transpose(l)),
            (l, r) -> product(transpose(r), l),
            (l, r) -> product(transpose(l), transpose(r)));

    private ProductArrangement() {
    }

    /**
     * As {@link #fitting}, trying {@code left @ right} as written first: for an elementwise product written where the
     * matrix product was meant ({@code dZ2 * A1.T}), the operands may be right as they stand.
     */
    static Optional<String> fittingAsWritten(Node left, Node right, Shape want) {
        if (left.shape().grid() == null && right.shape().grid() == null) {
            Node p = product(unscaled(left), unscaled(right));
            if (p != null && p.shape().equals(want)) {
                return Optional.of(printed(left, right, (Apply) p));
            }
        }
        return fitting(left, right, want);
    }

    /**
     * The first arrangement of {@code left @ right} whose inner dimensions fit and whose result is {@code want}, printed
     * with the operands' number factors in front ({@code 1/m * dZ2 @ A1.T} for {@code 1/m * A1.T @ dZ2}); empty when
     * none is, or an operand is an image or a filter bank.
     */
    static Optional<String> fitting(Node left, Node right, Shape want) {
        if (left.shape().grid() != null || right.shape().grid() != null) {
            return Optional.empty();
        }
        Node l = unscaled(left);
        Node r = unscaled(right);
        for (BinaryOperator<Node> arrangement : ARRANGEMENTS) {
            Node p = arrangement.apply(l, r);
            if (p != null && p.shape().equals(want)) {
                return Optional.of(printed(left, right, (Apply) p));
            }
        }
        return Optional.empty();
    }

    /** The arrangement {@code p} of {@code left @ right}, with the operands' number factors in front. */
    private static String printed(Node left, Node right, Apply p) {
        Node first = scaled(scale(right), scaled(scale(left), p.arg(0)));
        return ExprPrinter.print(Apply.of(Op.MATMUL, first, p.arg(1)));
    }

    /** {@code a @ b}, or null when it does not fit. */
    private static Node product(Node a, Node b) {
        return a.shape().cols() == b.shape().rows() ? Apply.of(Op.MATMUL, a, b) : null;
    }

    /** {@code n.T}; a transpose's operand itself. */
    private static Node transpose(Node n) {
        return n instanceof Apply a && a.op() == Op.TRANSPOSE ? a.x() : Apply.of(Op.TRANSPOSE, n);
    }

    /** The number factor in front of an operand ({@code 1/m} of {@code 1/m * A1.T}), or null. */
    private static Node scale(Node n) {
        return n instanceof Apply a && a.op() == Op.MUL && a.arg(0).shape().isScalar() && !a.arg(1).shape().isScalar()
                ? a.arg(0) : null;
    }

    private static Node unscaled(Node n) {
        return scale(n) == null ? n : ((Apply) n).arg(1);
    }

    private static Node scaled(Node factor, Node n) {
        return factor == null ? n : Apply.of(Op.MUL, factor, n);
    }
}
