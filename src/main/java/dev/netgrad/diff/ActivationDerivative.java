package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A wrong line that the right derivative of an activation would fix: for V the argument of
 * A = f(V), the line rebuilt from the user's own dA and netgrad's rule for f. Kept apart from the
 * factor and param-term diagnoses because it rewrites the line's expression rather than fitting
 * its values, and names, when it can, whose derivative was written instead (softmax's as sigmoid's).
 */
final class ActivationDerivative {
    private final JudgedLine judged;
    private final Predicate<Node> fixes;
    /** netgrad's line, as the message quotes it ({@code dZ2 = A2 - Y}). */
    private final Supplier<String> expected;

    ActivationDerivative(JudgedLine judged, Predicate<Node> fixes, Supplier<String> expected) {
        this.judged = judged;
        this.fixes = fixes;
        this.expected = expected;
    }

    /**
     * For V the argument of A = f(V): the user's dA times the right derivative of f. The user's dA is
     * their dA line, or a factor of the line standing for it ({@code W2.T @ dZ2} in
     * {@code dZ1 = W2.T @ dZ2 * A1 * (1 - A1)}), or the whole line (the derivative left out).
     */
    Optional<String> explain() {
        Derivation perExample = judged.checker().perExample();
        Node value = judged.line().value();
        for (Statement s : perExample.forward()) {
            if (s.value() instanceof Apply a && a.args().size() >= 1 && a.x() instanceof Ref r
                    && r.name().equals(judged.of()) && isActivation(a.op())) {
                String dA = perExample.equations().stream().filter(e -> e.of().equals(s.name()))
                        .map(Equation::name).findFirst().orElse("d" + s.name()); // dH_3 when the spec has a value dH
                List<Node> candidates = new ArrayList<>();
                if (EquationChecker.derivativesRead(value).contains(dA)) {
                    candidates.add(Ref.of(dA, RefKind.DERIVATIVE, s.shape()));
                }
                factors(value, candidates);
                for (Node userDA : candidates) {
                    if (!userDA.shape().equals(s.shape())) {
                        continue;
                    }
                    Node right = Rules.contribution(a, Ref.of(s.name(), RefKind.VALUE, s.shape()), userDA, 0);
                    if (fixes(right)) {
                        String how = writtenAs(a, s, userDA);
                        return Optional.of("has the wrong derivative of " + a.op().symbol()
                                + (how.isEmpty() && !piecewise(a.op()) ? atTheOtherValue(r, s) : how) + ": for "
                                + s.name() + " = " + ExprPrinter.print(a) + ", " + judged.name() + " = "
                                + ExprPrinter.print(right) + simplified(userDA, s.name()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A dA written as a division by A ({@code -Y / A2}, the cross-entropy's) rebuilt through softmax's rule reads
     * {@code A2 * (-Y / A2 + sum(Y * A2 / A2, axis=0))}: right, and not what anyone writes. netgrad's line is the same
     * without the division; say so, with it.
     */
    private String simplified(Node userDA, String activation) {
        boolean dividesByA = Nodes.of(userDA, Nodes.Masks.SKIP).stream().anyMatch(n -> n instanceof Apply d && d.op() == Op.DIV
                && Nodes.refs(d.arg(1), Nodes.Masks.SKIP).stream().anyMatch(r -> r.name().equals(activation)));
        return dividesByA ? "; that is netgrad's " + expected.get() + ", without the division by " + activation : "";
    }

    /** Activations whose derivative a line may have written in place of another's. */
    private static final List<Op> ACTIVATIONS = List.of(Op.SIGMOID, Op.TANH, Op.RELU, Op.SOFTMAX);

    /**
     * " (dA2 * A2 * (1 - A2) is sigmoid's)" when the line equals, on every instance, another
     * activation's derivative at the same output and the same dA: softmax's written as sigmoid's.
     */
    private String writtenAs(Apply activation, Statement s, Node userDA) {
        for (Op other : ACTIVATIONS) {
            // softmax takes no image: a convolution's relu cannot have been written as softmax's.
            if (other == activation.op() || (other == Op.SOFTMAX && activation.x().shape().isImage())) {
                continue;
            }
            Node theirs = Rules.contribution((Apply) Apply.of(other, activation.x()), Ref.of(s.name(), RefKind.VALUE, s.shape()),
                    userDA, 0);
            if (judged.equalsEverywhere(theirs)) {
                return " (" + ExprPrinter.print(theirs) + " is " + other.symbol() + "'s)";
            }
        }
        return "";
    }

    /**
     * " (taken at A1, the activation's output, where it is taken at Z1)" when the line is right with A1 read as Z1
     * ({@code dA1 * (1 - tanh(A1)^2)}, g'(A) for g'(Z)), and " (with Z1 where the derivative in terms of the
     * output reads A1)" when right the other way ({@code dA1 * (1 - Z1^2)}); "" otherwise.
     */
    private String atTheOtherValue(Ref in, Statement s) {
        Node value = judged.line().value();
        for (Ref r : Nodes.refs(value, Nodes.Masks.SKIP)) {
            if (r.kind() == RefKind.DERIVATIVE || !r.shape().equals(in.shape())) {
                continue;
            }
            if (r.name().equals(s.name()) && fixes(Nodes.replaced(value, r, in, Nodes.Masks.SKIP))) {
                return " (taken at " + s.name() + ", the activation's output, where it is taken at " + in.name() + ")";
            }
            if (r.name().equals(in.name()) && fixes(Nodes.replaced(value, r, Ref.of(s.name(), RefKind.VALUE, s.shape()),
                    Nodes.Masks.SKIP))) {
                return " (with " + in.name() + " where the derivative in terms of the output reads " + s.name() + ")";
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

    /** relu's (A > 0) is its (Z > 0): no derivative of these is wrong for reading the output. */
    private static boolean piecewise(Op op) {
        return op == Op.RELU || op == Op.LEAKY_RELU || op == Op.ABS;
    }

    private static boolean isActivation(Op op) {
        return op.isElementwiseFunction() || op == Op.LEAKY_RELU || op == Op.SOFTMAX || op == Op.LOG_SOFTMAX;
    }

    private boolean fixes(Node candidate) {
        return fixes.test(candidate);
    }
}
