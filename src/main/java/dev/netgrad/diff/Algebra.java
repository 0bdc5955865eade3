package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.Shape;
import java.util.Arrays;

/**
 * Simplifying constructors: every derivative is built through these, so no {@code 0 * x},
 * {@code 1 * x}, {@code x + 0}, {@code x.T.T} or {@code --x} is ever formed, numbers are folded
 * and the scalar factors of a product are collected in front ({@link Product}).
 * Numbers are folded only when the result is a double the IR holds (finite, and for a product or
 * power not 0 by underflow, {@link #holds}): unlike the spec's constant folding, which refuses such a
 * constant at its place in the source, a derivative keeps the numbers apart ({@code 1e308 + 1.5e308}
 * stays a sum, {@code 1e200^2} a product of two factors, {@code 1e200^2.5} of two held powers), as the forward
 * pass computes them.
 */
public final class Algebra {
    /** The largest whole power of a number that no double holds written as that many factors. */
    private static final int MAX_SPELLED_POWER = 64;

    private Algebra() {
    }

    public static Node num(double v) {
        return Num.of(v);
    }

    public static Node add(Node a, Node b) {
        if (isZero(a) && b.shape().equals(Shape.broadcast(a.shape(), b.shape()).orElseThrow())) {
            return b;
        }
        if (isZero(b) && a.shape().equals(Shape.broadcast(a.shape(), b.shape()).orElseThrow())) {
            return a;
        }
        if (a instanceof Num x && b instanceof Num y && Double.isFinite(x.value() + y.value())) {
            return num(x.value() + y.value());
        }
        if (isNeg(b)) {
            return sub(a, ((Apply) b).x());
        }
        if (isNeg(a)) {
            return sub(b, ((Apply) a).x());
        }
        if (a.equals(b)) {
            return mul(num(2), a);
        }
        Node scaled = costScaleOutside(Op.ADD, a, b);
        return scaled != null ? scaled : Apply.of(Op.ADD, a, b);
    }

    /**
     * {@code 1/m * (a' + b')} for a sum of two per-example values that each hold the cost's 1/m once: the cost
     * convention's {@code dA = 1/m * (sigmoid(A) - Y)}, its dL with the 1/m in front, where {@code 1/m * sigmoid(A)
     * - 1/m * Y} scales before a difference that can cancel. A param's {@code 1/m * dZ @ X.T + lambda/m * W} stays
     * as the course writes it. Null when the sum is not such a one.
     */
    private static Node costScaleOutside(Op op, Node a, Node b) {
        if (!a.shape().hasBatchSide() || !b.shape().hasBatchSide()) {
            return null;
        }
        Node left = Product.of(a).withoutCostScale();
        Node right = left == null ? null : Product.of(b).withoutCostScale();
        if (right == null) {
            return null;
        }
        return mul(Ref.costScale(), op == Op.ADD ? add(left, right) : sub(left, right));
    }

    public static Node sub(Node a, Node b) {
        if (isZero(b) && a.shape().equals(Shape.broadcast(a.shape(), b.shape()).orElseThrow())) {
            return a;
        }
        if (isZero(a) && b.shape().equals(Shape.broadcast(a.shape(), b.shape()).orElseThrow())) {
            return neg(b);
        }
        if (a instanceof Num x && b instanceof Num y && Double.isFinite(x.value() - y.value())) {
            return num(x.value() - y.value());
        }
        if (isNeg(b)) {
            return add(a, ((Apply) b).x());
        }
        Node scaled = costScaleOutside(Op.SUB, a, b);
        return scaled != null ? scaled : Apply.of(Op.SUB, a, b);
    }

    public static Node neg(Node x) {
        if (x instanceof Num n) {
            return num(-n.value());
        }
        if (x instanceof Apply a) {
            switch (a.op()) {
                case NEG:
                    return a.x();
                case SUB:
                    return Apply.of(Op.SUB, a.arg(1), a.arg(0));
                case MUL:
                case DIV:
                    return Product.of(x).negate().build();
                default:
                    break;
            }
        }
        return Apply.of(Op.NEG, x);
    }

    public static Node mul(Node a, Node b) {
        return Product.of(Apply.of(Op.MUL, a, b)).build();
    }

    public static Node div(Node a, Node b) {
        return Product.of(Apply.of(Op.DIV, a, b)).build();
    }

    public static Node pow(Node x, double p) {
        if (p == 1) {
            return x;
        }
        if (p == 0) {
            return num(1);
        }
        if (x instanceof Num n && holds(Math.pow(n.value(), p), n.value())) {
            return num(Math.pow(n.value(), p));
        }
        if (x instanceof Num n && n.value() != 0 && p == Math.rint(p) && Math.abs(p) <= MAX_SPELLED_POWER) {
            // 1e200^2 as a constant part is one check refuses, as it would the user's: 1e200 * (1e200 * dA) is
            // the same product, each step of it a double.
            Node product = x;
            for (int i = 1; i < Math.abs(p); i++) {
                product = mul(product, x);
            }
            return p > 0 ? product : div(num(1), product);
        }
        Node pieces = heldPieces(x, p);
        return pieces != null ? pieces : Apply.of(Op.POW, x, num(p));
    }

    /**
     * {@code x^p} for a number or a const of known value whose power no double holds and that is not spelled as
     * whole factors ({@code 1e200^2.5}, {@code kbig^2.5}, {@code 1e200^65}): the fewest equal powers that each
     * hold, multiplied in turn ({@code 1e250 * (1e250 * dA)}, {@code kbig^1.25 * (kbig^1.25 * dA)}), up to 64 of
     * them; else null. The power itself as a constant part is one check refuses as infinite, where the line,
     * evaluated step by step as derive does, is what the forward pass computes (infinite there too when the
     * power is). Null too when the power holds ({@code kbig^0.5}) or no piece does ({@code (-1e200)^2.5}, NaN).
     */
    private static Node heldPieces(Node x, double p) {
        boolean known = x instanceof Num || (x instanceof Ref r && r.hasValue());
        double value = ExprPrinter.knownValue(x);
        if (!known || value == 0 || ExprPrinter.isNormal(Math.pow(value, p))) {
            return null;
        }
        for (int pieces = 2; pieces <= MAX_SPELLED_POWER; pieces++) {
            if (ExprPrinter.isNormal(Math.pow(value, p / pieces))) {
                Node piece = pow(x, p / pieces);
                Node product = piece;
                for (int i = 1; i < pieces; i++) {
                    product = mul(piece, product);
                }
                return product;
            }
        }
        return null;
    }

    public static Node matmul(Node a, Node b) {
        if (isZero(a) || isZero(b)) {
            return num(0);
        }
        Product pa = Product.of(a);
        Product pb = Product.of(b);
        // Scalars commute with @: pull them to the front so they can meet the other factors.
        if (pa.hasScalarPrefix() || pb.hasScalarPrefix()) {
            Node inner = Apply.of(Op.MATMUL, pa.withoutScalars().build(), pb.withoutScalars().build());
            return Product.of(inner).times(pa.scalars()).times(pb.scalars()).build();
        }
        return Apply.of(Op.MATMUL, a, b);
    }

    public static Node transpose(Node x) {
        if (x.shape().isScalar()) {
            return x;
        }
        if (x instanceof Apply a && a.op() == Op.TRANSPOSE) {
            return a.x();
        }
        if (x instanceof Apply a && a.op() == Op.NEG) {
            return neg(transpose(a.x()));
        }
        if (x instanceof Apply a && a.op() == Op.MATMUL) {
            return matmul(transpose(a.arg(1)), transpose(a.arg(0)));
        }
        Product p = Product.of(x);
        if (p.hasScalarPrefix()) {
            return Product.of(transpose(p.withoutScalars().build())).times(p.scalars()).build();
        }
        return Apply.of(Op.TRANSPOSE, x);
    }

    /** A reduction; scalar factors move outside it, and reducing an axis of size 1 does nothing. */
    public static Node reduce(Op op, Node x) {
        if (isZero(x)) {
            return num(0);
        }
        Shape s = x.shape();
        boolean sum = op == Op.SUM || op == Op.SUM0 || op == Op.SUM1;
        if (sum && ((op == Op.SUM0 && s.rows() == 1) || (op == Op.SUM1 && s.cols() == 1)
                || (op == Op.SUM && s.isScalar()))) {
            return x;
        }
        Product p = Product.of(x);
        if (sum && p.hasScalarPrefix()) {
            return Product.of(reduce(op, p.withoutScalars().build())).times(p.scalars()).build();
        }
        return Apply.of(op, x);
    }

    /**
     * An operation linear in its argument {@code at} (the image derivatives): a zero there gives
     * zero, and its scalar factors move outside, as they do for {@code @}.
     */
    public static Node linear(Op op, int at, Node... args) {
        if (isZero(args[at])) {
            return num(0);
        }
        Product p = Product.of(args[at]);
        if (p.hasScalarPrefix()) {
            Node[] inner = args.clone();
            inner[at] = p.withoutScalars().build();
            return Product.of(Apply.of(op, inner)).times(p.scalars()).build();
        }
        return Apply.of(op, args);
    }

    public static Node apply(Op op, Node... args) {
        return Apply.of(op, args);
    }

    /**
     * Undoes broadcasting: sums the adjoint {@code g} down to {@code target}, the shape of the
     * operand that was stretched (a bias's gradient sums over the examples).
     */
    public static Node unbroadcast(Node g, Shape target) {
        if (target.isPerChannelOf(g.shape())) {
            return linear(Op.CHANNEL_SUM, 0, g);
        }
        if (target.isScalar() && g.shape().grid() != null) {
            return reduce(Op.SUM, g);
        }
        Node out = g;
        if (target.rows() == 1 && out.shape().rows() != 1) {
            out = reduce(Op.SUM0, out);
        } else if (target.rows() == 1 && target.grid() == null && out.shape().grid() != null) {
            // A 1 x m value met an image of one entry per example (1 x 1 x 1 x m): the same numbers, as a plain value.
            out = apply(Op.FLATTEN, out);
        }
        if (target.cols() == 1 && out.shape().cols() != 1) {
            out = reduce(Op.SUM1, out);
        }
        return out;
    }

    /**
     * Undoes the broadcast of an operand of shape {@code target} of the elementwise operation
     * {@code node} ({@code + - * /}), whose adjoint contribution {@code g} may itself arrive
     * broadcast over {@code node}: the adjoint of {@code sum(b - W @ X)} is 1 x 1 while
     * {@code b - W @ X} is 1 x m, and the 1 x 1 {@code b} receives it from each of the m columns,
     * m times g. Every side that the operand was stretched over and g was not counts its copies.
     */
    public static Node unbroadcast(Node g, Shape target, Node node) {
        Shape full = node.shape();
        boolean elementwise = node instanceof Apply a
                && (a.op() == Op.ADD || a.op() == Op.SUB || a.op() == Op.MUL || a.op() == Op.DIV);
        if (!elementwise || g.shape().equals(full) || target.equals(full)) {
            return unbroadcast(g, target);
        }
        if (full.grid() != null) {
            return unbroadcast(fill(g, node), target);
        }
        Node out = g;
        if (target.rows() == 1 && full.rows() != 1 && g.shape().rows() == 1) {
            out = mul(side(full.rows()), out);
        }
        if (target.cols() == 1 && full.cols() != 1 && g.shape().cols() == 1) {
            out = mul(side(full.cols()), out);
        }
        return unbroadcast(out, target);
    }

    /** A size as a node: a number, or m. */
    static Node side(int n) {
        return n == Shape.M ? Ref.batchSize() : num(n);
    }

    /** Makes {@code g} exactly the shape of {@code like}, spelling out a broadcast if needed. */
    public static Node fill(Node g, Node like) {
        if (g.shape().equals(like.shape())) {
            return g;
        }
        Node ones = Apply.of(Op.ONES_LIKE, like);
        return isZero(g) ? Apply.of(Op.MUL, g, ones) : mul(g, ones);
    }

    /**
     * Whether {@code folded}, a number computed from {@code operands} by a product, quotient or power, is
     * one the IR may hold in their place: finite, 0 only when an operand is 0, not by underflow, and normal
     * unless it is an operand itself ({@code 1e200^2} stays apart, {@code 1e-200 * 1e-200} and
     * {@code 1e-300 * 1e-18} a product, as the forward pass computes them).
     */
    static boolean holds(double folded, double... operands) {
        if (ExprPrinter.isNormal(folded)) {
            return true;
        }
        if (!Double.isFinite(folded)) {
            return false;
        }
        if (folded != 0) {
            // A subnormal keeps a few bits: folded, 1e-300 * 1e-18 carries an error of 1e-5 of itself into every
            // factor after it, where the forward pass may never leave the normal doubles.
            // Only a fold by 1 (1 * 1e-320, the number the user wrote) keeps it as it was.
            return Arrays.stream(operands).anyMatch(o -> o == folded);
        }
        for (double operand : operands) {
            if (operand == 0) {
                return true;
            }
        }
        return false;
    }

    public static boolean isZero(Node n) {
        return n.isNumber(0);
    }

    static boolean isNeg(Node n) {
        return n instanceof Apply a && a.op() == Op.NEG;
    }

    /** Numbers and names of numbers known before the data: they commute with everything. */
    static boolean isScalarConstant(Node n) {
        return n instanceof Num || (n instanceof Ref r && r.kind().isScalarConstant());
    }
}
