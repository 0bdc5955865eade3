package dev.netgrad.codegen;

import dev.netgrad.runtime.FiniteDifferences;
import dev.netgrad.runtime.FiniteDifferences.Reason;
import dev.netgrad.runtime.FiniteDifferences.Slope;
import java.util.Locale;

/**
 * Centred differences of the cost in the entries of one param, whose values it keeps to restore
 * them, and the states of the kinks at the checked point ({@link Kinks#states}), which no step may change.
 */
record Differences(CompiledTrainer trainer, String name, double[][] value, double[][] x, double[][] y,
        Kinks kinks, int[][] states) implements FiniteDifferences.Entries {
    /** The cost at a step, and what the step did to a kink ("takes relu's input Z ... across 0"; null when nothing). */
    private record Probe(double cost, String crossing) {
    }

    /**
     * (J(p + h) - J(p - h)) / ((p + h) - (p - h)) in one entry (row-major) of the param, with
     * h = eps max(1, |p|): over the step the doubles took, which differs from 2h by up to half a
     * unit in the last place of p (for p of 1e6 and an h of 1e-6 that was 6e-5 of it). A step
     * relative to p never vanishes in it: 1e-6 |p| is many units in its last place, and takes a
     * kink's input that many times further than a step of 1e-6 would, which the states of the
     * kinks at p + h and p - h, compared with those at p, tell. The param must be finite
     * ({@link #notFinite}).
     */
    @Override
    public Slope at(int entry, double eps) {
        double p = entryValue(entry);
        if (!FiniteDifferences.movable(p)) {
            // The widest step the check takes, 2h for the truncation, must stay finite too.
            return Slope.leftOut(Reason.TOO_LARGE,
                    String.format(Locale.ROOT, "%s at %s is %.3g, too near the largest double to be "
                    + "moved by a step of %.0e times it", name, place(entry), p, 2 * FiniteDifferences.STEP));
        }
        double up = p + step(p, eps);
        double down = p - step(p, eps);
        Probe above = costAt(entry, up);
        Probe below = costAt(entry, down);
        if (!Double.isFinite(above.cost()) || !Double.isFinite(below.cost())) {
            return Slope.leftOut(Reason.COST_NOT_FINITE,
                    String.format(Locale.ROOT, "the cost is %s when %s at %s is moved from %s to %s",
                    Double.isFinite(above.cost()) ? below.cost() : above.cost(), name, place(entry), p,
                    Double.isFinite(above.cost()) ? down : up));
        }
        if (above.crossing() != null || below.crossing() != null) {
            return Slope.leftOut(Reason.ACROSS_A_KINK,
                    String.format(Locale.ROOT, "moving %s at %s from %s to %s %s", name,
                    place(entry), p, above.crossing() != null ? up : down,
                    above.crossing() != null ? above.crossing() : below.crossing()));
        }
        double width = up - down;
        return Slope.of((above.cost() - below.cost()) / width, FiniteDifferences.rounding(above.cost(), below.cost(), width));
    }

    private static double step(double p, double eps) {
        return FiniteDifferences.step(p, eps);
    }

    private double entryValue(int entry) {
        return value[entry / value[0].length][entry % value[0].length];
    }

    /** "W at row 2, column 1": the param and its entry, as a message names them. */
    @Override
    public String where(int entry) {
        return name + " at " + place(entry);
    }

    /** "row 2, column 1": where an entry is in the param as the trainer stores it. */
    private String place(int entry) {
        return "row " + (entry / value[0].length + 1) + ", column " + (entry % value[0].length + 1);
    }

    /**
     * J with one entry set to {@code moved}, and what it did to a kink; the entry is put back in the
     * trainer, the same double. One entry is set, not the whole param: a copy of a 784 x 128 weight
     * for each of a check's steps cost more than its forward passes.
     */
    private Probe costAt(int entry, double moved) {
        int r = entry / value[0].length;
        int c = entry % value[0].length;
        trainer.setParamEntry(name, r, c, moved);
        double cost = trainer.cost(x, y);
        Probe probe = new Probe(cost, kinks.crossing(states, trainer));
        trainer.setParamEntry(name, r, c, value[r][c]);
        return probe;
    }

    /**
     * Where the param has an entry that is not finite, "W at row 1, column 1 is Infinity", or null:
     * a trainer takes no such param, so no entry of it can be moved and set.
     */
    String notFinite() {
        for (int entry = 0; entry < value.length * value[0].length; entry++) {
            if (!Double.isFinite(entryValue(entry))) {
                return String.format(Locale.ROOT, "%s at %s is %s", name, place(entry), entryValue(entry));
            }
        }
        return null;
    }

    /** The first entry at which a watched edge's input is 0 at the checked point, named, or null ({@link Kinks#atAnEdge}). */
    String atAnEdge() {
        return kinks.atAnEdge(states, trainer);
    }

    /**
     * Why an entry whose derived gradient {@code g} is not finite is not compared: the first watched edge whose input
     * is 0 at the checked point, where a gradient through it has no value; null when there is none (then it is wrong).
     */
    @Override
    public String noDerivative(int entry, double g) {
        String edge = atAnEdge();
        return edge == null ? null
                : String.format(Locale.ROOT, "dJ/d%s at %s is %s: %s, where it has no derivative", name, place(entry), g, edge);
    }
}
