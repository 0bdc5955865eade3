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
 * steps alternately shared and alone, in the order shared, alone, alone, shared, shared, alone,
 * alone, shared (so that a trend, the JIT still compiling, weighs on both alike), and keeps the
 * way whose fastest block was faster per step; ties go to sharing. The fastest block, not the
 * mean: the host's interruptions (about a thousand a second here, up to a few milliseconds) only
 * ever slow a block down, and one of them in a block of the mean's made the choice. A block is at
 * least 4 steps and 25 ms. Leaving sharing takes two such measurements in a row (see {@link
 * #conclude}). The tuner measures again 2, 4, 8 and 16 seconds after its successive
 * decisions, then every 30 seconds: the first decisions are taken while the JIT may still be
 * compiling (a benchmark of 5 s on the mlp had kept one thread, 116,000 examples/s, where two
 * ran 140,000), and the same virtual machine changed during a session from cores that see each
 * other's writes in 0.47 us, where one thread was faster on the mlp, to 0.15 us, where two were.
 */
final class SharingTuner {
    private static final long SETTLE_NANOS = 1_000_000_000L;
    private static final long RETRY_NANOS = 30_000_000_000L;
    private static final long BLOCK_NANOS = 25_000_000L;
    private static final int BLOCK_STEPS = 4;
    private static final boolean[] SHARED_BLOCKS = {true, false, false, true, true, false, false, true};

    private long waitingSince = -1;
    /** How long after the last decision the next measurement starts: doubles up to RETRY_NANOS. */
    private long wait = SETTLE_NANOS;
    /** The block under way, or -1 between measurements. */
    private int block = -1;
    private long blockStart;
    private int blockSteps;
    private final long[] blockNanos = new long[SHARED_BLOCKS.length];
    private final int[] stepsInBlock = new int[SHARED_BLOCKS.length];
    private boolean share = true;
    /** The way the last measurement settled on (sharing until the first). */
    private boolean decided = true;
    /** Whether the last measurement found one thread faster while sharing was decided: the next, soon, decides. */
    private boolean aloneOnce;

    /** Whether the next step should share its work; called after every step with {@link System#nanoTime()}. */
    boolean afterStep(long now) {
        if (waitingSince < 0) {
            waitingSince = now;
        } else if (block < 0) {
            if (now - waitingSince >= wait) {
                startBlock(0, now);
            }
        } else if (++blockSteps >= BLOCK_STEPS && now - blockStart >= BLOCK_NANOS) {
            blockNanos[block] = now - blockStart;
            stepsInBlock[block] = blockSteps;
            if (block + 1 < SHARED_BLOCKS.length) {
                startBlock(block + 1, now);
            } else {
                conclude(decide());
                block = -1;
                waitingSince = now;
            }
        }
        return share;
    }

    /** Whether the steps share their work now: the block's way while measuring, else the last decision (true until the first). */
    boolean shares() {
        return share;
    }

    private void startBlock(int b, long now) {
        block = b;
        blockStart = now;
        blockSteps = 0;
        share = SHARED_BLOCKS[b];
    }

    /**
     * Settles on a way after a measurement. Leaving sharing takes two measurements in a row that
     * find one thread faster, the second a second after the first: a measurement while the JIT
     * compiles on one of the cores finds one thread faster (the shared way needs both cores), and on
     * 2 cores the JIT can compile for seconds after training starts; a single such verdict made
     * the mlp at batch 32 train alone, 25 % slower, until the next measurement seconds later.
     * Going back to sharing takes one.
     */
    private void conclude(boolean sharedFaster) {
        if (sharedFaster || !decided) {
            decided = sharedFaster;
            aloneOnce = false;
        } else if (aloneOnce) {
            decided = false;
            aloneOnce = false;
        } else {
            aloneOnce = true;
        }
        share = decided;
        wait = aloneOnce ? SETTLE_NANOS : Math.min(2 * wait, RETRY_NANOS);
    }

    private boolean decide() {
        double shared = Double.POSITIVE_INFINITY;
        double alone = Double.POSITIVE_INFINITY;
        for (int b = 0; b < SHARED_BLOCKS.length; b++) {
            double perStep = (double) blockNanos[b] / stepsInBlock[b];
            if (SHARED_BLOCKS[b]) {
                shared = Math.min(shared, perStep);
            } else {
                alone = Math.min(alone, perStep);
            }
        }
        return shared <= alone;
    }
}
