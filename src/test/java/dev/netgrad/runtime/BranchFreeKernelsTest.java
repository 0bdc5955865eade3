package dev.netgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * relu, leakyRelu and positive compute without branches what the textbook ternaries compute (the
 * reference evaluator's definitions), to the bit: signed zeros, subnormals, infinities and NaNs
 * of either sign included; and the search that names a non-finite gradient finds the first one
 * wherever it lies.
 */
class BranchFreeKernelsTest {
    private static final double[] EDGES = {
        0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL, 1.0, -1.0,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        Double.longBitsToDouble(0x7FF0000000000001L), Double.longBitsToDouble(0x7FFFFFFFFFFFFFFFL),
        Double.longBitsToDouble(0xFFF8000000000000L), Double.longBitsToDouble(0xFFF0000000000001L),
        Double.longBitsToDouble(0x8000000000000001L), Double.longBitsToDouble(0x0000000000000001L),
    };

    @Test
    void theyMatchTheTernariesOnEveryKindOfDouble() {
        SplittableRandom random = new SplittableRandom(3);
        for (double x : EDGES) {
            same(x, 0.01);
            same(x, -2.5);
        }
        for (int i = 0; i < 100_000; i++) {
            // Random bit patterns reach every exponent, NaN payloads and both zeros' neighbours.
            double x = i % 2 == 0 ? random.nextGaussian() : Double.longBitsToDouble(random.nextLong());
            same(x, random.nextDouble(-1, 1));
        }
    }

    @Test
    void theFirstNonFiniteEntryIsFoundWhereverItLies() {
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.longBitsToDouble(0xFFF8000000000001L)};
        for (int n : new int[] {0, 1, 7, 8, 9, 16, 23, 100}) {
            double[] values = new double[n + 3];
            java.util.Arrays.fill(values, Double.MAX_VALUE);
            assertEquals(-1, Kernels.firstNonFinite(values, 0, n), "all finite, n = " + n);
            for (int first = 0; first < n; first++) {
                for (double b : bad) {
                    double[] v = values.clone();
                    v[first] = b;
                    // A later non-finite entry, and one past n, change nothing.
                    v[n + 1] = Double.NaN;
                    if (first + 2 < n) {
                        v[first + 2] = Double.NaN;
                    }
                    assertEquals(first, Kernels.firstNonFinite(v, 0, n), "n = " + n + ", " + b + " at " + first);
                }
            }
        }
    }

    private static void same(double x, double slope) {
        assertEquals(bits(x > 0 ? x : 0), bits(Kernels.relu(x)), () -> "relu(" + x + ")");
        assertEquals(bits(x > 0 ? 1.0 : 0.0), bits(Kernels.positive(x)), () -> "positive(" + x + ")");
        assertEquals(bits(x > 0 ? x : slope * x), bits(Kernels.leakyRelu(x, slope)), () -> "leakyRelu(" + x + ", " + slope + ")");
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }
}
