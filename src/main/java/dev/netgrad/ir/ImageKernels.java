package dev.netgrad.ir;

/**
 * The evaluator's loops for convolution and pooling and their derivatives, written as the
 * course's loops over examples, positions and channels. An image matrix holds pixel (i, j),
 * channel k of example e at row {@code (i * w + j) * c + k}, column e; a filter bank holds
 * filter position (a, b), input channel ci and output channel co at row {@code (a * f + b) * c_in + ci},
 * column co.
 */
final class ImageKernels {
    private ImageKernels() {
    }

    /** {@code conv2d}: cross-correlation with zero padding. */
    static Matrix conv(Matrix x, Shape.Grid in, Matrix w, Shape.Grid filters, Shape.Grid out, int stride, int pad) {
        int m = x.cols();
        int f = filters.h();
        Matrix z = Matrix.zeros(out.size(), m);
        for (int e = 0; e < m; e++) {
            for (int oi = 0; oi < out.h(); oi++) {
                for (int oj = 0; oj < out.w(); oj++) {
                    for (int co = 0; co < out.c(); co++) {
                        double sum = 0;
                        for (int a = 0; a < f; a++) {
                            int i = oi * stride + a - pad;
                            for (int b = 0; b < f; b++) {
                                int j = oj * stride + b - pad;
                                if (i < 0 || i >= in.h() || j < 0 || j >= in.w()) {
                                    continue;
                                }
                                for (int ci = 0; ci < in.c(); ci++) {
                                    sum = Math.fma(x.get(in.row(i, j, ci), e), w.get(filters.row(a, b, ci), co), sum);
                                }
                            }
                        }
                        z.set(out.row(oi, oj, co), e, sum);
                    }
                }
            }
        }
        return z;
    }

    /** {@code conv2d_input}: {@code dA_prev += W * dZ[h, w, c]}, padding cut away. */
    static Matrix convInput(Matrix g, Shape.Grid out, Matrix w, Shape.Grid filters, Shape.Grid in, int stride, int pad) {
        int m = g.cols();
        int f = filters.h();
        Matrix da = Matrix.zeros(in.size(), m);
        for (int e = 0; e < m; e++) {
            for (int oi = 0; oi < out.h(); oi++) {
                for (int oj = 0; oj < out.w(); oj++) {
                    for (int co = 0; co < out.c(); co++) {
                        double d = g.get(out.row(oi, oj, co), e);
                        for (int a = 0; a < f; a++) {
                            int i = oi * stride + a - pad;
                            for (int b = 0; b < f; b++) {
                                int j = oj * stride + b - pad;
                                if (i < 0 || i >= in.h() || j < 0 || j >= in.w()) {
                                    continue;
                                }
                                for (int ci = 0; ci < in.c(); ci++) {
                                    int r = in.row(i, j, ci);
                                    da.set(r, e, Math.fma(w.get(filters.row(a, b, ci), co), d, da.get(r, e)));
                                }
                            }
                        }
                    }
                }
            }
        }
        return da;
    }

    /** {@code conv2d_weight}: {@code dW += a_slice * dZ[h, w, c]}, summed over positions and examples. */
    static Matrix convWeight(Matrix x, Shape.Grid in, Matrix g, Shape.Grid out, Shape.Grid filters, int stride, int pad) {
        int m = x.cols();
        int f = filters.h();
        Matrix dw = Matrix.zeros(filters.size(), out.c());
        for (int e = 0; e < m; e++) {
            for (int oi = 0; oi < out.h(); oi++) {
                for (int oj = 0; oj < out.w(); oj++) {
                    for (int co = 0; co < out.c(); co++) {
                        double d = g.get(out.row(oi, oj, co), e);
                        for (int a = 0; a < f; a++) {
                            int i = oi * stride + a - pad;
                            for (int b = 0; b < f; b++) {
                                int j = oj * stride + b - pad;
                                if (i < 0 || i >= in.h() || j < 0 || j >= in.w()) {
                                    continue;
                                }
                                for (int ci = 0; ci < in.c(); ci++) {
                                    int r = filters.row(a, b, ci);
                                    dw.set(r, co, Math.fma(x.get(in.row(i, j, ci), e), d, dw.get(r, co)));
                                }
                            }
                        }
                    }
                }
            }
        }
        return dw;
    }

    /** {@code channel_sum}: {@code db += dZ[h, w, c]}. */
    static Matrix channelSum(Matrix g, Shape.Grid grid) {
        Matrix out = Matrix.zeros(grid.c(), 1);
        for (int r = 0; r < g.rows(); r++) {
            for (int e = 0; e < g.cols(); e++) {
                out.data()[r % grid.c()] += g.get(r, e);
            }
        }
        return out;
    }

    /** {@code maxpool} or {@code avgpool}, per channel. */
    static Matrix pool(boolean max, Matrix x, Shape.Grid in, Shape.Grid out, int f, int stride) {
        int m = x.cols();
        Matrix p = Matrix.zeros(out.size(), m);
        for (int e = 0; e < m; e++) {
            for (int oi = 0; oi < out.h(); oi++) {
                for (int oj = 0; oj < out.w(); oj++) {
                    for (int k = 0; k < out.c(); k++) {
                        double v = max ? Double.NEGATIVE_INFINITY : 0;
                        for (int a = 0; a < f; a++) {
                            for (int b = 0; b < f; b++) {
                                double xv = x.get(in.row(oi * stride + a, oj * stride + b, k), e);
                                v = max ? Math.max(v, xv) : v + xv;
                            }
                        }
                        p.set(out.row(oi, oj, k), e, max ? v : v / (f * f));
                    }
                }
            }
        }
        return p;
    }

    /**
     * {@code maxpool_input} (x given) or {@code avgpool_input} (x null): each entry of g to its
     * window's first maximum in row-major order, or spread evenly over the window.
     */
    static Matrix poolInput(Matrix g, Shape.Grid out, Matrix x, Shape.Grid in, int f, int stride) {
        int m = g.cols();
        Matrix da = Matrix.zeros(in.size(), m);
        for (int e = 0; e < m; e++) {
            for (int oi = 0; oi < out.h(); oi++) {
                for (int oj = 0; oj < out.w(); oj++) {
                    for (int k = 0; k < out.c(); k++) {
                        double d = g.get(out.row(oi, oj, k), e);
                        if (x == null) {
                            for (int a = 0; a < f; a++) {
                                for (int b = 0; b < f; b++) {
                                    int r = in.row(oi * stride + a, oj * stride + b, k);
                                    da.set(r, e, da.get(r, e) + d / (f * f));
                                }
                            }
                            continue;
                        }
                        int best = -1;
                        double bestValue = Double.NEGATIVE_INFINITY;
                        for (int a = 0; a < f; a++) {
                            for (int b = 0; b < f; b++) {
                                int r = in.row(oi * stride + a, oj * stride + b, k);
                                if (best < 0 || x.get(r, e) > bestValue) {
                                    best = r;
                                    bestValue = x.get(r, e);
                                }
                            }
                        }
                        da.set(best, e, da.get(best, e) + d);
                    }
                }
            }
        }
        return da;
    }
}
