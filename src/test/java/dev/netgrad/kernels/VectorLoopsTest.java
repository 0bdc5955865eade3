package dev.netgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.runtime.Kernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API loops give the scalar kernels' bits in every lane: relu and the gradient through it, the sigmoid from a stored exp, tanh on both sides of 0.55 in
 * one vector, log1p on both sides of sqrt(2) - 1 and outside (0, 1], tanh and exp at exp's fallback (|argument| >= 700, NaN) and the zeros, on ranges that start
 * and end anywhere in a vector. The tests' JVM has the Vector API (the pom's argLine).
 */
class VectorLoopsTest {
    /**
     * The pom runs the SIMD kernels' tests again with -XX:MaxVectorSize=32 and 16; this checks that
     * the setting reaches the kernels (their preferred species), so those runs do test narrower lanes.
     */
    @Test
    void theKernelsVectorsAreNoWiderThanTheJvmAllows() {
        var diagnostics = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        int maxBytes = Integer.parseInt(diagnostics.getVMOption("MaxVectorSize").getValue());
        int bytes = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.vectorByteSize();
        assertEquals(Math.min(bytes, maxBytes), bytes, "preferred species " + bytes + " bytes, MaxVectorSize " + maxBytes);
    }

    @Test
    void everyEntryGetsTheScalarFunctionsBits() {
        SplittableRandom random = new SplittableRandom(17);
        double[] edges = {0.0, -0.0, 0.55, Math.nextDown(0.55), -0.55, Math.nextUp(-0.55), 1e-300, -1e-170, Double.MIN_VALUE,
            349.99, 350.0, -350.0, 355.0, 699.99, 700.0, -700.0, 745.0, 800.0, 1e300, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            Double.longBitsToDouble(0xFFF8000000000001L), 0.3, -2.0, 20.0};
        int n = 20_000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (i % 5) {
                case 0 -> edges[random.nextInt(edges.length)];
                case 1 -> random.nextDouble(-0.6, 0.6);
                case 2 -> random.nextGaussian() * 3;
                case 3 -> Math.scalb(random.nextDouble(-1, 1), random.nextInt(-80, 9));
                default -> random.nextGaussian();
            };
        }
        Kernels.Loops loop = new VectorLoops();
        // log1p's inputs: what softplus passes it (exp(-|x|), within (0, 1]), and x itself (mostly outside).
        double[] logInputs = new double[n];
        for (int i = 0; i < n; i++) {
            logInputs[i] = i % 3 == 0 ? x[i] : Kernels.exp(-Math.abs(x[i]));
        }
        double[] logEdges = {0.41421356237309503, Math.nextDown(0.41421356237309503), Math.nextUp(0.41421356237309503),
            1.0, Math.nextDown(1.0), Math.nextUp(1.0), Double.MIN_VALUE, 1e-300, 0.0, -0.0, 0.5};
        for (int e = 0; e < logEdges.length; e++) {
            // Spread out, so that each sits among in-range entries of its vector.
            logInputs[101 + 37 * e] = logEdges[e];
        }
        // The sigmoid's stored exp(-|x|), as the generated code stores it for the loss.
        double[] storedExps = new double[n];
        for (int i = 0; i < n; i++) {
            storedExps[i] = Kernels.exp(-Math.abs(x[i]));
        }
        for (int[] range : new int[][] {{0, n}, {3, n - 5}, {1, 2}, {0, 7}, {5, 23}, {n, n}}) {
            double[] sigmoids = new double[n];
            double[] out = new double[n];
            double[] exps = new double[n];
            double[] logs = new double[n];
            double[] relus = new double[n];
            double[] gradients = new double[n];
            // The gradient through relu: g from the same mix of values as z, shifted so that signs, zeros and NaN meet in every combination.
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = x[(7 * i + 3) % n];
            }
            loop.sigmoidOfExps(x, storedExps, sigmoids, range[0], range[1]);
            loop.relu(x, relus, range[0], range[1]);
            loop.reluGradient(g, x, gradients, range[0], range[1]);
            loop.tanh(x, out, range[0], range[1]);
            loop.expOfMinusAbs(x, exps, range[0], range[1]);
            loop.log1p(logInputs, logs, range[0], range[1]);
            for (int i = 0; i < n; i++) {
                boolean inside = i >= range[0] && i < range[1];
                int at = i;
                assertEquals(Double.doubleToLongBits(inside ? Kernels.sigmoid(x[i]) : 0.0), Double.doubleToLongBits(sigmoids[i]),
                        () -> "sigmoid(" + x[at] + ") from its exp at " + at + " of range " + range[0] + " .. " + range[1]);
                assertEquals(Double.doubleToLongBits(inside ? Kernels.tanh(x[i]) : 0.0), Double.doubleToLongBits(out[i]),
                        () -> "tanh(" + x[at] + ") at " + at + " of range " + range[0] + " .. " + range[1]);
                assertEquals(Double.doubleToLongBits(inside ? Kernels.exp(-Math.abs(x[i])) : 0.0), Double.doubleToLongBits(exps[i]),
                        () -> "exp(-|" + x[at] + "|) at " + at + " of range " + range[0] + " .. " + range[1]);
                assertEquals(Double.doubleToLongBits(inside ? Kernels.log1p(logInputs[i]) : 0.0), Double.doubleToLongBits(logs[i]),
                        () -> "log1p(" + logInputs[at] + ") at " + at + " of range " + range[0] + " .. " + range[1]);
                // relu's result is x or +0.0 bit for bit (-0.0 and NaN give +0.0).
                assertEquals(Double.doubleToRawLongBits(inside ? Kernels.relu(x[i]) : 0.0), Double.doubleToRawLongBits(relus[i]),
                        () -> "relu(" + x[at] + ") at " + at + " of range " + range[0] + " .. " + range[1]);
                assertEquals(Double.doubleToLongBits(inside ? g[i] * Kernels.positive(x[i]) : 0.0), Double.doubleToLongBits(gradients[i]),
                        () -> g[at] + " * positive(" + x[at] + ") at " + at + " of range " + range[0] + " .. " + range[1]);
            }
        }
    }

    /**
     * Kernels' softmax and log_softmax give the bits of the textbook column loop (max, exp(x - max),
     * sum, quotient, each in increasing row order) with the SIMD loops installed and without: shapes
     * whose column count is no multiple of a vector, one row and none, and columns at exp's fallback
     * (an entry 700 or more below its column's max, NaN, an infinite max, all -inf) beside 699.99
     * below, ties at the max, -0.0 against 0.0, a max of 1e300. (A row-by-row softmax whose exps ran
     * in the SIMD loops gave these bits but boxed vectors in some JVMs: bench/products.md.)
     */
    @Test
    void softmaxGivesTheColumnLoopsBitsWithTheLoopsInstalledAndWithout() {
        SplittableRandom random = new SplittableRandom(23);
        double[] edges = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -699.99, -700.0, -700.01, -800.0, -0.0, 0.0,
            1e300, -1e300, 5.0};
        for (int[] shape : new int[][] {{10, 128}, {10, 7}, {3, 9}, {1, 17}, {2, 1}, {0, 16}, {5, 33}, {784, 24}}) {
            int rows = shape[0];
            int cols = shape[1];
            double[] x = new double[rows * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(4) == 0 ? edges[random.nextInt(edges.length)] : random.nextGaussian() * 30;
            }
            // Whole columns of plain values, and some of ties, so that most vectors take the SIMD path.
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < rows; r++) {
                    if (c % 3 != 2) {
                        x[r * cols + c] = c % 5 == 0 ? 1.5 : random.nextGaussian() * 30;
                    }
                }
            }
            double[] expected = new double[x.length];
            double[] expectedLog = new double[x.length];
            columnLoops(x, expected, expectedLog, rows, cols);
            for (boolean installed : new boolean[] {false, true}) {
                double[] soft = new double[x.length];
                double[] logSoft = new double[x.length];
                Kernels.install(installed ? new VectorLoops() : null);
                try {
                    Kernels.softmax(x, soft, rows, cols);
                    Kernels.logSoftmax(x, logSoft, rows, cols);
                } finally {
                    Kernels.install(null);
                }
                for (int i = 0; i < x.length; i++) {
                    int at = i;
                    String where = rows + " x " + cols + ", row " + i / cols + ", column " + i % cols + (installed ? ", SIMD loops" : ", plain");
                    assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(soft[i]), () -> "softmax at " + where + ", x " + x[at]);
                    assertEquals(Double.doubleToLongBits(expectedLog[i]), Double.doubleToLongBits(logSoft[i]),
                            () -> "log_softmax at " + where + ", x " + x[at]);
                }
            }
        }
    }

    /** The textbook loops, column by column: what Kernels' softmax and log_softmax must give bit for bit. */
    private static void columnLoops(double[] x, double[] soft, double[] logSoft, int rows, int cols) {
        for (int c = 0; c < cols; c++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < rows; r++) {
                max = Math.max(max, x[r * cols + c]);
            }
            double sum = 0.0;
            for (int r = 0; r < rows; r++) {
                soft[r * cols + c] = Kernels.exp(x[r * cols + c] - max);
                sum += soft[r * cols + c];
            }
            double logSum = Math.log(sum);
            for (int r = 0; r < rows; r++) {
                soft[r * cols + c] = soft[r * cols + c] / sum;
                logSoft[r * cols + c] = (x[r * cols + c] - max) - logSum;
            }
        }
    }

    /**
     * The largest magnitude, which bounds the optimizer's step: the same with the SIMD loops installed as
     * without and as entry by entry, NaN for a NaN and infinite for an infinity at every position of the
     * vectors, on ranges that start and end anywhere (0 for an empty one).
     */
    @Test
    void theLargestMagnitudeIsNaNForANaNAndExactOtherwise() {
        int n = 203;
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, Double.longBitsToDouble(0x7FF0000000000001L)};
        Kernels.Loops loop = new VectorLoops();
        for (int[] range : new int[][] {{0, n}, {5, n - 3}, {1, 40}, {70, 71}, {n, n}}) {
            for (int at = -1; at < n; at++) {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = Math.sin(i) * (i + 1);
                }
                if (at >= 0) {
                    values[at] = bad[at % bad.length];
                }
                double expected = 0;
                boolean nan = false;
                for (int i = range[0]; i < range[1]; i++) {
                    nan |= Double.isNaN(values[i]);
                    expected = Math.max(expected, Math.abs(values[i]));
                }
                String where = "entry " + at + " of " + values.length + ", range " + range[0] + " .. " + range[1];
                assertEquals(nan ? Double.NaN : expected, loop.maxAbs(values, range[0], range[1]), where + ", SIMD");
                assertEquals(nan ? Double.NaN : expected, Kernels.maxAbs(values, range[0], range[1]), where + ", plain");
            }
        }
    }

    @Test
    void theArrayKernelsRunTheInstalledLoopsOrTheScalarOnes() {
        double[] x = {0.1, -0.7, 2.0, -0.0, 0.56, 0.54, -3.0, 1e-8, 0.9, -701.0, 12.0};
        double[][] plain = new double[2][x.length];
        double[][] simd = new double[2][x.length];
        Kernels.install(null);
        Kernels.tanh(x, plain[0], 0, x.length);
        Kernels.expOfMinusAbs(x, plain[1], 0, x.length);
        try {
            Kernels.install(new VectorLoops());
            Kernels.tanh(x, simd[0], 0, x.length);
            Kernels.expOfMinusAbs(x, simd[1], 0, x.length);
        } finally {
            Kernels.install(null);
        }
        for (int i = 0; i < x.length; i++) {
            long tanh = Double.doubleToLongBits(Kernels.tanh(x[i]));
            long exp = Double.doubleToLongBits(Kernels.exp(-Math.abs(x[i])));
            assertEquals(tanh, Double.doubleToLongBits(plain[0][i]), "plain tanh " + i);
            assertEquals(tanh, Double.doubleToLongBits(simd[0][i]), "simd tanh " + i);
            assertEquals(exp, Double.doubleToLongBits(plain[1][i]), "plain exp " + i);
            assertEquals(exp, Double.doubleToLongBits(simd[1][i]), "simd exp " + i);
        }
    }
}
