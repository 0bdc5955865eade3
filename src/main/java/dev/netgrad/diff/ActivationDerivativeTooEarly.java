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
 * An activation's derivative put into the dA of its output instead of the next line's dZ: for
 * A1 = relu(Z1), {@code dA1 = W2.T @ dZ2 * (Z1 > 0)} or {@code dA1 = conv2d_input(dZ2, W2, ...) * (Z1 > 0)},
 * which is dZ1. The line's factors that read Z1 or A1 and no derivative are taken out; when the rest
 * is right and the line equals the rest taken through the activation's rule, the line is named.
 */
final class ActivationDerivativeTooEarly {
    private final JudgedLine judged;
    private final Predicate<Node> fixes;
    /** netgrad's line, as the message quotes it. */
    private final Supplier<String> expected;

    ActivationDerivativeTooEarly(JudgedLine judged, Predicate<Node> fixes, Supplier<String> expected) {
        this.judged = judged;
        this.fixes = fixes;
        this.expected = expected;
    }

    Optional<String> explain() {
        for (Statement s : judged.checker().perExample().forward()) {
            if (s.name().equals(judged.of()) && s.value() instanceof Apply a && !a.args().isEmpty() && a.x() instanceof Ref z
                    && (a.op().isElementwiseFunction() || a.op() == Op.LEAKY_RELU)) {
                return explain(s, a, z);
            }
        }
        return Optional.empty();
    }

    private Optional<String> explain(Statement s, Apply activation, Ref z) {
        List<Node> factors = new ArrayList<>();
        flatten(judged.line().value(), factors);
        List<Node> kept = new ArrayList<>();
        List<Node> taken = new ArrayList<>();
        for (Node f : factors) {
            boolean readsActivation = Nodes.refs(f, Nodes.Masks.SKIP).stream()
                    .anyMatch(r -> r.name().equals(z.name()) || r.name().equals(s.name()));
            if (!readsActivation || !EquationChecker.derivativesRead(f).isEmpty()) {
                kept.add(f);
            } else {
                taken.add(f);
            }
        }
        if (kept.isEmpty() || kept.size() == factors.size()) {
            return Optional.empty();
        }
        Node rest = kept.get(0);
        for (Node f : kept.subList(1, kept.size())) {
            rest = Apply.of(Op.MUL, rest, f);
        }
        if (!rest.shape().equals(s.shape()) || !fixes.test(rest)) {
            return Optional.empty();
        }
        String name = activation.op().symbol();
        String itself = judged.name() + " is the derivative of " + s.name() + " itself"
                + (readsConvolution() ? ", the convolution's input gradient" : "");
        if (!judged.equalsEverywhere(Rules.contribution(activation, Ref.of(s.name(), RefKind.VALUE, s.shape()), rest, 0))) {
            // Right but for factors of the forward pass's Z1 or A1: another activation's derivative, or none.
            return Optional.of("multiplies in " + printed(taken) + ", which " + (taken.size() == 1 ? "reads " : "read ")
                    + readNames(taken, s, z) + ": without " + (taken.size() == 1 ? "it" : "them") + " the line is right. "
                    + itself + "; " + name + "'s derivative belongs in " + nextLine(activation, s, z)
                    + ": netgrad derives " + expected.get());
        }
        return Optional.of("applies " + name + "'s derivative already: it equals " + nextLine(activation, s, z)
                + ", where that derivative belongs. " + itself + ": netgrad derives " + expected.get());
    }

    /** The factors taken out, as the line has them: {@code (Z1 > 0)}, or {@code A1 * (1 - A1)}. */
    private static String printed(List<Node> factors) {
        List<String> parts = new ArrayList<>();
        for (Node f : factors) {
            String p = ExprPrinter.print(f);
            parts.add(f instanceof Apply a && a.op().isInfix() ? "(" + p + ")" : p);
        }
        return String.join(" * ", parts);
    }

    /** Which of the activation's input and output the factors read: "Z1", "A1" or "Z1 and A1". */
    private static String readNames(List<Node> factors, Statement s, Ref z) {
        boolean readsZ = factors.stream().anyMatch(f -> Nodes.refs(f, Nodes.Masks.SKIP).stream().anyMatch(r -> r.name().equals(z.name())));
        boolean readsA = factors.stream().anyMatch(f -> Nodes.refs(f, Nodes.Masks.SKIP).stream().anyMatch(r -> r.name().equals(s.name())));
        return readsZ && readsA ? z.name() + " and " + s.name() : readsZ ? z.name() : s.name();
    }

    /** netgrad's line for the activation's input, {@code dZ1 = dA1 * (Z1 > 0)}, as derive prints it when it does. */
    private String nextLine(Apply activation, Statement s, Ref z) {
        Optional<Equation> printed = judged.checker().printed().equations().stream().filter(e -> e.of().equals(z.name()))
                .filter(e -> EquationChecker.derivativesRead(e.value()).contains(judged.name())).findFirst();
        if (printed.isPresent()) {
            return printed.get().name() + " = " + ExprPrinter.print(printed.get().value());
        }
        String dZ = judged.checker().perExample().equations().stream().filter(e -> e.of().equals(z.name())).map(Equation::name)
                .findFirst().orElse("d" + z.name());
        Node dA = Ref.of(judged.name(), RefKind.DERIVATIVE, s.shape());
        return dZ + " = " + ExprPrinter.print(Rules.contribution(activation, Ref.of(s.name(), RefKind.VALUE, s.shape()), dA, 0));
    }

    private boolean readsConvolution() {
        return Nodes.of(judged.reference().value(), Nodes.Masks.SKIP).stream()
                .anyMatch(n -> n instanceof Apply a && a.op() == Op.CONV2D_INPUT);
    }

    /** The factors of a product, left to right ({@code (a * b) * c} is a, b, c); a node that is no product is its own. */
    private static void flatten(Node node, List<Node> out) {
        if (node instanceof Apply a && a.op() == Op.MUL) {
            flatten(a.arg(0), out);
            flatten(a.arg(1), out);
        } else {
            out.add(node);
        }
    }
}
