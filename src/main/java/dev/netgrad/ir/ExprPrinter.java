package dev.netgrad.ir;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints IR expressions in the {@code .nn} expression syntax, with the fewest parentheses that keep the tree:
 * read back left to right, the output is the same expression ({@code 1/m} as 1 / m), or one that computes the
 * same doubles (a minus for a plus of a negative factor, a product regrouped over a 0/1 factor), or, for
 * {@code 1/m * dZ @ X.T}, the same up to rounding. Check reads derive's lines back, so a printed line never
 * computes another value than the derivation's (kbig * (khuge * (ksmall * ktiny)) is not kbig * khuge * ...).
 */
public final class ExprPrinter {
    /** Magnitudes below this print with an exponent, as Python's repr prints them. */
    private static final double SCIENTIFIC_BELOW = 1e-4;

    private ExprPrinter() {
    }

    /**
     * A derived expression: a product nested to the right over a mask or a comparison prints without its
     * parentheses ({@code dA2 * mask(A2) * (Z2 > 0)}), and {@code 1/m * dZ @ X.T} as the course writes it.
     */
    public static String print(Node node) {
        return print(node, true);
    }

    /**
     * A statement as its author grouped it: {@code A1 + (Z1 - A1)} keeps its parentheses, since the
     * forward pass computes it in that order (what {@code show} prints).
     */
    public static String printAsWritten(Node node) {
        return print(node, false);
    }

    private static String print(Node node, boolean regroup) {
        if (node instanceof Num n) {
            return number(n.value());
        }
        if (node instanceof Ref r) {
            return r.name();
        }
        return apply((Apply) node, regroup);
    }

    /**
     * The shortest decimal that parses back to the same double, in the language's number syntax, as a
     * user writes it: {@code 1e-8} and {@code 2.5e20}, not Java's {@code 1.0E-8}. Below 1e-4 always with
     * an exponent, as Python's repr writes it ({@code 1e-5}, batchnorm's eps, not {@code 0.00001});
     * from there up plain unless that is much longer ({@code 0.0001}, {@code 12345678.5}, {@code 1e15}).
     */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String shortest = ShortestDecimal.of(value);
        if (shortest.contains("E")) {
            String scientific = shortest.replace(".0E", "E").replace("E", "e");
            if (Math.abs(value) < SCIENTIFIC_BELOW) {
                return scientific;
            }
            String plain = new BigDecimal(shortest).stripTrailingZeros().toPlainString();
            return plain.length() <= shortest.length() + 2 ? plain : scientific;
        }
        return shortest;
    }

    /** How tightly a printed node binds, on the scale of {@link Op#precedence()}. */
    static int precedence(Node node) {
        if (node instanceof Num n) {
            return n.value() < 0 ? Op.NEG.precedence() : Op.ATOM;
        }
        if (node instanceof Ref r) {
            return r.kind() == RefKind.COST_SCALE ? Op.DIV.precedence() : Op.ATOM;
        }
        return ((Apply) node).op().precedence();
    }

    private static String apply(Apply a, boolean regroup) {
        Op op = a.op();
        if (op == Op.NEG) {
            // -(-2) and -(-Z1), not --2: the operand's own minus gets its parentheses.
            return "-" + wrap(a.x(), precedence(a.x()) <= Op.NEG.precedence(), regroup);
        }
        if (op == Op.TRANSPOSE) {
            return wrap(a.x(), precedence(a.x()) < Op.TRANSPOSE.precedence(), regroup) + ".T";
        }
        if (op == Op.POW) {
            return wrap(a.x(), precedence(a.x()) <= Op.POW.precedence(), regroup) + "^"
                    + wrap(a.arg(1), precedence(a.arg(1)) < Op.NEG.precedence(), regroup);
        }
        if (op.isInfix()) {
            return infix(a, regroup);
        }
        return call(a, regroup);
    }

    private static String infix(Apply a, boolean regroup) {
        Op op = a.op();
        Node left = a.arg(0);
        Node right = a.arg(1);
        Apply folded = withSignFolded(a);
        if (folded != a) {
            return infix(folded, regroup);
        }
        boolean leftParens = op.isComparison()
                ? precedence(left) <= op.precedence()
                : precedence(left) < op.precedence();
        // a - (-2) and a + (-Z1): two signs in a row read as a typo.
        boolean negativeAfterSign = (op == Op.ADD || op == Op.SUB) && precedence(right) == Op.NEG.precedence();
        boolean rightParens = negativeAfterSign
                || precedence(right) <= op.precedence() && !(regroup && regroups(op, left, right));
        // Course style: a quotient of two plain numbers or names is written tight, as in 1/m.
        String space = op == Op.DIV && isPlain(left) && isPlain(right) ? "" : " ";
        return wrap(left, leftParens, regroup) + space + op.symbol() + space + wrap(right, rightParens, regroup);
    }

    /**
     * {@code a + -k * x} as {@code a - k * x}, and {@code a - -k * x} as {@code a + k * x}, the way both printers
     * write them, else {@code sum} itself: the same value, since negating a product's factor is exact, and so are
     * a + (-y) against a - y and a - (-y) against a + y.
     */
    public static Apply withSignFolded(Apply sum) {
        if ((sum.op() == Op.ADD || sum.op() == Op.SUB) && sum.arg(1) instanceof Apply product && product.op() == Op.MUL
                && product.arg(0) instanceof Num factor && factor.value() < 0) {
            return Apply.of(sum.op() == Op.ADD ? Op.SUB : Op.ADD, sum.arg(0),
                    Apply.of(Op.MUL, Num.of(-factor.value()), product.arg(1)));
        }
        return sum;
    }

    /**
     * Whether {@code left op (right)} may be printed without the parentheses, which reads back as
     * {@code (left op right.left) op right.right}: floating-point products are not associative (1e200 * (1e200 * 1e-200)
     * is 1e200, (1e200 * 1e200) * 1e-200 infinite), so only where that is the same double, or for the course's
     * {@code 1/m * dZ @ X.T}.
     */
    private static boolean regroups(Op op, Node left, Node right) {
        if (op != Op.MUL || !(right instanceof Apply inner)) {
            return false;
        }
        if (inner.op() == Op.MATMUL) {
            // 1/m * (dZ @ X.T) read as (1/m * dZ) @ X.T scales before the sums: the same up to rounding, and a
            // scale of at most 1 takes no entry past the largest double. The course writes it so.
            return left instanceof Ref r && r.kind() == RefKind.COST_SCALE;
        }
        // dA * (mask(A) * (Z > 0)) read as (dA * mask(A)) * (Z > 0): a middle factor of 0 or 1 makes both orders
        // the same double, infinities and NaN included (either side gives x * z, or a zero or NaN with one sign).
        return inner.op() == Op.MUL && isZeroOrOne(inner.arg(0));
    }

    /** A mask or a comparison: every entry 0 or 1. */
    private static boolean isZeroOrOne(Node node) {
        return node instanceof Apply a && (a.op() == Op.MASK || a.op().isComparison());
    }

    /**
     * The value of a scalar made of numbers and names of numbers, with the ones not known here (m, 1/m, a const
     * built without its value) counted as 1; NaN for anything that reads a matrix.
     */
    public static double knownValue(Node node) {
        if (!node.shape().isScalar()) {
            return Double.NaN;
        }
        if (node instanceof Num n) {
            return n.value();
        }
        if (node instanceof Ref r) {
            return r.hasValue() ? r.value() : r.kind().isScalarConstant() ? 1 : Double.NaN;
        }
        Apply a = (Apply) node;
        return switch (a.op()) {
            case NEG -> -knownValue(a.x());
            case MUL -> knownValue(a.arg(0)) * knownValue(a.arg(1));
            case DIV -> knownValue(a.arg(0)) / knownValue(a.arg(1));
            case POW -> Math.pow(knownValue(a.arg(0)), knownValue(a.arg(1)));
            default -> Double.NaN;
        };
    }

    /** Finite and at least the smallest normal double in size: a double that keeps all its bits. */
    public static boolean isNormal(double v) {
        return Math.abs(v) >= Double.MIN_NORMAL && Math.abs(v) <= Double.MAX_VALUE;
    }

    private static boolean isPlain(Node node) {
        return (node instanceof Num n && n.value() >= 0)
                || (node instanceof Ref r && r.kind().isScalarConstant() && r.kind() != RefKind.COST_SCALE);
    }

    private static String call(Apply a, boolean regroup) {
        Op op = a.op();
        String name = op.symbol();
        if (op.isReduction()) {
            String x = print(a.x(), regroup);
            return op.axis() < 0 ? name + "(" + x + ")" : name + "(" + x + ", axis=" + op.axis() + ")";
        }
        List<String> keywords = op.keywords();
        int positional = a.args().size() - keywords.size();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < a.args().size(); i++) {
            String arg = print(a.arg(i), regroup);
            args.add(i < positional ? arg : keywords.get(i - positional) + "=" + arg);
        }
        return name + args.stream().collect(Collectors.joining(", ", "(", ")"));
    }

    private static String wrap(Node node, boolean parens, boolean regroup) {
        String s = print(node, regroup);
        return parens ? "(" + s + ")" : s;
    }
}
