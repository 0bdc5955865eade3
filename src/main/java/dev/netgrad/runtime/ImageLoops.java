package dev.netgrad.runtime;

/**
 * The loops of {@link ImageKernels} on one share of the work: a block of an image result, its
 * pixel rows rowFrom .. rowTo - 1 by its columns (examples) from .. to - 1, or the rows from .. to
 * - 1 of a filter gradient. The layouts and sizes are
 * those of {@link ImageKernels}. Every entry must add its terms in the order of the course's
 * loops, starting from 0.0, each fused into the sum (s = Math.fma(x, w, s), as the matrix products
 * do, see {@link MatrixProducts}): the reference evaluator's bits. Called from several threads at once, on disjoint shares, so an
 * implementation keeps no state of a call. {@link PlainImageLoops} are the runtime's own; a tool
 * may install faster ones ({@link ImageKernels#install}).
 */
public interface ImageLoops {
    /** Pixel rows rowFrom .. rowTo - 1, columns from .. to - 1 of out (outH x outW x cOut x m) = conv2d(x, w, stride, pad). */
    void conv2d(double[] x, double[] w, double[] out, int m, int rowFrom, int rowTo, int from, int to, int h, int wd, int cIn, int f, int cOut,
            int outH, int outW, int stride, int pad);

    /** Pixel rows rowFrom .. rowTo - 1, columns from .. to - 1 of out (h x wd x cIn x m) = conv2d_input(g, w, stride, pad). */
    void conv2dInput(double[] g, double[] w, double[] out, int m, int rowFrom, int rowTo, int from, int to, int h, int wd, int cIn, int f, int cOut,
            int outH, int outW, int stride, int pad);

    /**
     * Rows from .. to - 1 of out (f*f*cIn x cOut) = conv2d_weight(x, g), from the copies that
     * {@link ImageKernels} makes for it: {@code padded}, x with its zero padding written out and
     * one example after the other (pixel (pi, pj) of the padded image, channel ci of example e at
     * {@code e * exampleStride(hp * wp * cIn) + (pi * wp + pj) * cIn + ci}, hp = h + 2 pad and wp =
     * wd + 2 pad), and {@code gByExample}, g one example after the other (position p, channel co
     * of example e at {@code e * exampleStride(outH * outW * cOut) + p * cOut + co}). Entry (r,
     * co) adds its terms example by example, then position by position; it may include the
     * positions whose pixel is padding: their term is 0 * g, which leaves a sum started at +0.0
     * as it was as long as g is finite (ImageKernels redoes the call otherwise).
     */
    void conv2dWeight(double[] padded, double[] gByExample, double[] out, int m, int from, int to, int h, int wd, int cIn,
            int f, int cOut, int outH, int outW, int stride, int pad);

    /**
     * How far apart the examples of a copy laid out example by example are, for {@code entries}
     * entries each: a cache line more when that is a multiple of 512 bytes (64 doubles), since
     * rows that far apart share cache sets and evict one another while a transpose writes them
     * column by column.
     */
    static int exampleStride(int entries) {
        return entries % 64 == 0 ? entries + 8 : entries;
    }

    /**
     * The first of a pool's windows (f rows tall, one every {@code stride} rows, from row 0) whose
     * rows reach pixel row {@code row} or below it: window oi covers rows oi stride .. oi stride + f - 1.
     */
    static int firstWindowReaching(int row, int f, int stride) {
        return Math.max(0, Math.floorDiv(row - f + stride, stride));
    }

    /** How many of a pool's windows start above pixel row {@code row} (at most the pool's outH, which the caller applies). */
    static int windowsStartingAbove(int row, int stride) {
        return (row + stride - 1) / stride;
    }

    /**
     * Pixel rows rowFrom .. rowTo - 1, columns from .. to - 1 of out (outH x outW x c x m) = maxpool(x) or avgpool(x),
     * no padding.
     */
    void pool(boolean max, double[] x, double[] out, int m, int rowFrom, int rowTo, int from, int to, int wd, int c, int f,
            int outH, int outW, int stride);

    /**
     * Pixel rows rowFrom .. rowTo - 1, columns from .. to - 1 of out (h x wd x c x m) =
     * maxpool_input(g, x): g to the first maximum of each window. Overlapping windows (stride
     * below f) reach across the rows of a block: the block reads every window that reaches its
     * rows and adds g only where the maximum falls inside them, in the windows' order.
     */
    void maxpoolInput(double[] g, double[] x, double[] out, int m, int rowFrom, int rowTo, int from, int to, int h, int wd, int c,
            int f, int outH, int outW, int stride);
}
