package dev.netgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.kernels.VectorKernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The image kernels give the bits of the course's plain loops ({@link CourseImageLoops}) on the
 * runtime's own loops and on the Vector API's, on 1, 2 and 3 threads: shapes with strides 1 to 3,
 * paddings 0 to 2, batches shorter than a vector, odd and long enough to share, channel counts
 * that are no multiple of the blocks of 4, and values that test the edges (ties, -0.0, NaN).
 * assertArrayEquals compares doubles by their bits: -0.0 is not 0.0 there.
 */
class ImageLoopsTest {
    // VectorKernels installs the elementwise loops (Kernels) too: later test classes in this JVM expect the plain
    // ones of all three, as ProductsTest and BatchRowsTest leave them.
    @AfterEach
    void uninstall() {
        ImageKernels.install(null);
        MatrixProducts.install(null);
        Kernels.install(null);
    }

    @ParameterizedTest(name = "vector API: {0}")
    @ValueSource(booleans = {false, true})
    void everyKernelGivesTheCourseLoopsBitsOnAnyNumberOfThreads(boolean vector) {
        if (vector) {
            assertTrue(VectorKernels.installIfAvailable(), "the tests' JVM has no jdk.incubator.vector");
        }
        // h, w, cIn, f, cOut, stride, pad, m
        int[][] shapes = {
            {8, 8, 1, 3, 8, 1, 1, 64}, {4, 4, 8, 3, 16, 1, 1, 64}, {5, 4, 2, 3, 3, 1, 1, 3}, {6, 7, 1, 2, 2, 2, 0, 2},
            {7, 5, 3, 3, 4, 2, 2, 1}, {4, 4, 2, 4, 1, 1, 0, 4}, {9, 7, 5, 3, 6, 2, 1, 37}, {6, 6, 6, 5, 17, 1, 2, 19},
            {7, 9, 4, 3, 24, 3, 1, 50}, {5, 5, 9, 1, 5, 2, 0, 7}, {10, 10, 3, 3, 16, 1, 0, 16}, {3, 3, 2, 3, 9, 1, 2, 33},
            // conv2d_weight with work enough to share: 112 multiply-adds an entry of its copies
            {8, 8, 32, 3, 32, 1, 1, 16},
        };
        SplittableRandom random = new SplittableRandom(11);
        for (int[] s : shapes) {
            for (int threads = 1; threads <= 3; threads++) {
                checkConvolution(new ImageKernels(new MatrixProducts(threads)), s, random);
            }
        }
        // h, w, c, f, stride, m: windows that tile, overlap (stride 1) or leave pixels out (stride 3)
        int[][] pools = {
            {8, 8, 8, 2, 2, 64}, {4, 4, 16, 2, 2, 64}, {5, 6, 1, 3, 1, 2}, {7, 5, 3, 3, 2, 17}, {9, 9, 5, 2, 3, 41},
            {6, 6, 3, 3, 3, 8},
        };
        for (int[] p : pools) {
            for (int threads = 1; threads <= 3; threads++) {
                checkPools(new ImageKernels(new MatrixProducts(threads)), p, random);
            }
        }
    }

    @ParameterizedTest(name = "vector API: {0}")
    @ValueSource(booleans = {false, true})
    void aGradientThatIsNotFiniteSkipsThePaddingAsTheCourseDoes(boolean vector) {
        if (vector) {
            assertTrue(VectorKernels.installIfAvailable(), "the tests' JVM has no jdk.incubator.vector");
        }
        // With the padding read as zeros, 0 * infinity would turn a row's finite sum into NaN.
        SplittableRandom random = new SplittableRandom(3);
        int h = 4;
        int w = 4;
        int m = 9;
        double[] x = CourseImageLoops.values(h * w * 2 * m, random);
        double[] g = CourseImageLoops.values(h * w * 8 * m, random);
        g[5 * m + 3] = Double.POSITIVE_INFINITY;
        g[40 * m + 8] = Double.NaN;
        double[] expected = new double[3 * 3 * 2 * 8];
        CourseImageLoops.conv2dWeight(x, g, expected, m, h, w, 2, 3, 8, h, w, 1, 1);
        double[] actual = garbage(expected.length);
        new ImageKernels(new MatrixProducts(2)).conv2dWeight(x, g, actual, m, h, w, 2, 3, 8, h, w, 1, 1);
        assertArrayEquals(expected, actual);
        assertTrue(Arrays.stream(expected).anyMatch(Double::isFinite), "some rows never read the infinite entries");
    }

    @ParameterizedTest(name = "vector API: {0}, value {1}")
    @CsvSource({"false, 0.0", "false, -0.0", "false, NaN", "true, 0.0", "true, -0.0", "true, NaN"})
    void tiesSignedZerosAndNaNPoolAsInTheCourseLoops(boolean vector, double value) {
        if (vector) {
            assertTrue(VectorKernels.installIfAvailable(), "the tests' JVM has no jdk.incubator.vector");
        }
        // 2 x 2 windows, 2 channels, 11 examples: each window mixes the value with its negation and equal copies.
        int m = 11;
        double[] x = new double[4 * 4 * 2 * m];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < x.length; i++) {
            int pick = random.nextInt(4);
            x[i] = pick == 0 ? value : pick == 1 ? -value : pick == 2 ? 0.0 : -0.0;
        }
        checkPoolsOn(new ImageKernels(new MatrixProducts(1)), x, 4, 4, 2, 2, 2, m, random);
    }

    private static void checkConvolution(ImageKernels kernels, int[] s, SplittableRandom random) {
        int h = s[0];
        int w = s[1];
        int cIn = s[2];
        int f = s[3];
        int cOut = s[4];
        int stride = s[5];
        int pad = s[6];
        int m = s[7];
        int outH = (h + 2 * pad - f) / stride + 1;
        int outW = (w + 2 * pad - f) / stride + 1;
        String shape = Arrays.toString(s);
        double[] x = CourseImageLoops.values(h * w * cIn * m, random);
        double[] filters = CourseImageLoops.values(f * f * cIn * cOut, random);
        double[] g = CourseImageLoops.values(outH * outW * cOut * m, random);

        double[] expected = new double[outH * outW * cOut * m];
        CourseImageLoops.conv2d(x, filters, expected, m, h, w, cIn, f, cOut, outH, outW, stride, pad);
        double[] actual = garbage(expected.length);
        kernels.conv2d(x, filters, actual, m, h, w, cIn, f, cOut, outH, outW, stride, pad);
        assertArrayEquals(expected, actual, "conv2d " + shape);

        expected = new double[h * w * cIn * m];
        CourseImageLoops.conv2dInput(g, filters, expected, m, h, w, cIn, f, cOut, outH, outW, stride, pad);
        actual = garbage(expected.length);
        kernels.conv2dInput(g, filters, actual, m, h, w, cIn, f, cOut, outH, outW, stride, pad);
        assertArrayEquals(expected, actual, "conv2d_input " + shape);

        expected = new double[f * f * cIn * cOut];
        CourseImageLoops.conv2dWeight(x, g, expected, m, h, w, cIn, f, cOut, outH, outW, stride, pad);
        actual = garbage(expected.length);
        kernels.conv2dWeight(x, g, actual, m, h, w, cIn, f, cOut, outH, outW, stride, pad);
        assertArrayEquals(expected, actual, "conv2d_weight " + shape);
    }

    private static void checkPools(ImageKernels kernels, int[] p, SplittableRandom random) {
        double[] x = CourseImageLoops.values(p[0] * p[1] * p[2] * p[5], random);
        // Ties: a few pixels copy their neighbour, so some windows have equal maxima.
        for (int i = p[5]; i < x.length; i += 7) {
            x[i] = x[i - p[5]];
        }
        checkPoolsOn(kernels, x, p[0], p[1], p[2], p[3], p[4], p[5], random);
    }

    private static void checkPoolsOn(ImageKernels kernels, double[] x, int h, int w, int c, int f, int stride, int m,
            SplittableRandom random) {
        int outH = (h - f) / stride + 1;
        int outW = (w - f) / stride + 1;
        String shape = h + " x " + w + " x " + c + ", window " + f + ", stride " + stride + ", m " + m;
        double[] g = CourseImageLoops.values(outH * outW * c * m, random);
        for (boolean max : new boolean[] {true, false}) {
            double[] expected = new double[outH * outW * c * m];
            CourseImageLoops.pool(max, x, expected, m, w, c, f, outH, outW, stride);
            double[] actual = garbage(expected.length);
            kernels.pool(max, x, actual, m, w, c, f, outH, outW, stride);
            assertArrayEquals(expected, actual, (max ? "maxpool " : "avgpool ") + shape);
        }
        double[] expected = new double[h * w * c * m];
        CourseImageLoops.maxpoolInput(g, x, expected, m, h, w, c, f, outH, outW, stride);
        double[] actual = garbage(expected.length);
        kernels.maxpoolInput(g, x, actual, m, h, w, c, f, outH, outW, stride);
        assertArrayEquals(expected, actual, "maxpool_input " + shape);

        CourseImageLoops.avgpoolInput(g, expected, m, h, w, c, f, outH, outW, stride);
        actual = garbage(expected.length);
        kernels.avgpoolInput(g, actual, m, h, w, c, f, outH, outW, stride);
        assertArrayEquals(expected, actual, "avgpool_input " + shape);
    }

    /** A buffer holding garbage: a kernel must overwrite all of its result. */
    private static double[] garbage(int n) {
        double[] out = new double[n];
        Arrays.fill(out, 1e6);
        return out;
    }
}
