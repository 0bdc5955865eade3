package dev.netgrad.runtime;

import java.util.Arrays;

/**
 * The runtime's own {@link ImageLoops}, plain Java. Each innermost loop runs along one row of
 * the images (the examples of a share) or of the filter gradient (the output channels), reading
 * and writing arrays at one index plus a fixed offset: the form HotSpot's C2 compiles to SIMD
 * code. An entry of out is summed in place, term after term in the course's order.
 */
public final class PlainImageLoops implements ImageLoops {
    /**
     * A batch of a few dozen examples makes the rows of x too short for C2's unrolled SIMD loops
     * (their scalar pre- and post-loops would do most of the work), so a block of 4 output
     * channels by 4 examples is summed in 16 registers over all the terms of the window, in (a, b,
     * ci) order, and stored once: each x entry loaded serves 4 channels, each w entry 4 examples.
     */
    @Override
    public void conv2d(double[] x, double[] w, double[] out, int m, int rowFrom, int rowTo, int from, int to, int h, int wd, int cIn,
            int f, int cOut, int outH, int outW, int stride, int pad) {
        for (int oi = rowFrom; oi < rowTo; oi++) {
            int i0 = oi * stride - pad;
            int aLo = Math.max(0, -i0);
            int aHi = Math.min(f, h - i0);
            for (int oj = 0; oj < outW; oj++) {
                int j0 = oj * stride - pad;
                int bLo = Math.max(0, -j0);
                int bHi = Math.min(f, wd - j0);
                // For each filter row a, a run of (bHi - bLo) cIn consecutive rows of x and of w.
                int run = Math.max(0, bHi - bLo) * cIn;
                int xRow = ((i0 + aLo) * wd + j0 + bLo) * cIn;
                int wRow = (aLo * f + bLo) * cIn;
                int rows = Math.max(0, aHi - aLo);
                int outRow = (oi * outW + oj) * cOut;
                int e = from;
                for (; e + 4 <= to; e += 4) {
                    int co = 0;
                    for (; co + 4 <= cOut; co += 4) {
                        convFourByFour(x, w, out, m, (outRow + co) * m + e, xRow * m + e, wRow * cOut + co, cOut, run, rows,
                                wd * cIn * m, f * cIn * cOut);
                    }
                    for (; co < cOut; co++) {
                        for (int v = e; v < e + 4; v++) {
                            convOne(x, w, out, m, (outRow + co) * m + v, xRow * m + v, wRow * cOut + co, cOut, run, rows,
                                    wd * cIn * m, f * cIn * cOut);
                        }
                    }
                }
                for (; e < to; e++) {
                    for (int co = 0; co < cOut; co++) {
                        convOne(x, w, out, m, (outRow + co) * m + e, xRow * m + e, wRow * cOut + co, cOut, run, rows,
                                wd * cIn * m, f * cIn * cOut);
                    }
                }
            }
        }
    }

    /** Out rows o .. o + 3 (channels), columns 0 .. 3 from o: x from xr and w from wr, a run of terms for each of the rows of the window. */
    private static void convFourByFour(double[] x, double[] w, double[] out, int m, int o, int xr, int wr, int cOut, int run, int rows,
            int xRowStep, int wRowStep) {
        double s00 = 0.0;
        double s01 = 0.0;
        double s02 = 0.0;
        double s03 = 0.0;
        double s10 = 0.0;
        double s11 = 0.0;
        double s12 = 0.0;
        double s13 = 0.0;
        double s20 = 0.0;
        double s21 = 0.0;
        double s22 = 0.0;
        double s23 = 0.0;
        double s30 = 0.0;
        double s31 = 0.0;
        double s32 = 0.0;
        double s33 = 0.0;
        for (int a = 0; a < rows; a++, xr += xRowStep, wr += wRowStep) {
            for (int t = 0, xt = xr, wt = wr; t < run; t++, xt += m, wt += cOut) {
                double x0 = x[xt];
                double x1 = x[xt + 1];
                double x2 = x[xt + 2];
                double x3 = x[xt + 3];
                double w0 = w[wt];
                double w1 = w[wt + 1];
                double w2 = w[wt + 2];
                double w3 = w[wt + 3];
                s00 = Math.fma(x0, w0, s00);
                s01 = Math.fma(x1, w0, s01);
                s02 = Math.fma(x2, w0, s02);
                s03 = Math.fma(x3, w0, s03);
                s10 = Math.fma(x0, w1, s10);
                s11 = Math.fma(x1, w1, s11);
                s12 = Math.fma(x2, w1, s12);
                s13 = Math.fma(x3, w1, s13);
                s20 = Math.fma(x0, w2, s20);
                s21 = Math.fma(x1, w2, s21);
                s22 = Math.fma(x2, w2, s22);
                s23 = Math.fma(x3, w2, s23);
                s30 = Math.fma(x0, w3, s30);
                s31 = Math.fma(x1, w3, s31);
                s32 = Math.fma(x2, w3, s32);
                s33 = Math.fma(x3, w3, s33);
            }
        }
        store(out, o, s00, s01, s02, s03);
        store(out, o + m, s10, s11, s12, s13);
        store(out, o + 2 * m, s20, s21, s22, s23);
        store(out, o + 3 * m, s30, s31, s32, s33);
    }

    private static void store(double[] out, int o, double s0, double s1, double s2, double s3) {
        out[o] = s0;
        out[o + 1] = s1;
        out[o + 2] = s2;
        out[o + 3] = s3;
    }

    /** One entry of out (at o): the walk of {@link #convFourByFour}. */
    private static void convOne(double[] x, double[] w, double[] out, int m, int o, int xr, int wr, int cOut, int run, int rows,
            int xRowStep, int wRowStep) {
        double s = 0.0;
        for (int a = 0; a < rows; a++, xr += xRowStep, wr += wRowStep) {
            for (int t = 0, xt = xr, wt = wr; t < run; t++, xt += m, wt += cOut) {
                s = Math.fma(x[xt], w[wt], s);
            }
        }
        out[o] = s;
    }

    /**
     * Blocked like {@link #conv2d}: 4 input channels by 4 examples of one pixel summed in 16
     * registers over the terms of every output position whose window covers the pixel, in (oi,
     * oj, co) order.
     */
    @Override
    public void conv2dInput(double[] g, double[] w, double[] out, int m, int rowFrom, int rowTo, int from, int to, int h, int wd,
            int cIn, int f, int cOut, int outH, int outW, int stride, int pad) {
        for (int i = rowFrom; i < rowTo; i++) {
            // The output rows whose windows cover pixel row i: a = i + pad - oi stride in [0, f).
            int oiLo = Math.max(0, -Math.floorDiv(-(i + pad - f + 1), stride));
            int oiHi = Math.min(outH - 1, Math.floorDiv(i + pad, stride));
            for (int j = 0; j < wd; j++) {
                int ojLo = Math.max(0, -Math.floorDiv(-(j + pad - f + 1), stride));
                int ojHi = Math.min(outW - 1, Math.floorDiv(j + pad, stride));
                int inRow = (i * wd + j) * cIn;
                int e = from;
                for (; e + 4 <= to; e += 4) {
                    int ci = 0;
                    for (; ci + 4 <= cIn; ci += 4) {
                        inputFourByFour(g, w, out, m, e, i, j, inRow, ci, cIn, f, cOut, outW, stride, pad, oiLo, oiHi, ojLo, ojHi);
                    }
                    for (; ci < cIn; ci++) {
                        for (int v = e; v < e + 4; v++) {
                            inputOne(g, w, out, m, v, i, j, inRow, ci, cIn, f, cOut, outW, stride, pad, oiLo, oiHi, ojLo, ojHi);
                        }
                    }
                }
                for (; e < to; e++) {
                    for (int ci = 0; ci < cIn; ci++) {
                        inputOne(g, w, out, m, e, i, j, inRow, ci, cIn, f, cOut, outW, stride, pad, oiLo, oiHi, ojLo, ojHi);
                    }
                }
            }
        }
    }

    private static void inputFourByFour(double[] g, double[] w, double[] out, int m, int e, int i, int j, int inRow, int ci, int cIn,
            int f, int cOut, int outW, int stride, int pad, int oiLo, int oiHi, int ojLo, int ojHi) {
        double s00 = 0.0;
        double s01 = 0.0;
        double s02 = 0.0;
        double s03 = 0.0;
        double s10 = 0.0;
        double s11 = 0.0;
        double s12 = 0.0;
        double s13 = 0.0;
        double s20 = 0.0;
        double s21 = 0.0;
        double s22 = 0.0;
        double s23 = 0.0;
        double s30 = 0.0;
        double s31 = 0.0;
        double s32 = 0.0;
        double s33 = 0.0;
        for (int oi = oiLo; oi <= oiHi; oi++) {
            int a = i + pad - oi * stride;
            for (int oj = ojLo; oj <= ojHi; oj++) {
                int b = j + pad - oj * stride;
                int gr = (oi * outW + oj) * cOut * m + e;
                int wr = ((a * f + b) * cIn + ci) * cOut;
                for (int co = 0; co < cOut; co++, gr += m, wr++) {
                    double g0 = g[gr];
                    double g1 = g[gr + 1];
                    double g2 = g[gr + 2];
                    double g3 = g[gr + 3];
                    double w0 = w[wr];
                    double w1 = w[wr + cOut];
                    double w2 = w[wr + 2 * cOut];
                    double w3 = w[wr + 3 * cOut];
                    s00 = Math.fma(w0, g0, s00);
                    s01 = Math.fma(w0, g1, s01);
                    s02 = Math.fma(w0, g2, s02);
                    s03 = Math.fma(w0, g3, s03);
                    s10 = Math.fma(w1, g0, s10);
                    s11 = Math.fma(w1, g1, s11);
                    s12 = Math.fma(w1, g2, s12);
                    s13 = Math.fma(w1, g3, s13);
                    s20 = Math.fma(w2, g0, s20);
                    s21 = Math.fma(w2, g1, s21);
                    s22 = Math.fma(w2, g2, s22);
                    s23 = Math.fma(w2, g3, s23);
                    s30 = Math.fma(w3, g0, s30);
                    s31 = Math.fma(w3, g1, s31);
                    s32 = Math.fma(w3, g2, s32);
                    s33 = Math.fma(w3, g3, s33);
                }
            }
        }
        int o = (inRow + ci) * m + e;
        store(out, o, s00, s01, s02, s03);
        store(out, o + m, s10, s11, s12, s13);
        store(out, o + 2 * m, s20, s21, s22, s23);
        store(out, o + 3 * m, s30, s31, s32, s33);
    }

    private static void inputOne(double[] g, double[] w, double[] out, int m, int e, int i, int j, int inRow, int ci, int cIn, int f,
            int cOut, int outW, int stride, int pad, int oiLo, int oiHi, int ojLo, int ojHi) {
        double s = 0.0;
        for (int oi = oiLo; oi <= oiHi; oi++) {
            int a = i + pad - oi * stride;
            for (int oj = ojLo; oj <= ojHi; oj++) {
                int b = j + pad - oj * stride;
                int gr = (oi * outW + oj) * cOut * m + e;
                int wr = ((a * f + b) * cIn + ci) * cOut;
                for (int co = 0; co < cOut; co++, gr += m, wr++) {
                    s = Math.fma(w[wr], g[gr], s);
                }
            }
        }
        out[(inRow + ci) * m + e] = s;
    }

    /**
     * The output channels of a row are few (8, 16) and each entry sums m * outH * outW terms, so
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
                            s0 = Math.fma(xv, gByExample[gr], s0);
                            s1 = Math.fma(xv, gByExample[gr + 1], s1);
                            s2 = Math.fma(xv, gByExample[gr + 2], s2);
                            s3 = Math.fma(xv, gByExample[gr + 3], s3);
                            s4 = Math.fma(xv, gByExample[gr + 4], s4);
                            s5 = Math.fma(xv, gByExample[gr + 5], s5);
                            s6 = Math.fma(xv, gByExample[gr + 6], s6);
                            s7 = Math.fma(xv, gByExample[gr + 7], s7);
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
                            s0 = Math.fma(xv, gByExample[gr], s0);
                            s1 = Math.fma(xv, gByExample[gr + 1], s1);
                            s2 = Math.fma(xv, gByExample[gr + 2], s2);
                            s3 = Math.fma(xv, gByExample[gr + 3], s3);
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
                            s = Math.fma(padded[p], gByExample[gr], s);
                        }
                    }
                }
                out[r * cOut + co] = s;
            }
        }
    }

    @Override
    public void pool(boolean max, double[] x, double[] out, int m, int rowFrom, int rowTo, int from, int to, int wd, int c, int f,
            int outH, int outW, int stride) {
        for (int oi = rowFrom; oi < rowTo; oi++) {
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
    public void maxpoolInput(double[] g, double[] x, double[] out, int m, int rowFrom, int rowTo, int from, int to, int h, int wd,
            int c, int f, int outH, int outW, int stride) {
        for (int r = rowFrom * wd * c; r < rowTo * wd * c; r++) {
            Arrays.fill(out, r * m + from, r * m + to, 0.0);
        }
        int oiEnd = Math.min(outH, ImageLoops.windowsStartingAbove(rowTo, stride));
        for (int oi = ImageLoops.firstWindowReaching(rowFrom, f, stride); oi < oiEnd; oi++) {
            for (int oj = 0; oj < outW; oj++) {
                for (int k = 0; k < c; k++) {
                    int gFrom = ((oi * outW + oj) * c + k) * m;
                    for (int e = from; e < to; e++) {
                        int best = -1;
                        int bestRow = 0;
                        double bestValue = Double.NEGATIVE_INFINITY;
                        for (int a = 0; a < f; a++) {
                            for (int b = 0; b < f; b++) {
                                int at = (((oi * stride + a) * wd + oj * stride + b) * c + k) * m + e;
                                if (best < 0 || x[at] > bestValue) {
                                    best = at;
                                    bestRow = oi * stride + a;
                                    bestValue = x[at];
                                }
                            }
                        }
                        if (bestRow >= rowFrom && bestRow < rowTo) {
                            out[best] += g[gFrom + e];
                        }
                    }
                }
            }
        }
    }
}
