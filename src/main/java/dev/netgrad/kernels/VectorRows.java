package dev.netgrad.kernels;

import dev.netgrad.runtime.MatrixProducts;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The blocked path of {@link MatrixProducts} on SIMD registers, through the Vector API: a block of
 * 8 rows by 2 vectors of out (8 x 16 entries with AVX-512) is summed in 16 registers over the
 * whole depth, then stored once, where the plain loops load and store out every two terms; each
 * pair of vectors of B loaded serves 8 rows, whose terms of A come from a copy of those rows side
 * by side (a panel, one per thread). Rows left over take blocks of 4 rows, then 1. Each
 * lane is one entry of out, its terms added one by one in increasing q from 0 with a multiply and
 * then an add (never a fused multiply-add): the textbook loop's bits. Columns left over after
 * the last block take one vector, then single entries.
 */
final class VectorRows implements MatrixProducts.RowKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    /**
     * Vector by vector along each row of out, its terms in registers: a plain loop of the same sums
     * (C2 does compile it to SIMD code) ran a third as fast, planar's products taking 10 % of its
     * step. Lanes left over at the end of a row take the plain loop's sums.
     */
    @Override
    public void shallow(double[] a, int aRow, int aCol, double[] b, double[] out, int n, int k, int p) {
        for (int i = 0; i < n; i++) {
            int o = i * p;
            int e = i * aRow;
            double x0 = a[e];
            double x1 = k > 1 ? a[e + aCol] : 0.0;
            double x2 = k > 2 ? a[e + 2 * aCol] : 0.0;
            double x3 = k > 3 ? a[e + 3 * aCol] : 0.0;
            int j = 0;
            for (; j + LANES <= p; j += LANES) {
                DoubleVector sum = DoubleVector.fromArray(SPECIES, b, j).mul(x0).add(0.0);
                if (k > 1) {
                    sum = sum.add(DoubleVector.fromArray(SPECIES, b, p + j).mul(x1));
                }
                if (k > 2) {
                    sum = sum.add(DoubleVector.fromArray(SPECIES, b, 2 * p + j).mul(x2));
                }
                if (k > 3) {
                    sum = sum.add(DoubleVector.fromArray(SPECIES, b, 3 * p + j).mul(x3));
                }
                sum.intoArray(out, o + j);
            }
            for (; j < p; j++) {
                double sum = 0.0 + x0 * b[j];
                if (k > 1) {
                    sum += x1 * b[p + j];
                }
                if (k > 2) {
                    sum += x2 * b[2 * p + j];
                }
                if (k > 3) {
                    sum += x3 * b[3 * p + j];
                }
                out[o + j] = sum;
            }
        }
    }

    /** Each thread's panel: 8 rows of A copied side by side, panel[q * 8 + r] = A(i + r, q). */
    private final ThreadLocal<Panel> panels = ThreadLocal.withInitial(Panel::new);

    /** Grown to the deepest product seen, so that a step allocates nothing. */
    private static final class Panel {
        double[] values = new double[0];
    }

    @Override
    public void rows(double[] a, int aRow, int aCol, double[][] bRows, double[][] outRows, int from, int to, int k, int p) {
        Panel panel = panels.get();
        if (panel.values.length < 8 * k) {
            panel.values = new double[8 * k];
        }
        double[] packed = panel.values;
        int i = from;
        for (; i + 7 < to; i += 8) {
            int j = 0;
            if (p >= 2 * LANES) {
                pack(a, i * aRow, aRow, aCol, packed, k);
            }
            for (; j + 2 * LANES <= p; j += 2 * LANES) {
                eightRowsTwoVectors(packed, bRows, outRows, i, j, k);
            }
            for (int r = i; r < i + 8; r++) {
                rowTail(a, r * aRow, aCol, bRows, outRows[r], j, k, p);
            }
        }
        for (; i + 3 < to; i += 4) {
            int j = 0;
            for (; j + 2 * LANES <= p; j += 2 * LANES) {
                fourRowsTwoVectors(a, i * aRow, aRow, aCol, bRows, outRows, i, j, k);
            }
            for (int r = i; r < i + 4; r++) {
                rowTail(a, r * aRow, aCol, bRows, outRows[r], j, k, p);
            }
        }
        for (; i < to; i++) {
            rowTail(a, i * aRow, aCol, bRows, outRows[i], 0, k, p);
        }
    }

    /**
     * Rows e0 / aRow .. + 7 of A into the panel. Every block of columns then reads A at a constant
     * stride, so the JIT drops the bounds checks of its eight loads per term (with A's strides as
     * variables it keeps them) and the loads run through one array in order: the blocks ran
     * 20 - 30 % faster than reading A in place, measured on the mlp's and the wide network's shapes.
     */
    private static void pack(double[] a, int e0, int aRow, int aCol, double[] panel, int k) {
        for (int q = 0; q < k; q++) {
            int f = e0 + q * aCol;
            int o = q * 8;
            panel[o] = a[f];
            panel[o + 1] = a[f + aRow];
            panel[o + 2] = a[f + 2 * aRow];
            panel[o + 3] = a[f + 3 * aRow];
            panel[o + 4] = a[f + 4 * aRow];
            panel[o + 5] = a[f + 5 * aRow];
            panel[o + 6] = a[f + 6 * aRow];
            panel[o + 7] = a[f + 7 * aRow];
        }
    }

    /** Out's rows i .. i + 7, columns j .. j + 2 LANES - 1, from the panel of A's rows. */
    private static void eightRowsTwoVectors(double[] panel, double[][] bRows, double[][] outRows, int i, int j, int k) {
        DoubleVector s00 = DoubleVector.zero(SPECIES);
        DoubleVector s01 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        DoubleVector s20 = s00;
        DoubleVector s21 = s00;
        DoubleVector s30 = s00;
        DoubleVector s31 = s00;
        DoubleVector s40 = s00;
        DoubleVector s41 = s00;
        DoubleVector s50 = s00;
        DoubleVector s51 = s00;
        DoubleVector s60 = s00;
        DoubleVector s61 = s00;
        DoubleVector s70 = s00;
        DoubleVector s71 = s00;
        for (int q = 0; q < k; q++) {
            double[] y = bRows[q];
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, y, j);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, y, j + LANES);
            int f = q * 8;
            DoubleVector x = DoubleVector.broadcast(SPECIES, panel[f]);
            s00 = s00.add(x.mul(b0));
            s01 = s01.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, panel[f + 1]);
            s10 = s10.add(x.mul(b0));
            s11 = s11.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, panel[f + 2]);
            s20 = s20.add(x.mul(b0));
            s21 = s21.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, panel[f + 3]);
            s30 = s30.add(x.mul(b0));
            s31 = s31.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, panel[f + 4]);
            s40 = s40.add(x.mul(b0));
            s41 = s41.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, panel[f + 5]);
            s50 = s50.add(x.mul(b0));
            s51 = s51.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, panel[f + 6]);
            s60 = s60.add(x.mul(b0));
            s61 = s61.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, panel[f + 7]);
            s70 = s70.add(x.mul(b0));
            s71 = s71.add(x.mul(b1));
        }
        s00.intoArray(outRows[i], j);
        s01.intoArray(outRows[i], j + LANES);
        s10.intoArray(outRows[i + 1], j);
        s11.intoArray(outRows[i + 1], j + LANES);
        s20.intoArray(outRows[i + 2], j);
        s21.intoArray(outRows[i + 2], j + LANES);
        s30.intoArray(outRows[i + 3], j);
        s31.intoArray(outRows[i + 3], j + LANES);
        s40.intoArray(outRows[i + 4], j);
        s41.intoArray(outRows[i + 4], j + LANES);
        s50.intoArray(outRows[i + 5], j);
        s51.intoArray(outRows[i + 5], j + LANES);
        s60.intoArray(outRows[i + 6], j);
        s61.intoArray(outRows[i + 6], j + LANES);
        s70.intoArray(outRows[i + 7], j);
        s71.intoArray(outRows[i + 7], j + LANES);
    }

    private static void fourRowsTwoVectors(double[] a, int e0, int aRow, int aCol, double[][] bRows, double[][] outRows, int i, int j, int k) {
        int e1 = e0 + aRow;
        int e2 = e1 + aRow;
        int e3 = e2 + aRow;
        DoubleVector s00 = DoubleVector.zero(SPECIES);
        DoubleVector s01 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        DoubleVector s20 = s00;
        DoubleVector s21 = s00;
        DoubleVector s30 = s00;
        DoubleVector s31 = s00;
        for (int q = 0; q < k; q++) {
            double[] y = bRows[q];
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, y, j);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, y, j + LANES);
            int f = q * aCol;
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[e0 + f]);
            s00 = s00.add(x.mul(b0));
            s01 = s01.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, a[e1 + f]);
            s10 = s10.add(x.mul(b0));
            s11 = s11.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, a[e2 + f]);
            s20 = s20.add(x.mul(b0));
            s21 = s21.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, a[e3 + f]);
            s30 = s30.add(x.mul(b0));
            s31 = s31.add(x.mul(b1));
        }
        s00.intoArray(outRows[i], j);
        s01.intoArray(outRows[i], j + LANES);
        s10.intoArray(outRows[i + 1], j);
        s11.intoArray(outRows[i + 1], j + LANES);
        s20.intoArray(outRows[i + 2], j);
        s21.intoArray(outRows[i + 2], j + LANES);
        s30.intoArray(outRows[i + 3], j);
        s31.intoArray(outRows[i + 3], j + LANES);
    }

    /** Columns j0 .. p - 1 of one row of out, whose A row starts at e: one vector at a time, then single entries. */
    private static void rowTail(double[] a, int e, int aCol, double[][] bRows, double[] c, int j0, int k, int p) {
        int j = j0;
        for (; j + LANES <= p; j += LANES) {
            DoubleVector s = DoubleVector.zero(SPECIES);
            for (int q = 0; q < k; q++) {
                s = s.add(DoubleVector.broadcast(SPECIES, a[e + q * aCol]).mul(DoubleVector.fromArray(SPECIES, bRows[q], j)));
            }
            s.intoArray(c, j);
        }
        for (; j < p; j++) {
            double s = 0.0;
            for (int q = 0; q < k; q++) {
                s += a[e + q * aCol] * bRows[q][j];
            }
            c[j] = s;
        }
    }
}
