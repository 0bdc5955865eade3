package dev.netgrad.spec.check;

import dev.netgrad.ir.Node;
import dev.netgrad.spec.ast.Expr;
import java.util.Optional;

/** How an expression's names become IR; spec statements and equation lines differ in the details. */
interface NameResolver {
    /** The node {@code name} stands for; null after reporting why it has none (or silently if poisoned). */
    Node resolve(Expr.Name name);

    /** {@code mask(NAME)}; null after reporting. */
    Node mask(Expr.Name name);

    /** The image whose derivative the current line assigns ({@code P2} for a line {@code dP2 = ...}); empty elsewhere. */
    default Optional<Node> differentiatedImage() {
        return Optional.empty();
    }

    /**
     * For a product {@code left @ right} of the current line that does not fit, how to write it so that it fits and
     * gives the line its shape ({@code "; dZ2 @ A1.T would fit, giving 1 x 4, the shape of dW2"}), or "" when no
     * arrangement should be suggested; empty when nothing is known about the shape it should have.
     */
    default Optional<String> productHint(Expr.Binary product, Node left, Node right) {
        return Optional.empty();
    }

    /**
     * For an elementwise product {@code left * right} of the current line whose shapes do not broadcast, the matrix
     * product that fits and gives the line its shape, where {@code *} stands for numpy's np.dot ({@code ": '*'
     * multiplies entry by entry, ...; dZ2 @ A1.T would fit, ..."}); empty when none is known.
     */
    default Optional<String> matrixProductHint(Expr.Binary product, Node left, Node right) {
        return Optional.empty();
    }

    /**
     * For a sum or difference {@code left +/- right} of the current line whose shapes do not broadcast, what the
     * term that does not fit belongs to ({@code "; lambda/m * W3 is a term of dW3 ..."}); empty when nothing is known.
     */
    default Optional<String> sumHint(Node left, Node right) {
        return Optional.empty();
    }
}
