package dev.netgrad.spec.check;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.MatmulArrangements;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Shape;
import java.util.Optional;

/**
 * A matrix product of an equation line that does not fit (or a {@code *} written for np.dot whose shapes do not
 * broadcast), arranged so that it does and gives the line its shape: the
 * backward pass's classic slips are a transpose left out ({@code dZ2 @ A1}, {@code W2 @ dZ2}), the operands in the
 * other order ({@code A1.T @ dZ2}) or both ({@code dZ2 @ W2} for {@code W2.T @ dZ2}). The plain "the left operand
 * transposed would fit" sent {@code dZ2 @ W2} to {@code dZ2.T @ W2}, which fits and is the wrong shape.
 */
final class ProductArrangement {
    private ProductArrangement() {
    }

    /**
     * The first arrangement of {@code left @ right} ({@link MatmulArrangements}, as written first: a {@code *} written
     * for np.dot, {@code dZ2 * A1.T}, may have its operands right as they stand) whose inner dimensions fit and whose
     * result is {@code want}, printed with the operands' number factors in front ({@code 1/m * dZ2 @ A1.T} for
     * {@code 1/m * A1.T @ dZ2}); empty when none is, or an operand is an image or a filter bank.
     */
    static Optional<String> fitting(Node left, Node right, Shape want) {
        if (left.shape().grid() != null || right.shape().grid() != null) {
            return Optional.empty();
        }
        return MatmulArrangements.of(unscaled(left), unscaled(right)).stream().filter(p -> p.shape().equals(want)).findFirst()
                .map(p -> printed(left, right, (Apply) p));
    }

    /** The arrangement {@code p} of {@code left @ right}, with the operands' number factors in front. */
    private static String printed(Node left, Node right, Apply p) {
        Node first = scaled(scale(right), scaled(scale(left), p.arg(0)));
        return ExprPrinter.print(Apply.of(Op.MATMUL, first, p.arg(1)));
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
