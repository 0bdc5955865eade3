package dev.netgrad.spec.check;

import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import java.util.Set;

/** The refs and operations an IR expression contains ({@link Nodes}' walk, into masks too). */
final class IrRefs {
    private IrRefs() {
    }

    static Set<Ref> of(Node root) {
        return Nodes.refs(root, Nodes.Masks.ENTER);
    }

    static boolean contains(Node root, Op op) {
        return Nodes.applies(root, op);
    }
}
