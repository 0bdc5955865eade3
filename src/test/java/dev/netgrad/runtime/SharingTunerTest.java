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
            // 4 s: after the second measurement (the first at 1 s, the next 2 s after it), before the third.
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
     * The first decisions come while the JIT may still be compiling: the next measurements follow
     * 2, 4, 8 ... seconds after them, so a change 2 s in is seen within seconds, not 30.
     */
    @Test
    void measuresAgainSoonAfterTheFirstDecisions() {
        SharingTuner tuner = new SharingTuner();
        long now = 0;
        boolean share = tuner.afterStep(now);
        Long sharingAgainAt = null;
        while (now < 10_000 * MS) {
            boolean sharingFaster = now >= 2_000 * MS;
            now += (long) ((share == sharingFaster ? 1.0 : 2.0) * MS);
            share = tuner.afterStep(now);
            if (now > 1_500 * MS && now < 2_000 * MS) {
                assertEquals(false, tuner.shares(), "the first decision: alone, the faster then");
            }
            if (sharingAgainAt == null && now >= 2_000 * MS && share && tuner.shares()) {
                sharingAgainAt = now;
            }
        }
        assertEquals(true, tuner.shares());
        assertTrue(sharingAgainAt != null && sharingAgainAt < 5_000 * MS, "shares again at " + sharingAgainAt);
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
