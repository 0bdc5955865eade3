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

    @Override
    public void conv2dWeight(double[] padded, double[] gByExample, double[] out, int m, int from, int to, int h, int wd, int cIn,
            int f, int cOut, int outH, int outW, int stride, int pad) {
        int hp = h + 2 * pad;
        int wp = wd + 2 * pad;
        int xStride = ImageLoops.exampleStride(hp * wp * cIn);
        int gStride = ImageLoops.exampleStride(outH * outW * cOut);
        for (int r = from; r < to; r++) {
            int a = r / (f * cIn);
            int b = r / cIn % f;
            int ci = r % cIn;
            int o = r * cOut;
            Arrays.fill(out, o, o + cOut, 0.0);
            for (int e = 0; e < m; e++) {
                for (int oi = 0; oi < outH; oi++) {
                    for (int oj = 0; oj < outW; oj++) {
                        double xv = padded[e * xStride + ((oi * stride + a) * wp + oj * stride + b) * cIn + ci];
                        int gFrom = e * gStride + (oi * outW + oj) * cOut;
                        for (int co = 0; co < cOut; co++) {
                            out[o + co] += xv * gByExample[gFrom + co];
                        }
                    }
                }
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
