package dev.netgrad.runtime;

import java.util.Arrays;

/**
 * The norms a gradient check compares with: ||v||, ||g - n|| and the relative difference of a
 * gradient and its finite differences, none overflowing where the squares of the entries would.
 */
final class Distances {
    private Distances() {
    }

    /** ||g - n|| / (||g|| + ||n||), 0 when both are zero. */
    static double relative(double[] g, double[] n) {
        double denominator = norm(g) + norm(n);
        return denominator == 0 ? 0 : between(g, n) / denominator;
    }

    /** ||g - n||. */
    static double between(double[] g, double[] n) {
        double[] difference = new double[g.length];
        Arrays.setAll(difference, i -> g[i] - n[i]);
        return norm(difference);
    }

    /** The Euclidean norm, scaled by the largest entry: the squares of gradients beyond 1e154 would overflow. */
    static double norm(double[] v) {
        double largest = 0;
        for (double e : v) {
            largest = Math.max(largest, Math.abs(e));
        }
        if (largest == 0 || !Double.isFinite(largest)) {
            return largest;
        }
        double sum = 0;
        for (double e : v) {
            sum += (e / largest) * (e / largest);
        }
        return largest * Math.sqrt(sum);
    }

    /** Whether there are values and every one is exactly 0. */
    static boolean allZero(double[] values) {
        for (double v : values) {
            if (v != 0) {
                return false;
            }
        }
        return values.length > 0;
    }
}
