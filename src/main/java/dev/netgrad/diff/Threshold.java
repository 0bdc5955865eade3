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
import dev.netgrad.ir.ShapeException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * A comparison as the value it compares and the number where its truth turns: {@code Z1 > 1e-3}, {@code
 * 1e-3 < Z1} and {@code Z1 - 1e-3 > 0} all turn where Z1 is 0.001, a relu's kink ({@code Z1 > 0}) where Z1
 * is 0, and one of two values ({@code A > B + 1e-3}) where their difference {@code A - B} is 0.001. The
 * number may be written as a spec's const ({@code Z1 > eps}), an expression of numbers and consts ({@code
 * Z1 > eps / 2}), or a helper line of the equations that is one. A line whose comparison turns at another
 * number than netgrad's own derivative's does differs from it only where the value lies between the two,
 * which random instances of order 1 may never hold ({@link CrossingJudge}).
 */
record Threshold(Apply test, Node operand, double at) {
    /** No helper lines: the number written in the comparison itself, as netgrad's own derivations hold it. */
    static final Function<String, Optional<Node>> NO_HELPERS = name -> Optional.empty();

    /** A side of a comparison as a value and a number added to it: {@code Z1 - 1e-3} is Z1 and -0.001; a number alone has no value. */
    private record Side(Node value, double offset) {
    }

    /**
     * The threshold of a comparison (of a value with a number on either side, added to or taken from it, or
     * of two values), else empty; {@code helpers} gives the value of an equations' helper line by name.
     */
    static Optional<Threshold> of(Apply test, Function<String, Optional<Node>> helpers) {
        if (!test.op().isComparison() || test.args().size() != 2) {
            return Optional.empty();
        }
        Side left = side(test.arg(0), helpers);
        Side right = side(test.arg(1), helpers);
        if (left.value() == null && right.value() == null) {
            return Optional.empty();
        }
        // x + a > y + b turns where x - y is b - a; x + a > b where x is b - a.
        double at = right.offset() - left.offset();
        Node operand;
        try {
            operand = right.value() == null ? left.value() : left.value() == null ? right.value()
                    : Apply.of(Op.SUB, left.value(), right.value());
        } catch (ShapeException e) {
            return Optional.empty(); // two images' sides the comparison broadcasts and a difference would not: not searched
        }
        // + 0.0: -0.0 (0 < Z1) is the same number as 0.
        return Double.isFinite(at) ? Optional.of(new Threshold(test, operand, (left.value() == null ? -at : at) + 0.0)) : Optional.empty();
    }

    /** A side with the numbers added to or taken from it split off. */
    private static Side side(Node node, Function<String, Optional<Node>> helpers) {
        OptionalDouble whole = constant(node, helpers);
        if (whole.isPresent()) {
            return new Side(null, whole.getAsDouble());
        }
        double offset = 0;
        while (node instanceof Apply a && (a.op() == Op.ADD || a.op() == Op.SUB)) {
            OptionalDouble k = constant(a.arg(1), helpers);
            OptionalDouble first = a.op() == Op.ADD ? constant(a.arg(0), helpers) : OptionalDouble.empty();
            if (k.isPresent()) {
                offset += a.op() == Op.SUB ? -k.getAsDouble() : k.getAsDouble();
                node = a.arg(0);
            } else if (first.isPresent()) {
                offset += first.getAsDouble();
                node = a.arg(1);
            } else {
                break;
            }
        }
        return new Side(node, offset);
    }

    /**
     * The number an expression of numbers, consts and helper lines that are such is ({@code eps}, {@code
     * -1e-3}, {@code eps / 2}), else empty: anything else it reads may take other values on other instances.
     */
    static OptionalDouble constant(Node node, Function<String, Optional<Node>> helpers) {
        if (node instanceof Num n) {
            return OptionalDouble.of(n.value());
        }
        Environment numbers = new Environment(1);
        for (Node n : Nodes.of(node, Nodes.Masks.ENTER)) {
            if (n instanceof Apply a && (a.op() == Op.DROPOUT || a.op() == Op.BATCHNORM || a.op() == Op.MASK)) {
                return OptionalDouble.empty();
            }
        }
        for (Ref r : Nodes.refs(node, Nodes.Masks.ENTER)) {
            OptionalDouble v = r.kind() == RefKind.CONST && r.hasValue() ? OptionalDouble.of(r.value())
                    : r.kind() == RefKind.CONST ? OptionalDouble.empty()
                    : helpers.apply(r.name()).map(h -> constant(h, helpers)).orElse(OptionalDouble.empty());
            if (v.isEmpty()) {
                return OptionalDouble.empty();
            }
            numbers.put(r.name(), Matrix.scalar(v.getAsDouble()));
        }
        Matrix value = Evaluator.evaluate(node, numbers);
        return value.rows() == 1 && value.cols() == 1 ? OptionalDouble.of(value.get(0, 0)) : OptionalDouble.empty();
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
