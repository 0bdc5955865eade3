package dev.netgrad.codegen;

import dev.netgrad.diff.Derivation;
import dev.netgrad.runtime.FiniteDifferences;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The course's gradient check, run on a compiled trainer: centred finite differences of its cost
 * against its own gradients, per param, as {@code ||g - g_fd|| / (||g|| + ||g_fd||)}. A param with
 * more entries than the limit is checked on a seeded sample of them. The params should be moved off
 * their init first ({@link #prepare}).
 *
 * <p>The rule itself, the step, the threshold, the differences' own error and which entries are left out, is the
 * runtime's ({@link FiniteDifferences}), which the Maven plugin's gradient tests call too, so that the two
 * cannot decide differently on the same point. What stays here needs the derivation, which those tests do not
 * have: the kinks a step may cross ({@link Kinks}: the input of a relu, leaky_relu or abs, or the difference of a
 * comparison's sides, taken across 0; that of a sqrt, log or x^p (p not a whole number of at least 0) or a
 * divisor taken onto, off or across 0; a max pool's largest entry changed), named in each left-out entry's
 * reason, and {@link #prepare}'s retries until every kink is {@link #MIN_MARGIN} away. (The tests compute the
 * same kink states from expressions their writer derived, and move the params once, as the first attempt here.)
 * {@link #prepare} keeps kinks a hundred steps from a param of at most 1, but a relative step moves them further
 * (one of 1e-6 of a weight of 1e6 is 1), so each step's kink states are compared with those at p.
 */
public final class GradientCheck {
    /** The threshold at which a gradient's ratio is no longer right by itself ({@link FiniteDifferences#agrees}). */
    public static final double THRESHOLD = FiniteDifferences.THRESHOLD;
    /** The step of the centred differences, relative to a param entry beyond 1 ({@link FiniteDifferences#STEP}). */
    public static final double EPSILON = FiniteDifferences.STEP;
    /** The units in the last place by which the rounding model lets each cost be off ({@link FiniteDifferences}). */
    public static final double ROUNDING_ULPS = FiniteDifferences.ROUNDING_ULPS;

    /**
     * One param's verdict ({@link FiniteDifferences.Verdict}, the runtime's, which the Maven plugin's gradient tests
     * reach alike) with the param's name and shape.
     */
    public record ParamResult(String name, int rows, int cols, int checked, double difference, double absolute,
            double rounding, double truncation, int leftOut, String leftOutWhy, boolean onlyZeros) {

        static ParamResult of(String name, int rows, int cols, FiniteDifferences.Verdict v) {
            return new ParamResult(name, rows, cols, v.checked(), v.difference(), v.absolute(), v.rounding(), v.truncation(),
                    v.leftOut(), v.leftOutWhy(), v.onlyZeros());
        }

        /** The runtime's verdict, whose rule decides every question below. */
        public FiniteDifferences.Verdict verdict() {
            return new FiniteDifferences.Verdict(checked, difference, absolute, rounding, truncation, leftOut, leftOutWhy,
                    onlyZeros);
        }

        public int entries() {
            return rows * cols;
        }

        /** Whether the param was checked on a seeded sample of its entries (more than --entries of them). */
        public boolean sampled() {
            return checked < entries();
        }

        /** How many entries the differences and the gradient were compared on. */
        public int compared() {
            return verdict().compared();
        }

        /** No entry had a difference to compare: there is no verdict on this gradient, neither agreeing nor wrong. */
        public boolean notChecked() {
            return verdict().notChecked();
        }

        /** The differences' own error, below which ||g - g_fd|| tells nothing. */
        public double floor() {
            return verdict().floor();
        }

        /** Passed only because the gradient is closer to the differences than their own error. */
        public boolean withinError() {
            return verdict().withinError();
        }

        /** Passed only because the gradient is closer to the differences than their rounding, mostly. */
        public boolean withinRounding() {
            return verdict().withinRounding();
        }

        /** Passed only because the gradient is closer to the differences than their truncation error, mostly. */
        public boolean withinTruncation() {
            return verdict().withinTruncation();
        }

        public boolean passed() {
            return verdict().passed();
        }

        public FiniteDifferences.Outcome outcome() {
            return verdict().outcome();
        }
    }

    /** The standard deviation of {@link #jitter} ({@link FiniteDifferences#JITTER}). */
    public static final double JITTER = FiniteDifferences.JITTER;

    private GradientCheck() {
    }

    /**
     * How far every kink must be at the checked point (an input from 0, a window's largest entry from
     * the next): a hundred steps of a param of at most 1. Larger params take larger steps, whose
     * crossings the check finds and leaves out.
     */
    public static final double MIN_MARGIN = 1e-4;
    private static final int ATTEMPTS = 50;

    /**
     * Moves the params off their init to a point worth checking on the batch (x, y): each entry by
     * a seeded normal step of {@link #JITTER}, drawn again (up to 50 times) until every kink is at
     * least {@link #MIN_MARGIN} away ({@link #kinkMargin}). At a kink (zero biases put one there whenever the
     * layer before is all zero), differences see half a slope and call a right gradient wrong; an
     * entry whose steps still cross one is left out of the check ({@link #run}). The step and margin
     * stay absolute: a jitter relative to large params would move them far from the point asked for
     * (by 1e4 for a param of 1e6), and their kinks are made only rarely small by the cancellation of
     * large terms. Returns the margin reached; masks must be fixed beforehand.
     */
    public static double prepare(CompiledTrainer trainer, Derivation d, double[][] x, double[][] y, long seed) {
        String[] names = trainer.paramNames();
        double[][][] init = new double[names.length][][];
        for (int p = 0; p < names.length; p++) {
            init[p] = trainer.getParam(names[p]);
        }
        Kinks kinks = Kinks.of(d);
        double margin = 0;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            for (int p = 0; p < names.length; p++) {
                trainer.setParam(names[p], init[p]);
            }
            jitter(trainer, seed + attempt);
            trainer.cost(x, y);
            margin = kinks.margin(trainer);
            if (margin >= MIN_MARGIN) {
                break;
            }
        }
        return margin;
    }

    private static void jitter(CompiledTrainer trainer, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (String name : trainer.paramNames()) {
            trainer.setParam(name, FiniteDifferences.jittered(trainer.getParam(name), random));
        }
    }

    /**
     * Checks every param on the batch (x, y); the trainer's masks must be fixed beforehand if it
     * has dropout. Params are restored afterwards.
     */
    public static List<ParamResult> run(CompiledTrainer trainer, Derivation d, double[][] x, double[][] y, int maxEntries,
            long seed) {
        trainer.costAndGradients(x, y);
        Kinks kinks = Kinks.of(d);
        // The states of the kinks at the checked point, from a forward pass of its own: each step's are compared with them.
        trainer.cost(x, y);
        int[][] states = kinks.states(trainer);
        SplittableRandom random = new SplittableRandom(seed);
        List<ParamResult> out = new ArrayList<>();
        for (String name : trainer.paramNames()) {
            double[][] analytic = trainer.gradient(name);
            int[] sampled = FiniteDifferences.sample(analytic.length * analytic[0].length, maxEntries, random);
            Differences differences = new Differences(trainer, name, trainer.getParam(name), x, y, kinks, states);
            // Each step puts its entry back (Differences.costAt): the param is as it was.
            out.add(check(differences, analytic, sampled));
        }
        return out;
    }

    /**
     * One param's verdict on its sampled entries, by the runtime's rule ({@link FiniteDifferences#verdict}), which the
     * Maven plugin's gradient tests apply too; a param with an entry that is not finite (which no trainer takes) is
     * not checked.
     */
    private static ParamResult check(Differences differences, double[][] analytic, int[] sampled) {
        int cols = analytic[0].length;
        String notFinite = differences.notFinite();
        FiniteDifferences.Verdict verdict = notFinite != null ? FiniteDifferences.Verdict.notChecked(sampled.length, notFinite)
                : FiniteDifferences.verdict(analytic, sampled, differences);
        return ParamResult.of(differences.name(), analytic.length, cols, verdict);
    }

    /**
     * How close the last forward pass came to a kink: the smallest |v| over the entries of every
     * input of a relu, leaky_relu, abs or comparison (its sides' difference) that a param moves, and
     * the smallest gap between the two largest entries of a max pool's window (infinite when there is
     * none; {@link Kinks#margin}).
     */
    public static double kinkMargin(CompiledTrainer trainer, Derivation d) {
        return Kinks.of(d).margin(trainer);
    }

    /**
     * The state of every watched kink in the trainer's last forward pass, as the check compares them
     * ({@link Kinks}): one row per kink of {@link #kinks}, one entry per entry of its input (per pooled
     * entry, for a max pool). The plugin's generated test computes the same states.
     */
    public static int[][] kinkStates(CompiledTrainer trainer, Derivation d) {
        return Kinks.of(d).states(trainer);
    }

    /** The kinks of {@code d}'s forward pass that a param moves, which the check watches ({@link Kinks}). */
    public static List<Kink> kinks(Derivation d) {
        return Kinks.watched(d);
    }

    /** ||g - n|| / (||g|| + ||n||), 0 when both are zero. */
    static double relativeDifference(double[] g, double[] n) {
        return FiniteDifferences.relativeDifference(g, n);
    }
}
