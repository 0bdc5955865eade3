package dev.netgrad.diff;

import dev.netgrad.ir.ExprPrinter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One way of scaling the seeded instance ({@link CrossingJudge}): its inputs by one factor, its params by
 * another. The powers of 4 up to 65536 either way ({@link #grid}) cross a comparison by little; a number
 * between two thresholds neither of which is 0 ({@code Z1 > 0.501} beside {@code Z1 > 0.5}) no power of 4
 * may reach, and the factor that puts a value there is found between two of them ({@link #between}).
 */
record Scaling(double inputs, double params) {
    /** The powers of {@link #STEP} tried each way: up to 65536 and down to 1/65536. */
    private static final int STEPS = 8;
    private static final double STEP = 4;
    /** Halvings of a bracket's factors (on a log scale) before it is given up: more than a double's digits. */
    private static final int HALVINGS = 64;
    /** Brackets tried, nearest the seeded instance's own values first, before no scaling is said to land. */
    private static final int BRACKETS = 4;

    /** What is scaled: the inputs, the params, or both by the same factor. */
    private enum Kind {
        INPUTS, PARAMS, BOTH;

        Scaling by(double factor) {
            return new Scaling(this == PARAMS ? 1 : factor, this == INPUTS ? 1 : factor);
        }
    }

    /**
     * Two scalings of one kind, {@code low} and {@code high} factors, on one of which entry {@code entry} of
     * the value lies at or below the lower number ({@code lowBelow}: on the lower factor's) and on the
     * other at or above the higher.
     */
    private record Bracket(Kind kind, double low, double high, int entry, boolean lowBelow) {
        /** How far the bracket lies from the seeded instance's own values (factor 1), on a log scale. */
        double distance() {
            return Math.min(Math.abs(Math.log(low)), Math.abs(Math.log(high)));
        }
    }

    /** The key of the instance made on this scaling ({@link CheckInstances#crossingInstance}). */
    String recipe(int seeded) {
        return seeded + ":" + inputs + ":" + params;
    }

    String said() {
        String what = inputs == 1 ? "params" : params == 1 ? "inputs" : "inputs and params";
        double factor = inputs == 1 ? params : inputs;
        return "its " + what + (isPowerOfStep(factor) ? (factor > 1 ? " times " + ExprPrinter.number(factor) : " divided by "
                + ExprPrinter.number(1 / factor)) : " times about " + ExprPrinter.number(new BigDecimal(factor).round(new MathContext(4)).doubleValue()));
    }

    private static boolean isPowerOfStep(double factor) {
        double k = Math.log(factor) / Math.log(STEP);
        return Math.abs(k - Math.rint(k)) < 1e-12;
    }

    /** The scalings tried, in order: each power of 4 up then down, on the inputs, the params, then both. */
    static List<Scaling> grid() {
        List<Scaling> out = new ArrayList<>();
        for (int k = 1; k <= STEPS; k++) {
            for (double factor : new double[] {Math.pow(STEP, k), Math.pow(STEP, -k)}) {
                for (Kind kind : Kind.values()) {
                    out.add(kind.by(factor));
                }
            }
        }
        return out;
    }

    /**
     * Scalings on which an entry of a value ({@code values} gives its entries on a scaling) lies strictly
     * between {@code lo} and {@code hi}, nearest the seeded instance's own first: where one entry lies at
     * or below {@code lo} on a power of 4 (or 1) and at or above {@code hi} on the next, the factor between
     * them is halved on a log scale until the entry lands between. A value that moves with the factor
     * continuously passes through every number between, {@code Z1 = W1 @ X + b1} with the params scaled
     * exactly in proportion; one that jumps over the gap lands on none. Empty when none lands: each
     * scaling found is checked on the values themselves, not assumed.
     */
    static List<Scaling> between(Function<Scaling, double[]> values, double lo, double hi) {
        List<Bracket> brackets = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            double[] previous = null;
            double previousFactor = 0;
            for (int k = -STEPS; k <= STEPS; k++) {
                double factor = Math.pow(STEP, k);
                double[] now = values.apply(kind.by(factor));
                for (int e = 0; previous != null && e < Math.min(previous.length, now.length); e++) {
                    if (previous[e] <= lo && now[e] >= hi || previous[e] >= hi && now[e] <= lo) {
                        brackets.add(new Bracket(kind, previousFactor, factor, e, previous[e] <= lo));
                        break;
                    }
                }
                previous = now;
                previousFactor = factor;
            }
        }
        List<Scaling> out = new ArrayList<>();
        for (Bracket b : brackets.stream().sorted(Comparator.comparingDouble(Bracket::distance)).limit(BRACKETS).toList()) {
            halved(b, values, lo, hi).ifPresent(out::add);
        }
        return out;
    }

    /** The scaling inside bracket {@code b} on which its entry lies strictly between {@code lo} and {@code hi}, if halving finds one. */
    private static Optional<Scaling> halved(Bracket b, Function<Scaling, double[]> values, double lo, double hi) {
        double low = b.low();
        double high = b.high();
        for (int i = 0; i < HALVINGS; i++) {
            double factor = Math.sqrt(low * high);
            if (factor <= low || factor >= high) {
                return Optional.empty(); // no double left between: the value jumps over the gap
            }
            Scaling s = b.kind().by(factor);
            double v = values.apply(s)[b.entry()];
            if (v > lo && v < hi) {
                return Optional.of(s);
            }
            if (Double.isNaN(v)) {
                return Optional.empty();
            }
            if ((v <= lo) == b.lowBelow()) {
                low = factor;
            } else {
                high = factor;
            }
        }
        return Optional.empty();
    }
}
