package dev.netgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The image kernels on rectangular images, several channels, strides and paddings: the
 * convolution against the course's loops over a 4-D array, and each derivative as the adjoint of
 * its forward map (for every x and g, {@code <conv(x, w), g> = <x, conv2dInput(g, w)> = <w,
 * conv2dWeight(x, g)>}, and likewise for the pools), which fixes the derivative whatever its loops.
 */
class ImageKernelsTest {
    private static final double CLOSE = 1e-12;
    private static final ImageKernels KERNELS = new ImageKernels(new MatrixProducts(1));

    @ParameterizedTest(name = "{0} x {1} x {2}, f {3}, {4} filters, stride {5}, pad {6}, m {7}")
    @CsvSource({
        "5, 4, 2, 3, 3, 1, 1, 3",
        "6, 7, 1, 2, 2, 2, 0, 2",
        "7, 5, 3, 3, 4, 2, 2, 1",
        "4, 4, 2, 4, 1, 1, 0, 4",
        // The largest padding the language allows: conv2d_weight's padded copy of x, 2^50 entries, wrapped around an int.
        "4, 4, 1, 3, 2, 16777216, 16777216, 16",
        "3, 5, 2, 2, 3, 300, 301, 3",
    })
    void convolutionAndItsDerivatives(int h, int w, int cIn, int f, int cOut, int stride, int pad, int m) {
        SplittableRandom random = new SplittableRandom(h * 100 + w * 10 + f);
        int outH = (h + 2 * pad - f) / stride + 1;
        int outW = (w + 2 * pad - f) / stride + 1;
        double[] x = random(h * w * cIn * m, random);
        double[] filters = random(f * f * cIn * cOut, random);
        double[] g = random(outH * outW * cOut * m, random);
        double[] z = new double[outH * outW * cOut * m];
        KERNELS.conv2d(x, filters, z, m, h, w, cIn, f, cOut, outH, outW, stride, pad);
        for (int e = 0; e < m; e++) {
            for (int oi = 0; oi < outH; oi++) {
                for (int oj = 0; oj < outW; oj++) {
                    for (int co = 0; co < cOut; co++) {
                        double sum = 0;
                        for (int a = 0; a < f; a++) {
                            for (int b = 0; b < f; b++) {
                                int i = oi * stride + a - pad;
                                int j = oj * stride + b - pad;
                                for (int ci = 0; ci < cIn; ci++) {
                                    double pixel = i < 0 || i >= h || j < 0 || j >= w ? 0 : x[((i * w + j) * cIn + ci) * m + e];
                                    sum += pixel * filters[((a * f + b) * cIn + ci) * cOut + co];
                                }
                            }
                        }
                        assertEquals(sum, z[((oi * outW + oj) * cOut + co) * m + e], CLOSE * (1 + Math.abs(sum)));
                    }
                }
            }
        }
        double[] dx = filled(h * w * cIn * m);
        KERNELS.conv2dInput(g, filters, dx, m, h, w, cIn, f, cOut, outH, outW, stride, pad);
        double[] dw = filled(f * f * cIn * cOut);
        KERNELS.conv2dWeight(x, g, dw, m, h, w, cIn, f, cOut, outH, outW, stride, pad);
        double forward = dot(z, g);
        assertEquals(forward, dot(x, dx), CLOSE * (1 + Math.abs(forward)), "conv2d_input is the adjoint of conv2d in x");
        assertEquals(forward, dot(filters, dw), CLOSE * (1 + Math.abs(forward)), "conv2d_weight is the adjoint of conv2d in W");
    }

    @ParameterizedTest(name = "{0} x {1} x {2}, window {3}, stride {4}, m {5}")
    @CsvSource({
        "4, 4, 2, 2, 2, 3",
        "5, 6, 1, 3, 1, 2",
        "7, 5, 3, 3, 2, 1",
    })
    void poolsAndTheirDerivatives(int h, int w, int c, int f, int stride, int m) {
        SplittableRandom random = new SplittableRandom(h * 100 + w * 10 + f);
        int outH = (h - f) / stride + 1;
        int outW = (w - f) / stride + 1;
        double[] x = random(h * w * c * m, random);
        double[] g = random(outH * outW * c * m, random);
        double[] pooled = new double[outH * outW * c * m];
        KERNELS.avgpool(x, pooled, m, w, c, f, outH, outW, stride);
        double[] dx = filled(h * w * c * m);
        KERNELS.avgpoolInput(g, dx, m, h, w, c, f, outH, outW, stride);
        double forward = dot(pooled, g);
        assertEquals(forward, dot(x, dx), CLOSE * (1 + Math.abs(forward)), "avgpool_input is the adjoint of avgpool");

        KERNELS.maxpool(x, pooled, m, w, c, f, outH, outW, stride);
        dx = filled(h * w * c * m);
        KERNELS.maxpoolInput(g, x, dx, m, h, w, c, f, outH, outW, stride);
        // Near x, the max pool is linear: it reads the maximum of each window.
        forward = dot(pooled, g);
        assertEquals(forward, dot(x, dx), CLOSE * (1 + Math.abs(forward)), "maxpool_input is the adjoint of the max pool at x");
    }

    @ParameterizedTest(name = "ties: {0}")
    @CsvSource({"0.0", "-1.5", "2.0"})
    void aTiedWindowSendsItsGradientToTheFirstMaximumInRowMajorOrder(double value) {
        // One 2 x 2 window, one channel, one example, every entry equal.
        double[] x = {value, value, value, value};
        double[] pooled = new double[1];
        KERNELS.maxpool(x, pooled, 1, 2, 1, 2, 1, 1, 2);
        assertEquals(value, pooled[0]);
        double[] dx = filled(4);
        KERNELS.maxpoolInput(new double[] {3.0}, x, dx, 1, 2, 2, 1, 2, 1, 1, 2);
        assertArrayEquals(new double[] {3.0, 0, 0, 0}, dx);
    }

    @ParameterizedTest(name = "{0} channels")
    @CsvSource({"1", "3"})
    void channelSumAddsEveryPositionAndExampleOfEachChannel(int c) {
        SplittableRandom random = new SplittableRandom(c);
        int rows = 4 * c;
        int m = 3;
        double[] g = random(rows * m, random);
        double[] out = filled(c);
        KERNELS.channelSum(g, out, rows, m, c);
        for (int k = 0; k < c; k++) {
            double sum = 0;
            for (int r = k; r < rows; r += c) {
                for (int e = 0; e < m; e++) {
                    sum += g[r * m + e];
                }
            }
            assertEquals(sum, out[k], CLOSE * (1 + Math.abs(sum)));
        }
    }

    private static double[] random(int n, SplittableRandom random) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextDouble(-1, 1);
        }
        return out;
    }

    /** A buffer holding garbage: a kernel must overwrite all of its result. */
    private static double[] filled(int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, 1e6);
        return out;
    }

    private static double dot(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
