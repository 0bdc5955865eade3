package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.Shape;
import dev.netgrad.ir.ShapeException;
import dev.netgrad.spec.EquationLine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Explains how a wrong line differs from the derivative it names, trying in turn: the shape, a
 * factor of m or 1/m, a sign or a constant ({@link OffByFactor}), a square result transposed
 * (alone or with such a factor), a missing or extra transpose, a wrong activation derivative
 * ({@link ActivationDerivative}), a dropout mask applied too early or left out
 * ({@link DropoutMask}), the stride, padding or routing of an image derivative
 * ({@link ImageDiagnosis}), a term of the param scaled wrong ({@link WrongParamTerm}), a batch size
 * written for m beside it ({@link FixedBatchBesideParamTerm}), and a batchnorm's batch terms left
 * out ({@link BatchnormTerms}). It holds what they share: whether a rewritten line would be right,
 * and netgrad's line as a message quotes it.
 */
final class Diagnosis {
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

    /** How the line differs, when one of the known mistakes explains it: the first that does, in this order. */
    Optional<String> specific() {
        DropoutMask dropout = new DropoutMask(checker, line, reference, values, env, this::fixes, this::expected);
        return shape()
                .or(this::factor)
                .or(this::transposedResult)
                .or(this::transpose)
                .or(() -> new ActivationDerivative(checker, line, of, values, env, this::fixes).explain())
                .or(dropout::appliedAlready)
                .or(dropout::missing)
                .or(this::image)
                .or(() -> new WrongParamTerm(checker, values, env, of, this::expected).explain())
                .or(() -> new FixedBatchBesideParamTerm(checker, values, env, of).explain(expected()))
                .or(() -> new BatchnormTerms(checker, values, env, of).explain(line.name(), this::expected));
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

    /** The line as dJ/dV times 1/m, m, a batch size or a constant (OffByFactor). */
    private Optional<String> factor() {
        return new OffByFactor(checker, line, reference, values, this::expected).explain();
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
        return new OffByFactor(checker, line, reference, transposed, this::expected).explain()
                .map(why -> head + ", and " + line.name() + ".T " + why);
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

    /** Convolution and pooling derivatives: stride, padding and routing (ImageDiagnosis). */
    private Optional<String> image() {
        return new ImageDiagnosis(checker.perExample().forward(), this::fixes).explain(line.value());
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
