package dev.netgrad.ir;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A term of a sum added into the sum's matrix a block of rows at a time, to the bits the term's own
 * evaluation ({@link Evaluator}) gives, without ever holding the term's whole value: row i of a product
 * is row i of its left operand times the whole right one (the same chain of fused multiply-adds per
 * entry), and an elementwise operation's row i reads row i of its operands alone. The terms of a
 * param's rounding bound on a 784-4096-4096-10 network are 4096 x 4096 products, made each as a
 * matrix of its own beside the sum (the second term of {@code 1/m * dZ2 @ A1.T}'s bound, three).
 *
 * <p>Only terms of these operations are made so: sums, differences, products and quotients entry by
 * entry, whose operands have the term's rows or a single row; abs, negation and ones_like; and matrix
 * products whose left operand has the term's rows and is not a transpose. A product's right operand
 * (a transposed one of a few columns transposed back), and an operand of a single row, are evaluated
 * whole, once per term.
 */
public final class RowBlocks {
    /** Rows made at a time: 64 rows of a 4096-column term are 2 MB. */
    private static final int BLOCK = 64;

    private final Node term;
    private final Environment env;
    /** The term's rows. */
    private final int rows;
    /** The values evaluated whole (right operands of products, single rows), kept for the term's every block. */
    private final Evaluator whole;
    /** Per product, its transposed right operand of a few columns transposed back ({@link #right}), kept for every block. */
    private final Map<Apply, Matrix> transposedRights = new IdentityHashMap<>();

    private RowBlocks(Node term, Environment env, int rows) {
        this.term = term;
        this.env = env;
        this.rows = rows;
        this.whole = new Evaluator(env);
    }

    /** The term made a block of rows at a time, or null when an operation of it is not one a block of rows is made of. */
    public static RowBlocks of(Node term, Environment env) {
        Shape shape = term.shape();
        if (shape.grid() != null || shape.rows() == Shape.M || shape.rows() <= BLOCK) {
            return null;
        }
        return aligned(term, shape.rows(), env) ? new RowBlocks(term, env, shape.rows()) : null;
    }

    /** How many values evaluated whole are held: for tests of what a sum's evaluation keeps. */
    public int valuesHeld() {
        return whole.valuesHeld();
    }

    /**
     * Adds the term's value into {@code sum}, entry by entry, or, when {@code sum} is null, makes a
     * matrix holding the term's value; returns the sum.
     */
    public Matrix addInto(Matrix sum) {
        Matrix[] out = {sum};
        forEachBlock((r0, b) -> {
            if (out[0] == null) {
                out[0] = Matrix.zeros(rows, b.cols());
            }
            if (b.cols() != out[0].cols() || out[0].rows() != rows) {
                throw new IllegalStateException(
                        "cannot add " + rows + "x" + b.cols() + " to " + out[0].rows() + "x" + out[0].cols());
            }
            double[] to = out[0].data();
            double[] from = b.data();
            int at = r0 * b.cols();
            for (int k = 0; k < from.length; k++) {
                to[at + k] = sum == null ? from[k] : to[at + k] + from[k];
            }
        });
        return out[0];
    }

    /** The term's rows. */
    public int rows() {
        return rows;
    }

    /** What is handed each block of rows of the term's value ({@link #forEachBlock}). */
    @FunctionalInterface
    public interface Block {
        /** Rows {@code r0} to {@code r0 + rows.rows()} of the term's value: a matrix of their own, the caller's to keep or change. */
        void accept(int r0, Matrix rows);
    }

    /**
     * Hands each block of the term's rows to {@code visit}, first rows first, each made when its turn
     * comes and held by nothing here after: the term's value read in order, never whole.
     */
    public void forEachBlock(Block visit) {
        for (int r0 = 0; r0 < rows; r0 += blockRows()) {
            visit.accept(r0, blockFrom(r0));
        }
    }

    /**
     * The term's value transposed ({@link Matrix#transposed}'s entries), made from its blocks of rows:
     * the value is never held whole beside it (a wrong 4096 x 4096 param line transposed to be judged
     * again took two such matrices at once).
     */
    public Matrix transposed() {
        Matrix[] out = {null};
        forEachBlock((r0, b) -> {
            if (out[0] == null) {
                out[0] = Matrix.zeros(b.cols(), rows);
            }
            double[] to = out[0].data();
            double[] from = b.data();
            int cols = b.cols();
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < b.rows(); r++) {
                    to[c * rows + r0 + r] = from[r * cols + c];
                }
            }
        });
        return out[0];
    }

    /** The rows of a block ({@link #blockFrom}): the first rows of one are a multiple of it. */
    public static int blockRows() {
        return BLOCK;
    }

    /**
     * The block of the term's rows {@link #forEachBlock} hands on from row {@code r0} (a multiple of
     * {@link #blockRows}), made now: for reading two terms' blocks side by side.
     */
    public Matrix blockFrom(int r0) {
        int r1 = Math.min(rows, r0 + BLOCK);
        Matrix b = block(term, r0, r1);
        if (b.rows() != r1 - r0) {
            throw new IllegalStateException("made " + b.rows() + " rows for rows " + r0 + " to " + r1);
        }
        return b;
    }

    /** Whether {@code n}'s value has {@code rows} rows, each made from its operands' same row (and whole values) alone. */
    private static boolean aligned(Node n, int rows, Environment env) {
        if (n instanceof Ref r) {
            return !r.kind().isScalarConstant() && env.has(r.name()) && env.value(r.name()).rows() == rows;
        }
        if (!(n instanceof Apply a) || a.shape().grid() != null) {
            return false;
        }
        return switch (a.op()) {
            case ADD, SUB, MUL, DIV -> a.args().stream().allMatch(x -> singleRow(x) || aligned(x, rows, env))
                    && a.args().stream().anyMatch(x -> !singleRow(x));
            case ABS, NEG, ONES_LIKE -> aligned(a.x(), rows, env);
            case MATMUL -> !isTranspose(a.arg(0)) && aligned(a.arg(0), rows, env);
            default -> false;
        };
    }

    /** A value of one row, which an elementwise operation reads whole in every row (a number, 1/m, a row vector). */
    private static boolean singleRow(Node n) {
        return n.shape().rows() == 1 && n.shape().grid() == null;
    }

    private static boolean isTranspose(Node n) {
        return n instanceof Apply t && t.op() == Op.TRANSPOSE;
    }

    /** Rows r0 to r1 (exclusive) of {@code n}'s value, which {@link #aligned} accepts. */
    private Matrix block(Node n, int r0, int r1) {
        if (n instanceof Ref r) {
            Matrix v = env.value(r.name());
            return new Matrix(r1 - r0, v.cols(), Arrays.copyOfRange(v.data(), r0 * v.cols(), r1 * v.cols()));
        }
        Apply a = (Apply) n;
        // The same operations as Evaluator.apply's, entry by entry.
        return switch (a.op()) {
            case ADD -> zip(a, r0, r1, Double::sum);
            case SUB -> zip(a, r0, r1, (x, y) -> x - y);
            case MUL -> zip(a, r0, r1, (x, y) -> x * y);
            case DIV -> zip(a, r0, r1, (x, y) -> x / y);
            case ABS -> map(block(a.x(), r0, r1), Math::abs);
            case NEG -> map(block(a.x(), r0, r1), x -> -x);
            case ONES_LIKE -> map(block(a.x(), r0, r1), x -> 1);
            case MATMUL -> {
                Matrix right = right(a);
                // As Evaluator.product: a transposed right operand is read in place, unless right() transposed it back.
                boolean tb = isTranspose(a.arg(1)) && !transposedRights.containsKey(a);
                yield ReferenceProducts.matmul(block(a.arg(0), r0, r1), false, right, tb);
            }
            default -> throw new IllegalStateException(a.op() + " is not made a block of rows at a time");
        };
    }

    /**
     * A product's right operand, as {@link Evaluator#matmul} reads it: a transposed one in place, or, over
     * a few columns ({@link Evaluator#SHORT_SUMS}), transposed once for every block (matmul transposed it
     * for each, the same bits: a copy of its entries).
     */
    private Matrix right(Apply product) {
        Matrix t = transposedRights.get(product);
        if (t != null) {
            return t;
        }
        if (!isTranspose(product.arg(1))) {
            return whole.eval(product.arg(1));
        }
        Matrix under = whole.eval(((Apply) product.arg(1)).x());
        if (under.cols() >= ReferenceProducts.SHORT_SUMS) {
            return under;
        }
        t = under.transposed();
        transposedRights.put(product, t);
        return t;
    }

    private Matrix zip(Apply a, int r0, int r1, DoubleBinaryOperator f) {
        Matrix x = operand(a.arg(0), r0, r1);
        Matrix y = operand(a.arg(1), r0, r1);
        int cols = Math.max(x.cols(), y.cols());
        if ((x.cols() != cols && x.cols() != 1) || (y.cols() != cols && y.cols() != 1)) {
            throw new IllegalStateException("cannot broadcast " + x.rows() + "x" + x.cols() + " and " + y.rows() + "x" + y.cols());
        }
        Matrix out = Matrix.zeros(r1 - r0, cols);
        for (int r = 0; r < r1 - r0; r++) {
            for (int c = 0; c < cols; c++) {
                out.set(r, c, f.applyAsDouble(x.broadcastGet(r, c), y.broadcastGet(r, c)));
            }
        }
        return out;
    }

    /** An elementwise operation's operand: its value whole when it has a single row, else the block's rows of it. */
    private Matrix operand(Node n, int r0, int r1) {
        return singleRow(n) ? whole.eval(n) : block(n, r0, r1);
    }

    private static Matrix map(Matrix in, DoubleUnaryOperator f) {
        double[] out = in.data(); // a block made here, read by nothing else
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(out[i]);
        }
        return in;
    }
}
