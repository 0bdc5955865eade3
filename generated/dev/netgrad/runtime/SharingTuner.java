package dev.netgrad.runtime;

/**
 * Decides, while a trainer trains, whether sharing each step's work with the other cores pays on
 * this machine. Sharing pays when the cores can hand work to each other quickly; on some virtual
 * machines they cannot (two cores whose caches are far apart, or whose host interrupts them
 * often), and there the mlp of the benchmarks trained at 70,000 examples/s on 2 threads against
 * 110,000 on one. Results do not depend on the choice (every entry is summed in the same order on
 * any number of threads), so the trainer may change it at any step.
 *
 * <p>After a second of training (while the JIT compiles the step), the tuner times blocks of
 * steps alternately shared and alone, in the order shared, alone, alone, shared, shared, alone
 * (so that a trend in the machine's speed weighs on both alike), and keeps the faster per step;
 * ties go to sharing. Every 30 seconds it measures again, since a shared machine changes. A block
 * is at least 4 steps and 20 ms, so that the host's interruptions (up to a few milliseconds here)
 * fall on both sides.
 */
final class SharingTuner {
    private static final long SETTLE_NANOS = 1_000_000_000L;
    private static final long RETRY_NANOS = 30_000_000_000L;
    private static final long BLOCK_NANOS = 20_000_000L;
    private static final int BLOCK_STEPS = 4;
    private static final boolean[] SHARED_BLOCKS = {true, false, false, true, true, false};

    private long waitingSince = -1;
    private boolean measuredOnce;
    /** The block under way, or -1 between measurements. */
    private int block = -1;
    private long blockStart;
    private int blockSteps;
    private final long[] blockNanos = new long[SHARED_BLOCKS.length];
    private final int[] stepsInBlock = new int[SHARED_BLOCKS.length];
    private boolean share = true;

    /** Whether the next step should share its work; called after every step with {@link System#nanoTime()}. */
    boolean afterStep(long now) {
        if (waitingSince < 0) {
            waitingSince = now;
        } else if (block < 0) {
            if (now - waitingSince >= (measuredOnce ? RETRY_NANOS : SETTLE_NANOS)) {
                startBlock(0, now);
            }
        } else if (++blockSteps >= BLOCK_STEPS && now - blockStart >= BLOCK_NANOS) {
            blockNanos[block] = now - blockStart;
            stepsInBlock[block] = blockSteps;
            if (block + 1 < SHARED_BLOCKS.length) {
                startBlock(block + 1, now);
            } else {
                share = decide();
                measuredOnce = true;
                block = -1;
                waitingSince = now;
            }
        }
        return share;
    }

    /** Whether the steps share their work, as last decided (true until the first measurement). */
    boolean shares() {
        return block < 0 ? share : SHARED_BLOCKS[block];
    }

    private void startBlock(int b, long now) {
        block = b;
        blockStart = now;
        blockSteps = 0;
        share = SHARED_BLOCKS[b];
    }

    private boolean decide() {
        long sharedNanos = 0;
        long aloneNanos = 0;
        long sharedSteps = 0;
        long aloneSteps = 0;
        for (int b = 0; b < SHARED_BLOCKS.length; b++) {
            if (SHARED_BLOCKS[b]) {
                sharedNanos += blockNanos[b];
                sharedSteps += stepsInBlock[b];
            } else {
                aloneNanos += blockNanos[b];
                aloneSteps += stepsInBlock[b];
            }
        }
        // sharedNanos / sharedSteps <= aloneNanos / aloneSteps, without division.
        return (double) sharedNanos * aloneSteps <= (double) aloneNanos * sharedSteps;
    }
}
