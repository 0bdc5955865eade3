package dev.netgrad.codegen;

import static dev.netgrad.codegen.Ast.at;
import static dev.netgrad.codegen.Ast.call;
import static dev.netgrad.codegen.Ast.lit;
import static dev.netgrad.codegen.Ast.loop;
import static dev.netgrad.codegen.Ast.name;
import static dev.netgrad.codegen.Ast.run;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.netgrad.codegen.Buffers.Buffer;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sums and means ({@code sum}, {@code mean}, over all entries or along an axis) as reduction loops
 * or calls of the runtime's sumOfAll and sumRows, summing the elementwise entry expression in
 * place. It exists apart from {@link KernelCompiler} because the order of the additions is a
 * contract of its own: every sum here adds in the reference evaluator's order, so that the
 * generated trainer and the evaluator agree bit for bit.
 */
final class Reductions {
    private final StatementScope scope;
    private final Consumer<Node> prepareOperand;

    /**
     * Reductions that add to {@code scope}'s statements, after {@code prepareOperand} has computed
     * the kernels the summed expression reads.
     */
    Reductions(StatementScope scope, Consumer<Node> prepareOperand) {
        this.scope = scope;
        this.prepareOperand = prepareOperand;
    }

    /**
     * {@code dest = sum(x)} or {@code mean(x)}, over all entries or along an axis; x's elementwise
     * tree is summed entry by entry, not stored first.
     */
    void reduce(Buffer dest, Apply a) {
        Node x = a.x();
        prepareOperand.accept(x);
        Elementwise e = new Elementwise(scope.buffers(), scope.materialized(), x.shape(), scope.locals(), scope.shared());
        Expression entry = e.entry(x);
        scope.out().addAll(e.scalarHoists());
        boolean mean = a.op() == Op.MEAN || a.op() == Op.MEAN0 || a.op() == Op.MEAN1;
        // Along the only row, or down the only column, is the sum of all entries, in the same order.
        int axis = a.op().axis();
        if ((axis == 1 && x.shape().rows() == 1) || (axis == 0 && x.shape().cols() == 1)) {
            axis = -1;
        }
        switch (axis) {
            case 0 -> sumDownColumns(dest, x.shape(), e, entry, mean);
            case 1 -> sumAlongRows(dest, x.shape(), e, entry, mean);
            default -> sumAll(dest, x.shape(), e, entry, mean);
        }
    }

    /**
     * A sum of all the entries, in {@link #partialSums}' order: the runtime's sumOfAll over a
     * stored value's entries, a loop here when each entry is an expression. An entry that needs
     * locals or reads a broadcast operand (rows and columns) is first stored in a buffer of its
     * own, then summed by sumOfAll.
     */
    private void sumAll(Buffer dest, Shape domain, Elementwise e, Expression entry, boolean mean) {
        Optional<String> stored = RangeLoops.entryArray(entry);
        if (e.needsRowsAndColumns() || !e.entryLocals().isEmpty()) {
            Buffer entries = scope.buffers().temp(scope.owner(), "entries", domain);
            List<Statement> body = new ArrayList<>(e.entryLocals());
            body.add(Ast.assign(at(entries.java(), name("i")), entry));
            scope.out().add(FusedLoops.entries(domain, e, body, true));
            stored = Optional.of(entries.java());
        }
        Expression sum = stored.isPresent()
                ? call("sumOfAll", name(stored.get()), Sizes.cells(domain))
                : partialSums(domain, entry);
        Expression total = mean ? Ast.divide(sum, Sizes.cells(domain)) : sum;
        scope.out().add(Ast.assign(at(dest.java(), lit(0)), total));
    }

    /** The partial sums a sum of all entries is taken in (see {@link #partialSums}). */
    private static final int PARTIAL_SUMS = 4;

    /**
     * The sum of every entry of a flat domain as four partial sums, entry i going to partial sum
     * i mod 4 (the last cells mod 4 entries to the first), added as (s0 + s1) + (s2 + s3): the
     * order of the reference evaluator's sums of all entries (ReferenceReductions.sumOfAll), so the two agree
     * bit for bit. One sum is a chain of additions each waiting for the one before it (4 cycles:
     * 400 entries about 0.5 us); four chains overlap. The order is fixed by the code alone, the
     * same on every machine and thread count, and a little more accurate than one chain.
     */
    private Expression partialSums(Shape domain, Expression entry) {
        List<String> sums = new ArrayList<>();
        for (int j = 0; j < PARTIAL_SUMS; j++) {
            String s = scope.locals().sum();
            sums.add(s);
            scope.out().add(Ast.localDouble(s, lit(0.0)));
        }
        Expression cells = Sizes.cells(domain);
        boolean fixed = !domain.hasBatchSide();
        Expression whole = fixed
                ? lit(Sizes.fixedCells(domain) / PARTIAL_SUMS * PARTIAL_SUMS)
                : Ast.minus(cells, Ast.bin(cells.clone(), BinaryExpr.Operator.REMAINDER, lit(PARTIAL_SUMS)));
        if (!fixed || Sizes.fixedCells(domain) >= PARTIAL_SUMS) {
            List<Statement> unrolled = new ArrayList<>();
            for (int j = 0; j < PARTIAL_SUMS; j++) {
                unrolled.add(Ast.addAssign(name(sums.get(j)), entryAt(entry, j)));
            }
            ForStmt main = loop("i", whole, unrolled);
            main.setUpdate(new NodeList<>(new AssignExpr(name("i"), lit(PARTIAL_SUMS), AssignExpr.Operator.PLUS)));
            scope.out().add(main);
        }
        if (!fixed || Sizes.fixedCells(domain) % PARTIAL_SUMS != 0) {
            scope.out().add(loop("i", whole.clone(), cells.clone(), List.of(Ast.addAssign(name(sums.get(0)), entry.clone()))));
        }
        return Ast.plus(new EnclosedExpr(Ast.plus(name(sums.get(0)), name(sums.get(1)))), new EnclosedExpr(Ast.plus(name(sums.get(2)), name(sums.get(3)))));
    }

    /** The entry expression at i + offset: every read of i becomes i + offset. */
    private static Expression entryAt(Expression entry, int offset) {
        Expression copy = entry.clone();
        if (offset == 0) {
            return copy;
        }
        if (copy instanceof NameExpr n && n.getNameAsString().equals("i")) {
            return Ast.plus(name("i"), lit(offset));
        }
        for (NameExpr n : copy.findAll(NameExpr.class, n -> n.getNameAsString().equals("i"))) {
            Expression shifted = Ast.plus(name("i"), lit(offset));
            boolean index = n.getParentNode().filter(parent -> parent instanceof ArrayAccessExpr a && a.getIndex() == n).isPresent();
            n.replace(index ? shifted : new EnclosedExpr(shifted));
        }
        return copy;
    }

    /**
     * {@code sum(x, axis=1)}: each row's entries, left to right. A stored x goes to the kernel
     * sumRows, which sums four rows in one pass: one row at a time, each addition waits for the
     * one before it.
     */
    private void sumAlongRows(Buffer dest, Shape domain, Elementwise e, Expression entry, boolean mean) {
        if (!mean && e.entryLocals().isEmpty() && e.rowHoists().isEmpty() && entry instanceof ArrayAccessExpr read
                && read.getIndex().equals(name("i"))) {
            scope.out().add(run(call("sumRows", read.getName().clone(), name(dest.java()), Sizes.rows(domain), Sizes.cols(domain))));
            return;
        }
        String s = scope.locals().sum();
        List<Statement> inner = new ArrayList<>();
        if (e.readsFlat()) {
            inner.add(Ast.localInt("i", Sizes.flatIndex(domain)));
        }
        inner.addAll(e.entryLocals());
        inner.add(Ast.addAssign(name(s), entry));
        List<Statement> outer = new ArrayList<>(e.rowHoists());
        outer.add(Ast.localDouble(s, lit(0.0)));
        outer.add(loop("c", Sizes.cols(domain), inner));
        Expression total = mean ? Ast.divide(name(s), Sizes.cols(domain)) : name(s);
        outer.add(Ast.assign(at(dest.java(), name("r")), total));
        scope.out().add(loop("r", Sizes.rows(domain), outer));
    }

    /**
     * {@code sum(x, axis=0)}: each column's entries, top to bottom, accumulated row by row. A negated
     * sum ({@code L = -sum(Y * log(A), axis=0)}) stays this sum, then a pass {@code L[i] = -L[i]}:
     * negation is exact and rounding to nearest is symmetric, but a zero's sign is not. Terms all
     * -0.0 (a column of zero targets) sum from 0.0 to +0.0, negated -0.0, while 0.0 - -0.0 - ...
     * is +0.0; and x + -x is +0.0 whichever x is. Folding the minus in would change those bits.
     */
    private void sumDownColumns(Buffer dest, Shape domain, Elementwise e, Expression entry, boolean mean) {
        scope.out().add(loop("c", Sizes.cols(domain), List.of(Ast.assign(at(dest.java(), name("c")), lit(0.0)))));
        List<Statement> inner = new ArrayList<>();
        if (e.readsFlat()) {
            inner.add(Ast.localInt("i", Sizes.flatIndex(domain)));
        }
        inner.addAll(e.entryLocals());
        inner.add(Ast.addAssign(at(dest.java(), name("c")), entry));
        List<Statement> outer = new ArrayList<>(e.rowHoists());
        outer.add(loop("c", Sizes.cols(domain), inner));
        scope.out().add(loop("r", Sizes.rows(domain), outer));
        if (mean) {
            Expression average = Ast.divide(at(dest.java(), name("c")), Sizes.rows(domain));
            scope.out().add(loop("c", Sizes.cols(domain), List.of(Ast.assign(at(dest.java(), name("c")), average))));
        }
    }
}
