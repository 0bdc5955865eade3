package dev.netgrad.ir;

import java.util.List;

/**
 * Shape inference for the image operations and their derivative functions: one rule per
 * operation, reading the window, stride and padding from their number arguments. Also the rule
 * that the matrix operations need plain values.
 */
final class ImageShapes {
    private ImageShapes() {
    }

    static Shape infer(Op op, List<Node> args) {
        return switch (op) {
            case CONV2D -> conv(args.get(0).shape(), args.get(1).shape(), count(args.get(2), "the stride of " + op.symbol()),
                    padding(args.get(3), op));
            case MAXPOOL, AVGPOOL -> pool(op, args.get(0).shape(), count(args.get(1), "the window of " + op.symbol()),
                    count(args.get(2), "the stride of " + op.symbol()));
            case FLATTEN -> flatten(args.get(0).shape());
            case CONV2D_INPUT -> convInput(args);
            case CONV2D_WEIGHT -> convWeight(args);
            case CHANNEL_SUM -> channelSum(args.get(0).shape());
            case MAXPOOL_INPUT -> maxpoolInput(args);
            case AVGPOOL_INPUT -> avgpoolInput(args);
            case UNFLATTEN -> unflatten(args.get(0).shape(), args.get(1).shape());
            default -> throw new IllegalArgumentException(op + " is not an image operation");
        };
    }

    private static Shape flatten(Shape x) {
        if (!x.isImage()) {
            throw new ShapeException("flatten needs an image (h x w x c x m), found " + describe(x));
        }
        return x.plain();
    }

    /** {@code conv2d_input(G, W, like=A, stride, pad)}: the gradient of conv2d with respect to its image. */
    private static Shape convInput(List<Node> args) {
        if (args.get(0).shape().isFilterBank() && args.get(1).shape().isImage()) {
            throw new ShapeException("conv2d_input(G, W, like=A, ...) takes the gradient first and the filters "
                    + "second: swap " + ExprPrinter.print(args.get(0)) + " and " + ExprPrinter.print(args.get(1)));
        }
        Shape like = args.get(2).shape();
        int stride = count(args.get(3), "the stride of " + Op.CONV2D_INPUT.symbol());
        int pad = padding(args.get(4), Op.CONV2D_INPUT);
        Shape out = forward("conv2d_input", args.get(2), args.get(1), stride, pad);
        requireGradient(args.get(0).shape(), out, "conv2d_input", like, "like=" + ExprPrinter.print(args.get(2)), stride, pad);
        return like;
    }

    /** {@code conv2d_weight(A, G, like=W, stride, pad)}: the gradient of conv2d with respect to its filters. */
    private static Shape convWeight(List<Node> args) {
        Shape like = args.get(2).shape();
        if (!like.isFilterBank()) {
            throw new ShapeException("like= of conv2d_weight must be a filter bank (f x f x c_in x c_out), found "
                    + describe(like));
        }
        int stride = count(args.get(3), "the stride of " + Op.CONV2D_WEIGHT.symbol());
        int pad = padding(args.get(4), Op.CONV2D_WEIGHT);
        Shape a = args.get(0).shape();
        Shape g = args.get(1).shape();
        if (!fits(a, like, stride, pad, g) && fits(g, like, stride, pad, a)) {
            throw new ShapeException("conv2d_weight(A, G, like=W, ...) takes the layer's input first and the "
                    + "gradient second: swap " + ExprPrinter.print(args.get(0)) + " and "
                    + ExprPrinter.print(args.get(1)));
        }
        Shape out = forward("conv2d_weight", args.get(0), args.get(2), stride, pad);
        requireGradient(g, out, "conv2d_weight", a, ExprPrinter.print(args.get(0)), stride, pad);
        return like;
    }

    private static Shape channelSum(Shape g) {
        if (!g.isImage()) {
            throw new ShapeException("channel_sum needs an image (h x w x c x m), found " + describe(g));
        }
        return Shape.column(g.grid().c());
    }

    /**
     * The forward convolution a derivative function stands for, {@code conv2d(x, w, ...)}; when it does not
     * fit, the message names the function written and the arguments it read ("conv2d: the image has 16
     * channels" said of conv2d_input(dZ3, W3, like=dZ3) named neither).
     */
    private static Shape forward(String f, Node x, Node w, int stride, int pad) {
        try {
            return conv(x.shape(), w.shape(), stride, pad);
        } catch (ShapeException e) {
            throw doesNotFit(f, Op.CONV2D, ExprPrinter.print(x) + ", " + ExprPrinter.print(w) + ", stride=" + stride
                    + ", pad=" + pad, e);
        }
    }

    /**
     * The forward pool a derivative function stands for, {@code maxpool(a, window, stride)}; when it does not
     * fit, the message names the function written ("maxpool: the 100000 x 100000 window" was said of maxpool_input).
     */
    private static Shape forwardPool(String f, Op op, Node a, int window, int stride) {
        try {
            return pool(op, a.shape(), window, stride);
        } catch (ShapeException e) {
            throw doesNotFit(f, op, ExprPrinter.print(a) + ", " + window + ", stride=" + stride, e);
        }
    }

    private static ShapeException doesNotFit(String f, Op op, String args, ShapeException e) {
        return new ShapeException(f + " stands for " + op.symbol() + "(" + args + "), which does not fit: "
                + e.getMessage().replaceFirst("^" + op.symbol() + ": ", ""));
    }

    /** {@code maxpool_input(G, A, window, stride)}: the gradient lands on the pool's input A. */
    private static Shape maxpoolInput(List<Node> args) {
        int window = count(args.get(2), "the window of maxpool_input");
        int stride = count(args.get(3), "the stride of maxpool_input");
        Shape out = forwardPool("maxpool_input", Op.MAXPOOL, args.get(1), window, stride);
        requirePoolGradient(args.get(0).shape(), out, Op.MAXPOOL, args.get(1), window, stride);
        return args.get(1).shape();
    }

    /** {@code avgpool_input(G, window, like=A, stride)}: the gradient lands on an input shaped like A. */
    private static Shape avgpoolInput(List<Node> args) {
        int window = count(args.get(1), "the window of avgpool_input");
        int stride = count(args.get(3), "the stride of avgpool_input");
        Shape out = forwardPool("avgpool_input", Op.AVGPOOL, args.get(2), window, stride);
        requirePoolGradient(args.get(0).shape(), out, Op.AVGPOOL, args.get(2), window, stride);
        return args.get(2).shape();
    }

    private static Shape unflatten(Shape g, Shape like) {
        if (!like.isImage()) {
            throw new ShapeException("like= of unflatten must be an image (h x w x c x m), found " + describe(like));
        }
        requireEqual(g, like.plain(), "the gradient of unflatten");
        return like;
    }

    /** The output of {@code conv2d(x, w, stride, pad)}. */
    static Shape conv(Shape x, Shape w, int stride, int pad) {
        if (!x.isImage()) {
            throw new ShapeException("conv2d needs an image (h x w x c x m) as its first argument, found " + describe(x));
        }
        if (!w.isFilterBank()) {
            throw new ShapeException("conv2d needs a filter bank (a param [f, f, c_in, c_out]) as its second argument, found "
                    + describe(w));
        }
        Shape.Grid in = x.grid();
        Shape.Grid filters = w.grid();
        if (filters.c() != in.c()) {
            throw new ShapeException("conv2d: the image has " + in.c() + " channel" + (in.c() == 1 ? "" : "s")
                    + " but the filter bank (" + w + ") expects " + filters.c());
        }
        int f = filters.h();
        int h = in.h() + 2 * pad;
        int wd = in.w() + 2 * pad;
        if (f > h || f > wd) {
            throw new ShapeException("conv2d: the " + f + " x " + f + " filter is larger than the "
                    + (pad == 0 ? "" : "padded ") + "input (" + h + " x " + wd + (pad == 0 ? "" : " with pad " + pad) + ")");
        }
        return image("conv2d", (h - f) / stride + 1, (wd - f) / stride + 1, w.cols());
    }

    static Shape pool(Op op, Shape x, int f, int stride) {
        if (!x.isImage()) {
            throw new ShapeException(op.symbol() + " needs an image (h x w x c x m), found " + describe(x));
        }
        Shape.Grid in = x.grid();
        if (f > in.h() || f > in.w()) {
            throw new ShapeException(op.symbol() + ": the " + f + " x " + f + " window is larger than the input ("
                    + in.h() + " x " + in.w() + ")");
        }
        return image(op.symbol(), (in.h() - f) / stride + 1, (in.w() - f) / stride + 1, in.c());
    }

    /** A result image, held to the inputs' limit of entries a column (its side would wrap around an int). */
    private static Shape image(String op, int h, int w, int c) {
        long entries = Shape.Grid.entries(h, w, c);
        if (entries > Shape.MAX_SIZE) {
            throw new ShapeException(op + ": the result, " + h + " x " + w + " x " + c + " x m, would have "
                    + Shape.Grid.describeEntries(entries) + " entries a column; at most " + Shape.MAX_SIZE + " are allowed");
        }
        return Shape.image(h, w, c);
    }

    /** Matrix operations ({@code @}, {@code .T}, softmax, batchnorm, axis-1 reductions) read plain values. */
    static void requirePlain(Op op, Shape s) {
        if (s.isImage()) {
            throw new ShapeException("'" + op.symbol() + "' needs a plain value, but this is an image (" + s
                    + "): flatten it first");
        }
        if (s.isFilterBank()) {
            throw new ShapeException("'" + op.symbol() + "' needs a plain value, but this is a filter bank (" + s
                    + "), which only conv2d reads");
        }
    }

    private static boolean fits(Shape x, Shape w, int stride, int pad, Shape g) {
        try {
            return conv(x, w, stride, pad).equals(g);
        } catch (ShapeException e) {
            return false;
        }
    }

    /** The gradient of a convolution has the convolution's output shape; a mismatch points at stride and pad. */
    /**
     * The gradient {@code g} must be the forward conv2d's output {@code out}. The image ({@code image}, as
     * written) is named beside the stride and the padding: a stride that makes the shapes fit would hide
     * an image that is not the layer's input (the pre-pool A1 where the pooled P2 was read).
     */
    private static void requireGradient(Shape g, Shape out, String f, Shape input, String image, int stride, int pad) {
        if (!g.equals(out)) {
            throw new ShapeException("the gradient of " + f + " must be " + out + ", the output of a convolution of "
                    + describe(input) + " with stride " + stride + " and pad " + pad + ", found " + g
                    + ": check that " + image + " is the forward conv2d's input, and the stride and the padding");
        }
    }

    /**
     * The gradient {@code g} of a pool's derivative must be the forward pool's output {@code out}. The message
     * names that pool as the derivative reads it, and what to check: a window or a stride other than the forward
     * pass's gave only "must be 3 x 3 x 3 x m, found 5 x 5 x 3 x m".
     */
    private static void requirePoolGradient(Shape g, Shape out, Op pool, Node image, int window, int stride) {
        if (!g.equals(out)) {
            String a = ExprPrinter.print(image);
            throw new ShapeException("the gradient of " + pool.symbol() + "_input must be " + out + ", the output of "
                    + pool.symbol() + "(" + a + ", " + window + ", stride=" + stride + "), found " + g + ": check that "
                    + a + " is the forward " + pool.symbol() + "'s input, and the window and the stride");
        }
    }

    private static void requireEqual(Shape g, Shape expected, String what) {
        if (!g.equals(expected)) {
            throw new ShapeException(what + " must be " + expected + ", found " + g);
        }
    }

    private static int count(Node n, String what) {
        if (!(n instanceof Num num) || !WholeNumbers.isBetween(num.value(), 1, Shape.MAX_SIZE)) {
            throw new ShapeException(WholeNumbers.mustBeBetween(what, 1, Shape.MAX_SIZE));
        }
        return (int) num.value();
    }

    private static int padding(Node n, Op op) {
        if (!(n instanceof Num num) || !WholeNumbers.isBetween(num.value(), 0, Shape.MAX_SIZE)) {
            throw new ShapeException(WholeNumbers.mustBeBetween("the padding of " + op.symbol(), 0, Shape.MAX_SIZE));
        }
        return (int) num.value();
    }

    private static String describe(Shape s) {
        return s.isImage() ? "an image (" + s + ")" : s.isFilterBank() ? "a filter bank (" + s + ")" : s.toString();
    }
}
