package dev.netgrad.runtime;

import java.util.Arrays;

/**
 * The runtime's own {@link ImageLoops}, plain Java. Each innermost loop runs along one row of
 * the images (the examples of a share) or of the filter gradient (the output channels), reading
 * and writing arrays at one index plus a fixed offset: the form HotSpot's C2 compiles to SIMD
 * code. An entry of out is summed in place, term after term in the course's order.
 */
public final class PlainImageLoops implements ImageLoops {
    @Override
    public void conv2d(double[] x, double[] w, double[] out, int m, int from, int to, int h, int wd, int cIn, int f, int cOut,
            int outH, int outW, int stride, int pad) {
        for (int oi = 0; oi < outH; oi++) {
            for (int oj = 0; oj < outW; oj++) {
                int outRow = (oi * outW + oj) * cOut;
                for (int co = 0; co < cOut; co++) {
                    int o = (outRow + co) * m;
                    Arrays.fill(out, o + from, o + to, 0.0);
                }
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
                                for (int e = from; e < to; e++) {
                                    out[o + e] += x[xFrom + e] * wv;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void conv2dInput(double[] g, double[] w, double[] out, int m, int from, int to, int h, int wd, int cIn, int f, int cOut,
            int outH, int outW, int stride, int pad) {
        for (int r = 0; r < h * wd * cIn; r++) {
            Arrays.fill(out, r * m + from, r * m + to, 0.0);
        }
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
                                for (int e = from; e < to; e++) {
                                    out[o + e] += wv * g[gFrom + e];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The output channels of a row are few (8, 16) and each entry sums m · outH · outW terms, so
     * rather than a short SIMD loop over the channels at every term, eight (then four, then one)
     * entries of a row are summed in registers over all their terms, independent sums that keep
     * the adders busy, and stored once.
     */
    @Override
    public void conv2dWeight(double[] padded, double[] gByExample, double[] out, int m, int from, int to, int h, int wd, int cIn,
            int f, int cOut, int outH, int outW, int stride, int pad) {
        int hp = h + 2 * pad;
        int wp = wd + 2 * pad;
        int xStride = ImageLoops.exampleStride(hp * wp * cIn);
        int gStride = ImageLoops.exampleStride(outH * outW * cOut);
        for (int r = from; r < to; r++) {
            int x0 = (r / (f * cIn) * wp + r / cIn % f) * cIn + r % cIn;
            int co = 0;
            for (; co + 8 <= cOut; co += 8) {
                double s0 = 0.0;
                double s1 = 0.0;
                double s2 = 0.0;
                double s3 = 0.0;
                double s4 = 0.0;
                double s5 = 0.0;
                double s6 = 0.0;
                double s7 = 0.0;
                for (int e = 0; e < m; e++) {
                    for (int oi = 0; oi < outH; oi++) {
                        int p = e * xStride + oi * stride * wp * cIn + x0;
                        int gr = e * gStride + oi * outW * cOut + co;
                        for (int oj = 0; oj < outW; oj++, p += stride * cIn, gr += cOut) {
                            double xv = padded[p];
                            s0 += xv * gByExample[gr];
                            s1 += xv * gByExample[gr + 1];
                            s2 += xv * gByExample[gr + 2];
                            s3 += xv * gByExample[gr + 3];
                            s4 += xv * gByExample[gr + 4];
                            s5 += xv * gByExample[gr + 5];
                            s6 += xv * gByExample[gr + 6];
                            s7 += xv * gByExample[gr + 7];
                        }
                    }
                }
                int o = r * cOut + co;
                out[o] = s0;
                out[o + 1] = s1;
                out[o + 2] = s2;
                out[o + 3] = s3;
                out[o + 4] = s4;
                out[o + 5] = s5;
                out[o + 6] = s6;
                out[o + 7] = s7;
            }
            for (; co + 4 <= cOut; co += 4) {
                double s0 = 0.0;
                double s1 = 0.0;
                double s2 = 0.0;
                double s3 = 0.0;
                for (int e = 0; e < m; e++) {
                    for (int oi = 0; oi < outH; oi++) {
                        int p = e * xStride + oi * stride * wp * cIn + x0;
                        int gr = e * gStride + oi * outW * cOut + co;
                        for (int oj = 0; oj < outW; oj++, p += stride * cIn, gr += cOut) {
                            double xv = padded[p];
                            s0 += xv * gByExample[gr];
                            s1 += xv * gByExample[gr + 1];
                            s2 += xv * gByExample[gr + 2];
                            s3 += xv * gByExample[gr + 3];
                        }
                    }
                }
                int o = r * cOut + co;
                out[o] = s0;
                out[o + 1] = s1;
                out[o + 2] = s2;
                out[o + 3] = s3;
            }
            for (; co < cOut; co++) {
                double s = 0.0;
                for (int e = 0; e < m; e++) {
                    for (int oi = 0; oi < outH; oi++) {
                        int p = e * xStride + oi * stride * wp * cIn + x0;
                        int gr = e * gStride + oi * outW * cOut + co;
                        for (int oj = 0; oj < outW; oj++, p += stride * cIn, gr += cOut) {
                            s += padded[p] * gByExample[gr];
                        }
                    }
                }
                out[r * cOut + co] = s;
            }
        }
    }

    @Override
    public void pool(boolean max, double[] x, double[] out, int m, int from, int to, int wd, int c, int f, int outH, int outW,
            int stride) {
        for (int oi = 0; oi < outH; oi++) {
            for (int oj = 0; oj < outW; oj++) {
                for (int k = 0; k < c; k++) {
                    int o = ((oi * outW + oj) * c + k) * m;
                    Arrays.fill(out, o + from, o + to, max ? Double.NEGATIVE_INFINITY : 0.0);
                    for (int a = 0; a < f; a++) {
                        for (int b = 0; b < f; b++) {
                            int x0 = (((oi * stride + a) * wd + oj * stride + b) * c + k) * m;
                            if (max) {
                                for (int e = from; e < to; e++) {
                                    out[o + e] = Math.max(out[o + e], x[x0 + e]);
                                }
                            } else {
                                for (int e = from; e < to; e++) {
                                    out[o + e] = out[o + e] + x[x0 + e];
                                }
                            }
                        }
                    }
                    if (!max) {
                        for (int e = from; e < to; e++) {
                            out[o + e] = out[o + e] / (f * f);
                        }
                    }
                }
            }
        }
    }

    @Override
    public void maxpoolInput(double[] g, double[] x, double[] out, int m, int from, int to, int h, int wd, int c, int f, int outH,
            int outW, int stride) {
        for (int r = 0; r < h * wd * c; r++) {
            Arrays.fill(out, r * m + from, r * m + to, 0.0);
        }
        for (int oi = 0; oi < outH; oi++) {
            for (int oj = 0; oj < outW; oj++) {
                for (int k = 0; k < c; k++) {
                    int gFrom = ((oi * outW + oj) * c + k) * m;
                    for (int e = from; e < to; e++) {
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
}
