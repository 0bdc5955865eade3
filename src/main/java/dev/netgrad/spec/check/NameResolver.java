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
}
