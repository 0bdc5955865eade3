package dev.netgrad.spec.check;

import dev.netgrad.spec.ast.Expr;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The names an expression reads, in the order they are written, found without recursion. */
final class ExprNames {
    private ExprNames() {
    }

    static Set<String> of(Expr root) {
        Set<String> names = new LinkedHashSet<>();
        Deque<Expr> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            if (e instanceof Expr.Name n) {
                names.add(n.name());
            } else {
                // Pushed last to first, so that they are read left to right (the source's order).
                List<Expr> children = e.children();
                for (int k = children.size() - 1; k >= 0; k--) {
                    todo.push(children.get(k));
                }
            }
        }
        return names;
    }
}
