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
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.ir.ShapeException;
import dev.netgrad.spec.EquationLine;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Explains how a wrong line differs from the derivative it names, trying in turn: the shape,
 * a factor of m or 1/m (1/m missing or applied twice, and where the first one came from), a
 * constant factor, a square result transposed (alone or with such a factor), a missing or extra transpose, a wrong activation derivative, the stride,
 * padding or routing of an image derivative, a term of the param scaled wrong, a batch size written for m beside it
 * ({@link FixedBatchBesideParamTerm}), and a batchnorm's batch terms left out ({@link BatchnormTerms}).
 */
final class Diagnosis {
    /** The least n for which a per-example line off by a constant 1/n is named as a batch size n written for m. */
    private static final int LEAST_FIXED_BATCH = 10;

    private final EquationChecker checker;
    private final EquationLine line;
    private final Equation reference;
    private final List<Matrix> values;
    private final String of;
    /** The environment (EquationChecker.WRITTEN, RIGHT or RIGHT_OTHER) that {@code values} were evaluated in. */
    private final int env;

    Diagnosis(EquationChecker checker, EquationLine line, Equation reference, List<Matrix> values, int env) {
        this.checker = checker;
        this.line = line;
        this.reference = reference;
        this.values = values;
        this.of = reference.of();
        this.env = env;
    }

    /** How the line differs, when one of the known mistakes explains it. */
    Optional<String> specific() {
        return shape().or(this::factor).or(this::transposedResult).or(this::transpose).or(this::activation).or(this::dropoutMask).or(this::missingMask).or(this::image)
                .or(this::paramTerm).or(() -> new FixedBatchBesideParamTerm(checker, values, env, of).explain(expected())).or(() -> new BatchnormTerms(checker, values, env, of).explain(line.name(), this::expected));
    }

    /** The message when no known mistake explains the line: what it should equal, and netgrad's form. */
    String generic() {
        Set<String> accepted = new LinkedHashSet<>(List.of(reference.label(), Numerator.COST.over(of)));
        return "does not equal " + String.join(" or ", accepted) + "; netgrad derives " + expected();
    }

    private Optional<String> shape() {
        Shape want = reference.shape();
        Shape got = line.value().shape();
        if (got.equals(want)) {
            return Optional.empty();
        }
        String s = "has shape " + got + ", but " + line.name() + " is " + want;
        if (got.transpose().equals(want)) {
            s += ": the result is transposed";
        }
        return Optional.of(s);
    }

    /** value = r * dJ/dV on every instance, with r = 1/m, m, or a constant. */
    private Optional<String> factor() {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            OptionalDouble r = Numerics.ratio(values.get(i), checker.reference(i, of, true));
            if (r.isEmpty()) {
                return Optional.empty();
            }
            ratios.add(r.getAsDouble());
        }
        if (!checker.perExample().oneOverM().meanCost()) {
            return sumCostFactor(ratios);
        }
        if (allScaleLike(ratios, -1)) {
            return Optional.of("applies 1/m twice: it equals 1/m * dJ/d" + of + ". " + firstOneOverM());
        }
        if (allScaleLike(ratios, 1)) {
            String base = checker.isParamLike(of)
                    ? "is d(sum L)/d" + of + ", not dJ/d" + of + ": the 1/m of the cost's mean is missing on this path"
                    : "is m * dL/d" + of + ": off by a factor of m";
            return Optional.of(base + ". " + whereScaled());
        }
        if (allScaleLike(ratios, 2)) {
            return Optional.of("is m^2 * dJ/d" + of + ": off by a factor of m^2, the 1/m of the cost's mean missing and an m"
                    + " multiplied in besides");
        }
        if (allScaleLike(ratios, -2)) {
            return Optional.of("applies 1/m three times (it equals 1/m^2 * dJ/d" + of + ")");
        }
        Optional<String> fixed = fixedBatchSize(ratios);
        if (fixed.isPresent()) {
            return fixed;
        }
        Optional<String> constant = constantFactor(ratios, Numerator.COST);
        if (constant.isEmpty() && reference.numerator() != Numerator.COST) {
            // dL/dV (and d(sum L)/dV) is m * dJ/dV: Y - A2 is -m * dJ/dZ2, a constant only against dL/dZ2.
            List<Double> perExample = new ArrayList<>();
            for (int i = 0; i < ratios.size(); i++) {
                perExample.add(ratios.get(i) / checker.instances().get(i).m());
            }
            constant = constantFactor(perExample, reference.numerator());
        }
        return constant;
    }

    /**
     * value = m/n * dJ/dV on every instance, n a whole number: a batch size written where m belongs
     * ({@code 1/128 *} for {@code 1/m *}), right for that one batch size only. A per-example line
     * off by a constant 1/n reads as well as off by a constant factor; it is named so only for n of
     * at least {@link #LEAST_FIXED_BATCH}, which no slip of a small factor (the 1/2 of a square) is.
     */
    private Optional<String> fixedBatchSize(List<Double> ratios) {
        double n = Math.rint(checker.instances().get(0).m() / ratios.get(0));
        if (n < (checker.isParamLike(of) ? 2 : LEAST_FIXED_BATCH) || !allScaleLike(ratios.stream().map(r -> r * n).toList(), 1)) {
            return Optional.empty();
        }
        String size = ExprPrinter.number(n);
        return Optional.of("has a fixed 1/" + size + " where 1/m belongs: it is m/" + size + " * dJ/d" + of + ", right only for a"
                + " batch of " + size + " examples; netgrad derives " + expected());
    }

    /**
     * For a cost J = sum(L), where dJ = dL and no 1/m belongs anywhere: a power of m, named as such
     * ("applies 1/m twice" would point at a first 1/m there is none of), else a constant.
     */
    private Optional<String> sumCostFactor(List<Double> ratios) {
        String[] powers = {"1/m^2", "1/m", "", "m", "m^2"};
        for (int p = -2; p <= 2; p++) {
            if (p != 0 && allScaleLike(ratios, p)) {
                return Optional.of("is " + powers[p + 2] + " * dJ/d" + of + ": the cost J = sum(L) is not a mean, so no 1/m"
                        + " or m belongs in " + line.name() + "; netgrad derives " + expected());
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
        return Optional.of(Numerics.near(r, -1) ? "has the wrong sign: it equals -" + over.over(of)
                : "is off by a constant factor " + ExprPrinter.number(Numerics.rounded(r)) + " from " + over.over(of));
    }

    /**
     * A square result has the right shape transposed, so {@link #shape} cannot see it: transpose the
     * values and judge them again, as right or as off by one of the factors.
     */
    private Optional<String> transposedResult() {
        Shape want = reference.shape();
        if (want.grid() != null || want.hasBatchSide() || want.rows() != want.cols() || want.isScalar()) {
            return Optional.empty();
        }
        List<Matrix> transposed = values.stream().map(Matrix::transposed).toList();
        String head = "has the result transposed";
        for (Numerator n : List.of(Numerator.COST, reference.numerator())) {
            if (checker.matchesAll(transposed, of, n == Numerator.COST)) {
                return Optional.of(head + ": " + line.name() + ".T equals " + n.over(of) + "; netgrad derives " + expected());
            }
        }
        return new Diagnosis(checker, line, reference, transposed, env).factor()
                .map(why -> head + ", and " + line.name() + ".T " + why);
    }

    /** Whether ratio i equals m_i^power on every instance. */
    private boolean allScaleLike(List<Double> ratios, int power) {
        for (int i = 0; i < ratios.size(); i++) {
            if (!Numerics.near(ratios.get(i), Math.pow(checker.instances().get(i).m(), power))) {
                return false;
            }
        }
        return true;
    }

    /** Where the first 1/m came from, for a line that applies it a second time. */
    private String firstOneOverM() {
        for (String name : EquationChecker.derivativesRead(line.value())) {
            Optional<EquationChecker.Verdict> v = checker.verdict(name);
            if (v.isPresent() && scaled(v.get())) {
                EquationChecker.Verdict origin = origin(v.get());
                String entered = origin == v.get() ? "" : " (the 1/m entered at " + origin.line().name()
                        + ", line " + origin.line().pos().line() + ")";
                return "The first 1/m is already in " + name + " (line " + v.get().line().pos().line()
                        + "), " + is(v.get()) + " dJ/d" + v.get().of() + entered + "; write " + line.name()
                        + " without 1/m, or make " + name + " dL/d" + v.get().of() + ".";
            }
        }
        return "The expression contains the cost's 1/m twice.";
    }

    /** A per-example value's line that is dJ, or, wrong, meant dJ: it carries the cost's 1/m. */
    private boolean scaled(EquationChecker.Verdict v) {
        return checker.numeratorOf(v.line().name()).orElse(null) == Numerator.COST && !checker.isParamLike(v.of());
    }

    /** "which is" for a right line; a wrong one is judged as the right value it meant. */
    private static String is(EquationChecker.Verdict v) {
        return v.status() == EquationChecker.Status.CORRECT ? "which is" : "taken as";
    }

    /** Follows scaled lines back to the one whose inputs carry no 1/m: where the user wrote it. */
    private EquationChecker.Verdict origin(EquationChecker.Verdict v) {
        for (String name : EquationChecker.derivativesRead(v.line().value())) {
            Optional<EquationChecker.Verdict> earlier = checker.verdict(name);
            if (earlier.isPresent() && earlier.get() != v && scaled(earlier.get())) {
                return origin(earlier.get());
            }
        }
        return v;
    }

    private String whereScaled() {
        List<String> read = EquationChecker.derivativesRead(line.value());
        if (read.isEmpty()) {
            return "Multiply by 1/m once.";
        }
        String name = read.get(0);
        Optional<EquationChecker.Verdict> v = checker.verdict(name);
        String label = v.flatMap(x -> checker.numeratorOf(name)
                .map(n -> (x.status() == EquationChecker.Status.CORRECT ? "is " : "is taken as ") + n.over(x.of())))
                .orElse("is not checked");
        return name + " " + label + ", without 1/m; multiply by 1/m here, as in " + expected() + ".";
    }

    /** Adds or removes one transpose on one name of the line and sees whether that fixes it. */
    private Optional<String> transpose() {
        for (Ref leaf : leaves(line.value())) {
            for (boolean add : new boolean[] {true, false}) {
                Optional<Node> variant = toggle(line.value(), leaf, add);
                if (variant.isPresent() && fixes(variant.get())) {
                    return Optional.of(add
                            ? "is missing a transpose: " + leaf.name() + " should be " + leaf.name() + ".T"
                            : "has an extra transpose: " + leaf.name() + ".T should be " + leaf.name());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * For V the argument of A = f(V): the user's dA times the right derivative of f. The user's dA is
     * their dA line, or a factor of the line standing for it ({@code W2.T @ dZ2} in
     * {@code dZ1 = W2.T @ dZ2 * A1 * (1 - A1)}), or the whole line (the derivative left out).
     */
    private Optional<String> activation() {
        for (Statement s : checker.perExample().forward()) {
            if (s.value() instanceof Apply a && a.args().size() >= 1 && a.x() instanceof Ref r
                    && r.name().equals(of) && isActivation(a.op())) {
                String dA = checker.perExample().equations().stream().filter(e -> e.of().equals(s.name()))
                        .map(Equation::name).findFirst().orElse("d" + s.name()); // dH_3 when the spec has a value dH
                List<Node> candidates = new ArrayList<>();
                if (EquationChecker.derivativesRead(line.value()).contains(dA)) {
                    candidates.add(Ref.of(dA, RefKind.DERIVATIVE, s.shape()));
                }
                factors(line.value(), candidates);
                for (Node userDA : candidates) {
                    if (!userDA.shape().equals(s.shape())) {
                        continue;
                    }
                    Node right = Rules.contribution(a, Ref.of(s.name(), RefKind.VALUE, s.shape()), userDA, 0);
                    if (fixes(right)) {
                        return Optional.of("has the wrong derivative of " + a.op().symbol() + writtenAs(a, s, userDA) + ": for "
                                + s.name() + " = " + ExprPrinter.print(a) + ", " + line.name() + " = " + ExprPrinter.print(right));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Activations whose derivative a line may have written in place of another's. */
    private static final List<Op> ACTIVATIONS = List.of(Op.SIGMOID, Op.TANH, Op.RELU, Op.SOFTMAX);

    /**
     * " (dA2 * A2 * (1 - A2) is sigmoid's)" when the line equals, on every instance, another
     * activation's derivative at the same output and the same dA: softmax's written as sigmoid's.
     */
    private String writtenAs(Apply activation, Statement s, Node userDA) {
        for (Op other : ACTIVATIONS) {
            if (other == activation.op()) {
                continue;
            }
            Node theirs = Rules.contribution((Apply) Apply.of(other, activation.x()), Ref.of(s.name(), RefKind.VALUE, s.shape()),
                    userDA, 0);
            boolean all = true;
            for (int i = 0; i < values.size() && all; i++) {
                Matrix v = Evaluator.evaluate(theirs, checker.instances().get(i).envs().get(env));
                all = Numerics.close(values.get(i), v, Numerics.FACTOR_TOLERANCE, 0);
            }
            if (all) {
                return " (" + ExprPrinter.print(theirs) + " is " + other.symbol() + "'s)";
            }
        }
        return "";
    }

    /** The node and, down products and quotients' numerators, each factor and partial product of it. */
    private static void factors(Node node, List<Node> out) {
        out.add(node);
        if (node instanceof Apply a && (a.op() == Op.MUL || a.op() == Op.DIV || a.op() == Op.NEG)) {
            factors(a.x(), out);
            if (a.op() == Op.MUL) {
                factors(a.arg(1), out);
            }
        }
    }

    /**
     * value = dJ/dP + c * P on every instance, for a param P: a term of P itself missing, doubled or
     * scaled wrong, most often the regularizer's (lambda/m * P for l2). Named as k/m * P when c * m is
     * the same on every instance, else as k * P.
     */
    private Optional<String> paramTerm() {
        if (!checker.isParamLike(of)) {
            return Optional.empty();
        }
        List<Double> perM = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Matrix reference = checker.reference(i, of, true);
            Matrix param = checker.instances().get(i).envs().get(env).value(of);
            if (param == null || reference == null || !values.get(i).sameShape(reference)) {
                return Optional.empty();
            }
            // The least-squares c, then the whole line held to dJ/dP + c * P to rounding of its size: a
            // term far smaller than the gradient is still found.
            double dot = 0;
            double norm = 0;
            for (int k = 0; k < param.data().length; k++) {
                dot += (values.get(i).data()[k] - reference.data()[k]) * param.data()[k];
                norm += param.data()[k] * param.data()[k];
            }
            double c = norm == 0 ? 0 : dot / norm;
            Matrix fitted = Matrix.zeros(reference.rows(), reference.cols());
            for (int k = 0; k < fitted.data().length; k++) {
                fitted.data()[k] = reference.data()[k] + c * param.data()[k];
            }
            if (c == 0 || !Numerics.close(values.get(i), fitted, Numerics.FACTOR_TOLERANCE, 0)) {
                return Optional.empty();
            }
            plain.add(c);
            perM.add(c * checker.instances().get(i).m());
        }
        String term;
        if (perM.stream().allMatch(x -> Numerics.near(x, perM.get(0)))) {
            term = ExprPrinter.number(shown(perM.get(0))) + "/m * " + of;
        } else if (plain.stream().allMatch(x -> Numerics.near(x, plain.get(0)))) {
            double k = shown(plain.get(0));
            term = k == 1 ? of : k == -1 ? "-" + of : ExprPrinter.number(k) + " * " + of;
        } else {
            Optional<Misscaled> fit = Misscaled.fit(plain, checker, 0).or(() -> Misscaled.fit(plain, checker, -2));
            if (fit.isEmpty()) {
                return Optional.empty();
            }
            term = fit.get().term(of);
            if (fit.get().standsForOneOverM()) {
                // The course's slip, lambda * W for lambda/m * W, or lambda/m^2 * W, 1/m applied twice.
                String k = ExprPrinter.number(shown(fit.get().a()));
                String written = fit.get().power() == 0 ? k + " * " + of : k + "/m^2 * " + of;
                String slip = fit.get().power() == 0 ? " is missing its 1/m" : " has 1/m twice";
                return Optional.of("differs from dJ/d" + of + " by " + term + ": a term " + written + slip
                        + " (the regularizer's is " + k + "/m * " + of + "); netgrad derives " + expected());
            }
        }
        return Optional.of("differs from dJ/d" + of + " by " + term + ": a term in " + of + " (such as the regularizer's) is"
                + " missing, doubled or scaled wrong; netgrad derives " + expected());
    }

    /**
     * A param's coefficient c = a * m^power + b/m, fitted on the first two instances and held to the
     * others: a term of the param scaled by the wrong power of m. With a = -b, a term k * P (power 0)
     * or k/m^2 * P (power -2) stands where the regularizer's k/m * P belongs.
     */
    private record Misscaled(double a, double b, int power) {
        static Optional<Misscaled> fit(List<Double> c, EquationChecker checker, int power) {
            double m0 = checker.instances().get(0).m();
            double m1 = checker.instances().get(1).m();
            double det = Math.pow(m0, power) / m1 - Math.pow(m1, power) / m0;
            double a = (c.get(0) / m1 - c.get(1) / m0) / det;
            double b = (Math.pow(m0, power) * c.get(1) - Math.pow(m1, power) * c.get(0)) / det;
            for (int i = 2; i < c.size(); i++) {
                double m = checker.instances().get(i).m();
                if (!Numerics.near(c.get(i), a * Math.pow(m, power) + b / m)) {
                    return Optional.empty();
                }
            }
            // Power -2 is only the slip of a doubled 1/m; any other such fit is named by power 0 or not at all.
            Misscaled fit = new Misscaled(a, b, power);
            return power == 0 || fit.standsForOneOverM() ? Optional.of(fit) : Optional.empty();
        }

        boolean standsForOneOverM() {
            return Numerics.near(a, -b);
        }

        /** "(0.5 - 0.7/m) * W1", "(0.7/m^2 - 0.7/m) * W1". */
        String term(String of) {
            double bRounded = shown(b);
            String first = ExprPrinter.number(shown(a)) + (power == 0 ? "" : "/m^2");
            return "(" + first + (bRounded < 0 ? " - " : " + ") + ExprPrinter.number(Math.abs(bRounded)) + "/m) * " + of;
        }
    }

    /**
     * A fitted coefficient to six significant digits: a term far smaller than the gradient is fitted
     * only as exactly as the gradient's rounding allows (1e-9 came out 1.000000000688e-9).
     */
    private static double shown(double c) {
        return Numerics.significant(c, 6);
    }

    /**
     * For A = dropout(x, k), lowered to x * mask(A) / k: a dA line that equals dA * mask(A) / k (or
     * dA * mask(A)), the course's {@code dA2 = dA2 * D2 / keep_prob}. That is the derivative of x,
     * before the dropout; netgrad's dA2 is that of A2 itself, and the mask belongs in the next line.
     */
    private Optional<String> dropoutMask() {
        Optional<Statement> owner = checker.perExample().forward().stream().filter(s -> s.name().equals(of)).findFirst();
        if (owner.isEmpty() || !(owner.get().value() instanceof Apply div && div.op() == Op.DIV
                && div.arg(1) instanceof Num keep && div.x() instanceof Apply mul && mul.op() == Op.MUL
                && mul.arg(1) instanceof Apply mask && mask.op() == Op.MASK)) {
            return Optional.empty();
        }
        for (double scale : new double[] {keep.value(), 1}) {
            for (boolean cost : new boolean[] {true, false}) {
                if (maskedEverywhere(scale, cost)) {
                    String masked = (cost ? Numerator.COST : reference.numerator()).over(of) + " * mask(" + of + ")"
                            + (scale == 1 ? "" : " / " + ExprPrinter.number(scale));
                    return Optional.of("applies the dropout mask already: it equals " + masked + ", the derivative of "
                            + ExprPrinter.print(mul.x()) + " before the dropout. " + line.name() + " is the derivative of "
                            + of + " itself (netgrad derives " + expected() + "); the mask and the 1/"
                            + ExprPrinter.number(keep.value()) + " go in the next line" + nextLine(mul.x()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * For a value V read by A = dropout(f(V), k), lowered to f(V) * mask(A) / k: a line that is
     * right once multiplied by mask(A) / k has left the dropout out of the backward pass (no mask
     * in its dA nor in it).
     */
    private Optional<String> missingMask() {
        for (Statement s : checker.perExample().forward()) {
            if (s.value() instanceof Apply div && div.op() == Op.DIV && div.arg(1) instanceof Num keep
                    && div.x() instanceof Apply mul && mul.op() == Op.MUL && mul.arg(1) instanceof Apply mask
                    && mask.op() == Op.MASK && Nodes.refs(mul.x(), Nodes.Masks.SKIP).stream().anyMatch(r -> r.name().equals(of))
                    && line.value().shape().equals(mask.shape())) {
                // The mask and the 1/k both left out, or the mask alone (the 1/k written).
                Node withMask = Apply.of(Op.MUL, line.value(), mask);
                if (fixes(Apply.of(Op.DIV, withMask, keep)) || fixes(withMask)) {
                    String dropout = checker.network().statements().stream().filter(x -> x.name().equals(s.name()))
                            .map(x -> s.name() + " = " + ExprPrinter.print(x.value())).findFirst().orElse(s.name());
                    return Optional.of("is missing the dropout mask: " + dropout + " keeps only the entries where mask("
                            + s.name() + ") is 1, scaled by 1/" + ExprPrinter.number(keep.value()) + ", and the derivative"
                            + " flows back through those alone; netgrad derives " + expected());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the values equal the reference times the mask of {@code of}, over {@code scale}, on every instance. */
    private boolean maskedEverywhere(double scale, boolean cost) {
        for (int i = 0; i < values.size(); i++) {
            Matrix reference = checker.reference(i, of, cost);
            Matrix mask = checker.instances().get(i).envs().get(env).mask(of);
            if (reference == null || mask == null || !reference.sameShape(mask) || !reference.sameShape(values.get(i))) {
                return false;
            }
            Matrix masked = Matrix.zeros(reference.rows(), reference.cols());
            for (int k = 0; k < masked.data().length; k++) {
                masked.data()[k] = reference.data()[k] * mask.data()[k] / scale;
            }
            if (!Numerics.close(values.get(i), masked, Numerics.FACTOR_TOLERANCE, 0)) {
                return false;
            }
        }
        return true;
    }

    /** ", as in dZ2 = dA2 * mask(A2) * (Z2 > 0) / 0.86" for the value inside an activation, else nothing. */
    private String nextLine(Node beforeDropout) {
        if (beforeDropout instanceof Apply a && !a.args().isEmpty() && a.x() instanceof Ref r) {
            Optional<Equation> next = checker.printed().equations().stream().filter(e -> e.of().equals(r.name())).findFirst();
            if (next.isPresent()) {
                return ", as in " + next.get().name() + " = " + ExprPrinter.print(next.get().value()) + ".";
            }
        }
        return ".";
    }

    /** Convolution and pooling derivatives: stride, padding and routing (ImageDiagnosis). */
    private Optional<String> image() {
        return new ImageDiagnosis(checker.perExample().forward(), this::fixes).explain(line.value());
    }

    private static boolean isActivation(Op op) {
        return op.isElementwiseFunction() || op == Op.LEAKY_RELU || op == Op.SOFTMAX || op == Op.LOG_SOFTMAX;
    }

    /** Whether an alternative expression would have been right (as dJ, or as the per-example numerator). */
    private boolean fixes(Node candidate) {
        if (!candidate.shape().equals(reference.shape())) {
            return false;
        }
        for (boolean cost : new boolean[] {true, false}) {
            boolean all = true;
            for (int i = 0; i < values.size() && all; i++) {
                Environment in = checker.instances().get(i).envs().get(env);
                all = checker.equalsReference(Evaluator.evaluate(candidate, in), i, of, cost);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /**
     * netgrad's line, in the convention of the line's inputs: the cost convention's when a per-example
     * derivative it reads is dJ (dW3 = dZ3 @ A2.T + lambda/m * W3 after dZ3 = (A3 - Y) / m), else
     * the course's.
     */
    private String expected() {
        boolean cost = EquationChecker.derivativesRead(line.value()).stream()
                .anyMatch(name -> checker.numeratorOf(name).orElse(null) == Numerator.COST
                        && checker.verdict(name).map(v -> !checker.isParamLike(v.of())).orElse(false));
        Derivation shown = cost ? checker.printedCost() : checker.printed();
        return shown.equation(line.name()).map(e -> e.name() + " = " + ExprPrinter.print(e.value()) + unknownTo(e.value()))
                .orElse(line.name());
    }

    /**
     * Where netgrad's line reads derivatives the user's lines so far do not define (batchnorm's
     * dZn1_c, dZn1_mean), a pointer to where they are: derive prints them.
     */
    private String unknownTo(Node shownValue) {
        List<String> missing = EquationChecker.derivativesRead(shownValue).stream()
                .filter(name -> checker.verdict(name).isEmpty()).toList();
        return missing.isEmpty() ? "" : " (with " + String.join(", ", missing) + " as `netgrad derive` prints "
                + (missing.size() == 1 ? "it" : "them") + ")";
    }

    private static List<Ref> leaves(Node node) {
        List<Ref> out = new ArrayList<>();
        collectLeaves(node, out);
        return out;
    }

    private static void collectLeaves(Node node, List<Ref> out) {
        Nodes.refs(node, Nodes.Masks.SKIP).stream().filter(r -> !r.shape().isScalar()).forEach(out::add);
    }

    /** The expression with {@code leaf} transposed (add) or with one {@code leaf.T} untransposed. */
    private static Optional<Node> toggle(Node node, Ref leaf, boolean add) {
        try {
            Node out = rewrite(node, leaf, add);
            return out == node ? Optional.empty() : Optional.of(out);
        } catch (ShapeException e) {
            return Optional.empty();
        }
    }

    private static Node rewrite(Node node, Ref leaf, boolean add) {
        if (add && node.equals(leaf)) {
            return Apply.of(Op.TRANSPOSE, leaf);
        }
        if (!(node instanceof Apply a)) {
            return node;
        }
        if (!add && a.op() == Op.TRANSPOSE && a.x().equals(leaf)) {
            return leaf;
        }
        if (add && a.op() == Op.TRANSPOSE && a.x().equals(leaf)) {
            return node;
        }
        List<Node> args = a.args().stream().map(x -> rewrite(x, leaf, add)).toList();
        return args.equals(a.args()) ? node : Apply.of(a.op(), args);
    }
}
