package dev.netgrad.ir;

import java.util.List;

/** Shape inference for every operation: one rule per operation, numpy's 2-D rules. */
public final class Shapes {
    private Shapes() {
    }

    /** The result shape of {@code op} on the given operands. */
    public static Shape inferApply(Op op, List<Node> args) {
        if (op.isImageOp()) {
            return ImageShapes.infer(op, args);
        }
        return infer(op, args.stream().map(Node::shape).toList());
    }

    /** The result shape of {@code op}, not an image operation, on operands of the given shapes. */
    public static Shape infer(Op op, List<Shape> in) {
        switch (op) {
            case MATMUL, SOFTMAX, LOG_SOFTMAX, SUM1, MEAN1 -> in.forEach(s -> ImageShapes.requirePlain(op, s));
            case TRANSPOSE, BATCHNORM -> ImageShapes.requirePlain(op, in.get(0));
            default -> {
            }
        }
        return switch (op) {
            case ADD, SUB, MUL, DIV, GT, LT, GE, LE -> elementwise(op, in.get(0), in.get(1));
            case MATMUL -> matmul(in.get(0), in.get(1));
            case POW -> {
                requireScalar(in.get(1), "the exponent");
                yield in.get(0);
            }
            case LEAKY_RELU -> {
                requireScalar(in.get(1), "the slope of leaky_relu");
                yield in.get(0);
            }
            case DROPOUT -> {
                requireScalar(in.get(1), "the keep probability of dropout");
                yield in.get(0);
            }
            case TRANSPOSE -> in.get(0).transpose();
            case SUM, MEAN -> Shape.SCALAR;
            case SUM0, MEAN0 -> new Shape(1, in.get(0).cols());
            case SUM1, MEAN1 -> new Shape(in.get(0).rows(), 1);
            case BATCHNORM -> batchnorm(in.get(0), in.get(1), in.get(2));
            case NEG, TANH, SIGMOID, RELU, EXP, LOG, SQRT, ABS, SOFTPLUS, SOFTMAX, LOG_SOFTMAX,
                 MASK, ONES_LIKE -> in.get(0);
            case CONV2D, MAXPOOL, AVGPOOL, FLATTEN, CONV2D_INPUT, CONV2D_WEIGHT, CHANNEL_SUM, MAXPOOL_INPUT,
                 AVGPOOL_INPUT, UNFLATTEN -> throw new IllegalArgumentException(op + " needs its operands, not their shapes");
        };
    }

    /** The shape of {@code conv2d(x, w, stride=stride, pad=pad)}; a {@link ShapeException} says what does not fit. */
    public static Shape conv2d(Shape x, Shape w, int stride, int pad) {
        return ImageShapes.conv(x, w, stride, pad);
    }

    /** The shape of {@code maxpool(x, f, stride=stride)} or {@code avgpool(...)}. */
    public static Shape pool(Op op, Shape x, int f, int stride) {
        return ImageShapes.pool(op, x, f, stride);
    }

    private static Shape elementwise(Op op, Shape a, Shape b) {
        return Shape.broadcast(a, b).orElseThrow(() -> new ShapeException(
                "cannot broadcast " + a + " and " + b + " in '" + op.symbol() + "'" + gridHint(a, b)));
    }

    /** What an image or a filter bank may meet in an elementwise operation. */
    private static String gridHint(Shape a, Shape b) {
        Shape g = a.grid() != null ? a : b.grid() != null ? b : null;
        if (g == null) {
            return "";
        }
        if (g.isFilterBank()) {
            return ": a filter bank meets only its own shape or a number";
        }
        return ": an image meets only its own shape, a " + g.grid().c() + " x 1 value (one per channel), a 1 x m value "
                + "(one per example) or a number";
    }

    private static Shape matmul(Shape a, Shape b) {
        if (a.cols() != b.rows()) {
            String hint = a.cols() == b.cols() ? "; the right operand transposed would fit"
                    : a.rows() == b.rows() ? "; the left operand transposed would fit" : "";
            throw new ShapeException(matmulMismatch(a, b) + hint);
        }
        return new Shape(a.rows(), b.cols());
    }

    /** What does not fit in {@code a @ b} whose inner dimensions differ, without a hint. */
    public static String matmulMismatch(Shape a, Shape b) {
        return "inner dimensions of '@' do not match: " + a + " @ " + b
                + " (" + sides(a.cols(), "column") + " against " + sides(b.rows(), "row") + ")";
    }

    /** "1 column", "4 columns", "m columns". */
    private static String sides(int n, String noun) {
        return Shape.side(n) + " " + noun + (n == 1 ? "" : "s");
    }

    private static Shape batchnorm(Shape x, Shape gamma, Shape beta) {
        Shape column = new Shape(x.rows(), 1);
        if (!gamma.equals(column) || !beta.equals(column)) {
            throw new ShapeException("batchnorm of a " + x + " value needs gamma and beta of shape "
                    + column + ", found " + gamma + " and " + beta);
        }
        return x;
    }

    private static void requireScalar(Shape s, String what) {
        if (!s.isScalar()) {
            throw new ShapeException(what + " must be a number (1 x 1), found " + s);
        }
    }
}
