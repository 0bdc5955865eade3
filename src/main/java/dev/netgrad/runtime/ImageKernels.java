package dev.netgrad.runtime;

import java.util.Arrays;

/**
 * The convolution and pooling kernels of generated trainers, and their derivatives. An image
 * value of h x w x c x m is a flat (h*w*c) x m matrix, row-major, one column per example: pixel
 * (i, j), channel k of example e is entry {@code ((i * w + j) * c + k) * m + e}. A filter bank
 * f x f x cIn x cOut is a (f*f*cIn) x cOut matrix: position (a, b), input channel ci, output
 * channel co is entry {@code ((a * f + b) * cIn + ci) * cOut + co}. Every kernel writes its whole
 * result into a buffer the caller allocated, and adds the terms of each entry in the order of the
 * course's loops (as the reference evaluator does), so the results are the same bits.
 *
 * <p>The work is shared with the helper threads of the trainer's {@link MatrixProducts}: an image
 * result by its pixel rows, the filter gradient by its rows when it has work enough for them
 * ({@code MULTIPLY_ADDS_PER_COPIED_ENTRY}). One thread computes each entry whole, so the bits do
 * not depend on the number of threads. A pixel row of a result is a run of whole rows of the
 * matrix, m examples each, so two threads meet at most in the cache line at the border of their
 * blocks; shared by columns (examples), as an image with a single pixel row is, they meet in
 * every row of the matrix unless the array happens to start on a cache line, and the line that
 * both write moves between the cores all the time (the digits CNN on 2 threads ran at 85 - 122
 * thousand examples a second in some JVMs and 192 - 249 thousand in others, each for its whole
 * life, and always slowly when the JVM aligned objects so that no array started on a line). The
 * loops themselves are {@link ImageLoops}: the runtime's {@link PlainImageLoops}, or faster ones
 * that a tool {@link #install}s. Scratch buffers grow to the biggest call seen, never per step.
 */
public final class ImageKernels {
    /** The loops that new calls use; null for {@link PlainImageLoops}. */
    private static volatile ImageLoops installed;
    private static final ImageLoops PLAIN = new PlainImageLoops();
    /** Columns are shared out in blocks of this many: a whole number of SIMD vectors for each thread. */
    private static final int COLUMN_BLOCK = 8;
    /** Multiply-adds worth one "call" of {@link MatrixProducts#forEntries} (about 10 ns). */
    private static final int MULTIPLY_ADDS_PER_CALL = 40;
    /**
     * conv2d_weight is shared only when it does at least this many multiply-adds per entry of the
     * copies it makes of x and g. Each thread reads the whole of both, which the calling thread
     * has just written: its cache lines cross from one core to the other, and back when the next
     * step writes them again. Measured on 2 threads (Zen 5, 2 vCPUs), 3 x 3 filters, pad 1, against
     * the call on one thread: at batch 64, 8 x 8 x 1 to 8 channels (7 multiply-adds an entry) 1.5
     * times slower, 4 x 4 x 8 to 16 (33) 1.6 times, 8 x 8 x 16 to 16 (56) 1.13 times; 8 x 8 x 32
     * to 32 (112) 1.15 times faster, 8 x 8 x 64 to 64 (224) 1.55 times; at batch 32, 16 x 16 x 32
     * to 32 (127) 1.4 times.
     */
    private static final int MULTIPLY_ADDS_PER_COPIED_ENTRY = 80;
    /**
     * conv2d_weight writes its copy of x with the padding only while the copy holds at most this many
     * entries per entry of x (or {@code PADDED_ANY} an example, for small images): a padding far wider
     * than the image (conv2d's pad may be up to 16777216) made a copy of mostly zeros too large for
     * memory, its size wrapped around an int (an ArrayIndexOutOfBoundsException). Beyond it, the
     * course's loops skip the padding and read x in place, the same bits.
     */
    private static final long PADDED_PER_ENTRY = 16;
    private static final long PADDED_ANY = 1 << 16;

    private enum Kind { CONV2D, CONV2D_INPUT, CONV2D_WEIGHT, MAXPOOL, AVGPOOL, MAXPOOL_INPUT }

    private final MatrixProducts products;
    private final EntryRange share = this::part;
    // The call being shared: its loops, kind, operands and sizes.
    private ImageLoops loops;
    private Kind kind;
    private double[] first;
    private double[] second;
    private double[] out;
    private int m;
    private int h;
    private int wd;
    private int cIn;
    private int f;
    private int cOut;
    private int outH;
    private int outW;
    private int stride;
    private int pad;
    /** The pixel rows of the image result, and whether the shares are blocks of them or of columns. */
    private int resultRows;
    private boolean byRows;
    /** conv2d_weight's copies of x (padding written out) and of g, one example after the other. */
    private double[] padded = new double[0];
    private double[] gByExample = new double[0];

    /** Kernels that share their work with the helper threads of {@code products}. */
    public ImageKernels(MatrixProducts products) {
        this.products = products;
    }

    /**
     * Calls from now on use {@code imageLoops}, or the runtime's {@link PlainImageLoops} when it
     * is null. Both give the same bits; only the time differs.
     */
    public static void install(ImageLoops imageLoops) {
        installed = imageLoops;
    }

    /** Whether faster loops are installed (for reports of which code ran). */
    public static boolean hasInstalledLoops() {
        return installed != null;
    }

    /**
     * out (outH x outW x cOut x m) = conv2d(x, w, stride, pad): cross-correlation of the
     * zero-padded h x w x cIn image x with each f x f x cIn filter of w.
     */
    public void conv2d(double[] x, double[] w, double[] out, int m, int h, int wd, int cIn, int f, int cOut,
            int outH, int outW, int stride, int pad) {
        set(Kind.CONV2D, x, w, out, m, h, wd, cIn, f, cOut, outH, outW, stride, pad);
        shareImage(outH, (long) outH * outW * cOut * f * f * cIn);
    }

    /**
     * out (h x w x cIn x m) = conv2d_input(g, w): each entry of g (outH x outW x cOut x m) spread
     * back through the filters onto the positions it was computed from, padding cut away.
     */
    public void conv2dInput(double[] g, double[] w, double[] out, int m, int h, int wd, int cIn, int f, int cOut,
            int outH, int outW, int stride, int pad) {
        set(Kind.CONV2D_INPUT, g, w, out, m, h, wd, cIn, f, cOut, outH, outW, stride, pad);
        shareImage(h, (long) outH * outW * cOut * f * f * cIn);
    }

    /**
     * out (f x f x cIn x cOut) = conv2d_weight(x, g): the gradient of the filters, summed over
     * examples, then positions (the course's loop order). The sums run on copies of x and g laid
     * out example by example, so that a thread reads each example's pixels and channels together;
     * with x's padding written out as zeros, every row of the filters reads every position. A zero
     * term 0 * g leaves a sum that started at +0.0 as it was (a sum of doubles is -0.0 only when
     * both terms are), unless g is infinite or NaN; such a g makes an entry of the result infinite
     * or NaN too (every row reads every entry of g), and then the loops that skip the padding run.
     */
    public void conv2dWeight(double[] x, double[] g, double[] out, int m, int h, int wd, int cIn, int f, int cOut,
            int outH, int outW, int stride, int pad) {
        int hp = h + 2 * pad;
        int wp = wd + 2 * pad;
        if ((long) hp * wp * cIn > Math.max(PADDED_PER_ENTRY * h * wd * cIn, PADDED_ANY)) {
            conv2dWeightSkippingPadding(x, g, out, m, h, wd, cIn, f, cOut, outH, outW, stride, pad);
            return;
        }
        int positions = outH * outW;
        int gStride = ImageLoops.exampleStride(positions * cOut);
        gByExample = ensure(gByExample, gStride * m);
        transpose(g, positions * cOut, m, gByExample, 0, positions * cOut, 0, gStride);
        int xStride = ImageLoops.exampleStride(hp * wp * cIn);
        padded = ensure(padded, xStride * m);
        if (pad > 0) {
            Arrays.fill(padded, 0, xStride * m, 0.0);
        }
        transpose(x, h * wd * cIn, m, padded, (pad * wp + pad) * cIn, wd * cIn, wp * cIn, xStride);
        set(Kind.CONV2D_WEIGHT, padded, gByExample, out, m, h, wd, cIn, f, cOut, outH, outW, stride, pad);
        try {
            long multiplyAdds = (long) f * f * cIn * cOut * positions * m;
            if (multiplyAdds >= MULTIPLY_ADDS_PER_COPIED_ENTRY * (long) (xStride + gStride) * m) {
                products.forEntries(f * f * cIn, calls((long) m * positions * cOut), share);
            } else {
                share.compute(0, f * f * cIn);
            }
        } finally {
            this.first = null;
            this.second = null;
            this.out = null;
        }
        for (int i = 0; i < f * f * cIn * cOut; i++) {
            if (!Double.isFinite(out[i])) {
                conv2dWeightSkippingPadding(x, g, out, m, h, wd, cIn, f, cOut, outH, outW, stride, pad);
                return;
            }
        }
    }

    /** out (c x 1) = channel_sum(g): g (rows x m, rows a multiple of c) summed per channel over positions and examples. */
    public void channelSum(double[] g, double[] out, int rows, int m, int c) {
        Arrays.fill(out, 0, c, 0.0);
        for (int r = 0; r < rows; r++) {
            int k = r % c;
            for (int e = 0; e < m; e++) {
                out[k] += g[r * m + e];
            }
        }
    }

    /** out (outH x outW x c x m) = maxpool(x): {@link #pool} with {@code max} true. */
    public void maxpool(double[] x, double[] out, int m, int wd, int c, int f, int outH, int outW, int stride) {
        pool(true, x, out, m, wd, c, f, outH, outW, stride);
    }

    /** out (outH x outW x c x m) = avgpool(x): {@link #pool} with {@code max} false. */
    public void avgpool(double[] x, double[] out, int m, int wd, int c, int f, int outH, int outW, int stride) {
        pool(false, x, out, m, wd, c, f, outH, outW, stride);
    }

    /**
     * out (outH x outW x c x m) = maxpool or avgpool of x (h x w x c x m), per channel, f x f
     * windows every {@code stride} pixels, no padding.
     */
    public void pool(boolean max, double[] x, double[] out, int m, int wd, int c, int f, int outH, int outW, int stride) {
        set(max ? Kind.MAXPOOL : Kind.AVGPOOL, x, null, out, m, 0, wd, c, f, c, outH, outW, stride, 0);
        shareImage(outH, (long) outH * outW * c * f * f);
    }

    /**
     * out (h x w x c x m) = maxpool_input(g, x): each entry of g (outH x outW x c x m) sent to the
     * position of its window's maximum in x; of several equal maxima, the first in row-major order.
     */
    public void maxpoolInput(double[] g, double[] x, double[] out, int m, int h, int wd, int c, int f, int outH, int outW,
            int stride) {
        set(Kind.MAXPOOL_INPUT, g, x, out, m, h, wd, c, f, c, outH, outW, stride, 0);
        shareImage(h, (long) outH * outW * c * f * f);
    }

    /** out (h x w x c x m) = avgpool_input(g): each entry of g spread evenly over its f x f window. */
    public void avgpoolInput(double[] g, double[] out, int m, int h, int wd, int c, int f, int outH, int outW, int stride) {
        Arrays.fill(out, 0, h * wd * c * m, 0.0);
        for (int oi = 0; oi < outH; oi++) {
            for (int oj = 0; oj < outW; oj++) {
                for (int k = 0; k < c; k++) {
                    int gFrom = ((oi * outW + oj) * c + k) * m;
                    for (int a = 0; a < f; a++) {
                        for (int b = 0; b < f; b++) {
                            int o = (((oi * stride + a) * wd + oj * stride + b) * c + k) * m;
                            for (int e = 0; e < m; e++) {
                                out[o + e] += g[gFrom + e] / (f * f);
                            }
                        }
                    }
                }
            }
        }
    }

    private void set(Kind kind, double[] first, double[] second, double[] out, int m, int h, int wd, int cIn, int f, int cOut,
            int outH, int outW, int stride, int pad) {
        ImageLoops chosen = installed;
        this.loops = chosen == null ? PLAIN : chosen;
        this.kind = kind;
        this.first = first;
        this.second = second;
        this.out = out;
        this.m = m;
        this.h = h;
        this.wd = wd;
        this.cIn = cIn;
        this.f = f;
        this.cOut = cOut;
        this.outH = outH;
        this.outW = outW;
        this.stride = stride;
        this.pad = pad;
    }

    /**
     * The image result of the call set, {@code rows} pixel rows, in blocks of its pixel rows (of
     * its columns when it has only one), shared when {@code multiplyAddsPerColumn} makes it worth it.
     */
    private void shareImage(int rows, long multiplyAddsPerColumn) {
        resultRows = rows;
        byRows = rows >= 2;
        try {
            if (byRows) {
                products.forEntries(rows, calls(multiplyAddsPerColumn * m / rows), share);
            } else {
                products.forEntries((m + COLUMN_BLOCK - 1) / COLUMN_BLOCK, calls(multiplyAddsPerColumn * COLUMN_BLOCK), share);
            }
        } finally {
            this.first = null;
            this.second = null;
            this.out = null;
        }
    }

    private static int calls(long multiplyAdds) {
        return (int) Math.min(Integer.MAX_VALUE, multiplyAdds / MULTIPLY_ADDS_PER_CALL + 1);
    }

    /** One thread's share: pixel rows or blocks of columns from .. to - 1 of an image, or rows of the filter gradient. */
    private void part(int from, int to) {
        int r0 = byRows ? from : 0;
        int r1 = byRows ? to : resultRows;
        int c0 = byRows ? 0 : from * COLUMN_BLOCK;
        int c1 = byRows ? m : Math.min(m, to * COLUMN_BLOCK);
        switch (kind) {
            case CONV2D -> loops.conv2d(first, second, out, m, r0, r1, c0, c1, h, wd, cIn, f, cOut, outH, outW, stride, pad);
            case CONV2D_INPUT -> loops.conv2dInput(first, second, out, m, r0, r1, c0, c1, h, wd, cIn, f, cOut, outH, outW, stride, pad);
            case CONV2D_WEIGHT -> loops.conv2dWeight(first, second, out, m, from, to, h, wd, cIn, f, cOut, outH, outW, stride, pad);
            case MAXPOOL, AVGPOOL -> loops.pool(kind == Kind.MAXPOOL, first, out, m, r0, r1, c0, c1, wd, cIn, f, outH, outW, stride);
            case MAXPOOL_INPUT -> loops.maxpoolInput(first, second, out, m, r0, r1, c0, c1, h, wd, cIn, f, outH, outW, stride);
        }
    }

    /**
     * Row r, column e of src (rows x m) to {@code to[at(r) + e * columnStep]}, at(r) = {@code base
     * + (r / run) * runStep + r % run}: a transpose, the rows of a run landing side by side (a run
     * is one pixel row of an image, whose padded copy is wider). Eight rows at a time, example by
     * example: eight reads that each stream along a row, eight writes that fill one cache line.
     */
    private static void transpose(double[] src, int rows, int m, double[] to, int base, int run, int runStep, int columnStep) {
        int r = 0;
        for (; r + 8 <= rows; r += 8) {
            int a0 = at(r, base, run, runStep);
            int a1 = at(r + 1, base, run, runStep);
            int a2 = at(r + 2, base, run, runStep);
            int a3 = at(r + 3, base, run, runStep);
            int a4 = at(r + 4, base, run, runStep);
            int a5 = at(r + 5, base, run, runStep);
            int a6 = at(r + 6, base, run, runStep);
            int a7 = at(r + 7, base, run, runStep);
            int s = r * m;
            for (int e = 0, o = 0; e < m; e++, o += columnStep) {
                to[o + a0] = src[s + e];
                to[o + a1] = src[s + m + e];
                to[o + a2] = src[s + 2 * m + e];
                to[o + a3] = src[s + 3 * m + e];
                to[o + a4] = src[s + 4 * m + e];
                to[o + a5] = src[s + 5 * m + e];
                to[o + a6] = src[s + 6 * m + e];
                to[o + a7] = src[s + 7 * m + e];
            }
        }
        for (; r < rows; r++) {
            int a = at(r, base, run, runStep);
            for (int e = 0, o = 0; e < m; e++, o += columnStep) {
                to[o + a] = src[r * m + e];
            }
        }
    }

    private static int at(int r, int base, int run, int runStep) {
        return base + r / run * runStep + r % run;
    }

    private static double[] ensure(double[] buffer, int size) {
        return buffer.length < size ? new double[size] : buffer;
    }

    /** conv2d_weight by the course's loops, reading x in place and skipping the padding: for a g that is not finite. */
    private static void conv2dWeightSkippingPadding(double[] x, double[] g, double[] out, int m, int h, int wd, int cIn, int f,
            int cOut, int outH, int outW, int stride, int pad) {
        Arrays.fill(out, 0, f * f * cIn * cOut, 0.0);
        for (int e = 0; e < m; e++) {
            for (int oi = 0; oi < outH; oi++) {
                for (int oj = 0; oj < outW; oj++) {
                    int gFrom = (oi * outW + oj) * cOut * m + e;
                    for (int a = 0; a < f; a++) {
                        int i = oi * stride + a - pad;
                        if (i < 0 || i >= h) {
                            continue;
                        }
                        for (int b = 0; b < f; b++) {
                            int j = oj * stride + b - pad;
                            if (j < 0 || j >= wd) {
                                continue;
                            }
                            for (int ci = 0; ci < cIn; ci++) {
                                double xv = x[((i * wd + j) * cIn + ci) * m + e];
                                int o = ((a * f + b) * cIn + ci) * cOut;
                                for (int co = 0; co < cOut; co++) {
                                    out[o + co] = Math.fma(xv, g[gFrom + co * m], out[o + co]);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
