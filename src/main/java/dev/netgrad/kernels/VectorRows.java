package dev.netgrad.kernels;

import static dev.netgrad.kernels.Lanes.LANES;
import static dev.netgrad.kernels.Lanes.SPECIES;
import static dev.netgrad.kernels.Lanes.VECTOR;

import dev.netgrad.runtime.MatrixProducts;
import jdk.incubator.vector.DoubleVector;

/**
 * The blocked path of {@link MatrixProducts} on SIMD registers, through the Vector API: a block of
 * 8 rows by 2 vectors of out (8 x 16 entries with AVX-512) is summed in 16 registers over the
 * whole depth (over slices of it, in a product deeper than {@link #DEPTH}), then stored once, where
 * the plain loops load and store out every two terms; each
 * pair of vectors of B loaded serves 8 rows. Both come from copies: A's rows 8 at a time side by
 * side (a panel per thread at work), and B's panels of 2 vectors of columns, row after row (the
 * runtime's, made once a product for every thread). Rows left over take blocks of 4 rows, then 1.
 * With AVX2's 16 registers the blocks of 8 rows go 4 at a time (see {@link #SIXTEEN_REGISTERS}).
 * Each lane is one entry of out, its terms fused into it one by one in increasing q from 0 (a
 * lanewise fused multiply-add, Math.fma's bits): the textbook loop's bits. Columns left over after
 * the last block take one vector, then single entries.
 */
final class VectorRows implements MatrixProducts.RowKernel {
    /**
     * Whether the blocks of 8 rows go 4 rows at a time: an 8 x 2 block holds 16 sums, 2 vectors of B,
     * the broadcast entry of A and a product, 20 registers, which AVX-512's 32 hold and AVX2's 16 do
     * not (x86 below 512 bits; ARM has 32). C2 then keeps sums on the stack: on AVX2 (a JVM run with
     * -XX:UseAVX=2) the mlp's products ran at 26 GFLOP/s on one thread in 8 x 2 blocks and at 35 in
     * 4 x 2 blocks, reading the same panels.
     */
    private static final boolean SIXTEEN_REGISTERS = SPECIES.vectorBitSize() < 512
            && System.getProperty("os.arch", "").matches("amd64|x86_64|x86|i386");

    /** Vector by vector along each row of out, its terms in registers ({@link VectorShallow}). */
    @Override
    public void shallow(double[] a, int aRow, int aCol, double[] b, double[] out, int n, int k, int p) {
        VectorShallow.shallow(a, aRow, aCol, b, out, n, k, p);
    }

    /**
     * A's panels not in use, the first {@link #idleCount} of them: a thread takes one for its part of
     * a product and puts it back after. Kept here rather than per thread, because the trainer's
     * helper threads end when idle long enough and start again when sharing resumes: per-thread
     * panels were allocated anew each time. A panel grows to the largest product seen (a step
     * allocates nothing); B's panels are the runtime's, one copy for every thread. A plain stack
     * under the kernel's lock, taken twice a product: it was an AtomicReferenceArray, whose
     * VarHandle operations allocated 104 bytes the one time a branch of the pool's loop that C2 had
     * never seen ran (the helper's panel in the first slot, while the sharing tuner measured) and
     * the JVM ran the method in its interpreter: the digits CNN's 0.10 B a step.
     */
    private final double[][] idle = new double[POOLED_PANELS][];
    private int idleCount;
    /** More than the threads a trainer runs on these machines; beyond, a panel is made and dropped. */
    private static final int POOLED_PANELS = 64;
    private static final double[] NO_PANEL = new double[0];

    private synchronized double[] takePanel() {
        if (idleCount == 0) {
            return NO_PANEL;
        }
        double[] taken = idle[--idleCount];
        idle[idleCount] = null;
        return taken;
    }

    private synchronized void putBack(double[] panel) {
        if (idleCount < POOLED_PANELS) {
            idle[idleCount++] = panel;
        }
    }

    /**
     * The most terms a block sums before it stores its sums and goes on to the next block: a product
     * deeper than this sums in slices of about equal depth, each column panel's slice read by every
     * block of rows while it is in the level-1 cache (16 columns by 256 rows: 32 kB), the sums stored
     * to out between slices and loaded back as they were (the same chain of fused terms, the same
     * bits). Read whole, the wide network's first layer (depth 784: 100 kB a panel) came from the
     * level-2 cache for every block, at 45 GFLOP/s a thread against 58 for its depth-256 products.
     */
    private static final int DEPTH = 256;
    /** Blocks of 8 rows whose panels are packed at a time: 64 rows of depth 784 fill 400 kB, half an L2 cache. */
    private static final int BLOCKS_AT_A_TIME = 8;
    /** B's panels: the 2 vectors of columns a block sums. */
    static final int WIDTH = 2 * LANES;

    @Override
    public int panelWidth() {
        return WIDTH;
    }

    @Override
    public void rows(double[] a, int aRow, int aCol, double[] panels, double[] out, int from, int to, int k, int p, double scale) {
        int blocks = (to - from) / 8;
        int wide = p - p % WIDTH;
        if (blocks > 0 && wide > 0 && !worthPacking(blocks, wide)) {
            for (int b = 0; b < blocks; b++) {
                int i = from + 8 * b;
                for (int j = 0; j < wide; j += WIDTH) {
                    if (SIXTEEN_REGISTERS) {
                        fourRowsTwoVectors(a, i * aRow, aRow, aCol, panels, j * k, out, i * p + j, p, k, scale);
                        fourRowsTwoVectors(a, (i + 4) * aRow, aRow, aCol, panels, j * k, out, (i + 4) * p + j, p, k, scale);
                    } else if (aCol == 1) {
                        eightRowsTwoVectorsFromRows(a, i * aRow, aRow, panels, j * k, out, i * p + j, p, k, scale);
                    } else {
                        eightRowsTwoVectorsInPlace(a, i * aRow, aRow, aCol, panels, j * k, out, i * p + j, p, k, scale);
                    }
                }
            }
        } else if (blocks > 0 && wide > 0) {
            // Room for BLOCKS_AT_A_TIME blocks whatever this call's count: a chunk of the same product on
            // one thread rather than shared (the sharing tuner switches) must not need a bigger copy.
            int panelSize = BLOCKS_AT_A_TIME * 8 * k;
            double[] aPanels = takePanel();
            if (aPanels.length < panelSize) {
                aPanels = new double[panelSize];
            }
            for (int first = 0; first < blocks; first += BLOCKS_AT_A_TIME) {
                int count = Math.min(BLOCKS_AT_A_TIME, blocks - first);
                for (int b = 0; b < count; b++) {
                    pack(a, (from + 8 * (first + b)) * aRow, aRow, aCol, aPanels, b * 8 * k, k);
                }
                int slices = (k + DEPTH - 1) / DEPTH;
                for (int j = 0; j < wide; j += WIDTH) {
                    for (int slice = 0; slice < slices; slice++) {
                        int q0 = (int) ((long) k * slice / slices);
                        int depth = (int) ((long) k * (slice + 1) / slices) - q0;
                        boolean start = slice == 0;
                        // Partial sums are stored as they are, the last slice's times the scale.
                        double storeScale = slice == slices - 1 ? scale : 1.0;
                        for (int b = 0; b < count; b++) {
                            int i = from + 8 * (first + b);
                            int a0 = b * 8 * k + q0 * 8;
                            int b0 = j * k + q0 * WIDTH;
                            if (SIXTEEN_REGISTERS) {
                                fourRowsTwoVectorsPacked(aPanels, a0, panels, b0, out, i * p + j, p, depth, start, storeScale);
                                fourRowsTwoVectorsPacked(aPanels, a0 + 4, panels, b0, out, (i + 4) * p + j, p, depth, start, storeScale);
                            } else {
                                eightRowsTwoVectors(aPanels, a0, panels, b0, out, i * p + j, p, depth, start, storeScale);
                            }
                        }
                    }
                }
            }
            putBack(aPanels);
        }
        int i = from;
        for (; i < from + 8 * blocks; i++) {
            VectorRowTails.rowTail(a, i * aRow, aCol, panels, out, i * p, wide, k, p, scale);
        }
        for (; i + 3 < to; i += 4) {
            for (int j = 0; j < wide; j += WIDTH) {
                fourRowsTwoVectors(a, i * aRow, aRow, aCol, panels, j * k, out, i * p + j, p, k, scale);
            }
            for (int r = i; r < i + 4; r++) {
                VectorRowTails.rowTail(a, r * aRow, aCol, panels, out, r * p, wide, k, p, scale);
            }
        }
        for (; i < to; i++) {
            VectorRowTails.rowTail(a, i * aRow, aCol, panels, out, i * p, 0, k, p, scale);
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
    private static void eightRowsTwoVectorsInPlace(double[] a, int e0, int aRow, int aCol, double[] panels, int b0, double[] out, int o, int p, int k, double scale) {
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
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, panels, b0 + q * WIDTH);
            DoubleVector y1 = DoubleVector.fromArray(SPECIES, panels, b0 + q * WIDTH + LANES);
            int f = e0 + q * aCol;
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[f]);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = DoubleVector.broadcast(SPECIES, a[f + 1 * aRow]);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            x = DoubleVector.broadcast(SPECIES, a[f + 2 * aRow]);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            x = DoubleVector.broadcast(SPECIES, a[f + 3 * aRow]);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
            x = DoubleVector.broadcast(SPECIES, a[f + 4 * aRow]);
            s40 = x.fma(y0, s40);
            s41 = x.fma(y1, s41);
            x = DoubleVector.broadcast(SPECIES, a[f + 5 * aRow]);
            s50 = x.fma(y0, s50);
            s51 = x.fma(y1, s51);
            x = DoubleVector.broadcast(SPECIES, a[f + 6 * aRow]);
            s60 = x.fma(y0, s60);
            s61 = x.fma(y1, s61);
            x = DoubleVector.broadcast(SPECIES, a[f + 7 * aRow]);
            s70 = x.fma(y0, s70);
            s71 = x.fma(y1, s71);
        }
        ((DoubleVector) VECTOR.cast(s00.mul(scale))).intoArray(out, o);
        ((DoubleVector) VECTOR.cast(s01.mul(scale))).intoArray(out, o + LANES);
        ((DoubleVector) VECTOR.cast(s10.mul(scale))).intoArray(out, o + p);
        ((DoubleVector) VECTOR.cast(s11.mul(scale))).intoArray(out, o + p + LANES);
        ((DoubleVector) VECTOR.cast(s20.mul(scale))).intoArray(out, o + 2 * p);
        ((DoubleVector) VECTOR.cast(s21.mul(scale))).intoArray(out, o + 2 * p + LANES);
        ((DoubleVector) VECTOR.cast(s30.mul(scale))).intoArray(out, o + 3 * p);
        ((DoubleVector) VECTOR.cast(s31.mul(scale))).intoArray(out, o + 3 * p + LANES);
        ((DoubleVector) VECTOR.cast(s40.mul(scale))).intoArray(out, o + 4 * p);
        ((DoubleVector) VECTOR.cast(s41.mul(scale))).intoArray(out, o + 4 * p + LANES);
        ((DoubleVector) VECTOR.cast(s50.mul(scale))).intoArray(out, o + 5 * p);
        ((DoubleVector) VECTOR.cast(s51.mul(scale))).intoArray(out, o + 5 * p + LANES);
        ((DoubleVector) VECTOR.cast(s60.mul(scale))).intoArray(out, o + 6 * p);
        ((DoubleVector) VECTOR.cast(s61.mul(scale))).intoArray(out, o + 6 * p + LANES);
        ((DoubleVector) VECTOR.cast(s70.mul(scale))).intoArray(out, o + 7 * p);
        ((DoubleVector) VECTOR.cast(s71.mul(scale))).intoArray(out, o + 7 * p + LANES);
    }

    /**
     * {@link #eightRowsTwoVectorsInPlace} for A's rows stored whole (aCol 1, {@code W1 @ X}): each of
     * the 8 rows is read at its own start plus q, an index the JIT proves in bounds once before the
     * loop; with A's strides as variables it checked all 8 reads at every term.
     */
    private static void eightRowsTwoVectorsFromRows(double[] a, int e0, int aRow, double[] panels, int b0, double[] out, int o, int p, int k, double scale) {
        int r0 = e0;
        int r1 = e0 + aRow;
        int r2 = e0 + 2 * aRow;
        int r3 = e0 + 3 * aRow;
        int r4 = e0 + 4 * aRow;
        int r5 = e0 + 5 * aRow;
        int r6 = e0 + 6 * aRow;
        int r7 = e0 + 7 * aRow;
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
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, panels, b0 + q * WIDTH);
            DoubleVector y1 = DoubleVector.fromArray(SPECIES, panels, b0 + q * WIDTH + LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[r0 + q]);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = DoubleVector.broadcast(SPECIES, a[r1 + q]);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            x = DoubleVector.broadcast(SPECIES, a[r2 + q]);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            x = DoubleVector.broadcast(SPECIES, a[r3 + q]);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
            x = DoubleVector.broadcast(SPECIES, a[r4 + q]);
            s40 = x.fma(y0, s40);
            s41 = x.fma(y1, s41);
            x = DoubleVector.broadcast(SPECIES, a[r5 + q]);
            s50 = x.fma(y0, s50);
            s51 = x.fma(y1, s51);
            x = DoubleVector.broadcast(SPECIES, a[r6 + q]);
            s60 = x.fma(y0, s60);
            s61 = x.fma(y1, s61);
            x = DoubleVector.broadcast(SPECIES, a[r7 + q]);
            s70 = x.fma(y0, s70);
            s71 = x.fma(y1, s71);
        }
        ((DoubleVector) VECTOR.cast(s00.mul(scale))).intoArray(out, o);
        ((DoubleVector) VECTOR.cast(s01.mul(scale))).intoArray(out, o + LANES);
        ((DoubleVector) VECTOR.cast(s10.mul(scale))).intoArray(out, o + p);
        ((DoubleVector) VECTOR.cast(s11.mul(scale))).intoArray(out, o + p + LANES);
        ((DoubleVector) VECTOR.cast(s20.mul(scale))).intoArray(out, o + 2 * p);
        ((DoubleVector) VECTOR.cast(s21.mul(scale))).intoArray(out, o + 2 * p + LANES);
        ((DoubleVector) VECTOR.cast(s30.mul(scale))).intoArray(out, o + 3 * p);
        ((DoubleVector) VECTOR.cast(s31.mul(scale))).intoArray(out, o + 3 * p + LANES);
        ((DoubleVector) VECTOR.cast(s40.mul(scale))).intoArray(out, o + 4 * p);
        ((DoubleVector) VECTOR.cast(s41.mul(scale))).intoArray(out, o + 4 * p + LANES);
        ((DoubleVector) VECTOR.cast(s50.mul(scale))).intoArray(out, o + 5 * p);
        ((DoubleVector) VECTOR.cast(s51.mul(scale))).intoArray(out, o + 5 * p + LANES);
        ((DoubleVector) VECTOR.cast(s60.mul(scale))).intoArray(out, o + 6 * p);
        ((DoubleVector) VECTOR.cast(s61.mul(scale))).intoArray(out, o + 6 * p + LANES);
        ((DoubleVector) VECTOR.cast(s70.mul(scale))).intoArray(out, o + 7 * p);
        ((DoubleVector) VECTOR.cast(s71.mul(scale))).intoArray(out, o + 7 * p + LANES);
    }

    /**
     * Rows e0 / aRow .. + 7 of A into a panel from o on. The blocks then read A, and B's columns in
     * use, at constant strides through one array each, so the JIT drops the bounds checks of their
     * ten loads per term (with A's strides as variables it keeps them): measured on the mlp's and
     * the wide network's shapes, when B was read from arrays of its rows, a third faster than
     * reading both in place (A alone packed: a fifth).
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
    private static void eightRowsTwoVectors(double[] panel, int a0, double[] panels, int b0, double[] out, int o, int p, int k, boolean start, double scale) {
        DoubleVector s00 = start ? DoubleVector.zero(SPECIES) : DoubleVector.fromArray(SPECIES, out, o);
        DoubleVector s01 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + LANES);
        DoubleVector s10 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + p);
        DoubleVector s11 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + p + LANES);
        DoubleVector s20 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 2 * p);
        DoubleVector s21 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 2 * p + LANES);
        DoubleVector s30 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 3 * p);
        DoubleVector s31 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 3 * p + LANES);
        DoubleVector s40 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 4 * p);
        DoubleVector s41 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 4 * p + LANES);
        DoubleVector s50 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 5 * p);
        DoubleVector s51 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 5 * p + LANES);
        DoubleVector s60 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 6 * p);
        DoubleVector s61 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 6 * p + LANES);
        DoubleVector s70 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 7 * p);
        DoubleVector s71 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 7 * p + LANES);
        for (int q = 0; q < k; q++) {
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, panels, b0 + q * WIDTH);
            DoubleVector y1 = DoubleVector.fromArray(SPECIES, panels, b0 + q * WIDTH + LANES);
            int f = a0 + q * 8;
            DoubleVector x = DoubleVector.broadcast(SPECIES, panel[f]);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = DoubleVector.broadcast(SPECIES, panel[f + 1]);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            x = DoubleVector.broadcast(SPECIES, panel[f + 2]);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            x = DoubleVector.broadcast(SPECIES, panel[f + 3]);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
            x = DoubleVector.broadcast(SPECIES, panel[f + 4]);
            s40 = x.fma(y0, s40);
            s41 = x.fma(y1, s41);
            x = DoubleVector.broadcast(SPECIES, panel[f + 5]);
            s50 = x.fma(y0, s50);
            s51 = x.fma(y1, s51);
            x = DoubleVector.broadcast(SPECIES, panel[f + 6]);
            s60 = x.fma(y0, s60);
            s61 = x.fma(y1, s61);
            x = DoubleVector.broadcast(SPECIES, panel[f + 7]);
            s70 = x.fma(y0, s70);
            s71 = x.fma(y1, s71);
        }
        ((DoubleVector) VECTOR.cast(s00.mul(scale))).intoArray(out, o);
        ((DoubleVector) VECTOR.cast(s01.mul(scale))).intoArray(out, o + LANES);
        ((DoubleVector) VECTOR.cast(s10.mul(scale))).intoArray(out, o + p);
        ((DoubleVector) VECTOR.cast(s11.mul(scale))).intoArray(out, o + p + LANES);
        ((DoubleVector) VECTOR.cast(s20.mul(scale))).intoArray(out, o + 2 * p);
        ((DoubleVector) VECTOR.cast(s21.mul(scale))).intoArray(out, o + 2 * p + LANES);
        ((DoubleVector) VECTOR.cast(s30.mul(scale))).intoArray(out, o + 3 * p);
        ((DoubleVector) VECTOR.cast(s31.mul(scale))).intoArray(out, o + 3 * p + LANES);
        ((DoubleVector) VECTOR.cast(s40.mul(scale))).intoArray(out, o + 4 * p);
        ((DoubleVector) VECTOR.cast(s41.mul(scale))).intoArray(out, o + 4 * p + LANES);
        ((DoubleVector) VECTOR.cast(s50.mul(scale))).intoArray(out, o + 5 * p);
        ((DoubleVector) VECTOR.cast(s51.mul(scale))).intoArray(out, o + 5 * p + LANES);
        ((DoubleVector) VECTOR.cast(s60.mul(scale))).intoArray(out, o + 6 * p);
        ((DoubleVector) VECTOR.cast(s61.mul(scale))).intoArray(out, o + 6 * p + LANES);
        ((DoubleVector) VECTOR.cast(s70.mul(scale))).intoArray(out, o + 7 * p);
        ((DoubleVector) VECTOR.cast(s71.mul(scale))).intoArray(out, o + 7 * p + LANES);
    }

    /** {@link #eightRowsTwoVectors} for 4 of the panel's 8 rows (from a0, a0 + 4 for the others): for {@link #SIXTEEN_REGISTERS}. */
    private static void fourRowsTwoVectorsPacked(double[] panel, int a0, double[] panels, int b0, double[] out, int o, int p, int k, boolean start, double scale) {
        DoubleVector s00 = start ? DoubleVector.zero(SPECIES) : DoubleVector.fromArray(SPECIES, out, o);
        DoubleVector s01 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + LANES);
        DoubleVector s10 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + p);
        DoubleVector s11 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + p + LANES);
        DoubleVector s20 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 2 * p);
        DoubleVector s21 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 2 * p + LANES);
        DoubleVector s30 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 3 * p);
        DoubleVector s31 = start ? s00 : DoubleVector.fromArray(SPECIES, out, o + 3 * p + LANES);
        for (int q = 0; q < k; q++) {
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, panels, b0 + q * WIDTH);
            DoubleVector y1 = DoubleVector.fromArray(SPECIES, panels, b0 + q * WIDTH + LANES);
            int f = a0 + q * 8;
            DoubleVector x = DoubleVector.broadcast(SPECIES, panel[f]);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = DoubleVector.broadcast(SPECIES, panel[f + 1]);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            x = DoubleVector.broadcast(SPECIES, panel[f + 2]);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            x = DoubleVector.broadcast(SPECIES, panel[f + 3]);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
        }
        ((DoubleVector) VECTOR.cast(s00.mul(scale))).intoArray(out, o);
        ((DoubleVector) VECTOR.cast(s01.mul(scale))).intoArray(out, o + LANES);
        ((DoubleVector) VECTOR.cast(s10.mul(scale))).intoArray(out, o + p);
        ((DoubleVector) VECTOR.cast(s11.mul(scale))).intoArray(out, o + p + LANES);
        ((DoubleVector) VECTOR.cast(s20.mul(scale))).intoArray(out, o + 2 * p);
        ((DoubleVector) VECTOR.cast(s21.mul(scale))).intoArray(out, o + 2 * p + LANES);
        ((DoubleVector) VECTOR.cast(s30.mul(scale))).intoArray(out, o + 3 * p);
        ((DoubleVector) VECTOR.cast(s31.mul(scale))).intoArray(out, o + 3 * p + LANES);
    }

    private static void fourRowsTwoVectors(double[] a, int e0, int aRow, int aCol, double[] panels, int b0, double[] out, int o, int p, int k, double scale) {
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
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, panels, b0 + q * WIDTH);
            DoubleVector y1 = DoubleVector.fromArray(SPECIES, panels, b0 + q * WIDTH + LANES);
            int f = q * aCol;
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[e0 + f]);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = DoubleVector.broadcast(SPECIES, a[e1 + f]);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            x = DoubleVector.broadcast(SPECIES, a[e2 + f]);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            x = DoubleVector.broadcast(SPECIES, a[e3 + f]);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
        }
        ((DoubleVector) VECTOR.cast(s00.mul(scale))).intoArray(out, o);
        ((DoubleVector) VECTOR.cast(s01.mul(scale))).intoArray(out, o + LANES);
        ((DoubleVector) VECTOR.cast(s10.mul(scale))).intoArray(out, o + p);
        ((DoubleVector) VECTOR.cast(s11.mul(scale))).intoArray(out, o + p + LANES);
        ((DoubleVector) VECTOR.cast(s20.mul(scale))).intoArray(out, o + 2 * p);
        ((DoubleVector) VECTOR.cast(s21.mul(scale))).intoArray(out, o + 2 * p + LANES);
        ((DoubleVector) VECTOR.cast(s30.mul(scale))).intoArray(out, o + 3 * p);
        ((DoubleVector) VECTOR.cast(s31.mul(scale))).intoArray(out, o + 3 * p + LANES);
    }
}
