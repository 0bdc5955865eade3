package dev.netgrad.spec.check;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;

/** The refs and operations an IR expression contains, found without recursion (nodes are shared). */
final class IrRefs {
    private IrRefs() {
    }

    static Set<Ref> of(Node root) {
        Set<Ref> refs = new LinkedHashSet<>();
        walk(root, n -> {
            if (n instanceof Ref r) {
                refs.add(r);
            }
            return false;
        });
        return refs;
    }

    static boolean contains(Node root, Op op) {
        return walk(root, n -> n instanceof Apply a && a.op() == op);
    }

    private interface Visitor {
        /** True to stop: the walk has found what it looked for. */
        boolean visit(Node n);
    }

    private static boolean walk(Node root, Visitor visitor) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) {
                continue;
            }
            if (visitor.visit(n)) {
                return true;
            }
            if (n instanceof Apply a) {
                a.args().forEach(todo::push);
            }
        }
        return false;
    }
}
