package dev.netgrad.spec.check;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.CostForm;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.Statement;
import dev.netgrad.spec.ast.Expr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of docs/language.md section 5 for the loss and the cost: the loss is 1 x m, the cost is 1 x 1
 * and is {@code mean(L)} or {@code sum(L)} plus terms that do not read the examples, and no value
 * reads either (so the statements can end with them).
 */
final class LossCostChecker {
    /** The checked loss and cost, and the statements reordered to end with them. */
    record Result(Statement loss, Statement cost, CostForm form, List<Statement> ordered) {
    }

    private record Term(boolean negated, Node node) {
    }

    private final Diagnostics diagnostics;

    LossCostChecker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Null-free: empty after reporting (or when an earlier error left the loss or cost unbuilt). */
    Optional<Result> check(List<Statement> statements, String lossName, String costName, Expr costExpr) {
        Optional<Statement> loss = find(statements, lossName);
        Optional<Statement> cost = find(statements, costName);
        if (loss.isEmpty() || cost.isEmpty()) {
            return Optional.empty();
        }
        boolean ok = lossShape(loss.get()) & costShape(cost.get(), loss.get()) & nothingReads(statements, loss.get(), cost.get());
        if (!ok) {
            return Optional.empty();
        }
        return form(statements, loss.get(), cost.get(), costExpr).map(form -> new Result(loss.get(), cost.get(),
                form, ordered(statements, loss.get(), cost.get())));
    }

    private static Optional<Statement> find(List<Statement> statements, String name) {
        return statements.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private boolean lossShape(Statement loss) {
        Shape s = loss.shape();
        if (s.equals(Shape.batch(1))) {
            return true;
        }
        String hint = s.cols() == Shape.M ? ": sum over the rows with sum(..., axis=0)"
                : ": compute it per example, without reducing over the batch";
        diagnostics.error(loss.pos(), "the loss must be 1 x m (one value per example), found " + s + hint);
        return false;
    }

    private boolean costShape(Statement cost, Statement loss) {
        if (cost.shape().isScalar()) {
            return true;
        }
        diagnostics.error(cost.pos(), "the cost must be 1 x 1, found " + cost.shape() + ": average the loss with mean("
                + loss.name() + ")");
        return false;
    }

    private boolean nothingReads(List<Statement> statements, Statement loss, Statement cost) {
        boolean ok = true;
        for (Statement s : statements) {
            if (s == loss || s == cost) {
                continue;
            }
            for (Ref r : IrRefs.of(s.value())) {
                if (r.kind() == RefKind.VALUE && (r.name().equals(loss.name()) || r.name().equals(cost.name()))) {
                    diagnostics.error(s.pos(), "'" + s.name() + "' reads " + (r.name().equals(loss.name()) ? "the loss "
                            : "the cost ") + r.name() + "; only the cost may read the loss");
                    ok = false;
                }
            }
        }
        if (IrRefs.of(loss.value()).stream().anyMatch(r -> r.name().equals(cost.name()) && r.kind() == RefKind.VALUE)) {
            diagnostics.error(loss.pos(), "the loss reads the cost " + cost.name());
            ok = false;
        }
        return ok;
    }

    private Optional<CostForm> form(List<Statement> statements, Statement loss, Statement cost, Expr costExpr) {
        Map<String, Boolean> readsExamples = readsExamples(statements);
        Ref lossRef = Ref.of(loss.name(), RefKind.VALUE, loss.shape());
        Term main = null;
        List<Term> others = new ArrayList<>();
        List<Term> terms = terms(cost.value());
        List<SourcePos> starts = termStarts(costExpr);
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            // The IR's sum has the source's terms, one to one; the whole expression if it ever had not.
            SourcePos at = starts.size() == terms.size() ? starts.get(i) : costExpr.start();
            boolean isMain = t.node() instanceof Apply a && (a.op() == Op.MEAN || a.op() == Op.SUM) && a.x().equals(lossRef);
            if (isMain && main == null && !t.negated()) {
                main = t;
            } else if (isMain) {
                String problem = t.negated() ? "subtracts " : "uses the loss in more than one term, ";
                diagnostics.error(at, "the cost " + problem + ExprBuilder.shown(t.node())
                        + ": write it as mean(" + loss.name() + ") or sum(" + loss.name() + ") plus a penalty");
                return Optional.empty();
            } else if (reads(t.node(), readsExamples)) {
                diagnostics.error(at, costTermError(t, loss, lossRef));
                return Optional.empty();
            } else {
                others.add(t);
            }
        }
        if (main == null) {
            diagnostics.error(costExpr.start(), "the cost does not read the loss " + loss.name() + ": write cost " + cost.name()
                    + " = mean(" + loss.name() + "), plus a penalty if any");
            return Optional.empty();
        }
        return Optional.of(new CostForm(((Apply) main.node()).op() == Op.MEAN, regularizer(others)));
    }

    private static String costTermError(Term t, Statement loss, Ref lossRef) {
        String found = ExprBuilder.shown(t.node());
        if (IrRefs.of(t.node()).contains(lossRef)) {
            return "the cost must read the loss as a plain mean(" + loss.name() + ") or sum(" + loss.name()
                    + ") term, found " + found + hint(t.node(), lossRef, loss.name());
        }
        return "the cost term " + found + " reads the examples; besides mean(" + loss.name() + ") or sum("
                + loss.name() + "), a cost may only add terms of params, consts and m (such as an L2 penalty)";
    }

    /** Where each top-level term of the cost's source starts, left to right, as {@link #terms} splits its IR. */
    private static List<SourcePos> termStarts(Expr cost) {
        List<SourcePos> starts = new ArrayList<>();
        Deque<Expr> todo = new ArrayDeque<>();
        todo.push(cost);
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            if (e instanceof Expr.Binary b && (b.op() == Op.ADD || b.op() == Op.SUB)) {
                todo.push(b.right());
                todo.push(b.left());
            } else {
                starts.add(e.start());
            }
        }
        return starts;
    }

    /**
     * What a cost term that reads the loss but is no plain mean or sum meant, when it is one of the usual
     * spellings: the mean written out, a mean divided by m again, or a sum or mean along an axis or of L.T.
     */
    private static String hint(Node term, Ref lossRef, String loss) {
        if (dividedByM(term, Apply.of(Op.SUM, lossRef))
                || term instanceof Apply a && a.op() == Op.SUM && dividedByM(a.x(), lossRef)) {
            return ": that is mean(" + loss + "); write mean(" + loss + ") and netgrad places the 1/m";
        }
        if (dividedByM(term, Apply.of(Op.MEAN, lossRef))) {
            return ": mean(" + loss + ") already holds the 1/m, so this divides by m twice; write mean(" + loss + ")";
        }
        if (term instanceof Apply a && a.op().isReduction() && (a.op() != Op.SUM && a.op() != Op.MEAN
                || a.x() instanceof Apply t && t.op() == Op.TRANSPOSE && t.x().equals(lossRef))) {
            return ": " + loss + " holds one loss per example (1 x m), and mean(" + loss + ") is their average, the cost; write mean(" + loss + ")";
        }
        return "";
    }

    /** {@code x / m}, {@code x * (1/m)} or {@code (1/m) * x}. */
    private static boolean dividedByM(Node term, Node x) {
        if (!(term instanceof Apply a) || a.args().size() != 2) {
            return false;
        }
        if (a.op() == Op.DIV) {
            return a.arg(0).equals(x) && isBatchSize(a.arg(1));
        }
        return a.op() == Op.MUL && (a.arg(0).equals(x) && isOneOverM(a.arg(1)) || a.arg(1).equals(x) && isOneOverM(a.arg(0)));
    }

    private static boolean isOneOverM(Node n) {
        return n instanceof Apply a && a.op() == Op.DIV && a.arg(0).equals(Num.of(1)) && isBatchSize(a.arg(1));
    }

    private static boolean isBatchSize(Node n) {
        return n instanceof Ref r && r.kind() == RefKind.BATCH_SIZE;
    }

    /** The top-level terms of a sum, with their signs, left to right. */
    private static List<Term> terms(Node cost) {
        List<Term> terms = new ArrayList<>();
        Deque<Term> todo = new ArrayDeque<>();
        todo.push(new Term(false, cost));
        while (!todo.isEmpty()) {
            Term t = todo.pop();
            if (t.node() instanceof Apply a && (a.op() == Op.ADD || a.op() == Op.SUB)) {
                boolean rightNegated = t.negated() ^ (a.op() == Op.SUB);
                todo.push(new Term(rightNegated, a.arg(1)));
                todo.push(new Term(t.negated(), a.arg(0)));
            } else {
                terms.add(t);
            }
        }
        return terms;
    }

    private static Optional<Node> regularizer(List<Term> terms) {
        Node acc = null;
        for (Term t : terms) {
            if (acc == null) {
                acc = t.negated() ? Apply.of(Op.NEG, t.node()) : t.node();
            } else {
                acc = Apply.of(t.negated() ? Op.SUB : Op.ADD, acc, t.node());
            }
        }
        return Optional.ofNullable(acc);
    }

    /** For each statement, whether it depends on the values of the examples (inputs or targets). */
    private static Map<String, Boolean> readsExamples(List<Statement> statements) {
        Map<String, Boolean> reads = new HashMap<>();
        for (Statement s : statements) {
            reads.put(s.name(), reads(s.value(), reads));
        }
        return reads;
    }

    private static boolean reads(Node node, Map<String, Boolean> statements) {
        return IrRefs.of(node).stream().anyMatch(r -> r.kind().readsExamples()
                || (r.kind() == RefKind.VALUE && statements.getOrDefault(r.name(), false)));
    }

    private static List<Statement> ordered(List<Statement> statements, Statement loss, Statement cost) {
        List<Statement> ordered = new ArrayList<>();
        for (Statement s : statements) {
            if (s != loss && s != cost) {
                ordered.add(s);
            }
        }
        ordered.add(loss);
        ordered.add(cost);
        return ordered;
    }
}
