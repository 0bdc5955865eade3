package dev.netgrad.bench;

/**
 * How to run a benchmark.
 *
 * @param batch examples per step
 * @param steps timed steps; 0 chooses as many as fill about {@link #AUTO_SECONDS} at the warm-up's speed
 * @param threads the cores the trainer uses on every step, or 0 for the trainer's default: every core,
 *        sharing a step's work with the others only while that measures faster
 * @param warmupSeconds how long to train before timing, in two halves of at least one step each (one call
 *        of fit, 100 steps, in full-batch mode), the second of which times a step for {@code steps} 0
 * @param seed seeds the params and the random data
 * @param fullBatch train on one fixed batch through the trainer's {@code fit} (full-batch gradient
 *        descent, as the course's planar run does), rather than cycling over batches with {@code trainStep}
 */
public record BenchConfig(int batch, int steps, int threads, double warmupSeconds, long seed, boolean fullBatch) {
    /** How long a run with automatic step count lasts. */
    public static final double AUTO_SECONDS = 3.0;

    public BenchConfig {
        if (batch < 1) {
            throw new IllegalArgumentException("the batch must hold at least 1 example, found " + batch);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must not be negative, found " + steps);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be at least 1 (or 0 for the trainer's default), found " + threads);
        }
        if (!(warmupSeconds >= 0) || Double.isInfinite(warmupSeconds)) {
            throw new IllegalArgumentException("the warm-up must be a non-negative number of seconds, found " + warmupSeconds);
        }
    }
}
