package dev.netgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.kernels.VectorKernels;
import java.util.Arrays;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime's matrix products give, on every path (shallow, narrow, blocked, shared
 * among threads) and for A @ B, A.T @ B and A @ B.T, the bits of the textbook loop: each entry's
 * terms fused into its sum one by one in increasing k (Math.fma), starting from 0; with the SIMD kernel of
 * {@link VectorKernels} installed too.
 */
class ProductsTest {
    /** {n, k, p}: depths 1 to 5 around the shallow path, widths around the narrow one, and big enough to share. */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {4, 1, 400}, {4, 2, 400}, {1, 4, 400}, {3, 3, 17}, {2, 4, 16}, {5, 5, 40}, {4, 400, 2},
        {1, 400, 4}, {7, 3, 15}, {6, 2, 9}, {33, 70, 130}, {128, 784, 64}, {3, 4, 70000}, {1000, 4, 200},
        // The SIMD kernel's blocks of 8 and 4 rows by 2 vectors, and the rows and columns left over.
        {16, 5, 32}, {17, 9, 33}, {6, 300, 47}, {14, 7, 40}, {13, 300, 47}, {130, 64, 200}, {128, 784, 128},
        // Deep enough for the SIMD kernel to sum in slices (of 200, 200 and 201 terms), with rows and columns left over.
        {24, 601, 80}, {27, 601, 83},
    };

    @AfterEach
    void uninstall() {
        MatrixProducts.install(null);
        // VectorKernels installs the SIMD loops of Kernels and ImageKernels too; later tests in this JVM expect the plain ones.
        Kernels.install(null);
        ImageKernels.install(null);
    }

    @Test
    void everyPathGivesTheTextbookLoopsBits() {
        checkEveryPath();
    }

    /** The tests run with the Vector API (the pom's argLine), as the launcher's bench and train do. */
    @Test
    void theSimdKernelGivesTheTextbookLoopsBits() {
        assertTrue(VectorKernels.installIfAvailable(), "the tests' JVM has no jdk.incubator.vector");
        checkEveryPath();
    }

    private static void checkEveryPath() {
        SplittableRandom random = new SplittableRandom(5);
        // {threads, sharing}: 3 threads sharing, and 3 threads told to keep the work on the caller (SharingTuner).
        for (int[] setting : new int[][] {{1, 1}, {3, 1}, {3, 0}}) {
            int threads = setting[0];
            MatrixProducts products = new MatrixProducts(threads);
            products.setSharing(setting[1] == 1);
            for (String kind : new String[] {"multiply", "multiplyTransA", "multiplyTransB"}) {
                // Unscaled, and scaled as a gradient's 1/m is (each entry's finished sum times it, once).
                for (double scale : new double[] {1.0, 1.0 / 3.0}) {
                    for (int[] shape : SHAPES) {
                        int n = shape[0];
                        int k = shape[1];
                        int p = shape[2];
                        double[] a = gaussians(n * k, random);
                        double[] b = gaussians(k * p, random);
                        double[] out = gaussians(n * p, random);
                        product(products, kind, a, b, out, n, k, p, scale);
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < p; j++) {
                                double s = 0.0;
                                for (int q = 0; q < k; q++) {
                                    double left = kind.equals("multiplyTransA") ? a[q * n + i] : a[i * k + q];
                                    double right = kind.equals("multiplyTransB") ? b[j * k + q] : b[q * p + j];
                                    s = Math.fma(left, right, s);
                                }
                                double expected = scale == 1.0 ? s : scale * s;
                                if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(out[i * p + j])) {
                                    assertEquals(expected, out[i * p + j], kind + " " + n + " x " + k + " x " + p + " times " + scale + " on " + threads
                                            + " threads" + (setting[1] == 1 ? "" : ", not sharing") + ", entry (" + i + ", " + j + ")");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void rowSumsGiveTheTextbookLoopsBits() {
        SplittableRandom random = new SplittableRandom(8);
        for (int[] shape : new int[][] {{1, 1}, {3, 400}, {4, 400}, {5, 7}, {9, 100}, {128, 128}}) {
            int rows = shape[0];
            int cols = shape[1];
            double[] x = gaussians(rows * cols, random);
            double[] out = new double[rows];
            Kernels.sumRows(x, out, rows, cols);
            for (int r = 0; r < rows; r++) {
                double s = 0.0;
                for (int c = 0; c < cols; c++) {
                    s += x[r * cols + c];
                }
                assertEquals(Double.doubleToRawLongBits(s), Double.doubleToRawLongBits(out[r]), "row " + r + " of " + rows + " x " + cols);
            }
        }
    }

    /**
     * Issue 12.9: a tall narrow product (20000 x 32, a wide layer's values) and a short wide one
     * (1 x 20000, the next layer's gradient) keep rows for each, not one 20000 x 20000 block.
     */
    @Test
    void buffersHoldWhatTheProductsNeedNotTheProductOfTheirBiggestSides() {
        MatrixProducts products = new MatrixProducts(1);
        int wide = 20000;
        int batch = 32;
        double[] w = new double[wide * 4];
        double[] x = new double[4 * batch];
        double[] z = new double[wide * batch];
        products.multiply(w, x, z, wide, 4, batch);
        double[] dz = new double[batch];
        double[] dw = new double[wide];
        products.multiplyTransB(dz, z, dw, 1, batch, wide);
        products.multiplyTransA(w, z, new double[4 * batch], 4, wide, batch);
        long held = products.bufferedEntries();
        long needed = (long) wide * batch + wide + (long) batch * wide + (long) wide * batch;
        assertTrue(held <= needed, () -> "the products keep " + held + " entries for products that need at most " + needed);
    }

    /**
     * {n, callsPerEntry, callsInRangeLoops, shared with no SIMD loops installed, shared with them}:
     * 256 calls (about 10 ns each) are worth sharing; a call made in one of Kernels' loops over a
     * range counts a sixteenth once SIMD loops run them.
     */
    private static final int[][] SHARING = {
        {255, 1, 0, 0, 0}, {256, 1, 0, 1, 1}, {256, 1, 1, 1, 0}, {4095, 1, 1, 1, 0}, {4096, 1, 1, 1, 1},
        {1600, 1, 1, 1, 0}, {400, 2, 1, 1, 1}, {1, 1000, 1000, 0, 0},
    };

    @Test
    void loopsAreSharedWhenTheirCallsAreWorthIt() {
        MatrixProducts products = new MatrixProducts(2);
        for (boolean simd : new boolean[] {false, true}) {
            if (simd) {
                assertTrue(VectorKernels.installIfAvailable(), "the tests' JVM has no jdk.incubator.vector");
            }
            for (int[] c : SHARING) {
                Queue<Integer> starts = new ConcurrentLinkedQueue<>();
                products.forEntries(c[0], c[1], c[2], (from, to) -> starts.add(from));
                // On vectors of 2 lanes VectorKernels installs no loops (the 128-bit run of this test).
                boolean loops = simd && Kernels.hasLoops();
                boolean expected = (loops ? c[4] : c[3]) == 1;
                // Shared: cut into one chunk a thread (whichever thread runs it); else one range, on the caller.
                assertEquals(expected ? 2 : 1, starts.size(), (loops ? "SIMD loops: " : "plain loops: ") + Arrays.toString(c));
            }
        }
    }

    /** Out is written while the operands are read: an out that is one of them is refused, not computed wrong. */
    @Test
    void anOutThatIsAnOperandIsRefused() {
        MatrixProducts products = new MatrixProducts(1);
        double[] square = new double[64 * 64];
        double[] other = new double[64 * 64];
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> products.multiply(square, other, square, 64, 64, 64));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> products.multiplyTransA(other, square, square, 64, 64, 64));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> products.multiplyTransB(square, other, square, 64, 64, 64, 0.5));
    }

    @Test
    void everyChunkIsComputedOnceWhateverThreadTakesIt() {
        MatrixProducts products = new MatrixProducts(4);
        for (int round = 0; round < 3000; round++) {
            int n = 1 + round % 37;
            AtomicIntegerArray computed = new AtomicIntegerArray(n);
            products.forEntries(n, 1000, (from, to) -> {
                for (int i = from; i < to; i++) {
                    computed.incrementAndGet(i);
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, computed.get(i), "round " + round + ": entry " + i + " of " + n);
            }
        }
        int stripes = products.stripes(1L << 20);
        assertEquals(4, stripes);
        for (int round = 0; round < 1000; round++) {
            AtomicIntegerArray computed = new AtomicIntegerArray(stripes);
            products.forStripes(stripes, (from, to) -> {
                for (int s = from; s < to; s++) {
                    computed.incrementAndGet(s);
                }
            });
            for (int s = 0; s < stripes; s++) {
                assertEquals(1, computed.get(s), "round " + round + ": stripe " + s);
            }
        }
        // A pass over few params, or with sharing off, is one stripe on the caller.
        assertEquals(1, products.stripes(1000));
        products.setSharing(false);
        assertEquals(1, products.stripes(1L << 20));
    }

    /** The product {@code kind} names (multiply, multiplyTransA or multiplyTransB) into out, times scale. */
    private static void product(MatrixProducts products, String kind, double[] a, double[] b, double[] out, int n, int k, int p, double scale) {
        switch (kind) {
            case "multiply" -> products.multiply(a, b, out, n, k, p, scale);
            case "multiplyTransA" -> products.multiplyTransA(a, b, out, n, k, p, scale);
            default -> products.multiplyTransB(a, b, out, n, k, p, scale);
        }
    }

    private static double[] gaussians(int count, SplittableRandom random) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            // Some exact zeros and negative zeros, whose products the first term must not turn into +0 wrongly.
            out[i] = i % 17 == 0 ? -0.0 : random.nextDouble(-2, 2);
        }
        return out;
    }
}
