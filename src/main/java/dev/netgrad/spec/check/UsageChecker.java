package dev.netgrad.spec.check;

import dev.netgrad.ir.Node;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every param must reach the cost: a param nothing trains is almost surely a mistake, and so is a
 * network with no param at all (nothing to differentiate or train).
 */
final class UsageChecker {
    private UsageChecker() {
    }

    static void check(List<Param> params, List<Statement> statements, Statement cost, SourcePos network,
            Diagnostics diagnostics) {
        if (params.isEmpty()) {
            diagnostics.error(network, "the network has no params, so there is nothing to differentiate or train: "
                    + "declare one ('param W[1, 2]') or a layer ('dense 4 tanh')");
        }
        Set<String> used = paramsRead(statements, cost);
        for (Param p : params) {
            if (!used.contains(p.name())) {
                diagnostics.error(p.pos(), "param '" + p.name() + "' is not used by the loss or the cost, so "
                        + "nothing would train it");
            }
        }
    }

    private static Set<String> paramsRead(List<Statement> statements, Statement cost) {
        Map<String, Node> values = new HashMap<>();
        statements.forEach(s -> values.put(s.name(), s.value()));
        Set<String> params = new HashSet<>();
        Set<String> visited = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(cost.value());
        while (!todo.isEmpty()) {
            for (Ref r : IrRefs.of(todo.pop())) {
                if (r.kind() == RefKind.PARAM) {
                    params.add(r.name());
                } else if (r.kind() == RefKind.VALUE && values.containsKey(r.name()) && visited.add(r.name())) {
                    todo.push(values.get(r.name()));
                }
            }
        }
        return params;
    }
}
