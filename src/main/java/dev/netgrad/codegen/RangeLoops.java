package dev.netgrad.codegen;

import static dev.netgrad.codegen.Ast.call;
import static dev.netgrad.codegen.Ast.lit;
import static dev.netgrad.codegen.Ast.loop;
import static dev.netgrad.codegen.Ast.name;
import static dev.netgrad.codegen.Ast.run;

import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Statement rewriting for fused loops: recognises a generated statement {@code T[i] = f(Z[i])} for
 * which the runtime has a loop over a range of entries ({@code tanh}, {@code log1p},
 * {@code expOfMinusAbs}, {@code sigmoidOfExps}, {@code relu}, {@code reluGradient}) and replaces it
 * by a call of that loop. It exists apart from {@link FusedLoops} because it works on the Java
 * syntax already generated, not on the IR: pure functions matching JavaParser trees.
 */
final class RangeLoops {
    private RangeLoops() {
    }

    /**
     * The runtime's loop over all {@code cells} entries for {@code T[i] = relu(Z[i])}
     * ({@code relu(Z, T, 0, cells)}) or {@code T[i] = G[i] * positive(Z[i])}
     * ({@code reluGradient(G, Z, T, 0, cells)}): the same bits, and a tool may run it on SIMD
     * registers, which C2 does not do for these branch-free kernels. Not shared with the helpers:
     * a pass over the entries costs less than handing it over.
     */
    static Optional<Statement> cheapRangeLoop(Statement s, Expression cells) {
        return entryAssignment(s).flatMap(assignment -> {
            String out = assignment.out();
            Expression value = assignment.value();
            if (value instanceof MethodCallExpr call && call.getScope().isEmpty() && call.getNameAsString().equals("relu")
                    && call.getArguments().size() == 1) {
                return entryArray(call.getArgument(0)).map(z -> run(call("relu", name(z), name(out), lit(0), cells.clone())));
            }
            if (value instanceof BinaryExpr product && product.getOperator() == BinaryExpr.Operator.MULTIPLY
                    && product.getRight() instanceof MethodCallExpr positive && positive.getScope().isEmpty()
                    && positive.getNameAsString().equals("positive") && positive.getArguments().size() == 1) {
                Optional<String> g = entryArray(product.getLeft());
                Optional<String> z = entryArray(positive.getArgument(0));
                if (g.isPresent() && z.isPresent()) {
                    return Optional.of(run(call("reluGradient", name(g.get()), name(z.get()), name(out), lit(0), cells.clone())));
                }
            }
            return Optional.empty();
        });
    }

    /**
     * The first pass's statements in their order, each {@code T[i] = f(Z[i])} that the runtime has a
     * loop over a range for ({@link #rangeLoop}) as that loop, the others in loops over the range.
     * Each statement reads only its own entry, so passes one after the other compute what one loop
     * does.
     */
    static List<Statement> firstPasses(List<Statement> first) {
        List<Statement> passes = new ArrayList<>();
        List<Statement> pending = new ArrayList<>();
        for (Statement s : first) {
            Optional<Statement> call = rangeLoop(s);
            if (call.isEmpty()) {
                pending.add(s);
                continue;
            }
            if (!pending.isEmpty()) {
                passes.add(loop("i", name("from"), name("to"), pending));
                pending = new ArrayList<>();
            }
            passes.add(call.get());
        }
        if (!pending.isEmpty()) {
            passes.add(loop("i", name("from"), name("to"), pending));
        }
        return passes;
    }

    /**
     * The runtime's loop over a range for the statement {@code T[i] = f(Z[i])}, when it has one
     * ({@code tanh(Z, T, from, to)}, {@code log1p(Z, T, from, to)}, {@code expOfMinusAbs(Z, T, from,
     * to)} for {@code exp(-Math.abs(Z[i]))}, {@code sigmoidOfExps(Z, E, T, from, to)} for
     * {@code sigmoidOfExp(Z[i], E[i])}): the same bits, and a tool may run it on SIMD registers, where
     * the JIT cannot.
     */
    static Optional<Statement> rangeLoop(Statement s) {
        return entryAssignment(s).flatMap(assignment -> kernelOverRange(assignment.value()).map(k -> {
            List<Expression> args = new ArrayList<>();
            k.sources().forEach(source -> args.add(name(source)));
            args.addAll(List.of(name(assignment.out()), name("from"), name("to")));
            return run(call(k.kernel(), args.toArray(Expression[]::new)));
        }));
    }

    /** {@code T[i] = value}: the array T and the value assigned to its entry i. */
    private record EntryAssignment(String out, Expression value) {
    }

    /** The statement as {@code T[i] = value}, when it is a plain assignment to entry i of an array. */
    private static Optional<EntryAssignment> entryAssignment(Statement s) {
        if (s instanceof ExpressionStmt stmt && stmt.getExpression() instanceof AssignExpr assign
                && assign.getOperator() == AssignExpr.Operator.ASSIGN) {
            return entryArray(assign.getTarget()).map(out -> new EntryAssignment(out, assign.getValue()));
        }
        return Optional.empty();
    }

    /** The runtime kernel with a loop over ranges that {@code value} calls at entry i of each of {@code sources}. */
    record KernelCall(String kernel, List<String> sources) {
    }

    /**
     * {@code tanh(Z[i])}, {@code log1p(Z[i])} or {@code exp(-Math.abs(Z[i]))} as its kernel and Z;
     * {@code sigmoidOfExp(Z[i], E[i])} as sigmoidOfExps and Z, E.
     */
    static Optional<KernelCall> kernelOverRange(Expression value) {
        if (value instanceof MethodCallExpr call && call.getScope().isEmpty() && call.getNameAsString().equals("sigmoidOfExp")
                && call.getArguments().size() == 2) {
            Optional<String> x = entryArray(call.getArgument(0));
            Optional<String> e = entryArray(call.getArgument(1));
            return x.isPresent() && e.isPresent() ? Optional.of(new KernelCall("sigmoidOfExps", List.of(x.get(), e.get()))) : Optional.empty();
        }
        if (!(value instanceof MethodCallExpr call) || call.getScope().isPresent() || call.getArguments().size() != 1) {
            return Optional.empty();
        }
        String name = call.getNameAsString();
        Expression arg = call.getArgument(0);
        if (name.equals("tanh") || name.equals("log1p")) {
            return entryArray(arg).map(source -> new KernelCall(name, List.of(source)));
        }
        if (name.equals("exp") && arg instanceof UnaryExpr minus && minus.getOperator() == UnaryExpr.Operator.MINUS
                && minus.getExpression() instanceof MethodCallExpr abs && abs.getScope().filter(scope -> scope.toString().equals("Math")).isPresent()
                && abs.getNameAsString().equals("abs") && abs.getArguments().size() == 1) {
            return entryArray(abs.getArgument(0)).map(source -> new KernelCall("expOfMinusAbs", List.of(source)));
        }
        return Optional.empty();
    }

    /** X when {@code e} is {@code X[i]}. */
    static Optional<String> entryArray(Expression e) {
        return e instanceof ArrayAccessExpr a && a.getName() instanceof NameExpr n && a.getIndex() instanceof NameExpr i
                && i.getNameAsString().equals("i") ? Optional.of(n.getNameAsString()) : Optional.empty();
    }
}
