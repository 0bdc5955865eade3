package dev.netgrad.spec.check;

import dev.netgrad.ir.Node;
import dev.netgrad.spec.ast.Expr;

/** How an expression's names become IR; spec statements and equation lines differ in the details. */
interface NameResolver {
    /** The node {@code name} stands for; null after reporting why it has none (or silently if poisoned). */
    Node resolve(Expr.Name name);

    /** {@code mask(NAME)}; null after reporting. */
    Node mask(Expr.Name name);
}
