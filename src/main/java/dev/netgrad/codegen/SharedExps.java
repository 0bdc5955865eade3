package dev.netgrad.codegen;

import dev.netgrad.codegen.Buffers.Buffer;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * exp(-|x|) computed once for a value x that feeds both {@code A = sigmoid(x)} and, in the loss
 * or the cost, softplus(x) and softplus(-x) (the stable binary cross-entropy): the statement of A
 * stores it in a buffer, in a loop of its own before computing A from it, and the loss reads it
 * for log1p. The sigmoid kernel and softplus compute the same exp(-|x|), so the bits are those of
 * computing it twice. Only the loss and the cost read it: they are computed by the forward pass
 * alone, always after A, where a value may also be computed for a prediction without A.
 *
 * @param produce for the statement being compiled: the buffers it stores, by the name of x
 * @param consume the buffers it may read instead of computing exp(-|x|), by the name of x
 */
record SharedExps(Map<String, Buffer> produce, Map<String, Buffer> consume) {
    static final SharedExps NONE = new SharedExps(Map.of(), Map.of());

    /** What each statement of the forward pass stores and reads, by statement name. */
    static Map<String, SharedExps> plan(List<Statement> forward, Buffers buffers) {
        Map<String, Buffer> stored = new LinkedHashMap<>();
        Map<String, SharedExps> out = new HashMap<>();
        for (int i = 0; i < forward.size(); i++) {
            Statement s = forward.get(i);
            Map<String, Buffer> produce = new HashMap<>();
            if (sigmoidOfValue(s) instanceof Ref x && !stored.containsKey(x.name()) && pairedLater(x, forward, i)) {
                Buffer from = buffers.named(x.name());
                Buffer e = buffers.temp(from.java(), "exp", x.shape());
                produce.put(x.name(), e);
            }
            out.put(s.name(), new SharedExps(produce, s.role() == Statement.Role.VALUE ? Map.of() : Map.copyOf(stored)));
            stored.putAll(produce);
        }
        return out;
    }

    /** x when the statement is exactly {@code A = sigmoid(x)}, x a named value of A's shape (not 1 x 1): a flat loop. */
    private static Node sigmoidOfValue(Statement s) {
        if (s.value() instanceof Apply a && a.op() == Op.SIGMOID && a.x() instanceof Ref x
                && x.kind() == RefKind.VALUE && x.shape().equals(a.shape()) && !a.shape().isScalar()) {
            return x;
        }
        return null;
    }

    /** Whether the loss or the cost, after the i-th statement, computes both softplus(x) and softplus(-x). */
    private static boolean pairedLater(Ref x, List<Statement> forward, int i) {
        for (int j = i + 1; j < forward.size(); j++) {
            if (forward.get(j).role() == Statement.Role.VALUE) {
                continue;
            }
            Set<Integer> signs = new HashSet<>();
            softplusSigns(forward.get(j).value(), x, signs);
            if (signs.size() == 2) {
                return true;
            }
        }
        return false;
    }

    private static void softplusSigns(Node node, Ref x, Set<Integer> signs) {
        if (!(node instanceof Apply a)) {
            return;
        }
        if (a.op() == Op.SOFTPLUS) {
            if (a.x().equals(x)) {
                signs.add(1);
            } else if (a.x() instanceof Apply n && n.op() == Op.NEG && n.x().equals(x)) {
                signs.add(-1);
            }
        }
        a.args().forEach(arg -> softplusSigns(arg, x, signs));
    }
}
