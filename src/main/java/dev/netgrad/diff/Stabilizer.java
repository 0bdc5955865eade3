package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the forward program into forms that stay finite when outputs saturate:
 * {@code log(A)} with {@code A = sigmoid(Z)} becomes {@code -softplus(-Z)}, {@code log(1 - A)}
 * becomes {@code -softplus(Z)}, and {@code log(A)} with {@code A = softmax(Z)} becomes
 * {@code log_softmax(Z)} ({@link ProbabilityLog}). Values are unchanged; only the way they are computed.
 */
final class Stabilizer {
    private final Map<String, Node> definitions = new HashMap<>();

    static List<Statement> stabilize(List<Statement> program) {
        Stabilizer s = new Stabilizer();
        List<Statement> out = new ArrayList<>();
        for (Statement st : program) {
            Node value = s.rewrite(st.value());
            out.add(new Statement(st.name(), value, st.role(), st.pos()));
            s.definitions.put(st.name(), st.value());
        }
        return out;
    }

    private Node rewrite(Node node) {
        if (!(node instanceof Apply a)) {
            return node;
        }
        List<Node> args = a.args().stream().map(this::rewrite).toList();
        if (a.op() == Op.LOG) {
            Node stable = stableLog(a.x());
            if (stable != null) {
                return stable;
            }
        }
        return Apply.of(a.op(), args);
    }

    private Node stableLog(Node x) {
        return ProbabilityLog.of(x, definitions).map(ProbabilityLog::stableForm).orElse(null);
    }
}
