package dev.netgrad.ir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one walk over an expression, for every pass that only collects or looks for something:
 * each distinct node once (nodes are shared), parents before children, left to right, as the
 * expression reads. A loop, not recursion, so a deeply nested expression cannot overflow the stack.
 */
public final class Nodes {
    /** Whether the walk enters {@code mask(A)}: A names the mask's owner, not a value the expression reads. */
    public enum Masks {
        ENTER,
        SKIP
    }

    private Nodes() {
    }

    /** Every distinct node of {@code root} in reading order (pre-order, left to right). */
    public static List<Node> of(Node root, Masks masks) {
        List<Node> out = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) {
                continue;
            }
            out.add(n);
            if (n instanceof Apply a && (masks == Masks.ENTER || a.op() != Op.MASK)) {
                for (int i = a.args().size() - 1; i >= 0; i--) {
                    todo.push(a.arg(i));
                }
            }
        }
        return out;
    }

    /** The distinct refs of {@code root}, in order of first appearance. */
    public static Set<Ref> refs(Node root, Masks masks) {
        Set<Ref> out = new LinkedHashSet<>();
        for (Node n : of(root, masks)) {
            if (n instanceof Ref r) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The param a term is made of alone, beside scalar constants only, when the term has its shape: {@code W2} of the
     * regularizer's {@code lambda/m * W2}. A line's term of that kind belongs on the param's own derivative line.
     */
    public static Optional<Ref> paramAlone(Node term) {
        Set<Ref> refs = refs(term, Masks.SKIP);
        List<Ref> params = refs.stream().filter(r -> r.kind() == RefKind.PARAM).toList();
        boolean constantsBeside = refs.stream().allMatch(r -> r.kind() == RefKind.PARAM || r.kind().isScalarConstant());
        return params.size() == 1 && constantsBeside && params.get(0).shape().equals(term.shape())
                ? Optional.of(params.get(0)) : Optional.empty();
    }

    /** Whether {@code root} reads a ref of {@code kind} anywhere (the batch size m, say). */
    public static boolean reads(Node root, RefKind kind) {
        return of(root, Masks.ENTER).stream().anyMatch(n -> n instanceof Ref r && r.kind() == kind);
    }

    /**
     * {@code root} with every node equal to {@code target} replaced by {@code replacement}, a {@code mask(A)}
     * entered or not as {@code masks} says; the unchanged parts are the same nodes. (Recursive, as the
     * expressions it is given are the lines of an equation file or a derivation, whose depth the parser bounds.)
     */
    public static Node replaced(Node root, Node target, Node replacement, Masks masks) {
        if (root.equals(target)) {
            return replacement;
        }
        if (!(root instanceof Apply a) || masks == Masks.SKIP && a.op() == Op.MASK) {
            return root;
        }
        List<Node> args = a.args().stream().map(x -> replaced(x, target, replacement, masks)).toList();
        return args.equals(a.args()) ? a : Apply.of(a.op(), args);
    }

    /** Whether {@code root} applies {@code op} anywhere. */
    public static boolean applies(Node root, Op op) {
        return of(root, Masks.ENTER).stream().anyMatch(n -> n instanceof Apply a && a.op() == op);
    }
}
