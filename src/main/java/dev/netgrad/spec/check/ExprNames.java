package dev.netgrad.spec.check;

import dev.netgrad.spec.ast.Expr;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/** The names an expression reads, found without recursion. */
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
            } else if (e instanceof Expr.Negate n) {
                todo.push(n.operand());
            } else if (e instanceof Expr.Binary b) {
                todo.push(b.right());
                todo.push(b.left());
            } else if (e instanceof Expr.Power p) {
                todo.push(p.exponent());
                todo.push(p.base());
            } else if (e instanceof Expr.Transpose t) {
                todo.push(t.operand());
            } else if (e instanceof Expr.Call c) {
                c.args().forEach(a -> todo.push(a.value()));
            }
        }
        return names;
    }
}
