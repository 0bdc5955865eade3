package dev.netgrad.diff;

import static dev.netgrad.diff.Algebra.mul;
import static dev.netgrad.diff.Algebra.neg;
import static dev.netgrad.diff.Algebra.num;
import static dev.netgrad.diff.Algebra.sub;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The log of a probability, which has a derivative with respect to the logits that divides by nothing:
 * {@code log(A)} with {@code A = sigmoid(Z)} has {@code d/dZ = 1 - A}, {@code log(1 - A)} has {@code -A}, and
 * {@code log(A)} with {@code A = softmax(Z)} has the Jacobian {@code I - A} (down each column). Through
 * {@code d log(A) / dA = 1/A} the same derivative is NaN or infinite wherever A saturates to 0 or 1 in doubles.
 * The forward pass computes these logs as {@code -softplus(-Z)}, {@code -softplus(Z)} and {@code log_softmax(Z)}.
 *
 * <p>A probability is read through names ({@code LP = log(A)}, {@code B = 1 - A}, an alias {@code P = A}); one
 * minus it is written {@code 1 - A}, {@code 1 + -A}, {@code -A + 1} or {@code -(A - 1)}.
 *
 * @param kind which of the three logs
 * @param probability A as the derivative names it: the value, or {@code sigmoid(Z)} written in place
 * @param logits Z
 * @param through the named values read on the way from the log's argument to the sigmoid or softmax
 */
record ProbabilityLog(Kind kind, Node probability, Node logits, List<String> through) {
    enum Kind {
        SIGMOID, ONE_MINUS_SIGMOID, SOFTMAX
    }

    ProbabilityLog {
        through = List.copyOf(through);
    }

    /** The log of {@code argument} when it is one of the three, named values read through {@code definitions}. */
    static Optional<ProbabilityLog> of(Node argument, Map<String, Node> definitions) {
        List<String> through = new ArrayList<>();
        Node x = resolve(argument, definitions, through);
        Node probability = lastName(x, through);
        Optional<ProbabilityLog> direct = probabilityOf(x, probability, through);
        if (direct.isPresent()) {
            return direct;
        }
        Node inner = oneMinus(x);
        if (inner == null) {
            return Optional.empty();
        }
        Node sigmoid = resolve(inner, definitions, through);
        if (sigmoid instanceof Apply a && a.op() == Op.SIGMOID) {
            Node named = inner instanceof Ref ? lastName(a, through) : a;
            return Optional.of(new ProbabilityLog(Kind.ONE_MINUS_SIGMOID, named, a.x(), through));
        }
        return Optional.empty();
    }

    /** The log's value computed from the logits, finite wherever the logits are. */
    Node stableForm() {
        return switch (kind) {
            case SIGMOID -> Apply.of(Op.NEG, Apply.of(Op.SOFTPLUS, Apply.of(Op.NEG, logits)));
            case ONE_MINUS_SIGMOID -> Apply.of(Op.NEG, Apply.of(Op.SOFTPLUS, logits));
            case SOFTMAX -> Apply.of(Op.LOG_SOFTMAX, logits);
        };
    }

    /** What the adjoint {@code g} of the log adds into the logits' (before broadcasting is undone). */
    Node logitsAdjoint(Node g) {
        return switch (kind) {
            case SIGMOID -> mul(g, sub(num(1), probability));
            case ONE_MINUS_SIGMOID -> neg(mul(g, probability));
            // log_softmax's rule, with A for softmax(Z): g - A * (the sum of g down each column).
            case SOFTMAX -> minusAsPlus(Rules.contribution(Apply.of(Op.LOG_SOFTMAX, logits), null, g, 0));
        };
    }

    /** {@code a + 3 * A * Y} for {@code a - -3 * A * Y}: a sum of g's own sign, where g is negative (-Y) and k x m. */
    private static Node minusAsPlus(Node difference) {
        return difference instanceof Apply d && d.op() == Op.SUB ? Algebra.add(d.arg(0), neg(d.arg(1))) : difference;
    }

    private static Optional<ProbabilityLog> probabilityOf(Node x, Node probability, List<String> through) {
        if (x instanceof Apply a && (a.op() == Op.SIGMOID || a.op() == Op.SOFTMAX)) {
            Kind kind = a.op() == Op.SIGMOID ? Kind.SIGMOID : Kind.SOFTMAX;
            return Optional.of(new ProbabilityLog(kind, probability, a.x(), through));
        }
        return Optional.empty();
    }

    /** The value a name holds, through aliases and names, each name read on the way added to {@code through}. */
    private static Node resolve(Node node, Map<String, Node> definitions, List<String> through) {
        Node x = node;
        while (x instanceof Ref r && r.kind() == RefKind.VALUE && definitions.containsKey(r.name())) {
            through.add(r.name());
            x = definitions.get(r.name());
        }
        return x;
    }

    /** The probability as a derivative names it: the last name read to reach it, else the node in place. */
    private static Node lastName(Node value, List<String> through) {
        return through.isEmpty() ? value : Ref.of(through.get(through.size() - 1), RefKind.VALUE, value.shape());
    }

    /** A when {@code x} is one minus A, in any of the spellings above; else null. */
    static Node oneMinus(Node x) {
        if (!(x instanceof Apply a)) {
            return null;
        }
        return switch (a.op()) {
            case SUB -> a.arg(0).isNumber(1) ? a.arg(1) : null;
            case ADD -> a.arg(0).isNumber(1) && isNeg(a.arg(1)) ? ((Apply) a.arg(1)).x()
                    : a.arg(1).isNumber(1) && isNeg(a.arg(0)) ? ((Apply) a.arg(0)).x() : null;
            case NEG -> a.x() instanceof Apply d && d.op() == Op.SUB && d.arg(1).isNumber(1) ? d.arg(0) : null;
            default -> null;
        };
    }

    private static boolean isNeg(Node n) {
        return n instanceof Apply a && a.op() == Op.NEG;
    }
}
