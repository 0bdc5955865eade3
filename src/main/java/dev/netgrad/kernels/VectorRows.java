package dev.netgrad.kernels;

import dev.netgrad.runtime.MatrixProducts;
import java.util.concurrent.atomic.AtomicReferenceArray;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The blocked path of {@link MatrixProducts} on SIMD registers, through the Vector API: a block of
 * 8 rows by 2 vectors of out (8 x 16 entries with AVX-512) is summed in 16 registers over the
 * whole depth, then stored once, where the plain loops load and store out every two terms; each
 * pair of vectors of B loaded serves 8 rows. Both come from copies (panels, a set per thread at work):
 * A's rows 8 at a time side by side, and B's columns in use row after row. Rows left over take
 * blocks of 4 rows, then 1. With AVX2's 16 registers the blocks of 8 rows go 4 at a time (see
 * {@link #SIXTEEN_REGISTERS}). Each
 * lane is one entry of out, its terms added one by one in increasing q from 0 with a multiply and
 * then an add (never a fused multiply-add): the textbook loop's bits. Columns left over after
 * the last block take one vector, then single entries.
 */
final class VectorRows implements MatrixProducts.RowKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /**
     * Whether the blocks of 8 rows go 4 rows at a time: an 8 x 2 block holds 16 sums, 2 vectors of B,
     * the broadcast entry of A and a product, 20 registers, which AVX-512's 32 hold and AVX2's 16 do
     * not (x86 below 512 bits; ARM has 32). C2 then keeps sums on the stack: on AVX2 (a JVM run with
     * -XX:UseAVX=2) the mlp's products ran at 26 GFLOP/s on one thread in 8 x 2 blocks and at 35 in
     * 4 x 2 blocks, reading the same panels.
     */
    private static final boolean SIXTEEN_REGISTERS = SPECIES.vectorBitSize() < 512
            && System.getProperty("os.arch", "").matches("amd64|x86_64|x86|i386");

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

    /**
     * Panels not in use: a thread takes a set for its part of a product and puts it back after.
     * Kept here rather than per thread, because the trainer's helper threads end after a second
     * without work and start again when sharing resumes (SharingTuner measures it every 30 s):
     * per-thread panels were allocated anew each time, 400 kB for the mlp.
     */
    private final AtomicReferenceArray<Panels> idle = new AtomicReferenceArray<>(POOLED_PANELS);
    /** More than the threads a trainer runs on these machines; beyond, a set is made and dropped. */
    private static final int POOLED_PANELS = 64;

    private Panels takePanels() {
        for (int i = 0; i < POOLED_PANELS; i++) {
            if (idle.get(i) != null) {
                Panels taken = idle.getAndSet(i, null);
                if (taken != null) {
                    return taken;
                }
            }
        }
        return new Panels();
    }

    private void putBack(Panels panels) {
        for (int i = 0; i < POOLED_PANELS; i++) {
            if (idle.get(i) == null && idle.compareAndSet(i, null, panels)) {
                return;
            }
        }
    }

    /** Grown to the largest product seen, so that a step allocates nothing. */
    private static final class Panels {
        /** Block b of 8 rows of A (of those packed at a time) side by side: a[b * 8 k + q * 8 + r]. */
        double[] a = new double[0];
        /** The 2 LANES columns of B from j on, row after row: b[q * 2 LANES + c] = B(q, j + c). */
        double[] b = new double[0];

        void fit(int aSize, int bSize) {
            if (a.length < aSize) {
                a = new double[aSize];
            }
            if (b.length < bSize) {
                b = new double[bSize];
            }
        }
    }

    /** Blocks of 8 rows whose panels are packed at a time: 64 rows of depth 784 fill 400 kB, half an L2 cache. */
    private static final int BLOCKS_AT_A_TIME = 8;

    @Override
    public void rows(double[] a, int aRow, int aCol, double[][] bRows, double[][] outRows, int from, int to, int k, int p) {
        int blocks = (to - from) / 8;
        int wide = p - p % (2 * LANES);
        if (blocks > 0 && wide > 0 && !worthPacking(blocks, wide)) {
            for (int b = 0; b < blocks; b++) {
                int i = from + 8 * b;
                for (int j = 0; j < wide; j += 2 * LANES) {
                    if (SIXTEEN_REGISTERS) {
                        fourRowsTwoVectors(a, i * aRow, aRow, aCol, bRows, outRows, i, j, k);
                        fourRowsTwoVectors(a, (i + 4) * aRow, aRow, aCol, bRows, outRows, i + 4, j, k);
                    } else {
                        eightRowsTwoVectorsInPlace(a, i * aRow, aRow, aCol, bRows, outRows, i, j, k);
                    }
                }
            }
        } else if (blocks > 0 && wide > 0) {
            Panels panel = takePanels();
            panel.fit(Math.min(blocks, BLOCKS_AT_A_TIME) * 8 * k, 2 * LANES * k);
            double[] aPanels = panel.a;
            double[] bPanel = panel.b;
            for (int first = 0; first < blocks; first += BLOCKS_AT_A_TIME) {
                int count = Math.min(BLOCKS_AT_A_TIME, blocks - first);
                for (int b = 0; b < count; b++) {
                    pack(a, (from + 8 * (first + b)) * aRow, aRow, aCol, aPanels, b * 8 * k, k);
                }
                for (int j = 0; j < wide; j += 2 * LANES) {
                    for (int q = 0; q < k; q++) {
                        System.arraycopy(bRows[q], j, bPanel, q * 2 * LANES, 2 * LANES);
                    }
                    for (int b = 0; b < count; b++) {
                        if (SIXTEEN_REGISTERS) {
                            fourRowsTwoVectorsPacked(aPanels, b * 8 * k, bPanel, outRows, from + 8 * (first + b), j, k);
                            fourRowsTwoVectorsPacked(aPanels, b * 8 * k + 4, bPanel, outRows, from + 8 * (first + b) + 4, j, k);
                        } else {
                            eightRowsTwoVectors(aPanels, b * 8 * k, bPanel, outRows, from + 8 * (first + b), j, k);
                        }
                    }
                }
            }
            putBack(panel);
        }
        int i = from;
        for (; i < from + 8 * blocks; i++) {
            rowTail(a, i * aRow, aCol, bRows, outRows[i], wide, k, p);
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
     * Whether copying the panels pays: A's panel (copied entry by entry, the cost of about 16
     * multiply-adds of a lane each) must serve 4 blocks of columns or more, and B's panel 2 blocks of
     * rows. The mlp at batch 32 on 2 threads (blocks of 16 rows, 32 columns) ran 15 % slower when
     * every product copied its panels.
     */
    private static boolean worthPacking(int blocks, int wide) {
        return wide >= 4 * 2 * LANES && blocks >= 2;
    }

    /**
     * {@link #eightRowsTwoVectors} reading A and B where they are, for products whose panels would
     * serve too few blocks to pay for their copies (see {@link #worthPacking}).
     */
    private static void eightRowsTwoVectorsInPlace(double[] a, int e0, int aRow, int aCol, double[][] bRows, double[][] outRows, int i, int j, int k) {
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
            int f = e0 + q * aCol;
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[f]);
            s00 = s00.add(x.mul(b0));
            s01 = s01.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, a[f + 1 * aRow]);
            s10 = s10.add(x.mul(b0));
            s11 = s11.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, a[f + 2 * aRow]);
            s20 = s20.add(x.mul(b0));
            s21 = s21.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, a[f + 3 * aRow]);
            s30 = s30.add(x.mul(b0));
            s31 = s31.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, a[f + 4 * aRow]);
            s40 = s40.add(x.mul(b0));
            s41 = s41.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, a[f + 5 * aRow]);
            s50 = s50.add(x.mul(b0));
            s51 = s51.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, a[f + 6 * aRow]);
            s60 = s60.add(x.mul(b0));
            s61 = s61.add(x.mul(b1));
            x = DoubleVector.broadcast(SPECIES, a[f + 7 * aRow]);
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

    /**
     * Rows e0 / aRow .. + 7 of A into a panel from o on. The blocks then read A, and B's columns in
     * use, at constant strides through one array each, so the JIT drops the bounds checks of their
     * ten loads per term (with A's strides as variables it keeps them, and B's rows are arrays of
     * their own): measured on the mlp's and the wide network's shapes, a third faster than reading
     * both in place (A alone packed: a fifth).
     */
    private static void pack(double[] a, int e0, int aRow, int aCol, double[] panel, int o, int k) {
        for (int q = 0; q < k; q++) {
            int f = e0 + q * aCol;
            int c = o + q * 8;
            panel[c] = a[f];
            panel[c + 1] = a[f + aRow];
            panel[c + 2] = a[f + 2 * aRow];
            panel[c + 3] = a[f + 3 * aRow];
            panel[c + 4] = a[f + 4 * aRow];
            panel[c + 5] = a[f + 5 * aRow];
            panel[c + 6] = a[f + 6 * aRow];
            panel[c + 7] = a[f + 7 * aRow];
        }
    }

    /** Out's rows i .. i + 7, columns j .. j + 2 LANES - 1, from A's panel at a0 and B's panel. */
    private static void eightRowsTwoVectors(double[] panel, int a0, double[] bPanel, double[][] outRows, int i, int j, int k) {
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
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, bPanel, q * 2 * LANES);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, bPanel, q * 2 * LANES + LANES);
            int f = a0 + q * 8;
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

    /** {@link #eightRowsTwoVectors} for 4 of the panel's 8 rows (from a0, a0 + 4 for the others): for {@link #SIXTEEN_REGISTERS}. */
    private static void fourRowsTwoVectorsPacked(double[] panel, int a0, double[] bPanel, double[][] outRows, int i, int j, int k) {
        DoubleVector s00 = DoubleVector.zero(SPECIES);
        DoubleVector s01 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        DoubleVector s20 = s00;
        DoubleVector s21 = s00;
        DoubleVector s30 = s00;
        DoubleVector s31 = s00;
        for (int q = 0; q < k; q++) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, bPanel, q * 2 * LANES);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, bPanel, q * 2 * LANES + LANES);
            int f = a0 + q * 8;
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
