package dev.netgrad.ir;

import dev.netgrad.runtime.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Evaluates IR expressions on concrete matrices: the independent oracle that derivations are
 * checked against. Straightforward loops, no cleverness; shared nodes are computed once per call.
 * Its exp, tanh, sigmoid and softplus are the runtime's {@link Kernels}, the very methods generated
 * trainers call, so that the two agree to the bit and a comparison of them measures the derivation.
 */
public final class Evaluator {
    private final Environment env;
    private final Map<Node, Matrix> memo = new IdentityHashMap<>();
    /**
     * For an evaluator told the expressions it will evaluate ({@link #of}): per node, how many more
     * times they read its value. A value is let go at its last read, so that the intermediate
     * products of a wide network's backward pass (4096 x 4096 each) are not all held to its end.
     * Null: every value is kept for the evaluator's life.
     */
    private final Map<Node, Integer> readsLeft;
    /** Null, or the source of a random error of about a rounding's size put into every operation's result. */
    private final SplittableRandom perturbation;
    /**
     * The nodes whose values were handed out of the evaluator ({@link #eval}), and under a flatten the
     * node whose value it handed on: never written over ({@link #spent}). Nodes, not values, so that a
     * value the caller lets go is not kept here.
     */
    private final Map<Node, Boolean> handedOut = new IdentityHashMap<>();
    /**
     * The entries of the operands read by the operations under way, innermost last: an operand read
     * and held while its operation computes another (x in {@code x + exp(x)}) is not written over by
     * that other's computation, though that made its last planned read.
     */
    private final List<double[]> inUse = new ArrayList<>();

    public Evaluator(Environment env) {
        this(env, null, null);
    }

    private Evaluator(Environment env, Map<Node, Integer> readsLeft, SplittableRandom perturbation) {
        this.env = env;
        this.readsLeft = readsLeft;
        this.perturbation = perturbation;
    }

    /**
     * An evaluator that will evaluate {@code planned}, in any order, each once per time it is listed:
     * the same values as {@link #Evaluator(Environment)}'s, each node still computed once, but each
     * held only until its last read. A node evaluated beyond the plan is kept for the evaluator's life.
     */
    public static Evaluator of(Environment env, List<Node> planned) {
        return new Evaluator(env, reads(planned, false), null);
    }

    /** Per node, how many times evaluating {@code planned} reads its value, in an evaluator that perturbs or not. */
    private static Map<Node, Integer> reads(List<Node> planned, boolean perturbing) {
        Map<Node, Integer> reads = new IdentityHashMap<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        for (Node root : planned) {
            countReads(root, perturbing, reads, seen);
        }
        return reads;
    }

    /** Counts a read of {@code node} and, the first time it is met, the reads its computation makes of its operands. */
    private static void countReads(Node node, boolean perturbing, Map<Node, Integer> reads, Map<Node, Boolean> seen) {
        reads.merge(node, 1, Integer::sum);
        if (seen.put(node, Boolean.TRUE) != null || !(node instanceof Apply a)) {
            return;
        }
        switch (a.op()) {
            case MASK -> {
                // reads the mask from the environment, not its owner's value
            }
            case MATMUL -> {
                // A transposed operand is read in place (see product): the matrix under the transpose is.
                // Perturbing, the transpose is read, and each operand once more for the size of the terms.
                for (Node arg : a.args()) {
                    countReads(isTranspose(arg) && !perturbing ? ((Apply) arg).x() : arg, perturbing, reads, seen);
                    if (perturbing) {
                        reads.merge(arg, 1, Integer::sum);
                    }
                }
            }
            case SUM, SUM0, SUM1, MEAN, MEAN0, MEAN1 -> {
                countReads(a.x(), perturbing, reads, seen);
                if (perturbing) {
                    reads.merge(a.x(), 1, Integer::sum); // for the size of the terms (see perturbed)
                }
            }
            default -> a.args().forEach(arg -> countReads(arg, perturbing, reads, seen));
        }
    }

    public static Matrix evaluate(Node node, Environment env) {
        return of(env, List.of(node)).eval(node);
    }

    /**
     * The node evaluated with every operation's result moved by a random error about the size of
     * its own rounding (a unit roundoff of the result, or for a sum or product of n terms, of the
     * sum of their sizes times sqrt(n)): how far apart such evaluations land is how much of the
     * value rounding decides. A value computed by subtracting nearly equal numbers spreads far.
     */
    public static Matrix evaluatePerturbed(Node node, Environment env, long seed) {
        // Each value let go at its last read, as a planned evaluator's, and never computed again (it would
        // draw other errors): the errors are drawn a node at a time in the order of computation, the same
        // whatever is held. With every value kept, 1/m * dZ2 @ A1.T held the 4096 x 4096 product beside
        // its scaled copy and that copy's perturbed one.
        return perturbing(env, node, seed, false).eval(node);
    }

    /**
     * The evaluator {@link #evaluatePerturbed} evaluates {@code node} with; {@code keepingAll}, one that
     * keeps every value for its life, as it once did (for tests that its bits are the same).
     */
    static Evaluator perturbing(Environment env, Node node, long seed, boolean keepingAll) {
        return new Evaluator(env, keepingAll ? null : reads(List.of(node), true), new SplittableRandom(seed));
    }

    public Matrix eval(Node node) {
        for (Node n = node; ; n = ((Apply) n).arg(0)) {
            handedOut.put(n, Boolean.TRUE);
            if (!(n instanceof Apply a && (a.op() == Op.FLATTEN || a.op() == Op.UNFLATTEN))) {
                break;
            }
        }
        return value(node);
    }

    /**
     * The node's value, as {@link #eval}, for a caller that writes over it: the evaluator's own when
     * nothing reads it again ({@link #spent}), else a copy. A bound's sum of 4096 x 4096 terms added
     * into its first took a copy of that first beside it.
     */
    public Matrix evalToWriteOver(Node node) {
        Matrix result = value(node);
        return spent(node, result) ? result : result.copy();
    }

    private Matrix value(Node node) {
        Matrix result = memo.get(node);
        if (result == null) {
            int holding = inUse.size();
            result = compute(node);
            inUse.subList(holding, inUse.size()).clear();
            if (perturbation != null && node instanceof Apply a) {
                result = perturbed(a, result);
            }
            memo.put(node, result);
        }
        read(node);
        return result;
    }

    /** An operand's value, read by the operation under way and held until it is computed. */
    private Matrix operand(Node node) {
        Matrix result = value(node);
        inUse.add(result.data());
        return result;
    }

    /** How many computed values the evaluator holds: for tests of what an evaluation keeps. */
    public int valuesHeld() {
        return memo.size();
    }

    /** One planned read of the node done: at its last, its value is let go. */
    private void read(Node node) {
        Integer left = readsLeft == null ? null : readsLeft.get(node);
        if (left == null) {
            return;
        }
        if (left <= 1) {
            readsLeft.remove(node);
            memo.remove(node);
        } else {
            readsLeft.put(node, left - 1);
        }
    }

    /** The unit roundoff of double arithmetic. */
    private static final double ROUNDOFF = 0x1p-53;

    private Matrix perturbed(Apply a, Matrix exact) {
        // The sizes of a sum's terms, a matrix of their own, which the result is then written over; a
        // product's, a row at a time (each entry the same chain of fused multiply-adds as the whole
        // product's); any other result's size is its own, taken entry by entry. Each operand is read once
        // here (counted by reads), its last read possibly, so it is let go once its absolute values are
        // made. With the sizes and the result apart beside the exact value, a 4096 x 4096 product took
        // three such matrices.
        double terms = 1;
        double[] size = null;
        Matrix absLeft = null;
        Matrix absRight = null;
        switch (a.op()) {
            case SUM, SUM0, SUM1, MEAN, MEAN0, MEAN1 -> {
                Matrix x = value(a.x());
                terms = Math.max(1, x.data().length / (double) exact.data().length);
                size = ReferenceReductions.reduce(a.op(), absolute(x)).data();
            }
            case MATMUL -> {
                Matrix left = value(a.arg(0));
                terms = left.cols();
                absLeft = absolute(left);
                left = null;
                absRight = absolute(value(a.arg(1)));
            }
            default -> {
                // its own size, entry by entry
            }
        }
        double[] value = exact.data();
        // An operation that makes entries of its own (spent's) has them nobody else's: its perturbed
        // value is written over them, each entry read before it is written.
        double[] out = size != null ? size : makesItsOwn(a.op()) ? value : new double[value.length];
        int cols = exact.cols();
        double[] sizeRow = absLeft != null ? new double[cols] : null;
        for (int i = 0; i < out.length; i++) {
            double s;
            if (sizeRow != null) {
                if (i % cols == 0) {
                    Arrays.fill(sizeRow, 0);
                    ReferenceProducts.rowAgainstColumns(absLeft.data(), absRight.data(), i / cols, absLeft.cols(), cols, sizeRow, 0);
                }
                s = sizeRow[i % cols];
            } else {
                s = size != null ? size[i] : Math.abs(value[i]);
            }
            out[i] = value[i] + (2 * perturbation.nextDouble() - 1) * s * ROUNDOFF * Math.sqrt(terms);
        }
        return new Matrix(exact.rows(), exact.cols(), out);
    }

    private static Matrix absolute(Matrix x) {
        double[] out = new double[x.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(x.data()[i]);
        }
        return new Matrix(x.rows(), x.cols(), out);
    }

    private Matrix compute(Node node) {
        if (node instanceof Num n) {
            return Matrix.scalar(n.value());
        }
        if (node instanceof Ref r) {
            return switch (r.kind()) {
                case BATCH_SIZE -> Matrix.scalar(env.batchSize());
                case COST_SCALE -> Matrix.scalar(1.0 / env.batchSize());
                default -> env.value(r.name());
            };
        }
        return apply((Apply) node);
    }

    private Matrix apply(Apply a) {
        return switch (a.op()) {
            case ADD -> zip(a, Double::sum);
            case SUB -> zip(a, (x, y) -> x - y);
            case MUL -> zip(a, (x, y) -> x * y);
            case DIV -> zip(a, (x, y) -> x / y);
            case GT -> zip(a, (x, y) -> x > y ? 1 : 0);
            case LT -> zip(a, (x, y) -> x < y ? 1 : 0);
            case GE -> zip(a, (x, y) -> x >= y ? 1 : 0);
            case LE -> zip(a, (x, y) -> x <= y ? 1 : 0);
            case POW -> {
                double p = scalar(a.arg(1));
                yield map(a.x(), x -> p == 2 ? x * x : Math.pow(x, p));
            }
            case NEG -> map(a.x(), x -> -x);
            case TANH -> map(a.x(), Kernels::tanh);
            case SIGMOID -> map(a.x(), Kernels::sigmoid);
            case RELU -> map(a.x(), x -> x > 0 ? x : 0);
            case EXP -> map(a.x(), Kernels::exp);
            case LOG -> map(a.x(), Math::log);
            case SQRT -> map(a.x(), Math::sqrt);
            case ABS -> map(a.x(), Math::abs);
            case SOFTPLUS -> map(a.x(), Kernels::softplus);
            case LEAKY_RELU -> {
                double slope = scalar(a.arg(1));
                yield map(a.x(), x -> x > 0 ? x : slope * x);
            }
            case ONES_LIKE -> map(a.x(), x -> 1);
            case MASK -> env.mask(((Ref) a.x()).name());
            case TRANSPOSE -> operand(a.x()).transposed();
            case MATMUL -> product(a);
            case SOFTMAX -> ReferenceReductions.softmax(operand(a.x()), false);
            case LOG_SOFTMAX -> ReferenceReductions.softmax(operand(a.x()), true);
            case SUM, SUM0, SUM1, MEAN, MEAN0, MEAN1 -> ReferenceReductions.reduce(a.op(), operand(a.x()));
            case CONV2D -> ImageKernels.conv(operand(a.arg(0)), grid(a.arg(0)), operand(a.arg(1)), grid(a.arg(1)), grid(a),
                    count(a.arg(2)), count(a.arg(3)));
            case MAXPOOL, AVGPOOL -> ImageKernels.pool(a.op() == Op.MAXPOOL, operand(a.arg(0)), grid(a.arg(0)), grid(a),
                    count(a.arg(1)), count(a.arg(2)));
            case FLATTEN, UNFLATTEN -> operand(a.arg(0));
            case CONV2D_INPUT -> ImageKernels.convInput(operand(a.arg(0)), grid(a.arg(0)), operand(a.arg(1)), grid(a.arg(1)),
                    grid(a), count(a.arg(3)), count(a.arg(4)));
            case CONV2D_WEIGHT -> ImageKernels.convWeight(operand(a.arg(0)), grid(a.arg(0)), operand(a.arg(1)),
                    grid(a.arg(1)), grid(a), count(a.arg(3)), count(a.arg(4)));
            case CHANNEL_SUM -> ImageKernels.channelSum(operand(a.arg(0)), grid(a.arg(0)));
            case MAXPOOL_INPUT -> ImageKernels.poolInput(operand(a.arg(0)), grid(a.arg(0)), operand(a.arg(1)), grid(a),
                    count(a.arg(2)), count(a.arg(3)));
            case AVGPOOL_INPUT -> ImageKernels.poolInput(operand(a.arg(0)), grid(a.arg(0)), null, grid(a),
                    count(a.arg(1)), count(a.arg(3)));
            case DROPOUT, BATCHNORM -> throw new IllegalStateException(
                    a.op() + " must be lowered before evaluation");
        };
    }

    private static Shape.Grid grid(Node n) {
        return n.shape().grid();
    }

    private static int count(Node n) {
        return (int) ((Num) n).value();
    }

    private double scalar(Node n) {
        return operand(n).data()[0];
    }

    private Matrix map(Node x, DoubleUnaryOperator f) {
        Matrix in = operand(x);
        double[] out = spent(x, in) ? in.data() : new double[in.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(in.data()[i]);
        }
        return new Matrix(in.rows(), in.cols(), out);
    }

    private Matrix zip(Apply a, DoubleBinaryOperator f) {
        Matrix x = operand(a.arg(0));
        Matrix y = operand(a.arg(1));
        int rows = Math.max(x.rows(), y.rows());
        int cols = Math.max(x.cols(), y.cols());
        if (!fits(x.rows(), rows) || !fits(y.rows(), rows)
                || (x.cols() != cols && x.cols() != 1) || (y.cols() != cols && y.cols() != 1)) {
            throw new IllegalStateException("cannot broadcast " + x.rows() + "x" + x.cols()
                    + " and " + y.rows() + "x" + y.cols());
        }
        // Each entry reads the operands' entries at its own place alone: an operand of the result's shape
        // that nothing reads again takes the result in its place.
        Matrix out = x.rows() == rows && x.cols() == cols && spent(a.arg(0), x) ? x
                : y.rows() == rows && y.cols() == cols && spent(a.arg(1), y) ? y : Matrix.zeros(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out.set(r, c, f.applyAsDouble(entry(x, r, c), entry(y, r, c)));
            }
        }
        return out;
    }

    /**
     * Whether an operand's value, just read, may be written over by the operation reading it. Only in
     * an evaluator that lets values go ({@link #of}, not perturbing), and only when: that was its last
     * planned read (it is no longer held); it was computed here by an operation that makes entries of
     * its own (not a name's value, a mask, or a flatten, which hands its operand's on), so that they are
     * no environment's; and neither they were handed out ({@link #eval}) nor another held value has them.
     * The scaling of a 4096 x 4096 product (1/m * dZ2 @ A1.T) and the terms of its rounding bound each
     * took a matrix of their own beside it: the same bits, written over.
     */
    private boolean spent(Node node, Matrix value) {
        if (readsLeft == null || !(node instanceof Apply a) || memo.containsKey(node)
                || handedOut.containsKey(node) || held(value.data())) {
            return false;
        }
        return makesItsOwn(a.op());
    }

    /**
     * Whether the operation's result has entries of its own: new, or those of an operand written over
     * that nothing else holds (not a mask, which is the environment's, or a flatten, which hands its
     * operand's on).
     */
    private static boolean makesItsOwn(Op op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, GT, LT, GE, LE, POW, NEG, TANH, SIGMOID, RELU, EXP, LOG, SQRT, ABS, SOFTPLUS, LEAKY_RELU,
                    ONES_LIKE, TRANSPOSE, MATMUL -> true;
            default -> false;
        };
    }

    /**
     * Whether a value the evaluator holds has these entries, or an operation under way holds them
     * beyond the one read that asks (an operation reading them twice keeps its result apart too).
     */
    private boolean held(double[] entries) {
        for (Matrix m : memo.values()) {
            if (m.data() == entries) {
                return true;
            }
        }
        int reads = 0;
        for (double[] e : inUse) {
            if (e == entries) {
                reads++;
            }
        }
        return reads > 1;
    }

    /** Rows broadcast as numpy's, or one row per channel of an image whose rows are (pixel, channel). */
    private static boolean fits(int operandRows, int rows) {
        return operandRows == rows || operandRows == 1 || rows % operandRows == 0;
    }

    private static double entry(Matrix x, int r, int c) {
        return x.broadcastGet(x.rows() == 1 ? 0 : r % x.rows(), c);
    }

    /**
     * A product whose operand is a transpose ({@code W2.T @ dZ2}, {@code dZ2 @ A1.T}) reads the
     * matrix under it in place: transposing a 4096 x 4096 weight, column by column, took longer than
     * the product itself. Not when perturbing, which moves the transpose's result too.
     */
    private Matrix product(Apply a) {
        boolean ta = perturbation == null && isTranspose(a.arg(0));
        boolean tb = perturbation == null && isTranspose(a.arg(1));
        Matrix left = operand(ta ? ((Apply) a.arg(0)).x() : a.arg(0));
        Matrix right = operand(tb ? ((Apply) a.arg(1)).x() : a.arg(1));
        return ReferenceProducts.matmul(left, ta, right, tb);
    }

    private static boolean isTranspose(Node n) {
        return n instanceof Apply t && t.op() == Op.TRANSPOSE;
    }
}
