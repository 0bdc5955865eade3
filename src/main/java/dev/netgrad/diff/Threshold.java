package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A comparison of a value with a number, as the value and the number where its truth turns: {@code Z1 >
 * 1e-3}, {@code 1e-3 < Z1} and {@code Z1 - 1e-3 > 0} all turn where Z1 is 0.001, and a relu's kink
 * ({@code Z1 > 0}) where Z1 is 0. A line whose comparison turns at another number than netgrad's own
 * derivative's does on the same value differs from it only where the value lies between the two, which
 * random instances of order 1 may never hold ({@link CrossingJudge}).
 */
record Threshold(Apply test, Node operand, double at) {
    /** The threshold of a comparison of a value with a number (on either side, added to or taken from it), else empty. */
    static Optional<Threshold> of(Apply test) {
        if (!test.op().isComparison() || test.args().size() != 2) {
            return Optional.empty();
        }
        OptionalDouble right = constant(test.arg(1));
        OptionalDouble left = constant(test.arg(0));
        if (right.isPresent() == left.isPresent()) {
            return Optional.empty();
        }
        Node operand = right.isPresent() ? test.arg(0) : test.arg(1);
        double at = right.isPresent() ? right.getAsDouble() : left.getAsDouble();
        // x - k > c and x + k > c turn where x is c + k and c - k.
        while (operand instanceof Apply a && (a.op() == Op.ADD || a.op() == Op.SUB) && constant(a.arg(1)).isPresent()) {
            double k = constant(a.arg(1)).getAsDouble();
            at = a.op() == Op.SUB ? at + k : at - k;
            operand = a.arg(0);
        }
        while (operand instanceof Apply a && a.op() == Op.ADD && constant(a.arg(0)).isPresent()) {
            at -= constant(a.arg(0)).getAsDouble();
            operand = a.arg(1);
        }
        return Double.isFinite(at) ? Optional.of(new Threshold(test, operand, at)) : Optional.empty();
    }

    /** A number written as one, or negated. */
    private static OptionalDouble constant(Node node) {
        if (node instanceof Num n) {
            return OptionalDouble.of(n.value());
        }
        if (node instanceof Apply a && a.op() == Op.NEG && a.x() instanceof Num n) {
            return OptionalDouble.of(-n.value());
        }
        return OptionalDouble.empty();
    }

    /** Whether {@code v} lies strictly between this threshold and {@code other}'s, where the two comparisons may differ. */
    boolean between(double v, Threshold other) {
        return v > Math.min(at, other.at) && v < Math.max(at, other.at);
    }

    String shown() {
        return ExprPrinter.print(test);
    }

    String number() {
        return ExprPrinter.number(at);
    }
}
