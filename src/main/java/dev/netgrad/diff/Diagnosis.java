package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.MatmulArrangements;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.Shape;
import dev.netgrad.ir.ShapeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Explains how a wrong line differs from the derivative it names, trying in turn: the shape, a
 * factor of m or 1/m, a sign or a constant ({@link OffByFactor}), a square result transposed
 * (alone or with such a factor), a missing or extra transpose, an activation's derivative put in
 * its output's dA ({@link ActivationDerivativeTooEarly}), a wrong activation derivative
 * ({@link ActivationDerivative}), one sign slipped inside the line, a dropout mask applied too
 * early or left out ({@link DropoutMask}), the stride, padding or routing of an image derivative
 * ({@link ImageDiagnosis}), a term of the param scaled wrong ({@link WrongParamTerm}), a batch size
 * written for m beside it ({@link FixedBatchBesideParamTerm}), a batchnorm's batch terms left
 * out ({@link BatchnormTerms}), a batchnorm written out with another eps ({@link BatchnormEps}), and one value
 * written where another belongs, a number for the target or a value for another ({@link SwappedValue}).
 * Besides the line under judgement ({@link JudgedLine}) it holds what they share: whether a
 * rewritten line would be right, and netgrad's line as a message quotes it.
 */
final class Diagnosis {
    private final JudgedLine judged;

    Diagnosis(JudgedLine judged) {
        this.judged = judged;
    }

    /** How the line differs, when one of the known mistakes explains it: the first that does, in this order. */
    Optional<String> specific() {
        DropoutMask dropout = new DropoutMask(judged, this::fixes, this::expected);
        return shape()
                .or(this::factor)
                .or(this::transposedResult)
                .or(this::transpose)
                .or(() -> new ActivationDerivativeTooEarly(judged, this::fixes, this::expected).explain())
                .or(() -> new ActivationDerivative(judged, this::fixes, this::expected).explain())
                .or(this::signSlip)
                .or(dropout::appliedAlready)
                .or(dropout::missing)
                .or(this::image)
                .or(() -> new WrongParamTerm(judged, this::expected).explain())
                .or(() -> new FixedBatchBesideParamTerm(judged).explain(expected()))
                .or(() -> new BatchnormTerms(judged).explain(this::expected))
                .or(() -> new BatchnormEps(judged, this::fixes).explain())
                .or(() -> new SwappedValue(judged, this::fixes).explain());
    }

    /** A dropout's mask and its 1/keep both left out ({@link DropoutMask#maskAndKeepMissing}), judged on every instance. */
    Optional<String> maskAndKeepMissing() {
        return new DropoutMask(judged, this::fixes, this::expected).maskAndKeepMissing();
    }

    /** The message when no known mistake explains the line: what it should equal, and netgrad's form. */
    String generic() {
        Set<String> accepted = new LinkedHashSet<>(List.of(judged.reference().label(), Numerator.COST.over(judged.of())));
        return "does not equal " + String.join(" or ", accepted) + "; netgrad derives " + expected();
    }

    private Optional<String> shape() {
        Shape want = judged.reference().shape();
        Shape got = judged.line().value().shape();
        if (got.equals(want)) {
            return Optional.empty();
        }
        // A derivative has its value's shape: "but b1 is 4 x 1", as the equation file's own shape errors say it.
        String s = "has shape " + got + ", but " + judged.of() + " is " + want;
        Optional<String> axis = wrongAxis();
        if (axis.isPresent()) {
            s += ": " + axis.get();
        } else if (got.transpose().equals(want)) {
            s += ": the result is transposed";
        } else {
            s += elementwiseForMatrixProduct().or(() -> termOfAnotherParam(want)).orElse("");
        }
        return Optional.of(s);
    }

    /**
     * {@code *} written for the matrix product where it broadcasts ({@code dW2 = 1/m * dZ2 * A1}: 1 x m times 4 x m
     * is 4 x m): a product on the line's own level that, as {@code @} in some arrangement of its operands, makes the
     * line right.
     */
    private Optional<String> elementwiseForMatrixProduct() {
        Node value = judged.line().value();
        for (Apply product : elementwiseProducts(value)) {
            for (Node arranged : MatmulArrangements.of(product.arg(0), product.arg(1))) {
                Node line;
                try {
                    line = Nodes.replaced(value, product, arranged, Nodes.Masks.ENTER);
                } catch (ShapeException e) {
                    continue;
                }
                if (fixes(line)) {
                    return Optional.of(": '*' multiplies entry by entry, and the matrix product (numpy's np.dot) is '@';"
                            + " write " + judged.name() + " = " + ExprPrinter.print(line));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The products {@code a * b} of two plain matrices (no image, no filter bank) reached from {@code value} through
     * + - * / and negation alone.
     */
    private static List<Apply> elementwiseProducts(Node value) {
        List<Apply> out = new ArrayList<>();
        if (value instanceof Apply a && (a.op() == Op.ADD || a.op() == Op.SUB || a.op() == Op.MUL || a.op() == Op.DIV
                || a.op() == Op.NEG)) {
            if (a.op() == Op.MUL && a.args().stream().allMatch(x -> !x.shape().isScalar() && x.shape().grid() == null
                    && !x.shape().isFilterBank())) {
                out.add(a);
            }
            a.args().forEach(x -> out.addAll(elementwiseProducts(x)));
        }
        return out;
    }

    /**
     * A term in another param alone that gave the line its shape: the regularizer's {@code lambda/m * W2} added to
     * {@code db2} broadcasts the 3 x 1 sum to 3 x 20. It belongs on that param's line.
     */
    private Optional<String> termOfAnotherParam(Shape want) {
        for (Node term : terms(judged.line().value())) {
            Optional<Ref> param = Nodes.paramAlone(term).filter(p -> !p.name().equals(judged.of()) && !p.shape().equals(want));
            if (param.isPresent()) {
                String name = param.get().name();
                String line = judged.checker().perExample().gradients().stream().filter(e -> e.of().equals(name))
                        .map(Equation::name).findFirst().orElse("d" + name);
                return Optional.of(": '" + ExprPrinter.print(term) + "', a term in the param " + name
                        + " alone (as a regularizer's is), belongs on " + line + "'s line");
            }
        }
        return Optional.empty();
    }

    /** The terms of a sum or difference, through negations: {@code a}, {@code b} and {@code c} of {@code a - (b + c)}. */
    private static List<Node> terms(Node value) {
        if (value instanceof Apply a && (a.op() == Op.ADD || a.op() == Op.SUB)) {
            List<Node> out = new ArrayList<>(terms(a.arg(0)));
            out.addAll(terms(a.arg(1)));
            return out;
        }
        if (value instanceof Apply a && a.op() == Op.NEG) {
            return terms(a.x());
        }
        return List.of(value);
    }

    /**
     * A sum or mean over the wrong axis (the course's db = 1/m * np.sum(dZ, axis=1, keepdims=True) written
     * with axis=0, or over every entry): the reduction whose replacement by another makes the line right.
     */
    private Optional<String> wrongAxis() {
        Node value = judged.line().value();
        List<String> fitting = new ArrayList<>();
        for (Apply reduction : reductions(value)) {
            for (Op other : otherReductions(reduction.op())) {
                Node replacement;
                Node line;
                try {
                    replacement = Apply.of(other, reduction.args());
                    line = Nodes.replaced(value, reduction, replacement, Nodes.Masks.ENTER);
                } catch (ShapeException e) {
                    continue; // axis=1 of an image, channel_sum of a plain value, a shape the rest does not take
                }
                if (!line.shape().equals(judged.reference().shape())) {
                    continue;
                }
                String why = "the " + (isMean(reduction.op()) ? "mean" : "sum") + " is over the wrong axis: "
                        + ExprPrinter.print(reduction) + " " + reduces(reduction.op()) + "; write "
                        + ExprPrinter.print(replacement) + ", which " + reduces(other);
                if (fixes(line)) {
                    return Optional.of(why);
                }
                fitting.add(why);
            }
        }
        // Wrong in some other way too (its 1/m left out, say): named when one reduction alone gives the shape.
        return fitting.size() == 1 ? Optional.of(fitting.get(0) + " (with that alone the line is still wrong)") : Optional.empty();
    }

    /** The line's distinct sums and means (channel_sum among them), in reading order. */
    private static List<Apply> reductions(Node node) {
        List<Apply> out = new ArrayList<>();
        for (Node n : Nodes.of(node, Nodes.Masks.ENTER)) {
            if (n instanceof Apply a && (a.op().isReduction() || a.op() == Op.CHANNEL_SUM) && !out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /** The reductions a learner may have meant instead: the other axes, and for a sum channel_sum (an image's bias). */
    private static List<Op> otherReductions(Op op) {
        boolean mean = isMean(op);
        List<Op> out = new ArrayList<>();
        for (int axis : new int[] {1, 0, -1}) {
            Op other = Op.reduction(mean, axis);
            if (other != op) {
                out.add(other);
            }
        }
        if (!mean && op != Op.CHANNEL_SUM) {
            out.add(Op.CHANNEL_SUM);
        }
        return out;
    }

    /** What a reduction adds up, in the learner's terms (examples are columns). */
    private static String reduces(Op op) {
        String verb = isMean(op) ? "averages" : "adds up";
        return switch (op) {
            case SUM1, MEAN1 -> verb + " each row over the examples";
            case SUM0, MEAN0 -> verb + " each example's entries";
            case CHANNEL_SUM -> verb + " each channel over positions and examples";
            default -> verb + " every entry";
        };
    }

    private static boolean isMean(Op op) {
        return op == Op.MEAN || op == Op.MEAN0 || op == Op.MEAN1;
    }
    /** The line as dJ/dV times 1/m, m, a batch size or a constant (OffByFactor). */
    private Optional<String> factor() {
        return new OffByFactor(judged, this::expected).explain();
    }

    /**
     * A square result has the right shape transposed, so {@link #shape} cannot see it: transpose the
     * values and judge them again, as right or as off by one of the factors.
     */
    private Optional<String> transposedResult() {
        Shape want = judged.reference().shape();
        if (want.grid() != null || want.hasBatchSide() || want.rows() != want.cols() || want.isScalar()) {
            return Optional.empty();
        }
        JudgedLine transposed = judged.transposed();
        String head = "has the result transposed";
        String of = judged.of();
        for (Numerator n : List.of(Numerator.COST, judged.reference().numerator())) {
            if (transposed.matchesAll(n == Numerator.COST)) {
                return Optional.of(head + ": " + judged.name() + ".T equals " + n.over(of) + "; netgrad derives " + expected());
            }
        }
        return new OffByFactor(transposed, this::expected).explain()
                .map(why -> head + ", and " + judged.name() + ".T " + why);
    }

    /** Adds or removes one transpose on one name of the line and sees whether that fixes it. */
    private Optional<String> transpose() {
        Node value = judged.line().value();
        for (Ref leaf : leaves(value)) {
            for (boolean add : new boolean[] {true, false}) {
                Optional<Node> variant = toggle(value, leaf, add);
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
     * One sign slipped inside the line: a term of the wrong sign (the cross-entropy's {@code -Y / A2 - (1 - Y) / (1 - A2)},
     * {@code A2 + Y} for {@code A2 - Y}) or a minus left out ({@code exp(Z1^2)} for {@code exp(-Z1^2)}, a whole line
     * whose values are too near 0 for {@link #factor} to see it negated). Each sum becomes a difference, each difference
     * a sum, each negation is dropped, one place at a time; then each place is negated; the first that makes the line
     * right is named, as the smallest expression that holds it. One place, not every equal expression: a line that
     * writes {@code 1 - A^2} twice may have slipped in one.
     */
    Optional<String> signSlip() {
        Node value = judged.line().value();
        List<List<Integer>> places = new ArrayList<>();
        placesOf(value, new ArrayList<>(), places);
        for (List<Integer> place : places) {
            if (at(value, place) instanceof Apply slip && (slip.op() == Op.ADD || slip.op() == Op.SUB || slip.op() == Op.NEG)) {
                Node flipped = switch (slip.op()) {
                    case ADD -> Apply.of(Op.SUB, slip.args());
                    case SUB -> Apply.of(Op.ADD, slip.args());
                    default -> slip.x(); // NEG: the term without its minus
                };
                Node line = rebuilt(value, place, flipped);
                if (line != null && fixes(line)) {
                    return Optional.of("has a term of the wrong sign: " + ExprPrinter.print(slip) + " should be "
                            + ExprPrinter.print(flipped));
                }
            }
        }
        for (List<Integer> place : places) {
            // Negating a negation, or a negation's operand, is the negation dropped: tried above.
            if (isNegation(at(value, place)) || !place.isEmpty() && isNegation(at(value, place.subList(0, place.size() - 1)))) {
                continue;
            }
            Node negated = rebuilt(value, place, Apply.of(Op.NEG, at(value, place)));
            if (negated == null || !fixes(negated)) {
                continue;
            }
            if (place.isEmpty()) {
                return Optional.of("has the wrong sign: " + judged.name() + " = " + ExprPrinter.print(negated) + " would be right");
            }
            return Optional.of("has a minus missing: " + aroundPlace(value, negated, place));
        }
        return Optional.empty();
    }

    /**
     * The places of {@code node}'s expressions a sign can slip in, as paths of argument indices from the root, in
     * reading order, outside masks.
     */
    private static void placesOf(Node node, List<Integer> path, List<List<Integer>> out) {
        out.add(List.copyOf(path));
        if (node instanceof Apply a && a.op() != Op.MASK) {
            for (int i = 0; i < a.args().size(); i++) {
                path.add(i);
                placesOf(a.arg(i), path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    private static boolean isNegation(Node n) {
        return n instanceof Apply a && a.op() == Op.NEG;
    }

    /** The node at {@code path}, argument indices from {@code root}. */
    static Node at(Node root, List<Integer> path) {
        Node n = root;
        for (int i : path) {
            n = ((Apply) n).arg(i);
        }
        return n;
    }

    /**
     * {@code E should be F}: the smallest expression that holds the place {@code path} rewritten (its parent's), as
     * {@code written} has it and as {@code rewritten}, the line rewritten there, has it.
     */
    static String aroundPlace(Node written, Node rewritten, List<Integer> path) {
        List<Integer> parent = path.isEmpty() ? path : path.subList(0, path.size() - 1);
        return ExprPrinter.print(at(written, parent)) + " should be " + ExprPrinter.print(at(rewritten, parent));
    }

    /**
     * {@code root} with the node at {@code path} replaced, or null where the line cannot hold it: a pool's window or a
     * convolution's stride negated is no expression (the shapes refuse it).
     */
    private static Node rebuilt(Node root, List<Integer> path, Node replacement) {
        try {
            return replacedAt(root, path, 0, replacement);
        } catch (ShapeException e) {
            return null;
        }
    }

    /** {@code root} with the node at {@code path} (from {@code depth} on) replaced, the rest the same nodes. */
    private static Node replacedAt(Node root, List<Integer> path, int depth, Node replacement) {
        if (depth == path.size()) {
            return replacement;
        }
        Apply a = (Apply) root;
        List<Node> args = new ArrayList<>(a.args());
        args.set(path.get(depth), replacedAt(a.arg(path.get(depth)), path, depth + 1, replacement));
        return Apply.of(a.op(), args);
    }

    /** Convolution and pooling derivatives: stride, padding and routing (ImageDiagnosis). */
    private Optional<String> image() {
        return new ImageDiagnosis(judged.checker().perExample().forward(), this::fixes).explain(judged.line().value());
    }

    /** Whether an alternative expression would have been right (as dJ, or as the per-example numerator). */
    private boolean fixes(Node candidate) {
        if (!candidate.shape().equals(judged.reference().shape())) {
            return false;
        }
        for (boolean cost : new boolean[] {true, false}) {
            boolean all = true;
            for (int i = 0; i < judged.values().size() && all; i++) {
                all = judged.equalsReference(candidate, i, cost);
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
        EquationChecker checker = judged.checker();
        boolean cost = EquationChecker.derivativesRead(judged.line().value()).stream()
                .anyMatch(name -> checker.numeratorOf(name).orElse(null) == Numerator.COST
                        && checker.verdict(name).map(v -> !checker.isParamLike(v.of())).orElse(false));
        Derivation shown = cost ? checker.printedCost() : checker.printed();
        // A value the printed derivation skips (dA2 of a sigmoid output, fused into dZ2 = A2 - Y) is in the unfused one.
        return shown.equation(judged.name()).or(() -> checker.perExample().equation(judged.name()))
                .map(e -> e.name() + " = " + ExprPrinter.print(e.value()) + unknownTo(e.value()))
                .orElse(judged.name());
    }

    /**
     * Where netgrad's line reads derivatives the user's lines so far do not define (batchnorm's
     * dZn1_c, dZn1_mean), a pointer to where they are: derive prints them.
     */
    private String unknownTo(Node shownValue) {
        List<String> missing = EquationChecker.derivativesRead(shownValue).stream()
                .filter(name -> judged.checker().verdict(name).isEmpty()).toList();
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
