package dev.netgrad.kernels;

import static dev.netgrad.kernels.Lanes.LANES;
import static dev.netgrad.kernels.Lanes.SPECIES;

import dev.netgrad.runtime.ImageLoops;
import dev.netgrad.runtime.PlainImageLoops;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link VectorImageLoops}' pooling and max pooling's gradient: a vector of examples at a time, each
 * lane one example's window in the plain loops' order (their bits); the examples left over after
 * the last whole vector by {@link PlainImageLoops}.
 */
final class VectorPools {
    private final PlainImageLoops plain;

    VectorPools(PlainImageLoops plain) {
        this.plain = plain;
    }

    void pool(boolean max, double[] x, double[] out, int m, int rowFrom, int rowTo, int from, int to, int wd, int c, int f,
            int outH, int outW, int stride) {
        int vectorEnd = from + (to - from) / LANES * LANES;
        for (int oi = rowFrom; oi < rowTo; oi++) {
            for (int oj = 0; oj < outW; oj++) {
                for (int k = 0; k < c; k++) {
                    int o = ((oi * outW + oj) * c + k) * m;
                    int corner = ((oi * stride * wd + oj * stride) * c + k) * m;
                    for (int e = from; e < vectorEnd; e += LANES) {
                        if (max) {
                            windowMax(x, corner + e, wd, c, f, m).intoArray(out, o + e);
                        } else {
                            windowSum(x, corner + e, wd, c, f, m).div(f * f).intoArray(out, o + e);
                        }
                    }
                }
            }
        }
        if (vectorEnd < to) {
            plain.pool(max, x, out, m, rowFrom, rowTo, vectorEnd, to, wd, c, f, outH, outW, stride);
        }
    }

    /** The lanewise Math.max of a window's pixels, from -infinity, in row-major order. */
    private static DoubleVector windowMax(double[] x, int corner, int wd, int c, int f, int m) {
        DoubleVector v = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
        for (int t = 0; t < f * f; t++) {
            v = v.max(DoubleVector.fromArray(SPECIES, x, corner + ((t / f) * wd + t % f) * c * m));
        }
        return v;
    }

    /** The lanewise sum of a window's pixels, from 0.0, in row-major order. */
    private static DoubleVector windowSum(double[] x, int corner, int wd, int c, int f, int m) {
        DoubleVector v = DoubleVector.zero(SPECIES);
        for (int t = 0; t < f * f; t++) {
            v = v.add(DoubleVector.fromArray(SPECIES, x, corner + ((t / f) * wd + t % f) * c * m));
        }
        return v;
    }

    /**
     * Each lane finds its window's first maximum as the plain loop does (a later pixel wins only
     * when greater), keeping the winner's place in the window; then each pixel of the window adds
     * g in the lanes it won and +0.0 in the others, in window order, so overlapping windows add in
     * the loop's order too. Adding +0.0 changes nothing: an entry starts at +0.0 and a sum is -0.0
     * only when both its terms are. A window reaching outside the block's rows writes only the
     * pixels inside them.
     */
    void maxpoolInput(double[] g, double[] x, double[] out, int m, int rowFrom, int rowTo, int from, int to, int h, int wd,
            int c, int f, int outH, int outW, int stride) {
        int vectorEnd = from + (to - from) / LANES * LANES;
        for (int r = rowFrom * wd * c; r < rowTo * wd * c; r++) {
            Arrays.fill(out, r * m + from, r * m + vectorEnd, 0.0);
        }
        int oiEnd = Math.min(outH, ImageLoops.windowsStartingAbove(rowTo, stride));
        for (int oi = ImageLoops.firstWindowReaching(rowFrom, f, stride); oi < oiEnd; oi++) {
            // The window's rows a inside the block: tLo .. tHi - 1 of its f f pixels in row-major order.
            int tLo = Math.max(0, rowFrom - oi * stride) * f;
            int tHi = Math.min(f, rowTo - oi * stride) * f;
            for (int oj = 0; oj < outW; oj++) {
                for (int k = 0; k < c; k++) {
                    int gRow = ((oi * outW + oj) * c + k) * m;
                    int corner = ((oi * stride * wd + oj * stride) * c + k) * m;
                    for (int e = from; e < vectorEnd; e += LANES) {
                        DoubleVector best = DoubleVector.fromArray(SPECIES, x, corner + e);
                        DoubleVector place = DoubleVector.zero(SPECIES);
                        for (int t = 1; t < f * f; t++) {
                            DoubleVector v = DoubleVector.fromArray(SPECIES, x, corner + ((t / f) * wd + t % f) * c * m + e);
                            VectorMask<Double> greater = v.compare(VectorOperators.GT, best);
                            best = best.blend(v, greater);
                            place = place.blend(DoubleVector.broadcast(SPECIES, (double) t), greater);
                        }
                        DoubleVector gv = DoubleVector.fromArray(SPECIES, g, gRow + e);
                        DoubleVector zero = DoubleVector.zero(SPECIES);
                        for (int t = tLo; t < tHi; t++) {
                            int o = corner + ((t / f) * wd + t % f) * c * m + e;
                            DoubleVector sum = DoubleVector.fromArray(SPECIES, out, o);
                            VectorMask<Double> won = place.compare(VectorOperators.EQ, DoubleVector.broadcast(SPECIES, (double) t));
                            sum.add(zero.blend(gv, won)).intoArray(out, o);
                        }
                    }
                }
            }
        }
        if (vectorEnd < to) {
            plain.maxpoolInput(g, x, out, m, rowFrom, rowTo, vectorEnd, to, h, wd, c, f, outH, outW, stride);
        }
    }
}
