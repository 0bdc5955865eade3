package dev.netgrad.ir;

/**
 * The evaluator's matrix products: each entry one chain of fused multiply-adds over k ascending from
 * 0, the textbook loop's value bit for bit, whatever the order of the loops; the loops are ordered
 * only so that an operand read transposed is read along its rows.
 */
final class ReferenceProducts {
    private ReferenceProducts() {
    }

    /** Below this depth a product with a transposed right operand transposes it (a few entries a row) and sums along rows. */
    static final int SHORT_SUMS = 16;
    /** Rows of the result a product with a transposed left operand computes together. */
    private static final int TRANSPOSED_BLOCK = 64;

    /**
     * {@code op(a) @ op(b)}, op transposing when asked. Whatever the order of the loops, each entry is
     * one chain of fused multiply-adds over k ascending from 0: the textbook loop's value, bit for bit.
     */
    static Matrix matmul(Matrix a, boolean ta, Matrix b, boolean tb) {
        if (ta && tb) {
            return matmul(a.transposed(), false, b, true);
        }
        if (tb && b.cols() < SHORT_SUMS) {
            // Sums of a few terms each (dZ2 @ A1.T over a small batch): a loop along the result's rows is faster.
            return matmul(a, ta, b.transposed(), false);
        }
        int rows = ta ? a.cols() : a.rows();
        int inner = ta ? a.rows() : a.cols();
        int cols = tb ? b.rows() : b.cols();
        if (inner != (tb ? b.cols() : b.rows())) {
            throw new IllegalStateException("matmul " + rows + "x" + inner + " @ "
                    + (tb ? b.cols() : b.rows()) + "x" + cols);
        }
        double[] out = tb ? rowsAgainstRows(a.data(), b.data(), rows, inner, cols)
                : ta ? columnsAgainstRows(a.data(), b.data(), rows, inner, cols)
                : rowsAgainstColumns(a.data(), b.data(), rows, inner, cols);
        return new Matrix(rows, cols, out);
    }

    /** {@code a @ b.T}: row i of a against row j of b, both read in order. */
    private static double[] rowsAgainstRows(double[] x, double[] y, int rows, int inner, int cols) {
        double[] out = new double[Matrix.entries(rows, cols)];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int k = 0; k < inner; k++) {
                    s = Math.fma(x[i * inner + k], y[j * inner + k], s);
                }
                out[i * cols + j] = s;
            }
        }
        return out;
    }

    /**
     * {@code a.T @ b}: a's entry (k, i) is x[k * rows + i]. A block of the result's rows at a time, k
     * outermost, reads a's rows in order where reading down its columns missed the cache at every k.
     */
    private static double[] columnsAgainstRows(double[] x, double[] y, int rows, int inner, int cols) {
        double[] out = new double[Matrix.entries(rows, cols)];
        for (int i0 = 0; i0 < rows; i0 += TRANSPOSED_BLOCK) {
            int i1 = Math.min(rows, i0 + TRANSPOSED_BLOCK);
            for (int k = 0; k < inner; k++) {
                for (int i = i0; i < i1; i++) {
                    double aik = x[k * rows + i];
                    for (int j = 0; j < cols; j++) {
                        out[i * cols + j] = Math.fma(aik, y[k * cols + j], out[i * cols + j]);
                    }
                }
            }
        }
        return out;
    }

    /** {@code a @ b}: each of a's entries in a row times b's row k, added along the result's row. */
    private static double[] rowsAgainstColumns(double[] x, double[] y, int rows, int inner, int cols) {
        double[] out = new double[Matrix.entries(rows, cols)];
        for (int i = 0; i < rows; i++) {
            rowAgainstColumns(x, y, i, inner, cols, out, i * cols);
        }
        return out;
    }

    /** Row i of {@code a @ b} added into {@code out} from {@code at} (zeros there give the product's row). */
    static void rowAgainstColumns(double[] x, double[] y, int i, int inner, int cols, double[] out, int at) {
        for (int k = 0; k < inner; k++) {
            double aik = x[i * inner + k];
            for (int j = 0; j < cols; j++) {
                out[at + j] = Math.fma(aik, y[k * cols + j], out[at + j]);
            }
        }
    }
}
