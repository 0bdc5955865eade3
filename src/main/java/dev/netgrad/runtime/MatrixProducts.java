package dev.netgrad.runtime;

import java.util.Arrays;

/**
 * Matrix products out = A @ B on flat row-major buffers. B is first copied, once a product, into
 * panels: strips of neighbouring columns, each stored row after row, so that the blocks that sum
 * rows of out read the rows of B they need next to each other, from one array, at constant strides
 * (the form HotSpot's C2 compiles to SIMD code, without bounds checks in the loop: {@link Panels}).
 * The loops ({@link PlainRows}) are blocked so that the part of a panel in use stays in cache.
 * Every entry still adds its terms one by one in increasing k, starting from 0, each term fused
 * into the sum (s = Math.fma(a, b, s), one rounding a term): the textbook loop's bits, whatever the
 * blocking, the number of threads or the machine, since Java defines Math.fma's result exactly.
 * Fused, because a processor with fused multiply-add units (x86 since 2013, every 64-bit ARM) does
 * one in the time of a multiply or of an add, and Intel's cores run multiplies and adds on the same
 * two units: there the unfused products ran at four fifths of the fused ones' speed
 * (bench/products.md). On a processor without such units Math.fma is computed in software and these
 * loops are many times slower. Big products share their rows with helper threads (all reading the
 * one copy of B), and so do elementwise loops heavy with exp, log or tanh ({@link #forEntries}). A
 * tool may {@link #install} a faster {@link RowKernel} for the blocked path (one using SIMD
 * instructions that plain Java cannot ask for, with panels of its own width); it must give the same
 * bits, and without one the plain loops run. The product's buffers must not be the same array as
 * out.
 */
public final class MatrixProducts {
    /**
     * Rows from .. to - 1 of out = A @ B, where A(i, q) = a[i * aRow + q * aCol], B is in panels
     * (see {@link MatrixProducts}: the columns j0 .. j0 + w - 1 at {@code panels[j0 * k + q * w + c]},
     * w = min({@link #panelWidth()}, p - j0)), and out(i, j) = out[i * p + j]. Every entry must add
     * its terms one by one in increasing q, starting from 0, each fused into the sum (Math.fma's
     * single rounding): the bits of the textbook loop; it is stored as that sum times {@code scale}
     * (one rounded multiply; by 1.0, the sum itself). Called from several threads at once, on
     * disjoint rows.
     */
    public interface RowKernel {
        /** The width of the panels of B this kernel reads: the columns one of its blocks sums at a time. */
        int panelWidth();

        /**
         * Rows {@code from} to {@code to - 1} of out = A @ B times {@code scale}, A being m x k and B in panels
         * of k x p, as the interface says.
         */
        void rows(double[] a, int aRow, int aCol, double[] panels, double[] out, int from, int to, int k, int p, double scale);

        /**
         * out (n x p) = A @ B for depths k of 1 to 4, B's rows read in place (B(q, j) = b[q * p +
         * j]), each entry ((0 + A(i, 0) B(0, j)) + A(i, 1) B(1, j)) + ...: the product of a first
         * layer with 2 inputs, say, where copying B's rows would cost more than the sums.
         */
        default void shallow(double[] a, int aRow, int aCol, double[] b, double[] out, int n, int k, int p) {
            RegisterProducts.shallow(a, aRow, aCol, b, out, n, k, p);
        }
    }

    /** How the names of the helper threads begin (netgrad-helper-1, ...), for tools that watch them. */
    public static final String HELPER_THREAD_NAME = "netgrad-helper-";

    /** The kernel that new products use for their blocked path; null for the plain loops ({@link PlainRows}). */
    private static volatile RowKernel installed;

    /** Below this width the rows are too short for SIMD: each entry is summed in a register instead. */
    private static final int NARROW = 16;
    /**
     * A shared product's rows go to the threads in whole blocks of this many (the SIMD kernel's blocks
     * of rows), and a product of fewer than two blocks stays on the calling thread: chunks cut
     * anywhere sent the wide network's last layer (10 rows) to the threads a row or two at a time,
     * each summed by the kernel's single-row tail.
     */
    private static final int ROW_BLOCK = 8;
    /** Products of fewer multiply-adds than this stay on the calling thread: sharing would cost more than it saves. */
    private static final long SHARED_WORK = 1L << 19;
    /**
     * Copies of B into panels of fewer entries than this stay on the calling thread: a copy of 16k
     * entries takes a few microseconds, and sharing it with a core far away cost 15 - 20.
     */
    private static final long SHARED_COPY = 1L << 16;
    /** Passes over fewer params than this (the optimizer's update: a few nanoseconds each) stay on the calling thread. */
    private static final long SHARED_STRIPES = 1L << 15;
    /** Elementwise loops with fewer calls of exp, log, tanh ... (about 10 ns each) than this stay on the calling thread. */
    private static final long SHARED_CALLS = 256;

    private Helpers helpers;
    /** Whether the helpers sit this out (see {@link #setSharing}). */
    private boolean alone;
    /** The kernel of the product being computed (read once a product, so all its rows use the same): the installed one or {@link PlainRows}. */
    private RowKernel kernel;
    /** B of the product being computed, in panels; grown to the biggest k x p seen, never per step. */
    private double[] panels = new double[0];
    // The product being computed: A(i, q) = a[i * aRow + q * aCol], B in panels.
    private double[] a;
    private int aRow;
    private int aCol;
    private double[] out;
    /** What each entry of the product's out is multiplied by once summed (1.0: nothing; see {@link #multiply(double[], double[], double[], int, int, int, double)}). */
    private double scale = 1.0;
    /** The rows of the product being computed: shared in blocks of {@link #ROW_BLOCK}. */
    private int rowsOfOut;
    private int k;
    private int p;
    // The elementwise loop being shared, when it is one rather than a product.
    private EntryRange entries;
    // The matrix being copied into panels while the copy is shared, panel by panel, as an
    // elementwise loop (one object for every product: no allocation): B(q, j) = packed[q * packRow + j * packCol].
    private double[] packed;
    private int packRow;
    private int packCol;
    private int packWidth;
    private final EntryRange panelRange = (from, to) -> pack(packed, packRow, packCol, packWidth, from, to);
    /** The batch whose columns products may read from its rows (see {@link BatchRows}), or null. */
    private BatchRows batch;
    /**
     * Whether each thread of the shared product under way reads B from panels of its own, which it
     * packs from the batch's rows on its first chunk (B(q, j) = columns[q * ownRow + j * ownCol]).
     * Packing the whole of B on every thread costs more copying than sharing one copy, but on cores
     * far apart it is faster: each thread reads rows that are in no other core's cache and writes
     * panels that only it reads, where a shared copy has each thread read half the panels from the
     * other core and write lines the other core read last (mlp batch 128, 2 threads: the first
     * layer's two products and their copies 730 -> 590 us a step).
     */
    private boolean ownPanels;
    private int ownRow;
    private int ownCol;
    /** Counts the products, so that a thread knows whether its own panels hold this one's B. */
    private long productCount;
    /**
     * Per thread of the helpers (0 the caller, h + 1 helper h): its own panels, kept by the thread's
     * index rather than by the thread, so that a helper restarted after idling finds them.
     */
    private OwnPanels[] own = new OwnPanels[0];

    /** A thread's own panels (grown, never per step) and the product whose B they hold. */
    private static final class OwnPanels {
        double[] panels = new double[0];
        long product = -1;
    }

    /** Products on {@code threads} threads, the caller's included (1 to {@link NetworkTrainer#MAX_THREADS}). */
    public MatrixProducts(int threads) {
        helpers = new Helpers(this, requireThreads(threads) - 1);
    }

    /** {@code threads}, refused outside 1 to {@link NetworkTrainer#MAX_THREADS} (Helpers keeps chunk indices in 16 bits). */
    private static int requireThreads(int threads) {
        if (threads < 1 || threads > NetworkTrainer.MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1 to " + NetworkTrainer.MAX_THREADS + ", found " + threads);
        }
        return threads;
    }

    /**
     * Products computed from now on use {@code rowKernel} for their blocked path, or the plain
     * loops ({@link PlainRows}) when it is null. Both give the same bits; only the time differs.
     */
    public static void install(RowKernel rowKernel) {
        installed = rowKernel;
    }

    /** Whether a {@link RowKernel} is installed (for reports of which code ran). */
    public static boolean hasInstalledKernel() {
        return installed != null;
    }

    /** The installed kernel, or the plain loops when none is. */
    private static RowKernel kernelInUse() {
        RowKernel kernel = installed;
        return kernel != null ? kernel : PlainRows.INSTANCE;
    }

    /**
     * Products whose operand is {@code batch}'s columns before they are filled read its rows: into
     * the panels of B, or into the columns first for the paths that read an operand in place.
     */
    void readRowsOf(BatchRows batch) {
        this.batch = batch;
    }

    /** Fills the batch's columns when {@code operand} is them and a path is about to read it in place. */
    private void inPlace(double[] operand) {
        if (batch != null && batch.pending(operand)) {
            batch.fill(this);
        }
    }

    /** Uses {@code threads} threads (the caller's included) for big products from now on. */
    public void setThreads(int threads) {
        if (requireThreads(threads) - 1 != helpers.count()) {
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
        multiply(a, b, out, n, k, p, 1.0);
    }

    /**
     * out (n x p) = scale * (a (n x k) @ b (k x p)): each entry's sum, once finished, times scale (one
     * rounded multiply, the bits of computing the product and then scaling it), such as a gradient's
     * 1/m. An installed {@link RowKernel} multiplies each entry where it stores it, so the scaling
     * costs no pass over out: a pass after the product, even a chunk of rows at a time while they
     * were in the summing core's cache, took 4 % of the mlp's step at batch 32 (its dW1, 800 kB).
     * The plain loops scale each chunk of rows right after summing it.
     */
    public void multiply(double[] a, double[] b, double[] out, int n, int k, int p, double scale) {
        productWithRowsOfB(a, k, 1, b, out, n, k, p, scale);
    }

    /** out (n x p) = a.T @ b, where a is k x n: a's columns are read in place. */
    public void multiplyTransA(double[] a, double[] b, double[] out, int n, int k, int p) {
        multiplyTransA(a, b, out, n, k, p, 1.0);
    }

    /** {@link #multiplyTransA(double[], double[], double[], int, int, int)} times a scale, as {@link #multiply(double[], double[], double[], int, int, int, double)} scales. */
    public void multiplyTransA(double[] a, double[] b, double[] out, int n, int k, int p, double scale) {
        productWithRowsOfB(a, 1, n, b, out, n, k, p, scale);
    }

    /**
     * out (n x p) = A @ b, A(i, q) = a[i * aRow + q * aCol] (A itself or the transpose of a), b (k x p)
     * stored row after row: the narrow, shallow or blocked path, reading the batch's columns in place
     * only on the paths that do.
     */
    private void productWithRowsOfB(double[] a, int aRow, int aCol, double[] b, double[] out, int n, int k, int p, double scale) {
        requireDistinct(a, b, out);
        inPlace(a);
        if (p < NARROW || isShallow(n, k, p)) {
            inPlace(b);
        }
        if (p < NARROW) {
            RegisterProducts.narrow(a, aRow, aCol, b, p, 1, out, n, k, p);
            scaleEntries(out, 0, n * p, scale);
        } else if (isShallow(n, k, p)) {
            shallow(a, aRow, aCol, b, out, n, k, p);
            scaleEntries(out, 0, n * p, scale);
        } else {
            run(a, aRow, aCol, b, p, 1, out, n, k, p, scale);
        }
    }

    /** Rows of out are written while A (and, on the narrow path, B) are still being read. */
    private static void requireDistinct(double[] a, double[] b, double[] out) {
        if (out == a || out == b) {
            throw new IllegalArgumentException("a product's out must be an array of its own, not one of its operands");
        }
    }

    /**
     * out[i] = scale * out[i] for i = from .. to - 1, unless scale is 1.0: the scaling of the paths
     * whose loops store plain sums (the narrow and shallow products).
     */
    private static void scaleEntries(double[] out, int from, int to, double scale) {
        if (scale != 1.0) {
            for (int i = from; i < to; i++) {
                out[i] = scale * out[i];
            }
        }
    }

    /**
     * A product of depth 4 or less that stays on this thread, such as the first layer of a
     * network with 2 inputs: copying B's rows would cost more than the sums themselves.
     */
    private static boolean isShallow(int n, int k, int p) {
        return k >= 1 && k <= 4 && (long) n * k * p < SHARED_WORK;
    }

    /** A shallow product ({@link RegisterProducts#shallow}) by the installed kernel, which may run it on SIMD registers, or in plain loops. */
    private static void shallow(double[] a, int aRow, int aCol, double[] b, double[] out, int n, int k, int p) {
        kernelInUse().shallow(a, aRow, aCol, b, out, n, k, p);
    }

    /** out (n x p) = a @ b.T, where b is p x k. */
    public void multiplyTransB(double[] a, double[] b, double[] out, int n, int k, int p) {
        multiplyTransB(a, b, out, n, k, p, 1.0);
    }

    /** {@link #multiplyTransB(double[], double[], double[], int, int, int)} times a scale, as {@link #multiply(double[], double[], double[], int, int, int, double)} scales. */
    public void multiplyTransB(double[] a, double[] b, double[] out, int n, int k, int p, double scale) {
        requireDistinct(a, b, out);
        inPlace(a);
        if (p < NARROW) {
            inPlace(b);
            RegisterProducts.narrow(a, k, 1, b, 1, k, out, n, k, p);
            scaleEntries(out, 0, n * p, scale);
        } else {
            run(a, k, 1, b, 1, k, out, n, k, p, scale);
        }
    }

    /** Whether a product of n rows, depth k and p columns has its rows shared between the threads now. */
    boolean shares(int n, int k, int p) {
        return sharing() && n >= 2 * ROW_BLOCK && (long) n * k * p >= SHARED_WORK;
    }

    /**
     * out = A @ B with A(i, q) = a[i * aRow + q * aCol] and B(q, j) = b[q * bRow + j * bCol]: B is
     * copied into panels once (shared with the helpers when big), then the rows of out are summed,
     * each thread reading the same panels; when B is a pending batch's columns and the product is
     * shared, each thread packs its own panels from the batch's rows instead ({@link #ownPanels}).
     */
    private void run(double[] a, int aRow, int aCol, double[] b, int bRow, int bCol, double[] out, int n, int k, int p, double scale) {
        this.kernel = kernelInUse();
        this.k = k;
        this.p = p;
        boolean shared = shares(n, k, p);
        if (batch != null && batch.pending(b) && !batch.fitsPanels(bRow, bCol, k, p)) {
            batch.fill(this);
        }
        productCount++;
        try {
            // Own panels were measured with the SIMD kernel (see ownPanels); the plain loops keep the shared copy.
            if (shared && kernel != PlainRows.INSTANCE && batch != null && batch.pending(b)) {
                useOwnPanels(bRow, bCol);
            } else {
                packPanels(b, bRow, bCol, shared);
            }
            this.a = a;
            this.aRow = aRow;
            this.aCol = aCol;
            this.out = out;
            this.scale = scale;
            if (shared) {
                rowsOfOut = n;
                helpers.share((n + ROW_BLOCK - 1) / ROW_BLOCK, Helpers.CHUNKS_PER_THREAD);
            } else {
                rows(0, 0, n);
            }
        } finally {
            this.a = null;
            this.out = null;
            ownPanels = false;
        }
    }

    /**
     * Each thread of the shared product under way packs B (the pending batch, B(q, j) =
     * columns[q * bRow + j * bCol]) into panels of its own ({@link #ownPanels}).
     */
    private void useOwnPanels(int bRow, int bCol) {
        int parties = helpers.count() + 1;
        if (own.length < parties) {
            OwnPanels[] grown = Arrays.copyOf(own, parties);
            for (int t = own.length; t < parties; t++) {
                grown[t] = new OwnPanels();
            }
            own = grown;
        }
        // The shared panels grow too, for the day this product runs alone (the sharing tuner
        // switches): their first growth must not fall in the middle of training.
        if (panels.length < (long) k * p) {
            panels = new double[Math.toIntExact((long) k * p)];
        }
        ownPanels = true;
        ownRow = bRow;
        ownCol = bCol;
    }

    /** Thread t's own panels of the product under way's B, packed from the batch's rows on its first chunk. */
    private double[] ownPanels(int t) {
        OwnPanels o = own[t];
        if (o.product != productCount) {
            if (o.panels.length < (long) k * p) {
                o.panels = new double[Math.toIntExact((long) k * p)];
            }
            int width = kernel.panelWidth();
            batch.pack(o.panels, width, ownRow, ownCol, k, p, 0, (p + width - 1) / width);
            o.product = productCount;
        }
        return o.panels;
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
            shareEntries(n, range);
        } else {
            range.compute(0, n);
        }
    }

    /**
     * Parts 0 .. n - 1 of {@code range} shared with the helpers, one chunk a thread (thread t's the
     * t-th): a loop's share is a few microseconds, and every further claim costs a round trip
     * between cores.
     */
    private void shareEntries(int n, EntryRange range) {
        entries = range;
        try {
            helpers.share(n, 1);
        } finally {
            entries = null;
        }
    }

    /**
     * The stripes of a pass over the params, such as the optimizer's update: {@code stripes} of them
     * (from {@link #stripes}), stripe s to cover rows about R s / S .. R (s + 1) / S - 1 of every
     * param of R rows. Stripe s runs on thread s when it is free, the thread that summed the same
     * rows of the products (see Helpers), so that each core updates the rows it has in its caches.
     */
    public void forStripes(int stripes, EntryRange range) {
        if (stripes > 1) {
            shareEntries(stripes, range);
        } else {
            range.compute(0, 1);
        }
    }

    /**
     * The stripes {@link #forStripes} should cut a pass over {@code entries} params into: the
     * threads in use, or 1 for a pass too short to gain from sharing (a small network's whole step
     * can take less than a few round trips between cores).
     */
    public int stripes(long entries) {
        return sharing() && entries >= SHARED_STRIPES ? threads() : 1;
    }

    /** Part from .. to - 1 of the work being shared, on thread t (0 the caller): entries of the loop, or blocks of rows of the product. */
    void part(int t, int from, int to) {
        if (entries != null) {
            entries.compute(from, to);
        } else {
            rows(t, from * ROW_BLOCK, Math.min(rowsOfOut, to * ROW_BLOCK));
        }
    }

    /** Rows from .. to - 1 of out; what thread t (0 the caller, h + 1 helper h) runs on its share. */
    void rows(int t, int from, int to) {
        kernel.rows(a, aRow, aCol, ownPanels ? ownPanels(t) : panels, out, from, to, k, p, scale);
    }

    /**
     * B (k x p, B(q, j) = b[q * bRow + j * bCol]) into {@link #panels}, for the kernel of this
     * product: the columns j0 .. j0 + w - 1 row after row from j0 * k on, w the kernel's panel width
     * (the last panel narrower when p is not a multiple of it). Every thread's blocks then read B at
     * constant strides from one array, the rows they need next to each other, and the copy is made
     * once a product rather than once a block of rows. A transposed B is read across and written
     * down, a pass as long as a small product's sums: a big copy is shared with the helpers, panel by
     * panel, when the product is.
     */
    private void packPanels(double[] b, int bRow, int bCol, boolean shared) {
        int width = kernel.panelWidth();
        long size = (long) k * p;
        if (panels.length < size) {
            panels = new double[Math.toIntExact(size)];
        }
        int count = (p + width - 1) / width;
        if (shared && count >= 2 && size >= SHARED_COPY) {
            packed = b;
            packRow = bRow;
            packCol = bCol;
            packWidth = width;
            try {
                shareEntries(count, panelRange);
            } finally {
                packed = null;
            }
        } else {
            pack(b, bRow, bCol, width, 0, count);
        }
    }

    /** Panels from .. to - 1 (of {@code width} columns) of the product's B (B(q, j) = b[q * bRow + j * bCol]) into {@link #panels}. */
    private void pack(double[] b, int bRow, int bCol, int width, int from, int to) {
        if (batch != null && batch.pending(b)) {
            batch.pack(panels, width, bRow, bCol, k, p, from, to);
        } else {
            Panels.pack(b, bRow, bCol, k, p, width, from, to, panels);
        }
    }

    /** The entries the panel buffer holds now (for tests of its size). */
    long bufferedEntries() {
        return panels.length;
    }
}
