package dev.netgrad.spec.check;

import dev.netgrad.ir.Node;
import dev.netgrad.ir.Ref;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.Statement;
import dev.netgrad.spec.ast.Expr;
import dev.netgrad.spec.ast.Member;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds every statement's IR in order. A name may only be read after its statement; reading a
 * later one is reported as a cycle when the later statement reads back, else as a use before
 * assignment.
 */
final class StatementBuilder implements NameResolver {
    private final Symbols symbols;
    private final Diagnostics diagnostics;
    private final ExprBuilder exprs;
    private final ConstantFolder constants;
    private final Map<String, Integer> order = new HashMap<>();
    private final Map<String, Member.Assignment> byName = new LinkedHashMap<>();
    private List<Member.Assignment> assignments = List.of();
    private int current;

    StatementBuilder(Symbols symbols, Diagnostics diagnostics) {
        this.symbols = symbols;
        this.diagnostics = diagnostics;
        this.exprs = new ExprBuilder(this, symbols, diagnostics, false);
        this.constants = new ConstantFolder(symbols, diagnostics);
    }

    /** The statements that built without error, in the given order. */
    List<Statement> build(List<Member.Assignment> assignments) {
        this.assignments = List.copyOf(assignments);
        for (int i = 0; i < assignments.size(); i++) {
            order.putIfAbsent(assignments.get(i).name(), i);
            byName.putIfAbsent(assignments.get(i).name(), assignments.get(i));
        }
        List<Statement> built = new ArrayList<>();
        for (current = 0; current < assignments.size(); current++) {
            Member.Assignment a = assignments.get(current);
            exprs.startStatement();
            Node value = exprs.build(a.value());
            if (value != null) {
                constants.checkFinite(a.value());
            }
            if (value != null && order.get(a.name()) == current) {
                built.add(new Statement(a.name(), value, a.role(), a.pos()));
                symbols.lookup(a.name()).ifPresent(s -> symbols.put(s.withNode(Symbols.valueRef(a.name(), value.shape()))));
            }
        }
        return built;
    }

    @Override
    public Node resolve(Expr.Name name) {
        Optional<Symbols.Symbol> symbol = symbols.lookup(name.name());
        if (name.name().equals(Ref.BATCH_SIZE_NAME)) {
            // A symbol m exists only when its declaration was refused (and reported): the uses meant
            // that variable, not the batch size, so they are not new mistakes.
            return symbol.isPresent() ? null : Ref.batchSize();
        }
        if (symbol.isEmpty()) {
            return undefined(name);
        }
        Integer index = order.get(name.name());
        if (symbol.get().kind() == Symbols.Kind.VALUE && index != null && index >= current) {
            return early(name, index);
        }
        return symbol.get().node().orElse(null);
    }

    private Node undefined(Expr.Name name) {
        if (Names.FUNCTIONS.contains(name.name())) {
            diagnostics.error(name.pos(), "'" + name.name() + "' is a function: call it, " + name.name() + "(...)");
        } else {
            List<String> known = symbols.all().stream().map(Symbols.Symbol::name).toList();
            diagnostics.error(name.pos(), "undefined name '" + name.name() + "'" + Names.didYouMean(name.name(), known));
        }
        return null;
    }

    /** A read of the statement being built or of a later one. */
    private Node early(Expr.Name name, int index) {
        Member.Assignment self = assignments.get(current);
        if (index == current) {
            diagnostics.error(name.pos(), "'" + name.name() + "' is used in its own definition");
            return null;
        }
        Optional<List<String>> cycle = path(name.name(), self.name());
        SourcePos at = byName.get(name.name()).pos();
        if (cycle.isPresent()) {
            diagnostics.error(name.pos(), "cycle: " + self.name() + " -> " + String.join(" -> ", cycle.get()));
        } else {
            diagnostics.error(name.pos(), "'" + name.name() + "' is used before it is assigned (at " + at.line() + ":"
                    + at.column() + ")");
        }
        return null;
    }

    /** The chain of reads from {@code from} back to {@code to}, if there is one. */
    private Optional<List<String>> path(String from, String to) {
        Map<String, String> parent = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(from);
        parent.put(from, null);
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (name.equals(to)) {
                List<String> chain = new ArrayList<>();
                for (String n = name; n != null; n = parent.get(n)) {
                    chain.add(0, n);
                }
                return Optional.of(chain);
            }
            Member.Assignment a = byName.get(name);
            if (a == null) {
                continue;
            }
            for (String next : ExprNames.of(a.value())) {
                if (byName.containsKey(next) && !parent.containsKey(next)) {
                    parent.put(next, name);
                    todo.add(next);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Node mask(Expr.Name name) {
        throw new IllegalStateException("spec statements have no masks");
    }
}
