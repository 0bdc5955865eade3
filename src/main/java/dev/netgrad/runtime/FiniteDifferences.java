package dev.netgrad.runtime;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The course's gradient check as {@code netgrad gradcheck} and the gradient tests the Maven plugin writes both
 * apply it, one definition for both: the step, the threshold and its comparison, the rounding model, the sample of
 * a param's entries, the seeded examples and the move off the params' init, and a param's verdict from its
 * centred differences ({@link #verdict}). Trainers never call it; it lives in the runtime because the runtime is
 * what those tests, which see only the user's project, can call. Each checker supplies the differences
 * themselves ({@link Entries}): gradcheck watches the kinks its derivation names, the test the states its
 * writer computed from the same derivation; gradcheck alone also retries the move off the init until every kink
 * is far enough away (a kink's distance needs the derivation; the test's first move is gradcheck's first).
 *
 * <p>Each entry p is moved by h = {@link #STEP} max(1, |p|): a step of 1e-6 alone vanishes in a param of 2^34
 * or more. The differences D(h) = (J(p + h) - J(p - h)) / ((p + h) - (p - h)) have errors of their own, and where
 * the gradient is closer to them than those errors are large the ratio tells nothing (a zero gradient meets pure
 * rounding and has a ratio near 1). So a param whose ratio is not below {@link #THRESHOLD} still passes when
 * ||g - g_fd|| is within the differences' own error, its floor, in two parts, measured only for such a param (a
 * check that passes costs nothing more):
 * <ul>
 * <li>Rounding: the larger of a model, {@link #ROUNDING_ULPS} units in the last place of the two costs over the
 * step, and three times the larger change of the differences when their step is 2^-7 longer or shorter (which
 * draws their rounding afresh: a cost small by cancellation rounds like its large terms, which the model cannot
 * see).</li>
 * <li>Truncation: by Richardson's rule D(2h) - D(h) is about three times D(h)'s truncation error; tripled.</li>
 * </ul>
 * An entry whose steps, measuring ones included, cross a kink, or whose differences bend too much near a pole
 * ({@link #bendTooMuch}), says nothing of its gradient and is left out, as is one with no difference or no
 * derivative ({@link Reason}).
 */
public final class FiniteDifferences {
    /** The most of themselves the differences may move when their step is doubled, and still be compared. */
    public static final double BEND = 0.1;
    /**
     * The step of the differences, relative to an entry beyond 1: on a cost near 1, the course's 1e-7 leaves about
     * 3e-9 of rounding per entry; 1e-6 leaves 3e-10 and still steps over a kink ten times less often than 1e-5.
     */
    public static final double STEP = 1e-6;
    /**
     * A param whose relative difference is below it agrees: strictly, as the course's check reads,
     * "difference &lt; 1e-7 is right"; one that reaches it is compared with the differences' own error.
     */
    public static final double THRESHOLD = 1e-7;
    /**
     * The units in the last place by which the rounding model lets each cost be off: a cost is a mean of losses that
     * each went through a few dozen roundings, most of which cancel.
     */
    public static final double ROUNDING_ULPS = 16;
    /** The most entries of a param checked; a larger param is checked on a seeded sample of them ({@link #sample}). */
    public static final int ENTRIES = 40;
    /** How many seeded random examples the check runs on: every example is in each of its thousands of costs. */
    public static final int EXAMPLES = 16;
    /** The seed of the examples, the masks, the move off the init, the samples and the params' init. */
    public static final long SEED = 1;
    /** The standard deviation of the move of every param entry off its init ({@link #jittered}). */
    public static final double JITTER = 0.01;
    /** How much longer or shorter the steps that measure rounding are: every value moves by many units in its last place, the truncation by under 2%. */
    private static final double NUDGE = 0x1p-7;
    /** How much a measured error is enlarged before it excuses a difference: a few entries measure it roughly. */
    private static final double MEASURED_SAFETY = 3;
    /** 2^-53: the relative rounding of one operation on doubles. */
    private static final double UNIT_ROUNDOFF = Math.ulp(1.0) / 2;

    private FiniteDifferences() {
    }

    /** The course's rule: a relative difference below {@link #THRESHOLD} agrees. */
    public static boolean agrees(double relative) {
        return relative < THRESHOLD;
    }

    /** h for an entry p and a relative step eps: eps max(1, |p|). */
    public static double step(double p, double eps) {
        return eps * Math.max(1, Math.abs(p));
    }

    /** Whether every step of p, the widest, 2h, included, stays a finite double. */
    public static boolean movable(double p) {
        return Double.isFinite(Math.abs(p) + step(p, 2 * STEP));
    }

    /** The rounding model's error of a difference whose costs were {@code above} and {@code below}, over the step {@code width}. */
    public static double rounding(double above, double below, double width) {
        return ROUNDING_ULPS * UNIT_ROUNDOFF * (Math.abs(above) + Math.abs(below)) / width;
    }

    /**
     * Whether the differences with steps h and 2h, {@code withH} and {@code with2h}, move by more than
     * {@link #BEND} of D(h) and by more than ten times {@code rounding}, the rounding error of D(h) (a change that
     * rounding could make says nothing of bending). False when either difference is not finite: it measured nothing.
     * By Richardson's rule D(2h) - D(h) is about three times the truncation error of D(h), and the floor allows a
     * difference three times that again: a step a sizeable part of the way to a pole made that allowance reach the
     * slope itself, and a doubled gradient passed; below {@link #BEND} it stays under a third of the slope.
     */
    public static boolean bendTooMuch(double withH, double with2h, double rounding) {
        double change = Math.abs(with2h - withH);
        return change > BEND * Math.abs(withH) && change > 10 * rounding;
    }

    /**
     * Why an entry whose differences {@link #bendTooMuch bend too much} is left out; {@code where} names it
     * ("W at row 1, column 2").
     */
    public static String whyLeftOut(String where) {
        return "the differences of " + where + " change by more than " + Math.round(100 * BEND) + "% when their step is "
                + "doubled: a step is a sizeable part of the way to a pole (of a log or a divisor, say), where they cannot "
                + "tell a doubled gradient from a right one";
    }

    /** Why an entry has no difference to trust, or no gradient, as a count of them reads. */
    public enum Reason {
        /** No step moves the entry: p + 2h is beyond the largest double. */
        TOO_LARGE("too near the largest double to be moved"),
        /** The cost is not finite at p + h or p - h. */
        COST_NOT_FINITE("where the cost is not finite at a step"),
        /** A step, measuring ones included, changes a kink's state: the differences see part of each slope. */
        ACROSS_A_KINK("where a step crosses a kink or a pole"),
        /** The differences bend too much near a pole ({@link FiniteDifferences#bendTooMuch}). */
        BENDS("where the differences bend too much near a pole"),
        /** The derived gradient is not finite where an edge's input is 0, which has no derivative there. */
        NO_DERIVATIVE("where the gradient has no derivative at an edge");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** The reason as a count of entries reads: "3 where a step crosses a kink or a pole". */
        public String label() {
            return label;
        }
    }

    /**
     * A centred difference and its rounding as the model has it; or, for an entry that has no difference to trust,
     * why not: {@code reason} and {@code why} (null when it has one).
     */
    public record Slope(double value, double rounding, Reason reason, String why) {
        /** A difference to compare, and its rounding as the model has it. */
        public static Slope of(double value, double rounding) {
            return new Slope(value, rounding, null, null);
        }

        /** No difference to compare, for {@code reason}, told by {@code why}. */
        public static Slope leftOut(Reason reason, String why) {
            return new Slope(Double.NaN, Double.NaN, reason, why);
        }

        /** Whether the entry has no difference to compare. */
        public boolean isLeftOut() {
            return reason != null;
        }
    }

    /** A checker's centred differences in one param's entries (row-major), each put back as it was. */
    public interface Entries {
        /** D with h = eps max(1, |p|) in the entry, or why it has none (too large to move, a cost not finite, a kink crossed). */
        Slope at(int entry, double eps);

        /** "W at row 1, column 2". */
        String where(int entry);

        /** Why the entry's derived gradient {@code g}, not finite, has no value (an edge's input is 0), or null: then it is compared, and wrong. */
        String noDerivative(int entry, double g);
    }

    /** What a param's check says: the verdict's kinds, which gradcheck and the generated tests report alike. */
    public enum Outcome {
        /** Relative difference below {@link #THRESHOLD}, not all zeros. */
        AGREES,
        /** Not below the threshold, but ||g - g_fd|| within the differences' own error: passed, not compared. */
        WITHIN_ERROR,
        /** The gradient and the differences 0 in every compared entry: passed, and proves nothing. */
        ONLY_ZEROS,
        /** No entry had a difference and a gradient to compare. */
        NOT_CHECKED,
        /** Not below the threshold, and ||g - g_fd|| above the differences' own error. */
        WRONG
    }

    /**
     * One param's verdict: how many entries were checked, the relative difference, the absolute one
     * {@code ||g - g_fd||}, and the two parts of the differences' own error (0 when not measured, the ratio having
     * passed without them). Of the checked entries, {@code leftOut} were not compared, for the reasons
     * {@code leftOutWhy}: the first entry's when they share one, else each reason with its count and first entry
     * ("" when none was). {@code onlyZeros}: every compared gradient and difference was exactly 0.
     */
    public record Verdict(int checked, double difference, double absolute, double rounding, double truncation,
            int leftOut, String leftOutWhy, boolean onlyZeros) {

        /** Every entry left out, for {@code why}. */
        public static Verdict notChecked(int checked, String why) {
            return new Verdict(checked, 0, 0, 0, 0, checked, why, false);
        }

        /** How many entries the differences and the gradient were compared on. */
        public int compared() {
            return checked - leftOut;
        }

        /** No entry had a difference to compare: no verdict on the gradient, neither agreeing nor wrong. */
        public boolean notChecked() {
            return compared() == 0;
        }

        /** The differences' own error, within which ||g - g_fd|| tells nothing. */
        public double floor() {
            return rounding + truncation;
        }

        /** Passed only because the gradient is closer to the differences than their own error. */
        public boolean withinError() {
            return !notChecked() && !agrees(difference) && absolute <= floor();
        }

        /** Passed within the differences' error, mostly their rounding. */
        public boolean withinRounding() {
            return withinError() && rounding >= truncation;
        }

        /** Passed within the differences' error, mostly their truncation. */
        public boolean withinTruncation() {
            return withinError() && truncation > rounding;
        }

        /** Below the threshold, or within the differences' own error. */
        public boolean passed() {
            return !notChecked() && (agrees(difference) || absolute <= floor());
        }

        /** What gradcheck and the generated tests report of the param. */
        public Outcome outcome() {
            if (notChecked()) {
                return Outcome.NOT_CHECKED;
            }
            if (!passed()) {
                return Outcome.WRONG;
            }
            return onlyZeros ? Outcome.ONLY_ZEROS : withinError() ? Outcome.WITHIN_ERROR : Outcome.AGREES;
        }
    }

    /**
     * A param's verdict on its {@code sampled} entries (row-major, sorted) of its derived gradient {@code gradient}:
     * an entry whose gradient has no value ({@link Entries#noDerivative}) or with no difference to trust is left out;
     * when the compared ones do not agree at the threshold, the differences are taken again with steps 2^-7 longer and
     * shorter and twice as long, an entry whose measuring steps cross a kink or whose differences bend too much is
     * left out too, and the floor is measured from them.
     */
    public static Verdict verdict(double[][] gradient, int[] sampled, Entries differences) {
        LeftOutEntries leftOut = new LeftOutEntries();
        Compared compared = firstDifferences(gradient, sampled, differences, leftOut);
        if (!agrees(relativeDifference(gradients(gradient, compared.entries()), values(compared.slopes())))) {
            compared = measured(compared, differences, leftOut);
        }
        int n = compared.entries().length;
        if (n == 0) {
            return Verdict.notChecked(sampled.length, leftOut.why());
        }
        double[] g = gradients(gradient, compared.entries());
        double[] numeric = values(compared.slopes());
        double[] rounding = new double[n];
        for (int k = 0; k < n; k++) {
            rounding[k] = compared.slopes()[k].rounding();
        }
        double roundingError = Distances.norm(rounding);
        double truncation = 0;
        if (compared.longer() != null) {
            double measured = Math.max(excusing(Distances.between(compared.longer(), numeric)),
                    excusing(Distances.between(compared.shorter(), numeric)));
            roundingError = Math.max(roundingError, MEASURED_SAFETY * measured);
            truncation = MEASURED_SAFETY * excusing(Distances.between(compared.wider(), numeric)) / 3;
        }
        return new Verdict(sampled.length, relativeDifference(g, numeric), Distances.between(g, numeric), roundingError, truncation,
                leftOut.count(), leftOut.why(), Distances.allZero(g) && Distances.allZero(numeric));
    }

    /**
     * The entries compared and their differences with step h; once measured, also those with steps 2^-7 longer
     * and shorter and twice as long (null until then).
     */
    private record Compared(int[] entries, Slope[] slopes, double[] longer, double[] shorter, double[] wider) {
    }

    /** The sampled entries that have a derived gradient and a difference to trust, with those differences. */
    private static Compared firstDifferences(double[][] gradient, int[] sampled, Entries differences, LeftOutEntries leftOut) {
        int cols = gradient[0].length;
        int[] entries = new int[sampled.length];
        Slope[] slopes = new Slope[sampled.length];
        int n = 0;
        for (int entry : sampled) {
            double g = gradient[entry / cols][entry % cols];
            String noDerivative = Double.isFinite(g) ? null : differences.noDerivative(entry, g);
            Slope slope = noDerivative != null ? Slope.leftOut(Reason.NO_DERIVATIVE, noDerivative) : differences.at(entry, STEP);
            if (leftOut.keeps(slope)) {
                entries[n] = entry;
                slopes[n++] = slope;
            }
        }
        return new Compared(Arrays.copyOf(entries, n), Arrays.copyOf(slopes, n), null, null, null);
    }

    /**
     * The compared entries' differences taken again with steps 2^-7 longer and shorter and twice as long, less
     * the entries whose measuring steps cross a kink or whose differences bend too much.
     */
    private static Compared measured(Compared first, Entries differences, LeftOutEntries leftOut) {
        int[] entries = first.entries();
        Slope[] slopes = first.slopes();
        int n = entries.length;
        double[] longer = new double[n];
        double[] shorter = new double[n];
        double[] wider = new double[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            Slope up = differences.at(entries[k], STEP * (1 + NUDGE));
            Slope down = differences.at(entries[k], STEP * (1 - NUDGE));
            Slope twice = differences.at(entries[k], 2 * STEP);
            // A measuring step across a kink would measure the kink, not the differences' error. (One where the
            // cost is not finite measures nothing, and leaves the entry compared.)
            Slope across = up.reason() == Reason.ACROSS_A_KINK ? up : down.reason() == Reason.ACROSS_A_KINK ? down
                    : twice.reason() == Reason.ACROSS_A_KINK ? twice : null;
            double withH = slopes[k].value();
            double measured = Math.max(excusing(Math.abs(up.value() - withH)), excusing(Math.abs(down.value() - withH)));
            boolean bends = across == null && bendTooMuch(withH, twice.value(), Math.max(slopes[k].rounding(), measured));
            Slope kept = across != null ? across : bends ? Slope.leftOut(Reason.BENDS, whyLeftOut(differences.where(entries[k]))) : slopes[k];
            if (leftOut.keeps(kept)) {
                entries[m] = entries[k];
                slopes[m] = slopes[k];
                longer[m] = up.value();
                shorter[m] = down.value();
                wider[m++] = twice.value();
            }
        }
        return new Compared(Arrays.copyOf(entries, m), Arrays.copyOf(slopes, m), Arrays.copyOf(longer, m), Arrays.copyOf(shorter, m),
                Arrays.copyOf(wider, m));
    }

    /** All indices below {@code total}, or {@code limit} of them drawn without replacement from {@code random}, sorted. */
    public static int[] sample(int total, int limit, SplittableRandom random) {
        int[] pool = new int[total];
        Arrays.setAll(pool, i -> i);
        if (total <= limit) {
            return pool;
        }
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

    /** {@code count} examples, rows of {@code size} standard normal numbers. */
    public static double[][] inputs(int count, int size, SplittableRandom random) {
        double[][] x = new double[count][size];
        for (double[] row : x) {
            for (int f = 0; f < size; f++) {
                row[f] = gaussian(random);
            }
        }
        return x;
    }

    /** What the targets of a network look like: one-hot for a softmax, 0/1 for a class, reals otherwise. */
    public enum Targets {
        /** One entry 1, the others 0: a softmax's. */
        ONE_HOT,
        /** Each entry 0 or 1: a sigmoid's, or a logit's. */
        BINARY,
        /** Standard normal numbers. */
        REAL
    }

    /** {@code count} targets of {@code size} entries each, of the kind the loss expects. */
    public static double[][] targets(int count, int size, Targets kind, SplittableRandom random) {
        double[][] y = new double[count][size];
        for (double[] row : y) {
            if (kind == Targets.ONE_HOT) {
                row[random.nextInt(size)] = 1;
            } else {
                for (int k = 0; k < size; k++) {
                    row[k] = kind == Targets.BINARY ? random.nextInt(2) : gaussian(random);
                }
            }
        }
        return y;
    }

    /** A dropout mask of {@code rows} x {@code cols}, keeping about 4 entries in 5. */
    public static double[][] mask(int rows, int cols, SplittableRandom random) {
        double[][] mask = new double[rows][cols];
        for (double[] row : mask) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextDouble() < 0.8 ? 1 : 0;
            }
        }
        return mask;
    }

    /**
     * {@code value} moved off its init by a normal step of {@link #JITTER} per entry, drawn from {@code random}: at
     * a kink (zero biases put one there whenever the layer before is all zero) differences see half a slope. The step
     * stays absolute: one relative to large params would move them far from the point asked for.
     */
    public static double[][] jittered(double[][] value, SplittableRandom random) {
        double[][] noise = inputs(value.length, value[0].length, random);
        double[][] out = new double[value.length][];
        for (int r = 0; r < value.length; r++) {
            out[r] = value[r].clone();
            for (int c = 0; c < value[0].length; c++) {
                out[r][c] += JITTER * noise[r][c];
            }
        }
        return out;
    }

    /** A standard normal number (Box-Muller, with StrictMath so that every platform draws the same). */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }

    /** A measured error as it may excuse a difference: one that is not finite measured nothing, and excuses nothing. */
    private static double excusing(double measured) {
        return Double.isFinite(measured) ? measured : 0;
    }

    private static double[] gradients(double[][] gradient, int[] entries) {
        int cols = gradient[0].length;
        return Arrays.stream(entries).mapToDouble(e -> gradient[e / cols][e % cols]).toArray();
    }

    private static double[] values(Slope[] slopes) {
        return Arrays.stream(slopes).mapToDouble(Slope::value).toArray();
    }

    /** ||g - n|| / (||g|| + ||n||), 0 when both are zero. */
    public static double relativeDifference(double[] g, double[] n) {
        return Distances.relative(g, n);
    }
}
