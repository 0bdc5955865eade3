package dev.netgrad.runtime;

/**
 * Copies of a product's B into panels, the layout every {@link MatrixProducts.RowKernel} reads:
 * the columns j0 .. j0 + w - 1 of B (w the kernel's panel width, the last panel narrower when p is
 * not a multiple of it) stored row after row from {@code panels[j0 * k]} on, so that a block
 * summing rows of out reads the rows of B it needs next to each other, at constant strides.
 */
final class Panels {
    private Panels() {
    }

    /**
     * Panels from .. to - 1 (of {@code width} columns) of B (k x p, B(q, j) = b[q * bRow + j * bCol])
     * into {@code panels}: B's rows copied piece by piece when they are b's rows, else {@link #transposed}.
     */
    static void pack(double[] b, int bRow, int bCol, int k, int p, int width, int from, int to, double[] panels) {
        for (int s = from; s < to; s++) {
            int j0 = s * width;
            int w = Math.min(width, p - j0);
            int o = j0 * k;
            if (bCol == 1) {
                for (int q = 0; q < k; q++) {
                    System.arraycopy(b, q * bRow + j0, panels, o + q * w, w);
                }
            } else {
                transposed(b, bRow, bCol, k, o, j0, w, panels);
            }
        }
    }

    /**
     * One panel of a B whose columns are b's rows (B(q, j) = b[q * bRow + j * bCol]): in tiles of 8
     * of its columns by 8 of its rows, each column's 8 entries read from one cache line of b and
     * written down the panel. Against writing the panel row after row, each of its rows gathering an
     * entry from each of w rows of b: the mlp's X.T (128 x 784) in 37 - 44 us against 62 - 67 (one
     * thread, a micro-benchmark of the two loops).
     */
    private static void transposed(double[] b, int bRow, int bCol, int k, int o, int j0, int w, double[] y) {
        int c0 = 0;
        for (; c0 + 7 < w; c0 += 8) {
            int q0 = 0;
            for (; q0 + 7 < k; q0 += 8) {
                for (int c = c0; c < c0 + 8; c++) {
                    int e = (j0 + c) * bCol + q0 * bRow;
                    int d = o + q0 * w + c;
                    y[d] = b[e];
                    y[d + w] = b[e + bRow];
                    y[d + 2 * w] = b[e + 2 * bRow];
                    y[d + 3 * w] = b[e + 3 * bRow];
                    y[d + 4 * w] = b[e + 4 * bRow];
                    y[d + 5 * w] = b[e + 5 * bRow];
                    y[d + 6 * w] = b[e + 6 * bRow];
                    y[d + 7 * w] = b[e + 7 * bRow];
                }
            }
            for (int q = q0; q < k; q++) {
                for (int c = c0; c < c0 + 8; c++) {
                    y[o + q * w + c] = b[(j0 + c) * bCol + q * bRow];
                }
            }
        }
        for (int q = 0; q < k; q++) {
            for (int c = c0; c < w; c++) {
                y[o + q * w + c] = b[(j0 + c) * bCol + q * bRow];
            }
        }
    }
}
