package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.spec.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The two ways a hand derivation puts a dropout's mask in the wrong line: applied already in the
 * dA of the dropout's own output (the course's {@code dA2 = dA2 * D2 / keep_prob}), or left out of
 * the backward pass altogether. Both look for the lowered dropout, x * mask(A) / k, in the forward
 * pass, which is where netgrad's convention differs from the course's.
 */
final class DropoutMask {
    private final JudgedLine judged;
    private final Predicate<Node> fixes;
    private final Supplier<String> expected;

    DropoutMask(JudgedLine judged, Predicate<Node> fixes, Supplier<String> expected) {
        this.judged = judged;
        this.fixes = fixes;
        this.expected = expected;
    }

    /**
     * For A = dropout(x, k), lowered to x * mask(A) / k: a dA line that equals dA * mask(A) / k (or
     * dA * mask(A)), the course's {@code dA2 = dA2 * D2 / keep_prob}. That is the derivative of x,
     * before the dropout; netgrad's dA2 is that of A2 itself, and the mask belongs in the next line.
     */
    Optional<String> appliedAlready() {
        String of = judged.of();
        Optional<LoweredDropout> dropout = judged.checker().perExample().forward().stream().filter(s -> s.name().equals(of)).findFirst()
                .flatMap(s -> LoweredDropout.of(s.value()));
        if (dropout.isEmpty()) {
            return Optional.empty();
        }
        double keep = dropout.get().keep();
        Node kept = dropout.get().kept();
        for (double scale : new double[] {keep, 1}) {
            for (boolean cost : new boolean[] {true, false}) {
                if (maskedEverywhere(scale, cost)) {
                    String masked = (cost ? Numerator.COST : judged.reference().numerator()).over(of) + " * mask(" + of + ")"
                            + (scale == 1 ? "" : " / " + ExprPrinter.number(scale));
                    return Optional.of("applies the dropout mask already: it equals " + masked + ", the derivative of "
                            + ExprPrinter.print(kept) + " before the dropout. " + judged.name() + " is the derivative of "
                            + of + " itself (netgrad derives " + expected() + "); the mask and the 1/"
                            + ExprPrinter.number(keep) + " go in the next line" + nextLine(kept));
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
    Optional<String> missing() {
        String of = judged.of();
        Node value = judged.line().value();
        for (Statement s : judged.checker().perExample().forward()) {
            Optional<LoweredDropout> dropout = LoweredDropout.of(s.value());
            if (dropout.isPresent() && Nodes.refs(dropout.get().kept(), Nodes.Masks.SKIP).stream().anyMatch(r -> r.name().equals(of))
                    && value.shape().equals(dropout.get().mask().shape())) {
                // The mask and the 1/k both left out, or the mask alone (the 1/k written).
                double keep = dropout.get().keep();
                Node withMask = Apply.of(Op.MUL, value, dropout.get().mask());
                if (fixes(Apply.of(Op.DIV, withMask, Num.of(keep))) || fixes(withMask)) {
                    String written = judged.checker().network().statements().stream().filter(x -> x.name().equals(s.name()))
                            .map(x -> s.name() + " = " + ExprPrinter.print(x.value())).findFirst().orElse(s.name());
                    return Optional.of("is missing the dropout mask: " + written + " keeps only the entries where mask("
                            + s.name() + ") is 1, scaled by 1/" + ExprPrinter.number(keep) + ", and the derivative"
                            + " flows back through those alone; netgrad derives " + expected());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the values equal the reference times the mask of {@code of}, over {@code scale}, on every instance. */
    private boolean maskedEverywhere(double scale, boolean cost) {
        List<Matrix> values = judged.values();
        for (int i = 0; i < values.size(); i++) {
            Matrix reference = judged.rightValue(i, cost);
            Matrix mask = judged.environment(i).mask(judged.of());
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
            Optional<Equation> next = judged.checker().printed().equations().stream().filter(e -> e.of().equals(r.name()))
                    .findFirst();
            if (next.isPresent()) {
                return ", as in " + next.get().name() + " = " + ExprPrinter.print(next.get().value()) + ".";
            }
        }
        return ".";
    }

    private boolean fixes(Node candidate) {
        return fixes.test(candidate);
    }

    /** netgrad's line, as {@link Diagnosis} words it. */
    private String expected() {
        return expected.get();
    }
}
