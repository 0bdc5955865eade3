package dev.netgrad.codegen;

import dev.netgrad.diff.Derivation;
import dev.netgrad.runtime.FiniteDifferences;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The course's gradient check, run on a compiled trainer: centred finite differences of its cost
 * against its own gradients, per param, as {@code ||g - g_fd|| / (||g|| + ||g_fd||)}. A param with
 * more entries than the limit is checked on a seeded sample of them. The params should be moved off
 * their init first ({@link #prepare}).
 *
 * <p>Each entry p is moved by h = eps max(1, |p|): a step of eps alone vanishes in a param of 2^34
 * (1.7e10) or more (p + eps == p), and in one of 1e10 moves a cost of 1e20 by less than its rounding.
 * The differences D(h) = (J(p + h) - J(p - h)) / 2h, divided by the step the doubles took,
 * (p + h) - (p - h), which differs from 2h by up to half a unit in the last place of p, have errors
 * of their own, and where
 * the gradient is closer to them than those errors are large, the ratio tells nothing (a zero
 * gradient, such as a bias's before a batchnorm, meets pure error and has a ratio near 1). So a param
 * above {@link #THRESHOLD} still passes when ||g - g_fd|| is within the differences' own error, its
 * floor, estimated per param in two parts:
 * <ul>
 * <li>Rounding. Each cost is off by a few units in its last place, about u |J| with u = 2^-53, so
 * each difference by about u |J| / h: modelled as {@link #ROUNDING_ULPS} u (|J(p + h)| +
 * |J(p - h)|) / 2h per entry. It scales with the cost and is never an absolute amount, so a
 * wrong gradient of a cost of 1e-14 is still caught, and a cost that is exactly 0 at both steps
 * excuses nothing. A cost that is small by cancellation (large terms, small sum) rounds like its
 * terms, which the model cannot see; so the rounding is also measured, as the larger change of the
 * differences when their step is 2^-7 longer or shorter (which draws their rounding afresh and moves
 * their truncation by under 2% of it), and the larger of model and measurement is taken.</li>
 * <li>Truncation. D(h) misses the slope by about h^2 J''' / 6, which a steeply bending cost, or
 * params so small that h is a sizeable part of them, makes larger than the threshold. It is
 * measured by Richardson's rule: D(2h) - D(h) is about three times it.</li>
 * </ul>
 * Every step, nudged or doubled, is relative to p alike, so each part of the floor is the error of
 * the differences actually taken. An entry that no step moves (p not finite, or p + 2h beyond the
 * largest double) or whose cost is not finite at p + h or p - h has no difference at all; one where
 * a step, measuring ones included, crosses a kink (takes the input of a relu, leaky_relu or abs, or
 * the difference of a comparison's sides, across 0, whatever expression it is, takes that of a sqrt,
 * log or x^p (p not a whole number of at least 0) or a divisor (whose quotient has a pole at 0)
 * onto, off or across 0, or changes which entry of a max pool's window is the largest) has one of
 * part of each slope, which says nothing of the gradient at p; and where such an edge's input is 0
 * at p, a derived gradient that goes through it is not finite (0.5 / sqrt(0) times a relu's 0 is
 * NaN, -1 / 0^2 is -Infinity), and is none, as the derivative there is
 * none; and where the differences bend too much to judge a gradient by (move by more than a tenth
 * when their step doubles, a step a sizeable part of the way to a pole: {@link FiniteDifferences},
 * the rule the Maven plugin's gradient tests apply too; measured, as below, only for a param above the
 * threshold), they cannot tell a doubled gradient from a right one: each is left out of the
 * comparison, and the verdict says so and why ({@link ParamResult#leftOut}). A gradient that is not
 * finite with no edge at 0 is compared, and wrong. {@link #prepare} keeps kinks a hundred steps from a
 * param of at most 1, but a relative step moves them further (one of 1e-6 of a weight of 1e6 is 1, and moves its
 * layer's outputs by about its input), so each step's kink states are compared with those at p
 * ({@link Kinks}).
 * The measurements take six more costs per entry and are made only for a param whose ratio is above
 * the threshold, so a check that passes costs nothing more. Each is tripled before it excuses a
 * difference, since a few entries can underestimate it: a wrong gradient fails unless its error is
 * within three times what the differences themselves cannot tell. A rounding that comes in quanta as
 * large as the differences' error (terms of 1e4 summed to a cost near 0) can still repeat itself at
 * every measured step and go unseen; then a right gradient is called wrong, never the reverse.
 */
public final class GradientCheck {
    /** The threshold above which a gradient is reported wrong. */
    public static final double THRESHOLD = 1e-7;
    /**
     * The step of the centred differences (J(p + h) - J(p - h)) / 2h, relative to a param entry p
     * beyond 1: h = eps max(1, |p|). On a cost near 1, the course's 1e-7 leaves about 3e-9 of
     * rounding noise per entry; 1e-6 leaves 3e-10 and still steps over a kink ten times less often
     * than 1e-5.
     */
    public static final double EPSILON = 1e-6;

    /**
     * The units in the last place by which the rounding model lets each cost be off: a cost is a
     * mean of losses that each went through a few dozen roundings, most of which cancel.
     */
    public static final double ROUNDING_ULPS = 16;
    /**
     * How much the steps of the differences that measure rounding differ from {@link #EPSILON}: enough
     * to move every value of the forward pass by many units in its last place, so that its rounding is
     * drawn afresh, too little to move their truncation (by under 2% of it).
     */
    private static final double NUDGE = 0x1p-7;
    /**
     * How much a measured error is enlarged before it excuses a difference: a few entries measure it
     * roughly (a rounding that comes in large quanta may even repeat itself at the nudged steps).
     */
    private static final double MEASURED_SAFETY = 3;

    /**
     * One param's verdict: how many of its entries were checked, the relative difference, the
     * absolute one {@code ||g - g_fd||}, and the two parts of the differences' own error: their
     * rounding, and their truncation (0 when not measured, the ratio having passed without it). Of the
     * checked entries, {@code leftOut} had no difference that could be trusted (no step moved them,
     * the cost was not finite at a step, a step crossed a kink, or the differences bent too much) or no
     * gradient (not finite where an edge's input is 0) and were not compared, for the reasons {@code leftOutWhy}: the
     * first entry's when they share one, else each reason with its count and first entry ("" when none was).
     * {@code onlyZeros}: every compared entry's gradient and difference were exactly 0, so the agreement proves nothing
     * (nothing the param does reached the cost on these examples: a filter whose windows see only padding, say).
     */
    public record ParamResult(String name, int rows, int cols, int checked, double difference, double absolute,
            double rounding, double truncation, int leftOut, String leftOutWhy, boolean onlyZeros) {

        public int entries() {
            return rows * cols;
        }

        /** How many entries the differences and the gradient were compared on. */
        public int compared() {
            return checked - leftOut;
        }

        /** No entry had a difference to compare: there is no verdict on this gradient, neither agreeing nor wrong. */
        public boolean notChecked() {
            return compared() == 0;
        }

        /** The differences' own error, below which ||g - g_fd|| tells nothing. */
        public double floor() {
            return rounding + truncation;
        }

        /** Passed only because the gradient is closer to the differences than their own error. */
        public boolean withinError() {
            return !notChecked() && difference > THRESHOLD && absolute <= floor();
        }

        /** Passed only because the gradient is closer to the differences than their rounding, mostly. */
        public boolean withinRounding() {
            return withinError() && rounding >= truncation;
        }

        /** Passed only because the gradient is closer to the differences than their truncation error, mostly. */
        public boolean withinTruncation() {
            return withinError() && truncation > rounding;
        }

        public boolean passed() {
            return !notChecked() && (difference <= THRESHOLD || absolute <= floor());
        }
    }

    /** The standard deviation of {@link #jitter}. */
    public static final double JITTER = 0.01;

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
            int[] sampled = sample(analytic.length * analytic[0].length, maxEntries, random);
            Differences differences = new Differences(trainer, name, trainer.getParam(name), x, y, kinks, states);
            // Each step puts its entry back (Differences.costAt): the param is as it was.
            out.add(check(differences, analytic, sampled));
        }
        return out;
    }

    /**
     * One param's verdict on its sampled entries, compared on those whose differences can be
     * trusted: an entry that no step moves, where the cost is not finite at p + h or p - h, where
     * any step taken, the measurements' included, crosses a kink, or whose differences bend too much
     * ({@link FiniteDifferences#bendTooMuch}), is left out; so is one whose derived gradient is not
     * finite while an edge's input is 0 (sqrt's, log's, a power's or a divisor's: no derivative there).
     */
    private static ParamResult check(Differences differences, double[][] analytic, int[] sampled) {
        int cols = analytic[0].length;
        String notFinite = differences.notFinite();
        if (notFinite != null) {
            return new ParamResult(differences.name(), analytic.length, cols, sampled.length, 0, 0, 0, 0, sampled.length,
                    notFinite, false);
        }
        LeftOut leftOut = new LeftOut();
        // Where an edge's input is 0 (sqrt(relu(Z)) at the relu's zeros), a gradient through it has no value: one
        // that is not finite there is left out, not called wrong. Without an edge at 0, it is wrong.
        String edge = differences.atAnEdge();
        Compared compared = Compared.of(sampled, entry -> edge != null && !Double.isFinite(entryOf(analytic, entry))
                ? Slope.leftOut(LeftOut.Reason.NO_DERIVATIVE, differences.noDerivative(entry, entryOf(analytic, entry), edge))
                : differences.at(entry, EPSILON), leftOut);
        Compared longer = null;
        Compared shorter = null;
        Compared wider = null;
        if (relativeDifference(compared.gradients(analytic), compared.values()) > THRESHOLD) {
            longer = compared.again(entry -> differences.at(entry, EPSILON * (1 + NUDGE)));
            shorter = compared.again(entry -> differences.at(entry, EPSILON * (1 - NUDGE)));
            wider = compared.again(entry -> differences.at(entry, 2 * EPSILON));
            // A measuring step across a kink would measure the kink, not the differences' error. (One where
            // the cost is not finite measures nothing, as excusing says, and leaves the entry compared.) Differences
            // that bend too much near a pole cannot tell a doubled gradient from a right one (FiniteDifferences).
            boolean[] kept = new boolean[compared.size()];
            for (int k = 0; k < kept.length; k++) {
                kept[k] = leftOut.keepsUnlessAcrossAKink(longer.slope(k), shorter.slope(k), wider.slope(k))
                        && leftOut.keeps(unlessItBends(differences, compared, k, longer.slope(k), shorter.slope(k),
                                wider.slope(k)));
            }
            compared = compared.kept(kept);
            longer = longer.kept(kept);
            shorter = shorter.kept(kept);
            wider = wider.kept(kept);
        }
        double[] g = compared.gradients(analytic);
        double[] numeric = compared.values();
        double difference = relativeDifference(g, numeric);
        double rounding = norm(compared.roundings());
        double truncation = 0;
        if (longer != null) {
            double measured = Math.max(excusing(distance(longer.values(), numeric)), excusing(distance(shorter.values(), numeric)));
            rounding = Math.max(rounding, MEASURED_SAFETY * measured);
            truncation = MEASURED_SAFETY * excusing(distance(wider.values(), numeric)) / 3;
        }
        return new ParamResult(differences.name(), analytic.length, cols, sampled.length, difference, distance(g, numeric),
                rounding, truncation, leftOut.count(), leftOut.why(), g.length > 0 && allZero(g) && allZero(numeric));
    }

    private static boolean allZero(double[] values) {
        for (double v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The k-th compared slope, or one left out when its differences bend too much for a gradient to be judged by
     * them ({@link FiniteDifferences#bendTooMuch}), their rounding being the larger of the model's and the change
     * that the nudged steps measured in this entry (a cost small by cancellation rounds more than the model says).
     */
    private static Slope unlessItBends(Differences differences, Compared compared, int k, Slope longer, Slope shorter,
            Slope wider) {
        Slope withH = compared.slope(k);
        double measured = Math.max(excusing(Math.abs(longer.value() - withH.value())),
                excusing(Math.abs(shorter.value() - withH.value())));
        boolean bends = FiniteDifferences.bendTooMuch(withH.value(), wider.value(), Math.max(withH.rounding(), measured));
        return bends ? Slope.leftOut(LeftOut.Reason.BENDS,
                FiniteDifferences.whyLeftOut(differences.where(compared.entries()[k]))) : withH;
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

    /**
     * A measured error as it may excuse a difference: one that is not finite (a cost that is not
     * finite at a nudged or doubled step) measured nothing, and excuses nothing.
     */
    private static double excusing(double measured) {
        return Double.isFinite(measured) ? measured : 0;
    }

    private static double entryOf(double[][] matrix, int entry) {
        return matrix[entry / matrix[0].length][entry % matrix[0].length];
    }

    /** ||g - n|| / (||g|| + ||n||), 0 when both are zero. */
    static double relativeDifference(double[] g, double[] n) {
        double denominator = norm(g) + norm(n);
        return denominator == 0 ? 0 : distance(g, n) / denominator;
    }

    private static double distance(double[] g, double[] n) {
        double[] difference = new double[g.length];
        Arrays.setAll(difference, i -> g[i] - n[i]);
        return norm(difference);
    }

    /** The Euclidean norm, scaled by the largest entry: the squares of gradients beyond 1e154 would overflow. */
    private static double norm(double[] v) {
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
