package dev.netgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.runtime.FiniteDifferences.Outcome;
import dev.netgrad.runtime.FiniteDifferences.Reason;
import dev.netgrad.runtime.FiniteDifferences.Slope;
import dev.netgrad.runtime.FiniteDifferences.Verdict;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FiniteDifferences#verdict} on its own, on differences chosen entry by entry (no trainer): the rule that
 * netgrad gradcheck and the plugin's gradient tests share, each outcome, the reasons left out and their counts, and
 * the threshold's boundary.
 */
class FiniteDifferencesVerdictTest {
    /**
     * One entry's differences as a checker would give them: D(h) and its rounding as the model has it, D at the
     * steps 2^-7 longer and shorter ({@code nudged}) and at 2h ({@code twice}); or a reason it has none at h, or at a
     * measuring step ({@code measuring}).
     */
    private record Chosen(double h, double rounding, double nudged, double twice, Reason atH, Reason measuring) {
        /** The same difference at every step, no rounding. */
        static Chosen exact(double d) {
            return new Chosen(d, 0, d, d, null, null);
        }

        static Chosen rounding(double d, double rounding) {
            return new Chosen(d, rounding, d, d, null, null);
        }

        static Chosen nudged(double d, double nudged) {
            return new Chosen(d, 0, nudged, d, null, null);
        }

        static Chosen twice(double d, double twice) {
            return new Chosen(d, 0, d, twice, null, null);
        }

        static Chosen leftOut(Reason reason) {
            return new Chosen(Double.NaN, Double.NaN, Double.NaN, Double.NaN, reason, null);
        }

        static Chosen measuringLeftOut(double d, Reason reason) {
            return new Chosen(d, 0, d, d, null, reason);
        }
    }

    /** A checker's {@link FiniteDifferences.Entries} that gives the chosen differences; entry k is "E{k}". */
    private static FiniteDifferences.Entries entries(List<Chosen> chosen) {
        return new FiniteDifferences.Entries() {
            @Override
            public Slope at(int entry, double eps) {
                Chosen c = chosen.get(entry);
                if (eps == FiniteDifferences.STEP) {
                    return c.atH() != null && c.atH() != Reason.NO_DERIVATIVE ? Slope.leftOut(c.atH(), where(entry))
                            : Slope.of(c.h(), c.rounding());
                }
                if (c.measuring() != null) {
                    return Slope.leftOut(c.measuring(), where(entry));
                }
                return Slope.of(eps == 2 * FiniteDifferences.STEP ? c.twice() : c.nudged(), c.rounding());
            }

            @Override
            public String where(int entry) {
                return "E" + entry;
            }

            @Override
            public String noDerivative(int entry, double g) {
                return chosen.get(entry).atH() == Reason.NO_DERIVATIVE ? "E" + entry + " has none" : null;
            }
        };
    }

    /** A case: the gradient (one row), each entry's differences, and what the verdict says. */
    record Case(String what, double[] gradient, List<Chosen> chosen, Outcome outcome, int leftOut, String why) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("agrees: relative difference 5e-10", new double[] {1, -2, 3},
                        List.of(Chosen.exact(1 + 1e-9), Chosen.exact(-2 - 2e-9), Chosen.exact(3 + 3e-9)), Outcome.AGREES, 0, ""),
                new Case("within the rounding model: 5e-7 apart by 1e-9, rounding 1e-8", new double[] {1e-3},
                        List.of(Chosen.rounding(1e-3 + 1e-9, 1e-8)), Outcome.WITHIN_ERROR, 0, ""),
                new Case("within the measured rounding: the nudged steps move D by 1e-9, tripled", new double[] {1e-3},
                        List.of(Chosen.nudged(1e-3 + 1e-9, 1e-3 + 2e-9)), Outcome.WITHIN_ERROR, 0, ""),
                new Case("within the truncation: D(2h) - D(h) is 1e-5, |g - D| 1e-6", new double[] {1},
                        List.of(Chosen.twice(1 + 1e-6, 1 + 1e-6 + 1e-5)), Outcome.WITHIN_ERROR, 0, ""),
                new Case("only zeros", new double[] {0, 0}, List.of(Chosen.exact(0), Chosen.exact(0)), Outcome.ONLY_ZEROS, 0, ""),
                new Case("not checked: every entry's step crosses a kink (their shared reason, the first's case)",
                        new double[] {1, 2}, List.of(Chosen.leftOut(Reason.ACROSS_A_KINK), Chosen.leftOut(Reason.ACROSS_A_KINK)),
                        Outcome.NOT_CHECKED, 2, "E0"),
                new Case("wrong: a doubled gradient", new double[] {2, 4}, List.of(Chosen.exact(1), Chosen.exact(2)),
                        Outcome.WRONG, 0, ""),
                new Case("wrong: 1e-6 off, rounding 1e-8 and no truncation", new double[] {1},
                        List.of(Chosen.rounding(1 + 1e-6, 1e-8)), Outcome.WRONG, 0, ""),
                new Case("left out for three reasons, each counted with its first case", new double[] {1, 1, 1, 1, Double.NaN, 1},
                        List.of(Chosen.leftOut(Reason.TOO_LARGE), Chosen.leftOut(Reason.ACROSS_A_KINK), Chosen.exact(1),
                                Chosen.leftOut(Reason.ACROSS_A_KINK), Chosen.leftOut(Reason.NO_DERIVATIVE), Chosen.exact(1)),
                        Outcome.AGREES, 4, "1 too near the largest double to be moved (E0), 2 where a step crosses a kink or a"
                                + " pole (the first: E1), 1 where the gradient has no derivative at an edge (E4 has none)"),
                new Case("a gradient not finite that has a derivative is compared, and wrong", new double[] {Double.NaN, 1},
                        List.of(Chosen.exact(1), Chosen.exact(1)), Outcome.WRONG, 0, ""),
                new Case("an entry whose differences bend by more than 10% at 2h is left out, once the ratio fails",
                        new double[] {1, 1}, List.of(Chosen.exact(1), Chosen.twice(2, 3)), Outcome.AGREES, 1,
                        FiniteDifferences.whyLeftOut("E1")),
                new Case("an entry whose measuring step crosses a kink is left out, once the ratio fails", new double[] {1, 1},
                        List.of(Chosen.exact(1), Chosen.measuringLeftOut(2, Reason.ACROSS_A_KINK)), Outcome.AGREES, 1, "E1"),
                new Case("a measuring step where the cost is not finite measures nothing and leaves the entry compared",
                        new double[] {1}, List.of(Chosen.measuringLeftOut(2, Reason.COST_NOT_FINITE)), Outcome.WRONG, 0, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theVerdictOnChosenDifferences(Case c) {
        int[] sampled = IntStream.range(0, c.gradient().length).toArray();
        Verdict v = FiniteDifferences.verdict(new double[][] {c.gradient()}, sampled, entries(c.chosen()));
        assertEquals(c.outcome(), v.outcome(), () -> c.what() + ": " + v);
        assertEquals(c.gradient().length, v.checked(), c.what());
        assertEquals(c.leftOut(), v.leftOut(), () -> c.what() + ": " + v);
        assertEquals(c.why(), v.leftOutWhy(), c.what());
        assertEquals(c.outcome() == Outcome.WITHIN_ERROR, v.withinError(), c.what());
    }

    @Test
    void withinErrorSaysWhichErrorMostly() {
        Verdict rounding = FiniteDifferences.verdict(new double[][] {{1e-3}}, new int[] {0},
                entries(List.of(Chosen.rounding(1e-3 + 1e-9, 1e-8))));
        Verdict truncation = FiniteDifferences.verdict(new double[][] {{1}}, new int[] {0},
                entries(List.of(Chosen.twice(1 + 1e-6, 1 + 1e-6 + 1e-5))));
        assertTrue(rounding.withinRounding() && !rounding.withinTruncation(), rounding::toString);
        assertTrue(truncation.withinTruncation() && !truncation.withinRounding(), truncation::toString);
        assertEquals(1e-5, truncation.truncation(), 1e-12);
    }

    /**
     * The rule is '<': a relative difference of exactly 1e-7 does not agree, and with differences that have no error
     * of their own it is wrong; one a unit in the last place below agrees. |g - D| = 1 and |g| + |D| = 1e7, both exact,
     * so the ratio is 1 / 1e7, the double nearest 1e-7.
     */
    @Test
    void aRelativeDifferenceOfExactlyTheThresholdDoesNotAgree() {
        double g = 4999999.5;
        double at = 5000000.5;
        double below = Math.nextDown(at);
        assertEquals(FiniteDifferences.THRESHOLD, FiniteDifferences.relativeDifference(new double[] {g}, new double[] {at}));
        assertTrue(FiniteDifferences.relativeDifference(new double[] {g}, new double[] {below}) < FiniteDifferences.THRESHOLD);
        assertFalse(FiniteDifferences.agrees(FiniteDifferences.THRESHOLD));
        assertTrue(FiniteDifferences.agrees(Math.nextDown(FiniteDifferences.THRESHOLD)));
        Verdict atThreshold = FiniteDifferences.verdict(new double[][] {{g}}, new int[] {0}, entries(List.of(Chosen.exact(at))));
        Verdict justBelow = FiniteDifferences.verdict(new double[][] {{g}}, new int[] {0}, entries(List.of(Chosen.exact(below))));
        assertEquals(FiniteDifferences.THRESHOLD, atThreshold.difference());
        assertEquals(Outcome.WRONG, atThreshold.outcome(), atThreshold::toString);
        assertEquals(Outcome.AGREES, justBelow.outcome(), justBelow::toString);
    }
}
