package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.spec.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The two ways a hand derivation puts a dropout's mask in the wrong line: applied already in the
 * dA of the dropout's own output (the course's {@code dA2 = dA2 * D2 / keep_prob}), or left out of
 * the backward pass altogether. Both look for the lowered dropout, x * mask(A) / k, in the forward
 * pass, which is where netgrad's convention differs from the course's; both are found for a dropout
 * anywhere in a statement, A1 = relu(dropout(Z1, k)) as well as A1 = dropout(relu(Z1), k).
 */
final class DropoutMask {
    private final JudgedLine judged;
    private final Predicate<Node> fixes;
    private final Supplier<String> expected;

    DropoutMask(JudgedLine judged, Predicate<Node> fixes, Supplier<String> expected) {
        this.judged = judged;
        this.fixes = fixes;
        this.expected = expected;
    }

    /**
     * For a dropout in the statement that assigns A, lowered to x * mask(A) / k: a dA line that
     * equals dA * mask(A) / k (or dA * mask(A)), the course's {@code dA2 = dA2 * D2 / keep_prob}.
     * For A = dropout(x, k) that is the derivative of x, before the dropout; for a dropout inside the
     * statement, A1 = relu(dropout(Z1, k)), it names no value: dA taken back through the dropout
     * ahead of the relu around it. netgrad's dA is that of A itself, and the mask belongs in the
     * next line.
     */
    Optional<String> appliedAlready() {
        String of = judged.of();
        Optional<Statement> owner = judged.checker().perExample().forward().stream().filter(s -> s.name().equals(of)).findFirst();
        Optional<LoweredDropout> dropout = owner.flatMap(s -> LoweredDropout.in(s.value()));
        if (dropout.isEmpty()) {
            return Optional.empty();
        }
        double keep = dropout.get().keep();
        Node kept = dropout.get().kept();
        for (double scale : new double[] {keep, 1}) {
            for (boolean cost : new boolean[] {true, false}) {
                if (maskedEverywhere(scale, cost)) {
                    String masked = (cost ? Numerator.COST : judged.reference().numerator()).over(of) + " * mask(" + of + ")"
                            + (scale == 1 ? "" : " / " + ExprPrinter.number(scale));
                    return Optional.of("applies the dropout mask already: it equals " + masked + maskedIs(owner.get(), kept)
                            + ". " + judged.name() + " is the derivative of " + of + " itself (netgrad derives " + expected()
                            + "); the mask and the 1/" + ExprPrinter.number(keep) + " go in the next line" + nextLine(kept));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * What dA * mask(A) / k is: for A = dropout(relu(Z3), k), ", the derivative of relu(Z3) before
     * the dropout"; for a dropout inside the statement, which names no value there, the step of
     * the backward pass it is: ", dA1 taken back through the dropout but not yet through relu(...),
     * which A1 = relu(dropout(Z1, 0.86)) applies after it".
     */
    private String maskedIs(Statement owner, Node kept) {
        if (LoweredDropout.of(owner.value()).isPresent()) {
            return ", the derivative of " + ExprPrinter.print(kept) + " before the dropout";
        }
        return ", " + judged.name() + " taken back through the dropout but not yet through "
                + LoweredDropout.around(judged.checker().network(), owner) + ", which " + written(owner) + " applies after it";
    }

    /**
     * For a value V read by a dropout, lowered to f(V) * mask(A) / k in the statement that assigns A
     * (at its root, A = dropout(f(V), k), or inside it, A = relu(dropout(V, k))): a line that is
     * right once multiplied by mask(A) / k has left the dropout out of the backward pass (no mask
     * in its dA nor in it). Or a line that reads what a dropout keeps where the statement reads the
     * dropout's result (dW2 = 1/m * dZ2 @ A1.T for Z2 = W2 @ dropout(A1, k) + b2).
     */
    Optional<String> missing() {
        for (Statement s : judged.checker().perExample().forward()) {
            Optional<LoweredDropout> dropout = LoweredDropout.in(s.value());
            if (dropout.isPresent()) {
                Optional<String> why = maskLeftOut(s, dropout.get()).or(() -> dropoutLeftOut(s, dropout.get()));
                if (why.isPresent()) {
                    return why;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The mask and the 1/k both left out: the line times mask(A) / k is right, and neither the line times
     * mask(A) nor the line over k is. Asked on every instance, the variants too, before the factor is fit on
     * the seeded ones: under a max pool that seldom sends the gradient to a dropped entry the line is 0.8
     * times the derivative there, only the 1/k missing as far as they show.
     */
    Optional<String> maskAndKeepMissing() {
        for (Statement s : judged.checker().perExample().forward()) {
            Optional<LoweredDropout> dropout = LoweredDropout.in(s.value());
            if (dropout.isPresent()) {
                Optional<String> why = maskLeftOut(s, dropout.get()).filter(m -> m.startsWith(BOTH))
                        .filter(m -> !fixes(Apply.of(Op.DIV, judged.line().value(), Num.of(dropout.get().keep()))));
                if (why.isPresent()) {
                    return why;
                }
            }
        }
        return Optional.empty();
    }

    private static final String BOTH = "is missing the dropout mask and its 1/";

    /** The line times mask(A) / k (both left out), or times mask(A) (the 1/k written), is right. */
    private Optional<String> maskLeftOut(Statement s, LoweredDropout dropout) {
        Node value = judged.line().value();
        if (Nodes.refs(dropout.kept(), Nodes.Masks.SKIP).stream().noneMatch(r -> r.name().equals(judged.of()))
                || !value.shape().equals(dropout.mask().shape())) {
            return Optional.empty();
        }
        Node withMask = Apply.of(Op.MUL, value, dropout.mask());
        boolean maskAlone = fixes(withMask);
        if (!maskAlone && !fixes(Apply.of(Op.DIV, withMask, Num.of(dropout.keep())))) {
            return Optional.empty();
        }
        String keep = ExprPrinter.number(dropout.keep());
        String keeps = LoweredDropout.of(s.value()).isPresent()
                ? written(s) + " keeps only the entries where mask(" + s.name() + ") is 1"
                : "the dropout in " + written(s) + " keeps only the entries of " + operand(dropout.kept()) + " where mask("
                        + s.name() + ") is 1";
        return Optional.of((maskAlone ? "is missing the dropout mask: " : BOTH + keep + ": ") + keeps + ", scaled by 1/" + keep
                + ", and the derivative flows back through those alone; netgrad derives " + expected());
    }

    /**
     * The line reads what the dropout keeps, f(V), where the statement reads the dropout's result,
     * f(V) * mask(A) / k: right with that result put in (or f(V) * mask(A), the 1/k written).
     */
    private Optional<String> dropoutLeftOut(Statement s, LoweredDropout dropout) {
        Node value = judged.line().value();
        Node kept = dropout.kept();
        if (!Nodes.of(value, Nodes.Masks.SKIP).contains(kept)) {
            return Optional.empty();
        }
        Node withMask = Apply.of(Op.MUL, kept, dropout.mask());
        if (!fixes(Nodes.replaced(value, kept, dropout.whole(), Nodes.Masks.SKIP)) && !fixes(Nodes.replaced(value, kept, withMask, Nodes.Masks.SKIP))) {
            return Optional.empty();
        }
        String keep = ExprPrinter.number(dropout.keep());
        return Optional.of("is missing the dropout mask: it reads " + ExprPrinter.print(kept) + " where " + written(s)
                + " reads its dropout, " + operand(kept) + " * mask(" + s.name() + ") / " + keep
                + " while training; netgrad derives " + expected());
    }

    private String written(Statement lowered) {
        return LoweredDropout.written(judged.checker().network(), lowered);
    }

    /** {@code node} printed to stand as an operand: a name as it is, an expression in parentheses. */
    private static String operand(Node node) {
        return node instanceof Ref ? ExprPrinter.print(node) : "(" + ExprPrinter.print(node) + ")";
    }
    /** Whether the values equal the reference times the mask of {@code of}, over {@code scale}, on every instance. */
    private boolean maskedEverywhere(double scale, boolean cost) {
        List<Matrix> values = judged.values();
        for (int i = 0; i < values.size(); i++) {
            Matrix reference = judged.rightValue(i, cost);
            Matrix mask = judged.environment(i).mask(judged.of());
            if (reference == null || mask == null || !reference.sameShape(mask) || !reference.sameShape(values.get(i))) {
                return false;
            }
            double[] r = reference.data();
            double[] kept = mask.data();
            if (!Numerics.closeness(values.get(i), k -> r[k] * kept[k] / scale).within(Numerics.FACTOR_TOLERANCE, 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * ", as in dZ2 = dA2 * mask(A2) * (Z2 > 0) / 0.86" for the value the dropout keeps, or the value
     * inside the activation it keeps, else nothing.
     */
    private String nextLine(Node kept) {
        Node read = kept instanceof Apply a && !a.args().isEmpty() ? a.x() : kept;
        if (read instanceof Ref r) {
            Optional<Equation> next = judged.checker().printed().equations().stream().filter(e -> e.of().equals(r.name()))
                    .findFirst();
            if (next.isPresent()) {
                return ", as in " + next.get().name() + " = " + ExprPrinter.print(next.get().value()) + ".";
            }
        }
        return ".";
    }

    private boolean fixes(Node candidate) {
        return fixes.test(candidate);
    }

    /** netgrad's line, as {@link Diagnosis} words it. */
    private String expected() {
        return expected.get();
    }
}
