package dev.netgrad.diff;

import static dev.netgrad.diff.Algebra.add;
import static dev.netgrad.diff.Algebra.apply;
import static dev.netgrad.diff.Algebra.div;
import static dev.netgrad.diff.Algebra.fill;
import static dev.netgrad.diff.Algebra.linear;
import static dev.netgrad.diff.Algebra.matmul;
import static dev.netgrad.diff.Algebra.mul;
import static dev.netgrad.diff.Algebra.neg;
import static dev.netgrad.diff.Algebra.num;
import static dev.netgrad.diff.Algebra.pow;
import static dev.netgrad.diff.Algebra.reduce;
import static dev.netgrad.diff.Algebra.sub;
import static dev.netgrad.diff.Algebra.transpose;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;

/**
 * The derivative rules, one per operation, written like the maths: given {@code y = op(args)},
 * the adjoint {@code g} of y and the index of an argument, the adjoint that argument receives
 * (before broadcasting is undone). {@code y} is the node's value as later equations name it:
 * {@code A1} rather than {@code tanh(Z1)} when the node is the whole right side of A1.
 */
final class Rules {
    private Rules() {
    }

    /** The adjoint contribution to argument {@code i}, or null when nothing flows back through it. */
    static Node contribution(Apply node, Node y, Node g, int i) {
        Node x = node.x();
        return switch (node.op()) {
            case ADD -> g;
            case SUB -> i == 0 ? g : neg(g);
            case MUL -> mul(g, node.arg(1 - i));
            case DIV -> i == 0 ? div(g, node.arg(1)) : neg(div(mul(g, y), node.arg(1)));
            case MATMUL -> i == 0
                    ? matmul(fill(g, node), transpose(node.arg(1)))
                    : matmul(transpose(node.arg(0)), fill(g, node));
            case POW -> i == 0 ? power(g, x, ((Num) node.arg(1)).value()) : null;
            case NEG -> neg(g);
            case TRANSPOSE -> transpose(g);
            case TANH -> mul(g, sub(num(1), pow(y, 2)));
            case SIGMOID -> mul(g, mul(y, sub(num(1), y)));
            case RELU -> mul(g, apply(Op.GT, x, num(0)));
            case EXP -> mul(g, y);
            case LOG -> div(g, x);
            case SQRT -> div(g, mul(num(2), y));
            case ABS -> mul(g, sub(apply(Op.GT, x, num(0)), apply(Op.LT, x, num(0))));
            case SOFTPLUS -> mul(g, apply(Op.SIGMOID, x));
            case LEAKY_RELU -> i == 0
                    ? mul(g, add(apply(Op.GT, x, num(0)), mul(node.arg(1), apply(Op.LE, x, num(0)))))
                    : null;
            case SOFTMAX -> mul(y, sub(g, reduce(Op.SUM0, mul(g, y))));
            case LOG_SOFTMAX -> sub(g, mul(apply(Op.SOFTMAX, x), sumDown(g, x)));
            case SUM, SUM0, SUM1 -> g;
            case MEAN -> div(g, count(x, true, true));
            case MEAN0 -> div(g, count(x, true, false));
            case MEAN1 -> div(g, count(x, false, true));
            case GT, LT, GE, LE, MASK, ONES_LIKE -> null;
            // Like the matrix product, the image operations move entries around: they read their
            // adjoint at their own full shape, also when it arrives broadcast (sum(conv2d(...), axis=0)).
            case CONV2D -> switch (i) {
                case 0 -> linear(Op.CONV2D_INPUT, 0, fill(g, node), node.arg(1), x, node.arg(2), node.arg(3));
                case 1 -> linear(Op.CONV2D_WEIGHT, 1, x, fill(g, node), node.arg(1), node.arg(2), node.arg(3));
                default -> null;
            };
            case MAXPOOL -> i == 0 ? linear(Op.MAXPOOL_INPUT, 0, fill(g, node), x, node.arg(1), node.arg(2)) : null;
            case AVGPOOL -> i == 0 ? linear(Op.AVGPOOL_INPUT, 0, fill(g, node), node.arg(1), x, node.arg(2)) : null;
            case FLATTEN -> linear(Op.UNFLATTEN, 0, fill(g, node), x);
            case CONV2D_INPUT, CONV2D_WEIGHT, CHANNEL_SUM, MAXPOOL_INPUT, AVGPOOL_INPUT, UNFLATTEN ->
                    throw new IllegalStateException(node.op() + " writes derivatives; it is not differentiated");
            case DROPOUT, BATCHNORM -> throw new IllegalStateException(node.op() + " must be lowered before differentiation");
        };
    }

    /**
     * The sum down each column of the adjoint g of a value shaped like x. A g of one row stands
     * for x's k rows, each a copy of it (the adjoint of sum(x, axis=0) is 1 x m): k times g, not g.
     */
    private static Node sumDown(Node g, Node x) {
        int rows = x.shape().rows();
        return g.shape().rows() == 1 && rows != 1 ? mul(side(rows), g) : reduce(Op.SUM0, g);
    }

    private static Node power(Node g, Node x, double p) {
        return mul(g, mul(num(p), pow(x, p - 1)));
    }

    /** How many entries a mean averages: rows, columns or both, any of which may be m. */
    private static Node count(Node x, boolean rows, boolean cols) {
        Node n = num(1);
        if (rows) {
            n = mul(n, side(x.shape().rows()));
        }
        if (cols) {
            n = mul(n, side(x.shape().cols()));
        }
        return n;
    }

    private static Node side(int n) {
        return n == dev.netgrad.ir.Shape.M ? Ref.batchSize() : num(n);
    }
}
