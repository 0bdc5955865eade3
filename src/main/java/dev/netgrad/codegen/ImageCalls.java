package dev.netgrad.codegen;

import static dev.netgrad.codegen.Ast.call;
import static dev.netgrad.codegen.Ast.lit;
import static dev.netgrad.codegen.Ast.name;
import static dev.netgrad.codegen.Ast.run;

import com.github.javaparser.ast.stmt.Statement;
import dev.netgrad.codegen.Buffers.Buffer;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Shape;
import java.util.function.Function;

/**
 * The image operations of a statement (convolutions, poolings, their derivatives, channel sums)
 * as calls of the runtime's ImageKernels. They exist apart from {@link KernelCompiler} because
 * each is one call whose work is in spelling out an image's sizes (height, width, channels,
 * window, stride, padding), and a comment saying them in words, from the grids of the shapes.
 */
final class ImageCalls {
    private final StatementScope scope;
    private final Function<Node, Buffer> bufferOf;

    /** Calls that add to {@code scope}'s statements, reading each operand from {@code bufferOf}'s buffer (computed first if needed). */
    ImageCalls(StatementScope scope, Function<Node, Buffer> bufferOf) {
        this.scope = scope;
        this.bufferOf = bufferOf;
    }

    /** {@code channel_sum(G)}: each channel's entries of an image gradient, summed (a convolution's bias gradient). */
    void channelSum(Buffer dest, Apply a) {
        Buffer g = bufferOf.apply(a.x());
        scope.out().add(run(call("images", "channelSum", name(g.java()), name(dest.java()), Sizes.rows(g.shape()),
                Sizes.cols(g.shape()), lit(a.shape().rows()))));
    }

    /**
     * conv2d(x, W), conv2d_input(G, W, like=x) or conv2d_weight(x, G, like=W): one call of
     * ImageKernels with the sizes of the input image, the filters and the output image.
     */
    void convolution(Buffer dest, Apply a) {
        Shape.Grid in;
        Shape.Grid filters;
        Shape.Grid result;
        String method;
        Node first;
        Node second;
        switch (a.op()) {
            case CONV2D -> {
                method = "conv2d";
                first = a.arg(0);
                second = a.arg(1);
                in = first.shape().grid();
                filters = second.shape().grid();
                result = a.shape().grid();
            }
            case CONV2D_INPUT -> {
                method = "conv2dInput";
                first = a.arg(0);
                second = a.arg(1);
                result = first.shape().grid();
                filters = second.shape().grid();
                in = a.shape().grid();
            }
            default -> {
                method = "conv2dWeight";
                first = a.arg(0);
                second = a.arg(1);
                in = first.shape().grid();
                result = second.shape().grid();
                filters = a.shape().grid();
            }
        }
        int stride = count(a.arg(a.op() == Op.CONV2D ? 2 : 3));
        int pad = count(a.arg(a.op() == Op.CONV2D ? 3 : 4));
        Buffer x = bufferOf.apply(first);
        Buffer y = bufferOf.apply(second);
        int cOut = a.op() == Op.CONV2D_WEIGHT ? a.shape().cols() : second.shape().cols();
        Statement kernelCall = run(call("images", method, name(x.java()), name(y.java()), name(dest.java()), name("m"),
                lit(in.h()), lit(in.w()), lit(in.c()), lit(filters.h()), lit(cOut), lit(result.h()), lit(result.w()),
                lit(stride), lit(pad)));
        kernelCall.setLineComment(" " + (a.op() == Op.CONV2D ? "" : "the conv2d's ") + in.h() + " x " + in.w() + " x " + in.c() + " in, "
                + filters.h() + " x " + filters.h() + " filters, " + result.h() + " x " + result.w() + " x " + cOut + " out, stride "
                + stride + ", pad " + pad);
        scope.out().add(kernelCall);
    }

    /**
     * The sizes of a pooling call in words, in the order the call passes them ({@code // 8 x 8 x 8
     * in, 2 x 2 windows, 4 x 4 x 8 out, stride 2}), for the pool itself or, with {@code of}, the
     * pool a derivative belongs to.
     */
    private static String poolSizes(String of, Shape.Grid in, int window, Shape.Grid result, int stride) {
        return " " + of + in.h() + " x " + in.w() + " x " + in.c() + " in, " + window + " x " + window + " windows, "
                + result.h() + " x " + result.w() + " x " + result.c() + " out, stride " + stride;
    }

    /**
     * maxpool(x, f), avgpool(x, f), maxpool_input(G, x, f) or avgpool_input(G, f, like=x): one
     * call of ImageKernels with the sizes of the input image, the window and the output image.
     */
    void pooling(Buffer dest, Apply a) {
        switch (a.op()) {
            case MAXPOOL, AVGPOOL -> {
                Buffer x = bufferOf.apply(a.arg(0));
                Shape.Grid in = a.arg(0).shape().grid();
                Shape.Grid result = a.shape().grid();
                int window = count(a.arg(1));
                int stride = count(a.arg(2));
                Statement pool = run(call("images", a.op() == Op.MAXPOOL ? "maxpool" : "avgpool", name(x.java()), name(dest.java()),
                        name("m"), lit(in.w()), lit(in.c()), lit(window), lit(result.h()), lit(result.w()), lit(stride)));
                pool.setLineComment(poolSizes("", in, window, result, stride));
                scope.out().add(pool);
            }
            case MAXPOOL_INPUT -> {
                Buffer g = bufferOf.apply(a.arg(0));
                Buffer x = bufferOf.apply(a.arg(1));
                Shape.Grid result = a.arg(0).shape().grid();
                Shape.Grid in = a.shape().grid();
                int window = count(a.arg(2));
                int stride = count(a.arg(3));
                Statement input = run(call("images", "maxpoolInput", name(g.java()), name(x.java()), name(dest.java()), name("m"),
                        lit(in.h()), lit(in.w()), lit(in.c()), lit(window), lit(result.h()), lit(result.w()), lit(stride)));
                input.setLineComment(poolSizes("the maxpool's ", in, window, result, stride));
                scope.out().add(input);
            }
            default -> {
                Buffer g = bufferOf.apply(a.arg(0));
                Shape.Grid result = a.arg(0).shape().grid();
                Shape.Grid in = a.shape().grid();
                int window = count(a.arg(1));
                int stride = count(a.arg(3));
                Statement input = run(call("images", "avgpoolInput", name(g.java()), name(dest.java()), name("m"),
                        lit(in.h()), lit(in.w()), lit(in.c()), lit(window), lit(result.h()), lit(result.w()), lit(stride)));
                input.setLineComment(poolSizes("the avgpool's ", in, window, result, stride));
                scope.out().add(input);
            }
        }
    }

    /** A stride, padding or window size of an image operation: a whole number in the IR. */
    private static int count(Node n) {
        return (int) ((Num) n).value();
    }
}
