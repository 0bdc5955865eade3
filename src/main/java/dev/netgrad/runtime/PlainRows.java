package dev.netgrad.runtime;

import java.util.Arrays;

/**
 * The blocked path of {@link MatrixProducts} in plain Java, the {@link MatrixProducts.RowKernel}
 * products use when no tool installed a faster one: panel by panel ({@link #COLUMN_BLOCK} columns),
 * {@link #DEPTH_BLOCK} of its rows at a time, every row of out passing over them, two rows of out
 * at a time. The inner loops run along a row of out and a row of a panel at constant strides, the
 * form HotSpot's C2 compiles to SIMD code. Each entry adds its terms one by one in increasing q
 * from 0, each fused into the sum: the textbook loop's bits. Stateless: called from several threads
 * at once, on disjoint rows.
 */
final class PlainRows implements MatrixProducts.RowKernel {
    static final PlainRows INSTANCE = new PlainRows();

    /** The panels' width: columns of out done together... */
    private static final int COLUMN_BLOCK = 128;
    /** ...with this many rows of B: 64 kB, which stays in the L2 cache while every row of out passes. */
    private static final int DEPTH_BLOCK = 64;

    private PlainRows() {
    }

    @Override
    public int panelWidth() {
        return COLUMN_BLOCK;
    }

    /** The sums stored plainly, then the rows' entries scaled (a pass over them while they are in this core's cache). */
    @Override
    public void rows(double[] a, int aRow, int aCol, double[] panels, double[] out, int from, int to, int k, int p, double scale) {
        Arrays.fill(out, from * p, to * p, 0.0);
        for (int j0 = 0; j0 < p; j0 += COLUMN_BLOCK) {
            int w = Math.min(COLUMN_BLOCK, p - j0);
            int panel = j0 * k;
            for (int q0 = 0; q0 < k; q0 += DEPTH_BLOCK) {
                int q1 = Math.min(k, q0 + DEPTH_BLOCK);
                int i = from;
                for (; i + 1 < to; i += 2) {
                    addToTwoRows(a, i * aRow, aRow, aCol, panels, panel, w, q0, q1, out, i * p + j0, p);
                }
                if (i < to) {
                    addToRow(a, i * aRow, aCol, panels, panel, w, q0, q1, out, i * p + j0);
                }
            }
        }
        if (scale != 1.0) {
            for (int e = from * p; e < to * p; e++) {
                out[e] = scale * out[e];
            }
        }
    }

    /**
     * The two rows of out from o and o + p (w columns) get the terms q0 .. q1 - 1 of the panel of y
     * at {@code panel}, two at a time, from the rows of A from a0 and a0 + aRow.
     */
    private static void addToTwoRows(double[] a, int a0, int aRow, int aCol, double[] y, int panel, int w, int q0, int q1,
            double[] c, int o, int p) {
        int o1 = o + p;
        int a1 = a0 + aRow;
        int q = q0;
        for (; q + 1 < q1; q += 2) {
            double x0 = a[a0 + q * aCol];
            double x1 = a[a0 + (q + 1) * aCol];
            double z0 = a[a1 + q * aCol];
            double z1 = a[a1 + (q + 1) * aCol];
            int y0 = panel + q * w;
            int y1 = y0 + w;
            for (int j = 0; j < w; j++) {
                c[o + j] = Math.fma(x1, y[y1 + j], Math.fma(x0, y[y0 + j], c[o + j]));
                c[o1 + j] = Math.fma(z1, y[y1 + j], Math.fma(z0, y[y0 + j], c[o1 + j]));
            }
        }
        if (q < q1) {
            double x0 = a[a0 + q * aCol];
            double z0 = a[a1 + q * aCol];
            int y0 = panel + q * w;
            for (int j = 0; j < w; j++) {
                c[o + j] = Math.fma(x0, y[y0 + j], c[o + j]);
                c[o1 + j] = Math.fma(z0, y[y0 + j], c[o1 + j]);
            }
        }
    }

    /** The row of out from o (w columns) gets the terms q0 .. q1 - 1 of the panel of y at {@code panel}, four at a time, from A's row at a0. */
    private static void addToRow(double[] a, int a0, int aCol, double[] y, int panel, int w, int q0, int q1, double[] c, int o) {
        int q = q0;
        for (; q + 3 < q1; q += 4) {
            double x0 = a[a0 + q * aCol];
            double x1 = a[a0 + (q + 1) * aCol];
            double x2 = a[a0 + (q + 2) * aCol];
            double x3 = a[a0 + (q + 3) * aCol];
            int y0 = panel + q * w;
            int y1 = y0 + w;
            int y2 = y1 + w;
            int y3 = y2 + w;
            for (int j = 0; j < w; j++) {
                c[o + j] = Math.fma(x3, y[y3 + j], Math.fma(x2, y[y2 + j], Math.fma(x1, y[y1 + j], Math.fma(x0, y[y0 + j], c[o + j]))));
            }
        }
        for (; q < q1; q++) {
            double x0 = a[a0 + q * aCol];
            int y0 = panel + q * w;
            for (int j = 0; j < w; j++) {
                c[o + j] = Math.fma(x0, y[y0 + j], c[o + j]);
            }
        }
    }
}
