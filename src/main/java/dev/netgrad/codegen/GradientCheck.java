package dev.netgrad.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The course's gradient check, run on a compiled trainer: centred finite differences of its cost
 * against its own gradients, per param, as {@code ||g - g_fd|| / (||g|| + ||g_fd||)}. A param with
 * more entries than the limit is checked on a seeded sample of them.
 */
public final class GradientCheck {
    /** The threshold above which a gradient is reported wrong. */
    public static final double THRESHOLD = 1e-7;
    /**
     * The step of the centred differences. The course's 1e-7 leaves about 1e-9 of rounding noise
     * relative to J; 1e-6 balances it against the O(eps^2) truncation error.
     */
    public static final double EPSILON = 1e-6;

    /** One param's verdict: how many of its entries were checked, and the relative difference. */
    public record ParamResult(String name, int rows, int cols, int checked, double difference) {
        public int entries() {
            return rows * cols;
        }

        public boolean passed() {
            return difference <= THRESHOLD;
        }
    }

    private GradientCheck() {
    }

    /**
     * Checks every param on the batch (x, y); the trainer's masks must be fixed beforehand if it
     * has dropout. Params are restored afterwards.
     */
    public static List<ParamResult> run(CompiledTrainer trainer, double[][] x, double[][] y, int maxEntries, long seed) {
        trainer.costAndGradients(x, y);
        SplittableRandom random = new SplittableRandom(seed);
        List<ParamResult> out = new ArrayList<>();
        for (String name : trainer.paramNames()) {
            double[][] analytic = trainer.gradient(name);
            double[][] value = trainer.getParam(name);
            int rows = value.length;
            int cols = value[0].length;
            int[] entries = sample(rows * cols, maxEntries, random);
            double[] g = new double[entries.length];
            double[] numeric = new double[entries.length];
            for (int k = 0; k < entries.length; k++) {
                int r = entries[k] / cols;
                int c = entries[k] % cols;
                g[k] = analytic[r][c];
                numeric[k] = centredDifference(trainer, name, value, r, c, x, y);
            }
            trainer.setParam(name, value);
            out.add(new ParamResult(name, rows, cols, entries.length, relativeDifference(g, numeric)));
        }
        return out;
    }

    private static double centredDifference(CompiledTrainer t, String name, double[][] value, int r, int c, double[][] x, double[][] y) {
        double original = value[r][c];
        value[r][c] = original + EPSILON;
        t.setParam(name, value);
        double plus = t.cost(x, y);
        value[r][c] = original - EPSILON;
        t.setParam(name, value);
        double minus = t.cost(x, y);
        value[r][c] = original;
        return (plus - minus) / (2 * EPSILON);
    }

    /** ||g - n|| / (||g|| + ||n||), 0 when both are zero. */
    static double relativeDifference(double[] g, double[] n) {
        double diff = 0;
        double gNorm = 0;
        double nNorm = 0;
        for (int i = 0; i < g.length; i++) {
            diff += (g[i] - n[i]) * (g[i] - n[i]);
            gNorm += g[i] * g[i];
            nNorm += n[i] * n[i];
        }
        double denominator = Math.sqrt(gNorm) + Math.sqrt(nNorm);
        return denominator == 0 ? 0 : Math.sqrt(diff) / denominator;
    }

    /** All indices below {@code total}, or {@code limit} of them drawn without replacement, sorted. */
    private static int[] sample(int total, int limit, SplittableRandom random) {
        if (total <= limit) {
            int[] all = new int[total];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] pool = new int[total];
        Arrays.setAll(pool, i -> i);
        for (int i = 0; i < limit; i++) {
            int j = i + random.nextInt(total - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] chosen = Arrays.copyOf(pool, limit);
        Arrays.sort(chosen);
        return chosen;
    }
}
