package dev.netgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tuner on a clock of its own: steps of a fixed length shared and another alone, so that each
 * case says which it must keep, and when it measures.
 */
class SharingTunerTest {
    private static final long MS = 1_000_000L;

    /** Drives a tuner for {@code seconds} of steps; returns, step by step, whether it asked to share. */
    private static List<Boolean> run(SharingTuner tuner, double sharedMs, double aloneMs, double seconds) {
        List<Boolean> shares = new ArrayList<>();
        long now = 0;
        boolean share = tuner.afterStep(now);
        while (now < seconds * 1000 * MS) {
            now += (long) ((share ? sharedMs : aloneMs) * MS);
            shares.add(share);
            share = tuner.afterStep(now);
        }
        return shares;
    }

    private static boolean last(List<Boolean> shares) {
        return shares.get(shares.size() - 1);
    }

    @Test
    void keepsTheFasterWay() {
        // {shared ms a step, alone ms a step, expected choice}
        Object[][] cases = {
            {1.0, 1.5, true},   // sharing faster
            {1.5, 1.0, false},  // one thread faster (the VM of the benchmarks)
            {1.0, 1.0, true},   // a tie goes to sharing
            {0.007, 0.005, false},  // tiny steps: blocks are 20 ms long, not 4 steps
            {40.0, 60.0, true},  // long steps: blocks of 4 steps
        };
        for (Object[] c : cases) {
            SharingTuner tuner = new SharingTuner();
            // 4 s: after the second measurement (the first at 1 s; for one thread the next a second
            // later, else 2 s later), before the third.
            List<Boolean> shares = run(tuner, (double) c[0], (double) c[1], 4);
            assertEquals(c[2], last(shares), "shared " + c[0] + " ms, alone " + c[1] + " ms");
            assertEquals(c[2], tuner.shares(), "shared " + c[0] + " ms, alone " + c[1] + " ms");
        }
    }

    @Test
    void anInterruptedBlockDoesNotDecide() {
        // Sharing is faster (1.0 ms a step against 1.2), but the host stalls the first shared block's
        // steps to 3 ms: a mean over the blocks would pick one thread, the fastest block does not.
        SharingTuner tuner = new SharingTuner();
        long now = 0;
        boolean share = tuner.afterStep(now);
        boolean measuring = false;
        boolean stalled = true;
        while (now < 3_000 * MS) {
            boolean wasMeasuring = measuring;
            measuring = now >= 1_000 * MS;
            if (wasMeasuring && !share) {
                stalled = false;
            }
            now += share ? (measuring && stalled ? 3 * MS : MS) : 1_200_000L;
            share = tuner.afterStep(now);
        }
        assertEquals(true, tuner.shares());
    }

    @Test
    void sharesUntilTheJitHasHadASecondThenTriesBothWays() {
        SharingTuner tuner = new SharingTuner();
        List<Boolean> shares = run(tuner, 2.0, 1.0, 0.99);
        assertEquals(List.of(true), shares.stream().distinct().toList(), "no measurement in the first second");
        List<Boolean> more = run(tuner, 2.0, 1.0, 1.5);
        assertEquals(List.of(true, false), more.stream().distinct().toList(), "both ways tried after it");
    }

    /**
     * One thread faster for the first 2 s only (the JIT compiling on one of the cores): the first
     * measurement's verdict for one thread keeps sharing and measures again a second later, which
     * finds sharing faster; the steps never leave sharing outside the measurements' alone blocks.
     */
    @Test
    void aFirstVerdictForOneThreadIsMeasuredAgainBeforeSharingIsLeft() {
        SharingTuner tuner = new SharingTuner();
        long now = 0;
        boolean share = tuner.afterStep(now);
        long aloneOutsideMeasurements = 0;
        boolean measuredAgain = false;
        while (now < 10_000 * MS) {
            boolean sharingFaster = now >= 2_000 * MS;
            long step = (long) ((share == sharingFaster ? 1.0 : 2.0) * MS);
            now += step;
            share = tuner.afterStep(now);
            if (now > 1_500 * MS && now < 2_000 * MS) {
                assertEquals(true, tuner.shares(), "after the first verdict for one thread, at " + now / MS + " ms");
            }
            measuredAgain |= now > 2_000 * MS && now < 3_000 * MS && !share;
            if (!share && now > 3_500 * MS && now < 4_000 * MS) {
                aloneOutsideMeasurements += step;
            }
        }
        assertTrue(measuredAgain, "measured again within about a second of the first verdict");
        assertEquals(0, aloneOutsideMeasurements, "no step alone between the measurements");
        assertEquals(true, tuner.shares());
    }

    /** The first verdict for one thread does not decide; a second, a second later, does. */
    @Test
    void twoVerdictsInARowForOneThreadLeaveSharing() {
        SharingTuner tuner = new SharingTuner();
        long now = 0;
        boolean share = tuner.afterStep(now);
        Boolean afterOne = null;
        while (now < 3_000 * MS) {
            now += (long) ((share ? 2.0 : 1.0) * MS);
            share = tuner.afterStep(now);
            if (afterOne == null && now >= 1_600 * MS) {
                afterOne = tuner.shares();
            }
        }
        assertEquals(true, afterOne, "one verdict for one thread, 1.6 s in");
        assertEquals(false, tuner.shares(), "two verdicts, 3 s in");
    }

    @Test
    void measuresAgainEveryThirtySeconds() {
        SharingTuner tuner = new SharingTuner();
        run(tuner, 2.0, 1.0, 5);
        assertEquals(false, tuner.shares());
        // The machine changes: sharing is now the faster, and the next measurement must see it.
        // The tuner's clock continues from 5 s; 31 s more reach the next measurement.
        List<Boolean> later = new ArrayList<>();
        long now = 5_000 * MS;
        boolean share = tuner.shares();
        while (now < 40_000 * MS) {
            now += share ? MS : 2 * MS;
            later.add(share);
            share = tuner.afterStep(now);
        }
        assertEquals(true, tuner.shares());
    }
}
