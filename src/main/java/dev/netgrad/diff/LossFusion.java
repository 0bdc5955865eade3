package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recognizes cross-entropy written over a sigmoid or a softmax, whether from the shorthand or by
 * hand, so that the derivation goes straight to the logits: {@code dZ = A - Y}. Going through
 * {@code dA = -(Y / A) + ...} would leave the unstable {@code 1/A} in the result.
 *
 * <p>The loss is read as a signed sum of terms (through {@code -}, {@code +}, {@code sum(., axis=0)},
 * numeric factors and m or consts multiplying or dividing: {@code -(...) * m} gives {@code m * (A - Y)}). The pairs {@code Y * log(A) + (1 - Y) * log(1 - A)} with
 * {@code A = sigmoid(Z)}, and the terms {@code Y * log(A)} with {@code A = softmax(Z)} or
 * {@code Y * log_softmax(Z)}, have the derivative {@code Y - A} with respect to Z (for softmax,
 * when each column of Y sums to 1, as one-hot targets do). {@code (Y - 1) * log(1 - A)} is
 * {@code -(1 - Y) * log(1 - A)}, and one minus A may be spelled as {@link ProbabilityLog} reads it. A term that is a named value ({@code loss L = -(l1 + l2)} with
 * {@code l1 = Y * log(A)}, or {@code loss L = P}) is read in place when every term it holds fuses, and so is
 * a named log ({@code LA = log(A)}): the loss written in steps is the same cross-entropy, and through
 * {@code dA = -Y / A} its derivative was NaN wherever A saturates to 0 or 1.
 */
final class LossFusion {
    /**
     * What a term is multiplied by: a number, and the named numbers the loss multiplies or divides it by
     * ({@code m}, a const; {@code 1} when none), kept apart from the number so that {@code L * m} keeps its m.
     */
    record Coefficient(double number, Node symbols) {
        static final Coefficient ONE = new Coefficient(1, Num.of(1));

        Node node() {
            return Algebra.mul(Algebra.num(number), symbols);
        }

        Coefficient negated() {
            return new Coefficient(-number, symbols);
        }
    }

    /** One term of the loss with its coefficient. */
    record Term(Coefficient coefficient, Node node) {
    }

    /**
     * A fused cross-entropy: {@code coefficient * (target - probability)} flows into {@code logits}.
     * Over a softmax that holds only when every column of the target sums to 1 ({@code unitColumns}).
     */
    record Fused(Coefficient coefficient, Node logits, Node target, Node probability, boolean unitColumns) {
    }

    record Split(List<Fused> fused, List<Term> rest) {
    }

    private final Map<String, Node> definitions;
    /** The values that nothing but the loss reads, once: only those are read in place (their lines would hold a part). */
    private final Set<String> readOnce;

    LossFusion(Map<String, Node> definitions, Set<String> readOnce) {
        this.definitions = definitions;
        this.readOnce = readOnce;
    }

    Split split(Node loss) {
        // Every named value read in place first; then those of which a term did not fuse kept as names, until none is.
        Set<String> inPlace = new HashSet<>(definitions.keySet());
        inPlace.retainAll(readOnce);
        while (true) {
            List<Term> terms = new ArrayList<>();
            List<Set<String>> readThrough = new ArrayList<>();
            linearTerms(loss, Coefficient.ONE, terms, readThrough, inPlace, Set.of());
            List<Fused> fused = new ArrayList<>();
            boolean[] used = new boolean[terms.size()];
            for (int i = 0; i < terms.size(); i++) {
                if (!used[i]) {
                    used[i] = fuse(terms, i, used, fused);
                }
            }
            // Only now: a later term may have taken an earlier one as its partner.
            List<Term> rest = new ArrayList<>();
            Set<String> unfused = new HashSet<>();
            for (int i = 0; i < terms.size(); i++) {
                if (!used[i]) {
                    rest.add(terms.get(i));
                    unfused.addAll(readThrough.get(i));
                }
            }
            if (unfused.isEmpty()) {
                return new Split(fused, rest);
            }
            inPlace.removeAll(unfused);
        }
    }

    private boolean fuse(List<Term> terms, int i, boolean[] used, List<Fused> fused) {
        Term t = terms.get(i);
        Optional<Node[]> yLog = targetTimesLog(t.node());
        if (yLog.isEmpty()) {
            return false;
        }
        Node target = yLog.get()[0];
        Node logArg = yLog.get()[1];
        // Softmax's Y - A needs columns of Y that sum to 1: a plain target, not 1 - Y, with a row for each of the
        // softmax's (a 1 x m target stretched over k rows sums to k times itself).
        boolean plainTarget = target instanceof Ref && target.shape().rows() == logArg.shape().rows();
        if (logArg instanceof Apply ls && ls.op() == Op.LOG_SOFTMAX && plainTarget) {
            fused.add(new Fused(t.coefficient(), ls.x(), target, Apply.of(Op.SOFTMAX, ls.x()), true));
            return true;
        }
        Optional<Apply> prob = definition(logArg);
        if (prob.isEmpty()) {
            return false;
        }
        if (prob.get().op() == Op.SOFTMAX && plainTarget) {
            fused.add(new Fused(t.coefficient(), prob.get().x(), target, logArg, true));
            return true;
        }
        if (prob.get().op() != Op.SIGMOID) {
            return false;
        }
        Node oneMinusY = Apply.of(Op.SUB, Num.of(1), target);
        // The partner may be written before or after: (1 - Y) * log(1 - A) + Y * log(A) is the same loss.
        for (int j = 0; j < terms.size(); j++) {
            Term u = terms.get(j);
            Optional<Node[]> other = targetTimesLog(u.node());
            if (j != i && !used[j] && u.coefficient().equals(t.coefficient()) && other.isPresent()
                    && other.get()[0].equals(oneMinusY) && logArg.equals(ProbabilityLog.oneMinus(named(other.get()[1])))) {
                used[j] = true;
                fused.add(new Fused(t.coefficient(), prob.get().x(), target, logArg, false));
                return true;
            }
        }
        return false;
    }

    /** What a value is: its definition when it is named and read only there, else the node itself. */
    private Node named(Node node) {
        return node instanceof Ref r && r.kind() == RefKind.VALUE && readOnce.contains(r.name()) && definitions.containsKey(r.name())
                ? definitions.get(r.name()) : node;
    }

    /** The sigmoid or softmax that a value is: through a name or written in place. */
    private Optional<Apply> definition(Node node) {
        Node def = node instanceof Ref r && r.kind() == RefKind.VALUE ? definitions.get(r.name()) : node;
        if (def instanceof Apply a && (a.op() == Op.SIGMOID || a.op() == Op.SOFTMAX)) {
            return Optional.of(a);
        }
        return Optional.empty();
    }

    /** {@code Y * log(A)} or {@code log(A) * Y} with Y free of params, the log written there or named: [Y, A]. */
    private Optional<Node[]> targetTimesLog(Node node) {
        if (!(node instanceof Apply a) || a.op() != Op.MUL) {
            return Optional.empty();
        }
        for (int k = 0; k < 2; k++) {
            Node target = a.arg(k);
            Node other = named(a.arg(1 - k));
            if (other instanceof Apply log && isTarget(target)) {
                if (log.op() == Op.LOG) {
                    return Optional.of(new Node[] {target, log.x()});
                }
                if (log.op() == Op.LOG_SOFTMAX) {
                    return Optional.of(new Node[] {target, log});
                }
            }
        }
        return Optional.empty();
    }

    /** A target, or one minus a target. */
    private static boolean isTarget(Node n) {
        if (n instanceof Ref r) {
            return r.kind() == RefKind.TARGET;
        }
        return n instanceof Apply a && a.op() == Op.SUB && a.arg(0).isNumber(1) && isTarget(a.arg(1));
    }

    /**
     * The signed terms of {@code node} into {@code out}, beside each the named values read in place to reach it
     * ({@code through}, and those of {@code inPlace} it meets as a whole term).
     */
    private void linearTerms(Node node, Coefficient coefficient, List<Term> out, List<Set<String>> readThrough,
            Set<String> inPlace, Set<String> through) {
        if (node instanceof Ref r && r.kind() == RefKind.VALUE && inPlace.contains(r.name())) {
            Set<String> deeper = new HashSet<>(through);
            deeper.add(r.name());
            linearTerms(definitions.get(r.name()), coefficient, out, readThrough, inPlace, deeper);
            return;
        }
        if (node instanceof Apply a) {
            switch (a.op()) {
                case NEG -> {
                    linearTerms(a.x(), coefficient.negated(), out, readThrough, inPlace, through);
                    return;
                }
                case ADD -> {
                    linearTerms(a.arg(0), coefficient, out, readThrough, inPlace, through);
                    linearTerms(a.arg(1), coefficient, out, readThrough, inPlace, through);
                    return;
                }
                case SUB -> {
                    linearTerms(a.arg(0), coefficient, out, readThrough, inPlace, through);
                    linearTerms(a.arg(1), coefficient.negated(), out, readThrough, inPlace, through);
                    return;
                }
                case SUM0 -> {
                    linearTerms(a.x(), coefficient, out, readThrough, inPlace, through);
                    return;
                }
                case MUL -> {
                    Factored f = factored(a, coefficient);
                    if (f != null) {
                        linearTerms(f.node(), f.coefficient(), out, readThrough, inPlace, through);
                        return;
                    }
                }
                case MEAN0 -> {
                    // mean down the columns is the sum over k rows divided by k (k a number, not m).
                    int rows = a.x().shape().rows();
                    Coefficient mean = rows == Shape.M ? null : divided(coefficient, rows);
                    if (mean != null) {
                        linearTerms(a.x(), mean, out, readThrough, inPlace, through);
                        return;
                    }
                }
                case DIV -> {
                    Coefficient quotient = a.arg(1) instanceof Num n ? divided(coefficient, n.value())
                            : isNamedNumber(a.arg(1)) ? new Coefficient(coefficient.number(), Algebra.div(coefficient.symbols(), a.arg(1)))
                            : null;
                    if (quotient != null) {
                        linearTerms(a.arg(0), quotient, out, readThrough, inPlace, through);
                        return;
                    }
                }
                default -> {
                }
            }
        }
        out.add(new Term(coefficient, node));
        readThrough.add(through);
    }

    /** A product with its number or sign taken out: the rest of it and the coefficient it now carries. */
    private record Factored(Node node, Coefficient coefficient) {
    }

    /** The coefficient times a number, or null when a double cannot hold it ({@code L * 1e200 * 1e200}). */
    private static Coefficient times(Coefficient c, double n) {
        return Algebra.holds(c.number() * n, c.number(), n) ? new Coefficient(c.number() * n, c.symbols()) : null;
    }

    private static Coefficient divided(Coefficient c, double n) {
        return Algebra.holds(c.number() / n, c.number()) ? new Coefficient(c.number() / n, c.symbols()) : null;
    }

    /**
     * A number known before the data, written with names: m, a const, or arithmetic on them ({@code 2 * m}); a
     * plain number is the coefficient's own. Not one that is a double alone: the fusion folds those.
     */
    private static boolean isNamedNumber(Node node) {
        return !(node instanceof Num) && node.shape().isScalar()
                && Nodes.refs(node, Nodes.Masks.SKIP).stream().allMatch(r -> r.kind() == RefKind.CONST || r.kind() == RefKind.BATCH_SIZE);
    }

    /**
     * Numbers and signs on either factor of a product: -Y * log(A) is -(Y * log(A)), Y * log(A) * 2
     * twice it, (Y - 1) * log(1 - A) is -((1 - Y) * log(1 - A)). Null when neither factor is one, the product
     * then a term of its own; so too when a double cannot hold the coefficient times the number
     * ({@code L * 1e200 * 1e200}), whose numbers then stay apart.
     */
    private static Factored factored(Apply product, Coefficient coefficient) {
        for (int k = 0; k < 2; k++) {
            Node factor = product.arg(k);
            Node other = product.arg(1 - k);
            Coefficient scaled = factor instanceof Num n ? times(coefficient, n.value()) : null;
            if (scaled != null) {
                return new Factored(other, scaled);
            }
            if (isNamedNumber(factor)) {
                return new Factored(other, new Coefficient(coefficient.number(), Algebra.mul(coefficient.symbols(), factor)));
            }
            Node flipped = null;
            if (factor instanceof Apply f && f.op() == Op.NEG) {
                flipped = f.x();
            } else if (factor instanceof Apply f && f.op() == Op.SUB && f.arg(1).isNumber(1) && isTarget(f.arg(0))) {
                flipped = Apply.of(Op.SUB, Num.of(1), f.arg(0));
            }
            if (flipped != null) {
                return new Factored(k == 0 ? Apply.of(Op.MUL, flipped, other) : Apply.of(Op.MUL, other, flipped),
                        coefficient.negated());
            }
        }
        return null;
    }
}
