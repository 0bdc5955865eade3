package dev.netgrad.codegen;

import static dev.netgrad.codegen.Ast.at;
import static dev.netgrad.codegen.Ast.call;
import static dev.netgrad.codegen.Ast.lit;
import static dev.netgrad.codegen.Ast.loop;
import static dev.netgrad.codegen.Ast.name;
import static dev.netgrad.codegen.Ast.run;

import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.Statement;
import dev.netgrad.codegen.Buffers.Buffer;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Compiles one statement {@code dest = value} of the IR into Java statements over flat buffers.
 * Matrix products, softmaxes, transposes and reductions become calls of the class's kernels (or
 * reduction loops); everything elementwise around them is fused into one loop over the entries.
 * A product or reduction that feeds the fused loop at the result's own shape is computed straight
 * into the result (then updated in place), so {@code Z1 = W1 @ X + b1} needs no temporary.
 * This class decides what is computed where and in which order; the passes it hands work to write
 * the statements: {@link FusedLoops} the fused loop (and its range method when the class's helper
 * threads can share it), {@link Reductions} sums and means, {@link ImageCalls} convolutions and
 * poolings; all add to one {@link StatementScope}.
 */
final class KernelCompiler {
    private final StatementScope scope;
    private final FusedLoops fusedLoops;
    private final Reductions reductions;
    private final ImageCalls imageCalls;

    /** The statements of a compute method, and the members they use: range methods and the fields holding them. */
    record Compiled(List<Statement> body, List<BodyDeclaration<?>> members) {
    }

    private KernelCompiler(Buffers buffers, String owner, SharedExps shared) {
        this.scope = new StatementScope(buffers, owner, new Locals(), shared, new HashMap<>(), new ArrayList<>(), new ArrayList<>());
        this.fusedLoops = new FusedLoops(scope);
        this.reductions = new Reductions(scope, operand -> prepare(operand, null, null));
        this.imageCalls = new ImageCalls(scope, this::bufferOf);
    }

    /**
     * The statements that compute {@code value} into {@code dest}, and the members they need,
     * storing and reading the exp(-|x|) that {@code shared} names.
     */
    static Compiled compile(Buffers buffers, Buffer dest, Node value, SharedExps shared) {
        KernelCompiler k = new KernelCompiler(buffers, dest.java(), shared);
        k.assign(dest, value);
        AssignmentForms.shorten(k.scope.out());
        k.scope.members().forEach(AssignmentForms::compound);
        return new Compiled(k.scope.out(), k.scope.members());
    }

    private void assign(Buffer dest, Node value) {
        Buffer source = storedIn(value);
        Buffers buffers = scope.buffers();
        if (source != null && buffers.sharedWith(dest).filter(buffers.sharedWith(source).orElse(source)::equals).isPresent()) {
            return;
        }
        if (source != null && value.shape().rows() == dest.shape().rows() && value.shape().cols() == dest.shape().cols()) {
            Expression n = Sizes.cells(dest.shape());
            scope.out().add(run(call("System", "arraycopy", name(source.java()), lit(0), name(dest.java()), lit(0), n)));
        } else if (isKernel(value)) {
            kernel(dest, (Apply) value);
        } else if (scaledProduct(value, dest.shape()) instanceof Apply product) {
            scaledIntoProduct(dest, product);
        } else {
            Node inPlace = inPlaceCandidate(value, dest.shape());
            prepare(value, inPlace, dest);
            fusedLoops.fused(dest, value);
            if (inPlace != null && scope.materialized().get(inPlace) == dest) {
                // dest now holds the value, no longer the kernel computed into it: a later read computes it again
                // (((W @ X)^3).T * (W @ X)^2 read the cubes where it meant W @ X).
                scope.materialized().remove(inPlace);
            }
        }
    }

    /**
     * The product P of {@code 1/m * P} or {@code P * 1/m} (a gradient of J, {@code dW = 1/m * dZ @
     * A.T}) when P is not computed yet and has the destination's shape; else null.
     */
    private Node scaledProduct(Node value, Shape shape) {
        if (value instanceof Apply a && a.op() == Op.MUL && a.args().size() == 2) {
            for (int side = 0; side < 2; side++) {
                if (a.arg(side) instanceof Ref r && r.kind() == RefKind.COST_SCALE && a.arg(1 - side) instanceof Apply p
                        && p.op() == Op.MATMUL && p.shape().equals(shape) && !scope.materialized().containsKey(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * {@code dest = 1/m * P}: the product into dest, each entry times 1/m as the product stores it
     * (see MatrixProducts' scaled products), rather than a pass over dest after the product (that
     * pass read and wrote the whole of the mlp's dW1, 800 kB: 4 % of its step at batch 32, even a
     * chunk of rows at a time on the thread that had just summed them). Each entry still gets
     * {@code 1/m * (its sum)}, one rounded multiply of the finished sum: the same bits.
     */
    private void scaledIntoProduct(Buffer dest, Apply product) {
        scope.materialized().put(product, dest);
        product(dest, product, name("oneOverM"));
    }

    /** Operations computed by a kernel or a reduction loop rather than inside a fused loop. */
    private static boolean isKernel(Node node) {
        if (!(node instanceof Apply a)) {
            return false;
        }
        if (a.op() == Op.DROPOUT || a.op() == Op.BATCHNORM) {
            throw new IllegalStateException(a.op() + " must be lowered before code generation");
        }
        return a.op() == Op.MATMUL || a.op() == Op.SOFTMAX || a.op() == Op.LOG_SOFTMAX
                || a.op() == Op.TRANSPOSE || a.op().isReduction()
                || (a.op().isImageOp() && a.op() != Op.FLATTEN && a.op() != Op.UNFLATTEN);
    }

    /**
     * The buffer a node already lives in: a named value, a mask, or a result computed earlier; a
     * flattened image, or an unflattened value, lives where its argument does.
     */
    private Buffer storedIn(Node node) {
        if (node instanceof Apply a && (a.op() == Op.FLATTEN || a.op() == Op.UNFLATTEN)) {
            Buffer inner = storedIn(a.arg(0));
            if (inner != null) {
                return inner;
            }
        }
        if (node instanceof Ref r && !r.kind().isScalarConstant()) {
            return scope.buffers().named(r.name());
        }
        if (node instanceof Apply a && a.op() == Op.MASK) {
            return scope.buffers().mask(((Ref) a.x()).name());
        }
        return scope.materialized().get(node);
    }

    /** The first kernel under the elementwise root whose result has the destination's shape. */
    private Node inPlaceCandidate(Node node, Shape shape) {
        if (isKernel(node)) {
            return node.shape().equals(shape) ? node : null;
        }
        if (Elementwise.isElementwise(node)) {
            for (Node arg : ((Apply) node).args()) {
                Node found = inPlaceCandidate(arg, shape);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Computes every kernel that the elementwise tree under {@code node} reads, in evaluation order. */
    private void prepare(Node node, Node inPlace, Buffer dest) {
        if (isKernel(node)) {
            if (!scope.materialized().containsKey(node)) {
                Buffer into = node == inPlace ? dest : scope.buffers().temp(scope.owner(), purpose((Apply) node), node.shape());
                kernel(into, (Apply) node);
                scope.materialized().put(node, into);
            }
        } else if (Elementwise.isElementwise(node)) {
            ((Apply) node).args().forEach(arg -> prepare(arg, inPlace, dest));
        }
    }

    /** A buffer holding the value of {@code node}, computing it into a temporary if needed. */
    private Buffer bufferOf(Node node) {
        Buffer known = storedIn(node);
        if (known != null) {
            return known;
        }
        Buffer temp = scope.buffers().temp(scope.owner(), node instanceof Apply a ? purpose(a) : "operand", node.shape());
        assign(temp, node);
        scope.materialized().put(node, temp);
        return temp;
    }

    private static String purpose(Apply a) {
        return switch (a.op()) {
            case MATMUL -> "product";
            case SOFTMAX -> "softmax";
            case LOG_SOFTMAX -> "logSoftmax";
            case TRANSPOSE -> "transposed";
            case SUM, SUM0, SUM1 -> "sum";
            case MEAN, MEAN0, MEAN1 -> "mean";
            case GT, LT, GE, LE, ADD, SUB, MUL, DIV, NEG, POW, TANH, SIGMOID, RELU, EXP, LOG, SQRT, ABS, SOFTPLUS, LEAKY_RELU,
                    DROPOUT, BATCHNORM, MASK, ONES_LIKE -> "operand";
            case CONV2D -> "conv";
            case MAXPOOL, AVGPOOL -> "pool";
            case FLATTEN, UNFLATTEN -> "image";
            case CONV2D_INPUT, MAXPOOL_INPUT, AVGPOOL_INPUT -> "input";
            case CONV2D_WEIGHT -> "filters";
            case CHANNEL_SUM -> "channelSum";
        };
    }

    private void kernel(Buffer dest, Apply a) {
        switch (a.op()) {
            case MATMUL -> product(dest, a);
            case SOFTMAX, LOG_SOFTMAX -> {
                Buffer x = bufferOf(a.x());
                String kernel = a.op() == Op.SOFTMAX ? "softmax" : "logSoftmax";
                scope.out().add(run(call(kernel, name(x.java()), name(dest.java()), Sizes.rows(x.shape()), Sizes.cols(x.shape()))));
            }
            case TRANSPOSE -> {
                Buffer t = bufferOf(a.x());
                scope.out().add(run(call("transpose", name(t.java()), name(dest.java()), Sizes.rows(t.shape()), Sizes.cols(t.shape()))));
            }
            case SUM, SUM0, SUM1, MEAN, MEAN0, MEAN1 -> reductions.reduce(dest, a);
            case GT, LT, GE, LE, ADD, SUB, MUL, DIV, NEG, POW, TANH, SIGMOID, RELU, EXP, LOG, SQRT, ABS, SOFTPLUS, LEAKY_RELU,
                    DROPOUT, BATCHNORM, MASK, ONES_LIKE -> throw new IllegalStateException(a.op() + " is not a kernel");
            case CONV2D, CONV2D_INPUT, CONV2D_WEIGHT -> imageCalls.convolution(dest, a);
            case MAXPOOL, AVGPOOL, MAXPOOL_INPUT, AVGPOOL_INPUT -> imageCalls.pooling(dest, a);
            case CHANNEL_SUM -> imageCalls.channelSum(dest, a);
            case FLATTEN, UNFLATTEN -> throw new IllegalStateException(a.op() + " is computed in place (nothing moves)");
        }
    }

    /** {@code A @ B}, {@code A.T @ B} or {@code A @ B.T} without computing a transpose as a value. */
    private void product(Buffer dest, Apply a) {
        product(dest, a, null);
    }

    /** {@link #product(Buffer, Apply)}, passing {@code scale} (what each entry is multiplied by once summed) when not null. */
    private void product(Buffer dest, Apply a, Expression scale) {
        Node left = a.arg(0);
        Node right = a.arg(1);
        boolean leftT = isTranspose(left) && !isTranspose(right);
        boolean rightT = isTranspose(right);
        Buffer l = bufferOf(leftT ? ((Apply) left).x() : left);
        Buffer r = bufferOf(rightT ? ((Apply) right).x() : right);
        Expression n = Sizes.side(a.shape().rows());
        Expression k = Sizes.side(left.shape().cols());
        Expression p = Sizes.side(a.shape().cols());
        String method = rightT ? "multiplyTransB" : leftT ? "multiplyTransA" : "multiply";
        scope.out().add(scale == null
                ? run(call("products", method, name(l.java()), name(r.java()), name(dest.java()), n, k, p))
                : run(call("products", method, name(l.java()), name(r.java()), name(dest.java()), n, k, p, scale)));
    }

    private static boolean isTranspose(Node node) {
        return node instanceof Apply a && a.op() == Op.TRANSPOSE;
    }
}
