package dev.netgrad.codegen;

import static dev.netgrad.codegen.Ast.at;
import static dev.netgrad.codegen.Ast.call;
import static dev.netgrad.codegen.Ast.lit;
import static dev.netgrad.codegen.Ast.loop;
import static dev.netgrad.codegen.Ast.name;
import static dev.netgrad.codegen.Ast.run;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.VoidType;
import dev.netgrad.codegen.Buffers.Buffer;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The elementwise part of a statement as one fused loop over the destination's entries, once the
 * kernels it reads are computed. A loop calling exp, log, tanh ... becomes a method over a range of
 * entries ({@code entriesOfA1}) with a field holding it ({@code loopOfA1}), so that the class's
 * helper threads can share it; its first passes (exp(-|x|), softplus's log1p) go to loops of their
 * own. It exists apart from {@link KernelCompiler} because deciding how a loop is laid out (flat or
 * rows and columns, shared or not, which entries are read once) is one concern of its own, whatever
 * computed the operands.
 */
final class FusedLoops {
    private final StatementScope scope;

    /** Fused loops that add to {@code scope}'s statements and members. */
    FusedLoops(StatementScope scope) {
        this.scope = scope;
    }

    /** One fused loop: {@code dest[i] = f(operands at i)}, broadcasting resolved per operand; no loop for a 1 x 1 result. */
    void fused(Buffer dest, Node value) {
        Elementwise e = new Elementwise(scope.buffers(), scope.materialized(), dest.shape(), scope.locals(), scope.shared());
        Expression entry = e.entry(value);
        List<Statement> hoists = e.scalarHoists();
        if (dest.shape().isScalar()) {
            scope.out().addAll(hoists);
            scope.out().addAll(e.entryLocals());
            scope.out().add(Ast.assign(at(dest.java(), lit(0)), entry));
            return;
        }
        List<Statement> body = new ArrayList<>(e.entryLocals());
        body.add(Ast.assign(at(dest.java(), name("i")), entry));
        readOnce(body);
        List<Statement> all = new ArrayList<>(e.stores());
        all.addAll(body);
        int calls = heavyCalls(all);
        if (calls > 0 && !e.needsRowsAndColumns()) {
            List<Statement> first = e.firstPass(() -> scope.buffers().temp(scope.owner(), "exp", dest.shape()));
            shareable(dest, hoists, first, !e.stores().isEmpty(), body, calls);
            return;
        }
        if (!e.stores().isEmpty()) {
            throw new IllegalStateException(dest.java() + " stores exp(-|x|) for later statements but is not a flat loop");
        }
        Optional<Statement> whole = hoists.isEmpty() && body.size() == 1 && !e.needsRowsAndColumns()
                ? RangeLoops.cheapRangeLoop(body.get(0), Sizes.cells(dest.shape())) : Optional.empty();
        if (whole.isPresent()) {
            scope.out().add(whole.get());
            return;
        }
        scope.out().addAll(hoists);
        scope.out().add(entries(dest.shape(), e, body, true));
    }

    /**
     * Each {@code X[i]} that the body's last statement (its assignment) reads more than once is
     * read once, into a local declared before it: {@code -(Y[i] * -(Math.max(-Z2[i], 0.0) + e0) +
     * (1.0 - Y[i]) * -(Math.max(Z2[i], 0.0) + e0))}, binary cross-entropy's loss, stayed scalar in
     * C2 (JDK 17) with Z2[i] read twice, and ran on SIMD registers with it read once: 1.2 against
     * 0.25 us for 400 entries. The reads are of arrays the loop does not write before them, so the
     * value is the same. The body's other statements (softplus's tails, which later passes match
     * by their form) are left as they are: the first passes, taken after this, move only those
     * tails, so they never read a local declared here.
     */
    private void readOnce(List<Statement> body) {
        Statement last = body.get(body.size() - 1);
        if (!(last instanceof ExpressionStmt stmt && stmt.getExpression() instanceof AssignExpr assign)) {
            return;
        }
        Map<String, List<ArrayAccessExpr>> reads = new LinkedHashMap<>();
        for (ArrayAccessExpr read : assign.getValue().findAll(ArrayAccessExpr.class)) {
            RangeLoops.entryArray(read).ifPresent(array -> reads.computeIfAbsent(array, a -> new ArrayList<>()).add(read));
        }
        List<Statement> declared = new ArrayList<>();
        for (Map.Entry<String, List<ArrayAccessExpr>> array : reads.entrySet()) {
            if (array.getValue().size() < 2) {
                continue;
            }
            String local = scope.locals().entry();
            declared.add(Ast.localDouble(local, at(array.getKey(), name("i"))));
            array.getValue().forEach(read -> read.replace(name(local)));
        }
        if (!declared.isEmpty()) {
            declared.get(0).setLineComment(" entries read more than once, read once: C2 may then run the loop on SIMD registers");
            body.addAll(body.size() - 1, declared);
        }
    }

    /**
     * The loop {@code for i: body} (after {@code for i: first}, when there is a first pass) as a
     * method over a range of entries, called through the class's
     * products, which share the entries among threads when there are enough calls to gain:
     * {@code products.forEntries(n, calls, loopOfA1)} with {@code loopOfA1 = this::entriesOfA1}, a
     * field so that no step allocates.
     */
    private void shareable(Buffer dest, List<Statement> hoists, List<Statement> first, boolean stores, List<Statement> body, int calls) {
        List<Statement> statements = new ArrayList<>(hoists);
        List<Statement> logs = log1pPasses(dest, body);
        // Calls made in the runtime's loops over a range: they count as cheaper when a tool runs those loops on SIMD registers.
        int inRangeLoops = 0;
        if (!first.isEmpty() || !logs.isEmpty()) {
            List<Statement> all = new ArrayList<>(first);
            all.addAll(logs);
            inRangeLoops += (int) all.stream().filter(s -> RangeLoops.rangeLoop(s).isPresent()).count();
            List<Statement> passes = RangeLoops.firstPasses(all);
            String why = ": alone in a loop, one entry's call overlaps the next's";
            passes.get(0).setLineComment(first.isEmpty() ? " log1p first, in a loop of its own" + why
                    : stores ? " exp first, in a loop of its own (the loss reads it too)" + why
                    : " exp first, in a loop of its own" + why);
            statements.addAll(passes);
        }
        // A body that is one statement the runtime has a loop over ranges for calls that loop (after the first passes, if any).
        Optional<Statement> whole = hoists.isEmpty() && body.size() == 1 ? RangeLoops.rangeLoop(body.get(0)) : Optional.empty();
        statements.add(whole.orElseGet(() -> loop("i", name("from"), name("to"), body)));
        inRangeLoops = Math.min(calls, inRangeLoops + (whole.isPresent() ? 1 : 0));
        String field = rangeTask(dest, statements);
        Statement share = inRangeLoops == 0
                ? run(call("products", "forEntries", Sizes.cells(dest.shape()), lit(calls), name(field)))
                : run(call("products", "forEntries", Sizes.cells(dest.shape()), lit(calls), lit(inRangeLoops), name(field)));
        share.setLineComment(" " + calls + (calls == 1 ? " call" : " calls") + " of exp, log, tanh ... per entry"
                + (inRangeLoops == 0 ? "" : inRangeLoops == calls ? (calls == 1 ? ", made in a loop over the range" : ", all made in loops over the range")
                        : ", " + inRangeLoops + " of them in loops over the range")
                + ": shared with the helper threads when there are enough");
        scope.out().add(share);
    }

    /**
     * A method {@code entriesOfDest(int from, int to)} running {@code statements} over entries from ..
     * to - 1 of dest, and a field {@code loopOfDest} holding it as an EntryRange (so that no step
     * allocates), both added to the class's members; returns the field's name.
     */
    private String rangeTask(Buffer dest, List<Statement> statements) {
        String suffix = Character.toUpperCase(dest.java().charAt(0)) + dest.java().substring(1);
        String method = scope.buffers().names().allocate("entriesOf" + suffix);
        String field = scope.buffers().names().allocate("loopOf" + suffix);
        MethodDeclaration m = new MethodDeclaration(Modifier.createModifierList(Modifier.Keyword.PRIVATE), new VoidType(), method);
        m.addParameter(new Parameter(PrimitiveType.intType(), "from"));
        m.addParameter(new Parameter(PrimitiveType.intType(), "to"));
        m.setBody(Ast.block(statements));
        m.setJavadocComment("Entries from .. to - 1 of " + dest.java() + "; threads may compute several ranges at once.");
        FieldDeclaration f = new FieldDeclaration(Modifier.createModifierList(Modifier.Keyword.PRIVATE, Modifier.Keyword.FINAL),
                new ClassOrInterfaceType(null, "EntryRange"), field);
        f.getVariable(0).setInitializer(new MethodReferenceExpr(new ThisExpr(), null, method));
        f.setLineComment(" " + method + " as a task the helper threads can run");
        scope.members().add(f);
        scope.members().add(m);
        return field;
    }

    /**
     * softplus's {@code double e0 = log1p(E[i]);} in a body becomes a pass of its own,
     * {@code T[i] = log1p(E[i])} into a new buffer T, and the local reads {@code T[i]}: a loop over
     * a range that a tool may run on SIMD registers (see {@link RangeLoops#firstPasses}).
     */
    private List<Statement> log1pPasses(Buffer dest, List<Statement> body) {
        List<Statement> passes = new ArrayList<>();
        for (Statement s : body) {
            if (s instanceof ExpressionStmt stmt && stmt.getExpression() instanceof VariableDeclarationExpr declaration
                    && declaration.getVariables().size() == 1) {
                Expression value = declaration.getVariable(0).getInitializer().orElse(null);
                if (value != null && RangeLoops.kernelOverRange(value).filter(k -> k.kernel().equals("log1p")).isPresent()) {
                    Buffer logs = scope.buffers().temp(scope.owner(), "log1p", dest.shape());
                    passes.add(Ast.assign(at(logs.java(), name("i")), value.clone()));
                    declaration.getVariable(0).setInitializer(at(logs.java(), name("i")));
                }
            }
        }
        return passes;
    }

    /** The kernels that cost about 10 ns a call, and how many calls of exp or log1p each makes. */
    private static final Map<String, Integer> HEAVY = Map.of(
            "exp", 1, "log1p", 1, "tanh", 1, "sigmoid", 1, "softplus", 2, "log", 1, "pow", 1, "power", 1);

    /** Calls of exp, log, tanh ... in one entry of a fused loop (its statements): what makes a loop worth sharing. */
    private static int heavyCalls(List<Statement> statements) {
        int calls = 0;
        for (Statement s : statements) {
            for (MethodCallExpr call : s.findAll(MethodCallExpr.class)) {
                calls += HEAVY.getOrDefault(call.getNameAsString(), 0);
            }
        }
        return calls;
    }

    /**
     * The loops over a domain: one flat loop when no operand is broadcast along one side, else
     * rows then columns with {@code i = r * cols + c}.
     */
    static Statement entries(Shape domain, Elementwise e, List<Statement> body, boolean needsFlat) {
        if (!e.needsRowsAndColumns()) {
            return loop("i", Sizes.cells(domain), body);
        }
        List<Statement> inner = new ArrayList<>();
        if (needsFlat || e.readsFlat()) {
            inner.add(Ast.localInt("i", Sizes.flatIndex(domain)));
        }
        inner.addAll(body);
        List<Statement> outer = new ArrayList<>(e.rowHoists());
        outer.add(loop("c", Sizes.cols(domain), inner));
        return loop("r", Sizes.rows(domain), outer);
    }
}
