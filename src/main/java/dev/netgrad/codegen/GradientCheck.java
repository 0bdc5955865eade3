package dev.netgrad.codegen;

import dev.netgrad.diff.Derivation;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The course's gradient check, run on a compiled trainer: centred finite differences of its cost
 * against its own gradients, per param, as {@code ||g - g_fd|| / (||g|| + ||g_fd||)}. A param with
 * more entries than the limit is checked on a seeded sample of them. The params should be moved off
 * their init first ({@link #prepare}).
 */
public final class GradientCheck {
    /** The threshold above which a gradient is reported wrong. */
    public static final double THRESHOLD = 1e-7;
    /**
     * The step of the centred differences (J(p + eps) - J(p - eps)) / 2 eps. The course's 1e-7 leaves
     * about 3e-9 of rounding noise per entry; 1e-6 leaves 3e-10 and still steps over a kink ten
     * times less often than 1e-5.
     */
    public static final double EPSILON = 1e-6;

    /**
     * What differences can resolve, per entry: at {@link #EPSILON} rounding leaves about 3e-10 of
     * noise in each (times the cost when it is above 1). Where the gradient and the differences are
     * closer than this, the relative difference means nothing (a zero gradient, such as that of a
     * bias before batchnorm, has none) and the param passes.
     */
    public static final double RESOLUTION = 1e-9;

    /**
     * One param's verdict: how many of its entries were checked, the relative difference, and the
     * absolute one {@code ||g - g_fd||} with the floor below which differences cannot tell.
     */
    public record ParamResult(String name, int rows, int cols, int checked, double difference, double absolute, double floor) {
        public int entries() {
            return rows * cols;
        }

        /** Passed only because the gradient and the differences are closer than rounding can tell apart. */
        public boolean withinRounding() {
            return difference > THRESHOLD && absolute <= floor;
        }

        public boolean passed() {
            return difference <= THRESHOLD || absolute <= floor;
        }
    }

    /** The standard deviation of {@link #jitter}. */
    public static final double JITTER = 0.01;

    private GradientCheck() {
    }

    /** How far every relu input must stay from 0 at the checked point: a hundred steps. */
    public static final double MIN_MARGIN = 1e-4;
    private static final int ATTEMPTS = 50;

    /**
     * Moves the params off their init to a point worth checking on the batch (x, y): each entry by
     * a seeded normal step of {@link #JITTER}, drawn again (up to 50 times) until every relu input is
     * at least {@link #MIN_MARGIN} from its kink. At a kink (zero biases put one there whenever the
     * layer before is all zero), differences see half a slope and call a right gradient wrong.
     * Returns the margin reached; masks must be fixed beforehand.
     */
    public static double prepare(CompiledTrainer trainer, Derivation d, double[][] x, double[][] y, long seed) {
        String[] names = trainer.paramNames();
        double[][][] init = new double[names.length][][];
        for (int p = 0; p < names.length; p++) {
            init[p] = trainer.getParam(names[p]);
        }
        double margin = 0;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            for (int p = 0; p < names.length; p++) {
                trainer.setParam(names[p], init[p]);
            }
            jitter(trainer, seed + attempt);
            trainer.cost(x, y);
            margin = kinkMargin(trainer, d);
            if (margin >= MIN_MARGIN) {
                break;
            }
        }
        return margin;
    }

    private static void jitter(CompiledTrainer trainer, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (String name : trainer.paramNames()) {
            double[][] value = trainer.getParam(name);
            double[][] noise = RandomExamples.inputs(value.length, value[0].length, random);
            for (int r = 0; r < value.length; r++) {
                for (int c = 0; c < value[0].length; c++) {
                    value[r][c] += JITTER * noise[r][c];
                }
            }
            trainer.setParam(name, value);
        }
    }

    /**
     * Checks every param on the batch (x, y); the trainer's masks must be fixed beforehand if it
     * has dropout. Params are restored afterwards.
     */
    public static List<ParamResult> run(CompiledTrainer trainer, double[][] x, double[][] y, int maxEntries, long seed) {
        double cost = trainer.costAndGradients(x, y);
        double resolution = RESOLUTION * Math.max(1, Math.abs(cost));
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
            double floor = resolution * Math.sqrt(entries.length);
            out.add(new ParamResult(name, rows, cols, entries.length, relativeDifference(g, numeric), distance(g, numeric), floor));
        }
        return out;
    }

    /**
     * How close the last forward pass came to a kink: the smallest |v| over the entries of every
     * named value that a relu, leaky_relu or abs reads (infinite when there is none). A check is
     * only sound when every step of the differences stays well inside this margin.
     */
    public static double kinkMargin(CompiledTrainer trainer, Derivation d) {
        double margin = Double.POSITIVE_INFINITY;
        for (String name : kinkInputs(d)) {
            for (double[] row : trainer.value(name)) {
                for (double v : row) {
                    margin = Math.min(margin, Math.abs(v));
                }
            }
        }
        return margin;
    }

    private static Set<String> kinkInputs(Derivation d) {
        Set<String> out = new LinkedHashSet<>();
        for (Statement s : d.stableForward()) {
            collectKinkInputs(s.value(), out);
        }
        return out;
    }

    private static void collectKinkInputs(Node node, Set<String> out) {
        if (node instanceof Apply a) {
            boolean kink = a.op() == Op.RELU || a.op() == Op.LEAKY_RELU || a.op() == Op.ABS;
            if (kink && a.x() instanceof Ref r && r.kind() == RefKind.VALUE) {
                out.add(r.name());
            }
            a.args().forEach(arg -> collectKinkInputs(arg, out));
        }
    }

    private static double centredDifference(CompiledTrainer t, String name, double[][] value, int r, int c,
            double[][] x, double[][] y) {
        return (costAt(t, name, value, r, c, EPSILON, x, y) - costAt(t, name, value, r, c, -EPSILON, x, y)) / (2 * EPSILON);
    }

    /** J with one param entry moved by {@code delta}; the entry is put back in {@code value}. */
    private static double costAt(CompiledTrainer t, String name, double[][] value, int r, int c, double delta,
            double[][] x, double[][] y) {
        double original = value[r][c];
        value[r][c] = original + delta;
        t.setParam(name, value);
        double cost = t.cost(x, y);
        value[r][c] = original;
        return cost;
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

    private static double distance(double[] g, double[] n) {
        double sum = 0;
        for (int i = 0; i < g.length; i++) {
            sum += (g[i] - n[i]) * (g[i] - n[i]);
        }
        return Math.sqrt(sum);
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
