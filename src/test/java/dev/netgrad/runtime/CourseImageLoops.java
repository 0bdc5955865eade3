package dev.netgrad.runtime;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The image kernels as the runtime first wrote them, one plain loop nest each, kept here as the
 * reference that the shared, blocked and SIMD loops of {@link ImageKernels} must match bit for
 * bit: each entry adds its terms in the order of the course's loops, each fused into the sum
 * (Math.fma), skipping the padding.
 */
public final class CourseImageLoops {
    private CourseImageLoops() {
    }

    /**
     * out (outH x outW x cOut x m) = conv2d(x, w, stride, pad): cross-correlation of the
     * zero-padded h x w x cIn image x with each f x f x cIn filter of w.
     */
    public static void conv2d(double[] x, double[] w, double[] out, int m, int h, int wd, int cIn, int f, int cOut,
            int outH, int outW, int stride, int pad) {
        Arrays.fill(out, 0, outH * outW * cOut * m, 0.0);
        for (int oi = 0; oi < outH; oi++) {
            for (int oj = 0; oj < outW; oj++) {
                int outRow = (oi * outW + oj) * cOut;
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
                            int xFrom = ((i * wd + j) * cIn + ci) * m;
                            int wFrom = ((a * f + b) * cIn + ci) * cOut;
                            for (int co = 0; co < cOut; co++) {
                                double wv = w[wFrom + co];
                                int o = (outRow + co) * m;
                                for (int e = 0; e < m; e++) {
                                    out[o + e] = Math.fma(x[xFrom + e], wv, out[o + e]);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * out (h x w x cIn x m) = conv2d_input(g, w): each entry of g (outH x outW x cOut x m) spread
     * back through the filters onto the positions it was computed from, padding cut away.
     */
    public static void conv2dInput(double[] g, double[] w, double[] out, int m, int h, int wd, int cIn, int f, int cOut,
            int outH, int outW, int stride, int pad) {
        Arrays.fill(out, 0, h * wd * cIn * m, 0.0);
        for (int oi = 0; oi < outH; oi++) {
            for (int oj = 0; oj < outW; oj++) {
                for (int co = 0; co < cOut; co++) {
                    int gFrom = ((oi * outW + oj) * cOut + co) * m;
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
                                double wv = w[((a * f + b) * cIn + ci) * cOut + co];
                                int o = ((i * wd + j) * cIn + ci) * m;
                                for (int e = 0; e < m; e++) {
                                    out[o + e] = Math.fma(wv, g[gFrom + e], out[o + e]);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * out (f x f x cIn x cOut) = conv2d_weight(x, g): the gradient of the filters, summed over
     * positions and examples (example by example, as the course's loops).
     */
    static void conv2dWeight(double[] x, double[] g, double[] out, int m, int h, int wd, int cIn, int f, int cOut,
            int outH, int outW, int stride, int pad) {
        Arrays.fill(out, 0, f * f * cIn * cOut, 0.0);
        // Each entry adds its terms example by example, then position by position (the course's
        // loop order); the output channels innermost only make the loop shorter to write out.
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

    /** out (c x 1) = channel_sum(g): g (rows x m, rows a multiple of c) summed per channel over positions and examples. */
    static void channelSum(double[] g, double[] out, int rows, int m, int c) {
        Arrays.fill(out, 0, c, 0.0);
        for (int r = 0; r < rows; r++) {
            int k = r % c;
            for (int e = 0; e < m; e++) {
                out[k] += g[r * m + e];
            }
        }
    }

    /**
     * out (outH x outW x c x m) = maxpool or avgpool of x (h x w x c x m), per channel, f x f
     * windows every {@code stride} pixels, no padding.
     */
    public static void pool(boolean max, double[] x, double[] out, int m, int wd, int c, int f, int outH, int outW, int stride) {
        for (int oi = 0; oi < outH; oi++) {
            for (int oj = 0; oj < outW; oj++) {
                for (int k = 0; k < c; k++) {
                    int o = ((oi * outW + oj) * c + k) * m;
                    Arrays.fill(out, o, o + m, max ? Double.NEGATIVE_INFINITY : 0.0);
                    for (int a = 0; a < f; a++) {
                        for (int b = 0; b < f; b++) {
                            int from = (((oi * stride + a) * wd + oj * stride + b) * c + k) * m;
                            for (int e = 0; e < m; e++) {
                                out[o + e] = max ? Math.max(out[o + e], x[from + e]) : out[o + e] + x[from + e];
                            }
                        }
                    }
                    if (!max) {
                        for (int e = 0; e < m; e++) {
                            out[o + e] = out[o + e] / (f * f);
                        }
                    }
                }
            }
        }
    }

    /**
     * out (h x w x c x m) = maxpool_input(g, x): each entry of g (outH x outW x c x m) sent to the
     * position of its window's maximum in x; of several equal maxima, the first in row-major order.
     */
    public static void maxpoolInput(double[] g, double[] x, double[] out, int m, int h, int wd, int c, int f, int outH, int outW,
            int stride) {
        Arrays.fill(out, 0, h * wd * c * m, 0.0);
        for (int oi = 0; oi < outH; oi++) {
            for (int oj = 0; oj < outW; oj++) {
                for (int k = 0; k < c; k++) {
                    int gFrom = ((oi * outW + oj) * c + k) * m;
                    for (int e = 0; e < m; e++) {
                        int best = -1;
                        double bestValue = Double.NEGATIVE_INFINITY;
                        for (int a = 0; a < f; a++) {
                            for (int b = 0; b < f; b++) {
                                int at = (((oi * stride + a) * wd + oj * stride + b) * c + k) * m + e;
                                if (best < 0 || x[at] > bestValue) {
                                    best = at;
                                    bestValue = x[at];
                                }
                            }
                        }
                        out[best] += g[gFrom + e];
                    }
                }
            }
        }
    }

    /** out (h x w x c x m) = avgpool_input(g): each entry of g spread evenly over its f x f window. */
    static void avgpoolInput(double[] g, double[] out, int m, int h, int wd, int c, int f, int outH, int outW, int stride) {
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

    /** {@code n} values drawn uniformly from [-1, 1): the inputs the image kernels' tests and benchmark run on. */
    public static double[] values(int n, SplittableRandom random) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextDouble(-1, 1);
        }
        return out;
    }
}
