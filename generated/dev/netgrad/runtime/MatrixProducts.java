package dev.netgrad.runtime;

import java.util.Arrays;
import java.util.List;

/**
 * Matrix products out = A @ B on flat row-major buffers. B's rows are first copied into arrays of
 * their own, and each row of out is summed in an array of its own, so that the innermost loop
 * reads and writes whole arrays at one index: the form HotSpot's C2 compiles to SIMD code. The
 * loops are blocked so that the rows of B in use stay in cache. Every entry still adds its terms
 * one by one in increasing k, starting from 0: the rounding of the textbook loop, whatever the
 * blocking or the number of threads. Big products share their rows with helper threads, and
 * so do elementwise loops heavy with exp, log or tanh ({@link #forEntries}). A tool may
 * {@link #install} a faster {@link RowKernel} for the blocked path (one using SIMD instructions
 * that plain Java cannot ask for); it must give the same bits, and without one the loops here run.
 */
public final class MatrixProducts {
    /**
     * Rows from .. to - 1 of out = A @ B, where A(i, q) = a[i * aRow + q * aCol] and B(q, j) =
     * bRows[q][j], written to outRows[i][0 .. p - 1]. Every entry must add its terms one by one in
     * increasing q, starting from 0, each a product rounded on its own (no fused multiply-add):
     * the bits of the textbook loop. Called from several threads at once, on disjoint rows.
     */
    public interface RowKernel {
        void rows(double[] a, int aRow, int aCol, double[][] bRows, double[][] outRows, int from, int to, int k, int p);

        /**
         * out (n x p) = A @ B for depths k of 1 to 4, B's rows read in place (B(q, j) = b[q * p +
         * j]), each entry ((0 + A(i, 0) B(0, j)) + A(i, 1) B(1, j)) + ...: the product of a first
         * layer with 2 inputs, say, where copying B's rows would cost more than the sums.
         */
        default void shallow(double[] a, int aRow, int aCol, double[] b, double[] out, int n, int k, int p) {
            shallowLoops(a, aRow, aCol, b, out, n, k, p);
        }
    }

    /** The kernel that new products use for their blocked path; null for the loops of this class. */
    private static volatile RowKernel installed;

    /** Columns of out done together... */
    private static final int COLUMN_BLOCK = 128;
    /** ...with this many rows of B: 64 kB, which stays in the L2 cache while every row of out passes. */
    private static final int DEPTH_BLOCK = 64;
    /** Below this width the rows are too short for SIMD: each entry is summed in a register instead. */
    private static final int NARROW = 16;
    /** Products of fewer multiply-adds than this stay on the calling thread: sharing would cost more than it saves. */
    private static final long SHARED_WORK = 1L << 19;
    /** Copies of B's columns of fewer entries than this stay on the calling thread. */
    private static final long SHARED_COPY = 1L << 14;
    /** Elementwise loops with fewer calls of exp, log, tanh ... (about 10 ns each) than this stay on the calling thread. */
    private static final long SHARED_CALLS = 256;

    private Helpers helpers;
    /** Whether the helpers sit this out (see {@link #setSharing}). */
    private boolean alone;
    /** The kernel of the product being computed (read once a product, so all its rows use the same). */
    private RowKernel kernel;
    private double[][] bRows = new double[0][];
    private double[][] outRows = new double[0][];
    // The product being computed: A(i, q) = a[i * aRow + q * aCol], B in bRows.
    private double[] a;
    private int aRow;
    private int aCol;
    private double[] out;
    private int k;
    private int p;
    // The elementwise loop being shared, when it is one rather than a product.
    private EntryRange entries;
    // The matrix whose columns are being copied into bRows while the copy is shared, by groups of
    // eight columns, as an elementwise loop (one object for every product: no allocation).
    private double[] columnsOf;
    private int columnsWidth;
    private int columnsDepth;
    private final EntryRange columnGroups = (from, to) -> copyColumns(columnsOf, columnsWidth, columnsDepth, from, to);

    /** Products on {@code threads} threads, the caller's included. */
    public MatrixProducts(int threads) {
        helpers = new Helpers(this, threads - 1);
    }

    /**
     * Products computed from now on use {@code rowKernel} for their blocked path, or this class's
     * own loops when it is null. Both give the same bits; only the time differs.
     */
    public static void install(RowKernel rowKernel) {
        installed = rowKernel;
    }

    /** Whether a {@link RowKernel} is installed (for reports of which code ran). */
    public static boolean hasInstalledKernel() {
        return installed != null;
    }

    /** Uses {@code threads} threads (the caller's included) for big products from now on. */
    public void setThreads(int threads) {
        if (threads - 1 != helpers.count()) {
            helpers = new Helpers(this, threads - 1);
        }
    }

    /** The threads products may use, the caller's included. */
    public int threads() {
        return helpers.count() + 1;
    }

    /**
     * Whether work is shared with the other threads from now on (true at first): false runs
     * everything on the calling thread, with the same results, for machines where sharing costs
     * more than it gains (see SharingTuner).
     */
    public void setSharing(boolean sharing) {
        this.alone = !sharing;
    }

    private boolean sharing() {
        return !alone && helpers.count() > 0;
    }

    /** The threads work is shared among now: {@link #threads()}, or 1 while sharing is off. */
    public int threadsInUse() {
        return sharing() ? threads() : 1;
    }

    /** out (n x p) = a (n x k) @ b (k x p). */
    public void multiply(double[] a, double[] b, double[] out, int n, int k, int p) {
        if (p < NARROW) {
            narrow(a, k, 1, b, p, 1, out, n, k, p);
            return;
        }
        if (isShallow(n, k, p)) {
            shallow(a, k, 1, b, out, n, k, p);
            return;
        }
        copyRows(b, k, p);
        run(a, k, 1, out, n, k, p);
    }

    /** out (n x p) = a.T @ b, where a is k x n: a's columns are read in place. */
    public void multiplyTransA(double[] a, double[] b, double[] out, int n, int k, int p) {
        if (p < NARROW) {
            narrow(a, 1, n, b, p, 1, out, n, k, p);
            return;
        }
        if (isShallow(n, k, p)) {
            shallow(a, 1, n, b, out, n, k, p);
            return;
        }
        copyRows(b, k, p);
        run(a, 1, n, out, n, k, p);
    }

    /**
     * A product of depth 4 or less that stays on this thread, such as the first layer of a
     * network with 2 inputs: copying B's rows would cost more than the sums themselves.
     */
    private static boolean isShallow(int n, int k, int p) {
        return k >= 1 && k <= 4 && (long) n * k * p < SHARED_WORK;
    }

    /**
     * out = A @ B for k <= 4, B's rows read in place (B(q, j) = b[q * p + j]): each entry's terms
     * written out, ((0 + A(i, 0) B(0, j)) + A(i, 1) B(1, j)) + ..., the textbook loop's rounding.
     */
    private static void shallow(double[] a, int aRow, int aCol, double[] b, double[] out, int n, int k, int p) {
        RowKernel kernel = installed;
        if (kernel != null) {
            kernel.shallow(a, aRow, aCol, b, out, n, k, p);
        } else {
            shallowLoops(a, aRow, aCol, b, out, n, k, p);
        }
    }

    /** {@link #shallow} in plain loops. */
    static void shallowLoops(double[] a, int aRow, int aCol, double[] b, double[] out, int n, int k, int p) {
        for (int i = 0; i < n; i++) {
            int o = i * p;
            int e = i * aRow;
            double x0 = a[e];
            double x1 = k > 1 ? a[e + aCol] : 0.0;
            double x2 = k > 2 ? a[e + 2 * aCol] : 0.0;
            double x3 = k > 3 ? a[e + 3 * aCol] : 0.0;
            switch (k) {
                case 1:
                    for (int j = 0; j < p; j++) {
                        out[o + j] = 0.0 + x0 * b[j];
                    }
                    break;
                case 2:
                    for (int j = 0; j < p; j++) {
                        out[o + j] = (0.0 + x0 * b[j]) + x1 * b[p + j];
                    }
                    break;
                case 3:
                    for (int j = 0; j < p; j++) {
                        out[o + j] = ((0.0 + x0 * b[j]) + x1 * b[p + j]) + x2 * b[2 * p + j];
                    }
                    break;
                default:
                    for (int j = 0; j < p; j++) {
                        out[o + j] = (((0.0 + x0 * b[j]) + x1 * b[p + j]) + x2 * b[2 * p + j]) + x3 * b[3 * p + j];
                    }
            }
        }
    }

    /** out (n x p) = a @ b.T, where b is p x k. */
    public void multiplyTransB(double[] a, double[] b, double[] out, int n, int k, int p) {
        if (p < NARROW) {
            narrow(a, k, 1, b, 1, k, out, n, k, p);
            return;
        }
        copyColumns(b, p, k);
        run(a, k, 1, out, n, k, p);
    }

    private void run(double[] a, int aRow, int aCol, double[] out, int n, int k, int p) {
        ensureOutRows(n, p);
        this.a = a;
        this.aRow = aRow;
        this.aCol = aCol;
        this.out = out;
        this.k = k;
        this.p = p;
        this.kernel = installed;
        try {
            if (sharing() && n >= 4 && (long) n * k * p >= SHARED_WORK) {
                helpers.share(n, Helpers.CHUNKS_PER_THREAD);
            } else {
                rows(0, n);
            }
        } finally {
            this.a = null;
            this.out = null;
        }
    }

    /**
     * The entries 0 .. n - 1 of an elementwise loop, each computing {@code callsPerEntry} calls of
     * exp, log, tanh ...: shared with the helpers when that is enough work to gain. Each entry is
     * computed alone, so the results are the same on any number of threads.
     */
    public void forEntries(int n, int callsPerEntry, EntryRange range) {
        share(n, n * (double) callsPerEntry, range);
    }

    /**
     * {@link #forEntries(int, int, EntryRange)} for a loop {@code callsInRangeLoops} of whose calls
     * per entry run in {@link Kernels}' loops over ranges: when a tool installed SIMD loops there,
     * those count a sixteenth of a call each. Such a loop costs about a sixth of the scalar one
     * (tanh: 1.0 - 1.3 ns an entry against 5 - 10), and sharing it also pulls its entries across
     * cores, so a few thousand entries stay on one thread: planar's 1,600 tanh, shared on 2 threads,
     * ran 59,000 - 123,000 iterations/s from run to run, and 105,000 - 126,000 unshared.
     */
    public void forEntries(int n, int callsPerEntry, int callsInRangeLoops, EntryRange range) {
        double calls = callsPerEntry - callsInRangeLoops + (Kernels.hasLoops() ? callsInRangeLoops / 16.0 : callsInRangeLoops);
        share(n, n * calls, range);
    }

    private void share(int n, double calls, EntryRange range) {
        if (sharing() && n >= 2 && calls >= SHARED_CALLS) {
            entries = range;
            try {
                // One chunk a thread: a loop's share is a few microseconds, and every claim of a
                // chunk moves the claim counter between cores.
                helpers.share(n, 1);
            } finally {
                entries = null;
            }
        } else {
            range.compute(0, n);
        }
    }

    /** Part from .. to - 1 of the work being shared: entries of the loop, or rows of the product. */
    void part(int from, int to) {
        if (entries != null) {
            entries.compute(from, to);
        } else {
            rows(from, to);
        }
    }

    /** Rows from .. to - 1 of out; what each thread runs on its share. */
    void rows(int from, int to) {
        if (kernel != null) {
            kernel.rows(a, aRow, aCol, bRows, outRows, from, to, k, p);
        } else {
            blockedRows(from, to);
        }
        for (int i = from; i < to; i++) {
            System.arraycopy(outRows[i], 0, out, i * p, p);
        }
    }

    /** Rows from .. to - 1 of outRows by the loops of this class. */
    private void blockedRows(int from, int to) {
        for (int i = from; i < to; i++) {
            Arrays.fill(outRows[i], 0, p, 0.0);
        }
        for (int j0 = 0; j0 < p; j0 += COLUMN_BLOCK) {
            int j1 = Math.min(p, j0 + COLUMN_BLOCK);
            for (int q0 = 0; q0 < k; q0 += DEPTH_BLOCK) {
                int q1 = Math.min(k, q0 + DEPTH_BLOCK);
                int i = from;
                for (; i + 1 < to; i += 2) {
                    addToTwoRows(i, q0, q1, j0, j1);
                }
                if (i < to) {
                    addToRow(i, q0, q1, j0, j1);
                }
            }
        }
    }

    /** Rows i and i + 1 of out, columns j0 .. j1 - 1, get the terms q0 .. q1 - 1, two at a time. */
    private void addToTwoRows(int i, int q0, int q1, int j0, int j1) {
        double[] c0 = outRows[i];
        double[] c1 = outRows[i + 1];
        int a0 = i * aRow;
        int a1 = a0 + aRow;
        int q = q0;
        for (; q + 1 < q1; q += 2) {
            double x0 = a[a0 + q * aCol];
            double x1 = a[a0 + (q + 1) * aCol];
            double z0 = a[a1 + q * aCol];
            double z1 = a[a1 + (q + 1) * aCol];
            double[] y0 = bRows[q];
            double[] y1 = bRows[q + 1];
            for (int j = j0; j < j1; j++) {
                c0[j] = (c0[j] + x0 * y0[j]) + x1 * y1[j];
                c1[j] = (c1[j] + z0 * y0[j]) + z1 * y1[j];
            }
        }
        if (q < q1) {
            double x0 = a[a0 + q * aCol];
            double z0 = a[a1 + q * aCol];
            double[] y0 = bRows[q];
            for (int j = j0; j < j1; j++) {
                c0[j] = c0[j] + x0 * y0[j];
                c1[j] = c1[j] + z0 * y0[j];
            }
        }
    }

    /** Row i of out, columns j0 .. j1 - 1, gets the terms q0 .. q1 - 1, four at a time. */
    private void addToRow(int i, int q0, int q1, int j0, int j1) {
        double[] c = outRows[i];
        int a0 = i * aRow;
        int q = q0;
        for (; q + 3 < q1; q += 4) {
            double x0 = a[a0 + q * aCol];
            double x1 = a[a0 + (q + 1) * aCol];
            double x2 = a[a0 + (q + 2) * aCol];
            double x3 = a[a0 + (q + 3) * aCol];
            double[] y0 = bRows[q];
            double[] y1 = bRows[q + 1];
            double[] y2 = bRows[q + 2];
            double[] y3 = bRows[q + 3];
            for (int j = j0; j < j1; j++) {
                c[j] = (((c[j] + x0 * y0[j]) + x1 * y1[j]) + x2 * y2[j]) + x3 * y3[j];
            }
        }
        for (; q < q1; q++) {
            double x0 = a[a0 + q * aCol];
            double[] y0 = bRows[q];
            for (int j = j0; j < j1; j++) {
                c[j] = c[j] + x0 * y0[j];
            }
        }
    }

    /**
     * A product with few columns, such as the gradient dW = dZ @ X.T of a layer with few inputs:
     * four entries at a time, each summed in a register, with B(q, j) = b[q * bRow + j * bCol].
     */
    private static void narrow(double[] a, int aRow, int aCol, double[] b, int bRow, int bCol, double[] out, int n, int k, int p) {
        int i = 0;
        for (; i + 3 < n; i += 4) {
            int j = 0;
            for (; j + 1 < p; j += 2) {
                fourRowsTwoColumns(a, i * aRow, aRow, aCol, b, j * bCol, bRow, bCol, out, i * p + j, k, p);
            }
            if (j < p) {
                fourRowsOneColumn(a, i * aRow, aRow, aCol, b, j * bCol, bRow, out, i * p + j, k, p);
            }
        }
        for (; i < n; i++) {
            int j = 0;
            for (; j + 3 < p; j += 4) {
                oneRowFourColumns(a, i * aRow, aCol, b, j * bCol, bRow, bCol, out, i * p + j, k);
            }
            for (; j < p; j++) {
                double s = 0.0;
                for (int q = 0; q < k; q++) {
                    s += a[i * aRow + q * aCol] * b[q * bRow + j * bCol];
                }
                out[i * p + j] = s;
            }
        }
    }

    /**
     * Eight entries at once: each sum is a chain of k dependent adds, so the time is the chain's
     * latency whatever the number of chains the processor overlaps (a gradient of a 2-input layer,
     * 4 x 2 sums of 400 terms, took twice as long in two passes of four).
     */
    private static void fourRowsTwoColumns(double[] a, int a0, int aRow, int aCol, double[] b, int b0, int bRow, int bCol, double[] out, int o, int k, int p) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        double t0 = 0.0;
        double t1 = 0.0;
        double t2 = 0.0;
        double t3 = 0.0;
        for (int q = 0; q < k; q++) {
            double y = b[b0 + q * bRow];
            double z = b[b0 + bCol + q * bRow];
            int e = a0 + q * aCol;
            double x0 = a[e];
            double x1 = a[e + aRow];
            double x2 = a[e + 2 * aRow];
            double x3 = a[e + 3 * aRow];
            s0 += x0 * y;
            s1 += x1 * y;
            s2 += x2 * y;
            s3 += x3 * y;
            t0 += x0 * z;
            t1 += x1 * z;
            t2 += x2 * z;
            t3 += x3 * z;
        }
        out[o] = s0;
        out[o + 1] = t0;
        out[o + p] = s1;
        out[o + p + 1] = t1;
        out[o + 2 * p] = s2;
        out[o + 2 * p + 1] = t2;
        out[o + 3 * p] = s3;
        out[o + 3 * p + 1] = t3;
    }

    private static void fourRowsOneColumn(double[] a, int a0, int aRow, int aCol, double[] b, int b0, int bRow, double[] out, int o, int k, int p) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int q = 0; q < k; q++) {
            double y = b[b0 + q * bRow];
            int e = a0 + q * aCol;
            s0 += a[e] * y;
            s1 += a[e + aRow] * y;
            s2 += a[e + 2 * aRow] * y;
            s3 += a[e + 3 * aRow] * y;
        }
        out[o] = s0;
        out[o + p] = s1;
        out[o + 2 * p] = s2;
        out[o + 3 * p] = s3;
    }

    private static void oneRowFourColumns(double[] a, int a0, int aCol, double[] b, int b0, int bRow, int bCol, double[] out, int o, int k) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int q = 0; q < k; q++) {
            double x = a[a0 + q * aCol];
            int e = b0 + q * bRow;
            s0 += x * b[e];
            s1 += x * b[e + bCol];
            s2 += x * b[e + 2 * bCol];
            s3 += x * b[e + 3 * bCol];
        }
        out[o] = s0;
        out[o + 1] = s1;
        out[o + 2] = s2;
        out[o + 3] = s3;
    }

    /** bRows[q] = row q of b (k x p). */
    private void copyRows(double[] b, int k, int p) {
        ensureBRows(k, p);
        for (int q = 0; q < k; q++) {
            System.arraycopy(b, q * p, bRows[q], 0, p);
        }
    }

    /**
     * bRows[q] = column q of b (p x k). The copy reads b across and writes B down, a pass as long
     * as a small product's sums, so a big one is shared with the helpers, in groups of eight columns.
     */
    private void copyColumns(double[] b, int p, int k) {
        ensureBRows(k, p);
        int groups = (k + 7) / 8;
        if (sharing() && groups >= 2 && (long) k * p >= SHARED_COPY) {
            columnsOf = b;
            columnsWidth = p;
            columnsDepth = k;
            entries = columnGroups;
            try {
                helpers.share(groups, 1);
            } finally {
                entries = null;
                columnsOf = null;
            }
        } else {
            copyColumns(b, p, k, 0, groups);
        }
    }

    /**
     * Groups from .. to - 1 of eight columns of b (p x k) into bRows: each row of b gives eight
     * neighbouring entries (one cache line) to eight rows of B, written one after the other.
     */
    private void copyColumns(double[] b, int p, int k, int from, int to) {
        int q = from * 8;
        int end = Math.min(k, to * 8);
        for (; q + 7 < end; q += 8) {
            double[] r0 = bRows[q];
            double[] r1 = bRows[q + 1];
            double[] r2 = bRows[q + 2];
            double[] r3 = bRows[q + 3];
            double[] r4 = bRows[q + 4];
            double[] r5 = bRows[q + 5];
            double[] r6 = bRows[q + 6];
            double[] r7 = bRows[q + 7];
            for (int j = 0; j < p; j++) {
                int s = j * k + q;
                r0[j] = b[s];
                r1[j] = b[s + 1];
                r2[j] = b[s + 2];
                r3[j] = b[s + 3];
                r4[j] = b[s + 4];
                r5[j] = b[s + 5];
                r6[j] = b[s + 6];
                r7[j] = b[s + 7];
            }
        }
        for (; q < end; q++) {
            double[] row = bRows[q];
            for (int j = 0; j < p; j++) {
                row[j] = b[j * k + q];
            }
        }
    }

    /** Room for k rows of B, p wide; rows grow to the biggest product seen, never per step. */
    private void ensureBRows(int k, int p) {
        bRows = ensureRows(bRows, k, p);
    }

    /** Room for n rows of out, p wide. */
    private void ensureOutRows(int n, int p) {
        outRows = ensureRows(outRows, n, p);
    }

    /**
     * At least {@code count} rows, the first {@code count} at least {@code width} long. Each row grows
     * on its own, so that a tall narrow product and a short wide one need the sum of their sizes, not
     * the product of the biggest sides (20000 x 32 and 1 x 20000 stay 20000 x 33, not 20000 x 20000).
     */
    /** The entries the row buffers hold now (for tests of their size). */
    long bufferedEntries() {
        long n = 0;
        for (double[][] rows : List.of(bRows, outRows)) {
            for (double[] row : rows) {
                n += row == null ? 0 : row.length;
            }
        }
        return n;
    }

    private static double[][] ensureRows(double[][] rows, int count, int width) {
        double[][] out = rows.length < count ? Arrays.copyOf(rows, count) : rows;
        for (int r = 0; r < count; r++) {
            if (out[r] == null || out[r].length < width) {
                out[r] = new double[width];
            }
        }
        return out;
    }
}
