package dev.netgrad.diff;

import dev.netgrad.diff.EquationChecker.Status;
import dev.netgrad.diff.EquationChecker.Verdict;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Ref;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The numerator a wrong line meant, dJ or the one netgrad derives, which its right value takes in
 * the environments the lines after it are judged in, and the note on a line that mixes the
 * conventions: the pass after a line's verdict, before its values are put in.
 */
final class MeantNumerator {
    /** The earlier lines' verdicts, the instances and references. */
    private final EquationChecker checker;
    private final CheckInstances cases;

    MeantNumerator(EquationChecker checker, CheckInstances cases) {
        this.checker = checker;
        this.cases = cases;
    }

    /**
     * For a wrong per-example line that puts in the cost's 1/m itself while the derivatives it reads
     * are dL (or d(sum L)): it mixes the conventions, and the lines after it are judged as reading
     * dJ/dV from it, which is worth saying where the 1/m entered.
     */
    Verdict withConventionNote(Verdict verdict, boolean cost) {
        if (verdict.status() != Status.WRONG || !cost || checker.isParamLike(verdict.of())) {
            return verdict;
        }
        Set<Boolean> read = new LinkedHashSet<>();
        collectMeantCost(verdict.line().value(), read);
        if (!read.contains(false)) {
            return verdict;
        }
        String name = verdict.line().name();
        String inputs = EquationChecker.derivativesRead(verdict.line().value()).stream()
                .filter(x -> checker.verdict(x).map(v -> !checker.isParamLike(v.of())).orElse(false)
                        && checker.numeratorOf(x).orElse(Numerator.COST) != Numerator.COST)
                .map(x -> x + " is " + checker.numeratorOf(x).orElseThrow().over(checker.verdict(x).orElseThrow().of()))
                .collect(Collectors.joining(" and "));
        Numerator course = cases.perExample().equations().stream().filter(e -> e.of().equals(verdict.of())).findFirst()
                .map(Equation::numerator).orElse(Numerator.LOSS);
        String note = ". It also mixes the conventions, applying the cost's 1/m too early: " + inputs + ", so " + name
                + " stands for " + Numerator.COST.over(verdict.of()) + " in the lines after it (in the course's notation " + name
                + " is " + course.over(verdict.of()) + ", and the 1/m enters at the params' lines)";
        return new Verdict(verdict.line(), verdict.status(), verdict.numerator(), verdict.of(), verdict.message() + note);
    }

    /**
     * Whether a wrong line meant dJ/dV rather than the numerator netgrad derives: a line right given
     * right inputs as the one it equals then; any other by how it depends on m ({@link #powerOfM}:
     * the 1/m its inputs carry and the one it puts in itself), else as the earlier per-example
     * derivatives it reads are, or, when it reads none, as its values are nearer dJ/dV than dL/dV
     * in size. Replacing it by whichever fits let a later line without its 1/m, or with it twice,
     * pass as "right, given" the wrong one. False for a line that is not wrong.
     */
    boolean meantCost(Verdict verdict, LineValues values) {
        if (!EquationChecker.isWrong(verdict)) {
            return false;
        }
        if (checker.isParamLike(verdict.of())) {
            return true;
        }
        if (verdict.status() == Status.INHERITED) {
            // Each value let go once measured, before the reference's noise and rounding bound are made.
            return IntStream.range(0, cases.instances().size()).allMatch(i -> checker.equalsReference(
                    values.measured(EquationChecker.RIGHT, i, v -> checker.difference(v, i, verdict.of(), true)), i, verdict.of(), true));
        }
        OptionalInt power = powerOfM(verdict.of(), values.oneAtATime(EquationChecker.RIGHT).get(0), values.onDoubled());
        if (power.isPresent()) {
            return power.getAsInt() <= 0;
        }
        Set<Boolean> read = new LinkedHashSet<>();
        collectMeantCost(verdict.line().value(), read);
        if (!read.isEmpty()) {
            return read.contains(true);
        }
        List<Matrix> written = values.oneAtATime(EquationChecker.WRITTEN);
        double offCost = 0;
        double offDerived = 0;
        for (int i = 0; i < CheckInstances.SEEDED; i++) {
            double size = Numerics.norm(written.get(i));
            double cost = Numerics.norm(checker.reference(i, verdict.of(), true));
            double derived = Numerics.norm(checker.reference(i, verdict.of(), false));
            if (size > 0 && cost > 0 && derived > 0 && Double.isFinite(size)) {
                offCost += Math.abs(Math.log(size / cost));
                offDerived += Math.abs(Math.log(size / derived));
            }
        }
        return offCost < offDerived;
    }

    /**
     * The power k for which a line's value depends on m as m^k * dJ/dV does, measured on the first
     * instance and on it with its batch taken twice: for {@code of}'s m-column entries the two agree
     * (k = 1, a dL or d(sum L) reading) or halve (k = 0, dJ), whatever else is wrong in the line, as
     * long as the line keeps each example's column to itself. The powers of 1/m the line's inputs
     * carry count as the user meant them: a line that puts in its own 1/m after reading dL/dZ2 is dJ.
     * Comparing the line with the references across the random instances could not tell: the ratio
     * of a wrongly derived value to either varies from instance to instance whatever it meant.
     * Empty when the line's value is zero, or not a multiple of itself on the doubled batch.
     */
    private OptionalInt powerOfM(String of, Matrix value, Matrix onDoubled) {
        OptionalDouble line = Numerics.ratio(firstBlock(onDoubled, value), value);
        OptionalDouble cost = Numerics.ratio(firstBlock(cases.doubledReference(of, true), checker.reference(0, of, true)), checker.reference(0, of, true));
        if (line.isEmpty() || cost.isEmpty() || line.getAsDouble() <= 0 || cost.getAsDouble() <= 0) {
            return OptionalInt.empty();
        }
        double k = Math.log(line.getAsDouble() / cost.getAsDouble()) / Math.log(2);
        return Math.abs(k - Math.rint(k)) < 1e-6 ? OptionalInt.of((int) Math.rint(k)) : OptionalInt.empty();
    }

    /** The entries of a value on the doubled batch that stand where {@code like}'s are: the first copy of the examples. */
    private static Matrix firstBlock(Matrix onDoubled, Matrix like) {
        if (onDoubled == null || like == null || onDoubled.rows() < like.rows() || onDoubled.cols() < like.cols()) {
            return like == null ? Matrix.zeros(1, 1) : Matrix.zeros(like.rows() + 1, like.cols());
        }
        Matrix out = Matrix.zeros(like.rows(), like.cols());
        for (int r = 0; r < like.rows(); r++) {
            for (int c = 0; c < like.cols(); c++) {
                out.set(r, c, onDoubled.get(r, c));
            }
        }
        return out;
    }

    /** Whether each per-example derivative an expression reads (directly or through helpers) is, or meant, dJ. */
    private void collectMeantCost(Node node, Set<Boolean> out) {
        if (node instanceof Ref r && checker.verdict(r.name()).isPresent()) {
            Verdict v = checker.verdict(r.name()).orElseThrow();
            if (v.status() == Status.HELPER) {
                collectMeantCost(v.line().value(), out);
            } else if (!checker.isParamLike(v.of())) {
                out.add(v.status().equalsDerivative() ? v.numerator().orElseThrow() == Numerator.COST
                        : v.status() == Status.NOT_JUDGED ? checker.derivedNumerator(v.of()) == Numerator.COST : checker.meantCost(r.name()));
            }
        } else if (node instanceof Apply a) {
            a.args().forEach(x -> collectMeantCost(x, out));
        }
    }
}
