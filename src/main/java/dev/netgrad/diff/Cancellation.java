package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.spec.EquationLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A line that is algebraically right but whose value rounding has spoiled, most often by
 * subtracting nearly equal numbers (the variance as mean(Z^2) - mu^2 of values far from 0). The
 * line, its helper lines written into it, is evaluated a few times with a random error of a
 * rounding's size put into every operation ({@link Evaluator#evaluatePerturbed}): when it is off
 * from the derivative by no more than a few times how far those evaluations spread, its error is
 * what rounding makes of it, not a mistake. A wrong line is off by far more than its rounding.
 * The subtraction named is the one of the line or its helpers whose operands are largest against
 * their difference: (|a| + |b|) / |a - b|, the factor by which it magnifies their errors.
 */
final class Cancellation {
    /** Perturbed evaluations per instance. */
    private static final int RUNS = 4;
    /** How far off a line may be, in spreads of its perturbed evaluations, to be called right but for rounding. */
    private static final double SPREADS = 10;
    /** The least magnification of a subtraction named as where the digits went: four digits lost. */
    private static final double LEAST_MAGNIFICATION = 1e4;

    private final JudgedLine judged;

    Cancellation(JudgedLine judged) {
        this.judged = judged;
    }

    /** Why the line is right but for rounding, when it is; empty for any line off by more. */
    Optional<String> explain() {
        Node inlined = inline(judged.line().value(), judged.line().pos().line());
        boolean rounding = false;
        for (boolean cost : new boolean[] {true, false}) {
            rounding = rounding || offByRounding(inlined, judged.values(), cost);
        }
        if (!rounding) {
            return Optional.empty();
        }
        return worstSubtraction().map(this::message);
    }

    /**
     * Whether the values are off from the derivative by no more than rounding on every instance. The
     * line's value is let go while each evaluation to compare it with is made, and made again for the
     * comparison: with it held, a 4096 x 4096 param line's perturbed product took three such matrices.
     * It is compared with each a block of rows at a time where it can be made so, never whole beside
     * an evaluation or the reference ({@link LineValues.OneAtATime#distanceFrom}).
     */
    private boolean offByRounding(Node inlined, LineValues.OneAtATime values, boolean cost) {
        for (int i = 0; i < values.size(); i++) {
            if (judged.equalsReference(i, cost)) {
                continue; // asked with no value of the line held: the reference's noise or rounding bound may take a pass
            }
            Environment in = judged.environment(i);
            if (distanceFromValue(Evaluator.evaluate(inlined, in), values, i) != 0) {
                return false; // the helpers written in compute something else than the line read (a name defined twice)
            }
            double spread = 0;
            for (int run = 0; run < RUNS; run++) {
                spread = Math.max(spread, distanceFromValue(Evaluator.evaluatePerturbed(inlined, in, 31L * i + run + 1), values, i));
            }
            Matrix reference = judged.rightValue(i, cost);
            double allowed = SPREADS * spread;
            if (reference == null || spread == 0) {
                return false;
            }
            // NaN: of another shape. The distance is symmetric to the bit (x - y is -(y - x)).
            double off = values.distanceFrom(i, reference, Double.NaN);
            if (Double.isNaN(off) || off > allowed) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link Numerics#distance} of an evaluation from the line's value on an instance, the value never
     * held after (nor whole, where it can be made a block of rows at a time).
     */
    private static double distanceFromValue(Matrix evaluated, LineValues.OneAtATime values, int instance) {
        return values.distanceFrom(instance, evaluated, 0);
    }

    /** A subtraction (or an addition of opposite signs), the line it is in, and how much it magnifies its operands' errors. */
    private record Subtraction(Apply node, EquationLine in, double magnification) {
    }

    private Optional<Subtraction> worstSubtraction() {
        List<EquationLine> lines = new ArrayList<>();
        collectLines(judged.line(), lines);
        Environment in = judged.environment(0);
        Subtraction worst = null;
        for (EquationLine l : lines) {
            for (Apply a : subtractions(l.value())) {
                double m = magnification(a, in);
                if (m >= LEAST_MAGNIFICATION && (worst == null || m > worst.magnification())) {
                    worst = new Subtraction(a, l, m);
                }
            }
        }
        return Optional.ofNullable(worst);
    }

    /** The largest finite (|a| + |b|) / |a +- b| over the entries. */
    private static double magnification(Apply a, Environment in) {
        Node sizes = Apply.of(Op.ADD, Apply.of(Op.ABS, a.arg(0)), Apply.of(Op.ABS, a.arg(1)));
        Matrix ratio = Evaluator.evaluate(Apply.of(Op.DIV, sizes, Apply.of(Op.ABS, a)), in);
        double worst = 0;
        for (double r : ratio.data()) {
            if (Double.isFinite(r)) {
                worst = Math.max(worst, r);
            }
        }
        return worst;
    }

    private String message(Subtraction s) {
        int digits = (int) Math.round(Math.log10(s.magnification()));
        String where = s.in() == judged.line() ? "this line" : s.in().name() + ", line " + s.in().pos().line();
        return "is right but for rounding: it loses about " + digits + " of its 16 digits to cancellation in "
                + ExprPrinter.print(s.node()) + " (" + where + "), which subtracts numbers that agree in about their first "
                + digits + " digits; " + stableForm(s.node()).map(f -> "write it as " + f + ", which subtracts before squaring")
                .orElse("write it so that it does not subtract nearly equal numbers") + "; netgrad derives "
                + judged.checker().printed().equation(judged.name()).map(e -> e.name() + " = " + ExprPrinter.print(e.value()))
                .orElse(judged.name());
    }

    /** For mean(X^2) - M^2 with M the mean of X: mean((X - M)^2), the variance without the cancellation. */
    private Optional<String> stableForm(Apply sub) {
        int before = judged.line().pos().line();
        if (sub.op() == Op.SUB && sub.arg(0) instanceof Apply squares && isMean(squares.op())
                && squares.x() instanceof Apply sq && isSquare(sq) && sub.arg(1) instanceof Apply msq && isSquare(msq)
                && inline(msq.x(), before).equals(inline(Apply.of(squares.op(), sq.x()), before))) {
            Node centred = Apply.of(Op.POW, Apply.of(Op.SUB, sq.x(), msq.x()), Num.of(2));
            return Optional.of(ExprPrinter.print(Apply.of(squares.op(), centred)));
        }
        return Optional.empty();
    }

    private static boolean isMean(Op op) {
        return op == Op.MEAN || op == Op.MEAN0 || op == Op.MEAN1;
    }

    private static boolean isSquare(Apply a) {
        return a.op() == Op.POW && a.arg(1) instanceof Num n && n.value() == 2;
    }

    private static List<Apply> subtractions(Node node) {
        List<Apply> out = new ArrayList<>();
        collectSubtractions(node, out);
        return out;
    }

    private static void collectSubtractions(Node node, List<Apply> out) {
        if (node instanceof Apply a) {
            if ((a.op() == Op.SUB || a.op() == Op.ADD) && !out.contains(a)) {
                out.add(a);
            }
            a.args().forEach(x -> collectSubtractions(x, out));
        }
    }

    /** The line and the helper lines it reads, directly or through others. */
    private void collectLines(EquationLine l, List<EquationLine> out) {
        if (out.contains(l)) {
            return;
        }
        out.add(l);
        for (Ref r : Nodes.refs(l.value(), Nodes.Masks.SKIP)) {
            helper(r.name(), l.pos().line()).ifPresent(h -> collectLines(h, out));
        }
    }

    /** The node with each helper line it reads written in its place, so that perturbing reaches the helpers' operations. */
    private Node inline(Node node, int before) {
        if (node instanceof Ref r) {
            return helper(r.name(), before).map(h -> inline(h.value(), h.pos().line())).orElse(node);
        }
        if (node instanceof Apply a) {
            List<Node> args = a.args().stream().map(x -> inline(x, before)).toList();
            return args.equals(a.args()) ? a : Apply.of(a.op(), args);
        }
        return node;
    }

    /** The helper line of that name, when it comes before line {@code before}: a name defined twice is never followed round. */
    private Optional<EquationLine> helper(String name, int before) {
        return judged.checker().verdict(name).filter(v -> v.status() == EquationChecker.Status.HELPER)
                .map(EquationChecker.Verdict::line).filter(h -> h.pos().line() < before);
    }
}
