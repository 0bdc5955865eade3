package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * A wrong line that is the derivative it names times one number on every instance: the cost's 1/m
 * missing, applied twice or three times, an m multiplied in, a batch size written for m, the
 * wrong sign, or another constant. These are the slips of the 1/m bookkeeping, told apart by how
 * the number varies with m across instances; for a 1/m applied twice the message follows the
 * user's lines back to where the first one entered.
 */
final class OffByFactor {
    /** The least n for which a per-example line off by a constant 1/n is named as a batch size n written for m. */
    private static final int LEAST_FIXED_BATCH = 10;

    private final JudgedLine judged;
    private final Supplier<String> expected;

    OffByFactor(JudgedLine judged, Supplier<String> expected) {
        this.judged = judged;
        this.expected = expected;
    }

    /** value = r * dJ/dV on every instance, with r = 1/m, m, or a constant. */
    Optional<String> explain() {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < judged.values().size(); i++) {
            OptionalDouble r = Numerics.ratio(judged.values().get(i), judged.rightValue(i, true));
            if (r.isEmpty()) {
                return Optional.empty();
            }
            ratios.add(r.getAsDouble());
        }
        if (!judged.checker().perExample().oneOverM().meanCost()) {
            return sumCostFactor(ratios);
        }
        String of = judged.of();
        if (allScaleLike(ratios, -1)) {
            return Optional.of("applies 1/m twice: it equals 1/m * dJ/d" + of + ". " + firstOneOverM());
        }
        if (allScaleLike(ratios, 1)) {
            String base = judged.isParamLike()
                    ? "is d(sum L)/d" + of + ", not dJ/d" + of + ": the 1/m of the cost's mean is missing on this path"
                    : "is m * dL/d" + of + ": off by a factor of m";
            return Optional.of(base + ". " + whereScaled());
        }
        if (allScaleLike(ratios, 2)) {
            Numerator derived = judged.reference().numerator();
            if (!judged.isParamLike() && derived != Numerator.COST) {
                // m * dL/dZ2: no 1/m of the cost belongs in a per-example (or batch-sum) value, so none is missing.
                return Optional.of("is m * " + derived.over(of) + ": off by a factor of m, an m multiplied in; netgrad derives "
                        + expected());
            }
            return Optional.of("is m^2 * dJ/d" + of + ": off by a factor of m^2, the 1/m of the cost's mean missing and an m"
                    + " multiplied in besides");
        }
        if (allScaleLike(ratios, -2)) {
            return Optional.of("applies 1/m three times (it equals 1/m^2 * dJ/d" + of + ")");
        }
        return fixedBatchSize(ratios).or(() -> constantFactor(ratios));
    }

    /** A constant factor from dJ/dV, else, for a per-example line, from the numerator netgrad derives. */
    private Optional<String> constantFactor(List<Double> ratios) {
        Optional<String> constant = constantFactor(ratios, Numerator.COST);
        Numerator derived = judged.reference().numerator();
        if (constant.isPresent() || derived == Numerator.COST) {
            return constant;
        }
        // dL/dV (and d(sum L)/dV) is m * dJ/dV: Y - A2 is -m * dJ/dZ2, a constant only against dL/dZ2.
        List<Double> perExample = new ArrayList<>();
        for (int i = 0; i < ratios.size(); i++) {
            perExample.add(ratios.get(i) / judged.batchSize(i));
        }
        return constantFactor(perExample, derived);
    }

    /**
     * value = m/n * dJ/dV on every instance, n a whole number: a batch size written where m belongs
     * ({@code 1/128 *} for {@code 1/m *}), right for that one batch size only. A per-example line
     * off by a constant 1/n reads as well as off by a constant factor; it is named so only for n of
     * at least {@link #LEAST_FIXED_BATCH}, which no slip of a small factor (the 1/2 of a square) is.
     */
    private Optional<String> fixedBatchSize(List<Double> ratios) {
        double n = Math.rint(judged.batchSize(0) / ratios.get(0));
        if (n < (judged.isParamLike() ? 2 : LEAST_FIXED_BATCH) || !allScaleLike(ratios.stream().map(r -> r * n).toList(), 1)) {
            return Optional.empty();
        }
        String size = ExprPrinter.number(n);
        return Optional.of("has a fixed 1/" + size + " where 1/m belongs: it is m/" + size + " * dJ/d" + judged.of()
                + ", right only for a batch of " + size + " examples; netgrad derives " + expected());
    }

    /**
     * For a cost J = sum(L), where dJ = dL and no 1/m belongs anywhere: a power of m, named as such
     * ("applies 1/m twice" would point at a first 1/m there is none of), else a constant.
     */
    private Optional<String> sumCostFactor(List<Double> ratios) {
        String[] powers = {"1/m^2", "1/m", "", "m", "m^2"};
        for (int p = -2; p <= 2; p++) {
            if (p != 0 && allScaleLike(ratios, p)) {
                return Optional.of("is " + powers[p + 2] + " * dJ/d" + judged.of() + ": the cost J = sum(L) is not a mean, so"
                        + " no 1/m or m belongs in " + judged.name() + "; netgrad derives " + expected());
            }
        }
        return constantFactor(ratios, Numerator.COST);
    }

    /** "has the wrong sign: it equals -dL/dZ2", or "is off by a constant factor 2 from dJ/dW2", when every ratio is the same. */
    private Optional<String> constantFactor(List<Double> ratios, Numerator over) {
        double r = ratios.get(0);
        if (!ratios.stream().allMatch(x -> Numerics.near(x, r))) {
            return Optional.empty();
        }
        String of = judged.of();
        if (r == 0) {
            // A line that cancels itself (A2 - A2): no factor makes it right, so none is named.
            return Optional.of("is 0 on every entry, where " + judged.reference().label() + " is not");
        }
        return Optional.of(Numerics.near(r, -1) ? "has the wrong sign: it equals -" + over.over(of)
                : "is off by a constant factor " + ExprPrinter.number(Numerics.rounded(r)) + " from " + over.over(of) + dropoutScale(r)
                        + averagePoolScale(r));
    }

    /**
     * A factor that is the size of the window of an average pool's derivative the line reads, or its
     * inverse: avgpool_input already divides each entry by its window's f·f positions, so the line
     * either multiplies the division away (each entry sent whole to every position, as for a sum) or
     * divides a second time.
     */
    private String averagePoolScale(double factor) {
        for (Node n : Nodes.of(judged.line().value(), Nodes.Masks.SKIP)) {
            if (n instanceof Apply a && a.op() == Op.AVGPOOL_INPUT && a.arg(1) instanceof Num f) {
                double size = f.value() * f.value();
                String positions = "avgpool_input already divides each entry by its window's " + ExprPrinter.number(size)
                        + " positions (" + ExprPrinter.number(f.value()) + " x " + ExprPrinter.number(f.value()) + ")";
                if (Numerics.near(factor, size)) {
                    return ": " + positions + "; the line multiplies that away, sending each entry whole to every position";
                }
                if (Numerics.near(factor, 1 / size)) {
                    return ": " + positions + "; the line divides by them a second time";
                }
            }
        }
        return "";
    }

    /**
     * A factor that is a dropout's keep probability, its inverse or its square: the line left out that
     * dropout's 1/keep, applied it twice, or multiplied by keep where it divides (the inverted dropout's
     * scaling, easy to drop or turn over when writing the mask by hand). Only a dropout the derivative
     * flows through is named: one whose mask the line reads or whose input reads the value;
     * dZ3 = 0.8 * (A3 - Y) after the last dropout is off by a plain constant.
     */
    private String dropoutScale(double factor) {
        // The dropouts whose masks the line reads first: with the same keep everywhere, the one it is about.
        List<String> masksRead = Nodes.of(judged.line().value(), Nodes.Masks.SKIP).stream()
                .filter(n -> n instanceof Apply a && a.op() == Op.MASK).map(n -> ((Ref) ((Apply) n).x()).name()).toList();
        List<Statement> forward = new ArrayList<>(judged.checker().perExample().forward());
        forward.sort(Comparator.comparing(s -> !masksRead.contains(s.name())));
        for (Statement s : forward) {
            Optional<LoweredDropout> d = LoweredDropout.in(s.value());
            if (d.isEmpty() || !masksRead.contains(s.name()) && Nodes.refs(d.get().kept(), Nodes.Masks.SKIP).stream()
                    .noneMatch(r -> r.name().equals(judged.of()))) {
                continue;
            }
            String keep = ExprPrinter.number(d.get().keep());
            // "line 22" alone read as a line of the equation file, as "dZ2 (line 2)" is.
            String which = " (" + dropoutStatement(s, keep) + ", line " + s.pos().line() + " of the spec)";
            if (Numerics.near(factor, d.get().keep())) {
                return ": the 1/" + keep + " of the dropout" + which + " is missing";
            }
            if (Numerics.near(factor, 1 / d.get().keep())) {
                return ": the 1/" + keep + " of the dropout" + which + " is applied twice";
            }
            if (d.get().keep() < 1 && Numerics.near(factor, d.get().keep() * d.get().keep())) {
                return ": the line multiplies by " + keep + " where the dropout" + which + " divides by it: inverted"
                        + " dropout scales what it keeps by 1/" + keep;
            }
        }
        return "";
    }

    /**
     * The statement that holds the dropout: "A1 = dropout(..., 0.8)" for one at its root, else as
     * the user wrote it, A2 = relu(dropout(Z2, 0.8)), which says where in it the dropout is.
     */
    private String dropoutStatement(Statement lowered, String keep) {
        if (LoweredDropout.of(lowered.value()).isPresent()) {
            return lowered.name() + " = dropout(..., " + keep + ")";
        }
        return LoweredDropout.written(judged.checker().network(), lowered);
    }

    /** Whether ratio i equals m_i^power on every instance. */
    private boolean allScaleLike(List<Double> ratios, int power) {
        for (int i = 0; i < ratios.size(); i++) {
            if (!Numerics.near(ratios.get(i), Math.pow(judged.batchSize(i), power))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the first 1/m came from, for a line that applies it a second time, and the numerator the line it
     * is in would have without it: dL/dV, or d(sum L)/dV for a value that couples the examples (after a batchnorm).
     */
    private String firstOneOverM() {
        for (String name : EquationChecker.derivativesRead(judged.line().value())) {
            Optional<EquationChecker.Verdict> v = judged.checker().verdict(name);
            if (v.isPresent() && scaled(v.get())) {
                EquationChecker.Verdict origin = origin(v.get());
                String entered = origin == v.get() ? "" : " (the 1/m entered at " + origin.line().name()
                        + ", line " + origin.line().pos().line() + ")";
                return "The first 1/m is already in " + name + " (line " + v.get().line().pos().line()
                        + "), " + is(v.get()) + " dJ/d" + v.get().of() + entered + "; write " + judged.name()
                        + " without 1/m, or make " + name + " " + judged.checker().derivedNumerator(v.get().of()).over(v.get().of())
                        + ".";
            }
        }
        return "The expression contains the cost's 1/m twice.";
    }

    /** A per-example value's line that is dJ, or, wrong, meant dJ: it carries the cost's 1/m. */
    private boolean scaled(EquationChecker.Verdict v) {
        EquationChecker checker = judged.checker();
        return checker.numeratorOf(v.line().name()).orElse(null) == Numerator.COST && !checker.isParamLike(v.of());
    }

    /** "which is" for a right line; a wrong one is judged as the right value it meant. */
    private static String is(EquationChecker.Verdict v) {
        return v.status().equalsDerivative() ? "which is" : "taken as";
    }

    /** Follows scaled lines back to the one whose inputs carry no 1/m: where the user wrote it. */
    private EquationChecker.Verdict origin(EquationChecker.Verdict v) {
        for (String name : EquationChecker.derivativesRead(v.line().value())) {
            Optional<EquationChecker.Verdict> earlier = judged.checker().verdict(name);
            if (earlier.isPresent() && earlier.get() != v && scaled(earlier.get())) {
                return origin(earlier.get());
            }
        }
        return v;
    }

    private String whereScaled() {
        List<String> read = EquationChecker.derivativesRead(judged.line().value());
        if (read.isEmpty()) {
            return "Multiply by 1/m once.";
        }
        String name = read.get(0);
        Optional<EquationChecker.Verdict> v = judged.checker().verdict(name);
        String label = v.flatMap(x -> judged.checker().numeratorOf(name)
                .map(n -> (x.status().equalsDerivative() ? "is " : "is taken as ") + n.over(x.of())))
                .orElse("is not checked");
        return name + " " + label + ", without 1/m; multiply by 1/m here, as in " + expected() + ".";
    }

    /** netgrad's line, as {@link Diagnosis} words it. */
    private String expected() {
        return expected.get();
    }
}
