package dev.netgrad.runtime.spark;

/**
 * Derives independent seeds from the user's seed and a position (what for, step, partition,
 * chunk), so that what a partition draws depends only on where it is, not on what ran before
 * or where. The mixer is SplitMix64's finalizer.
 */
final class Seeds {
    /** Salt of the seeds of the per-step Bernoulli row sample. */
    static final long SAMPLE = 0x5A4D504CL;
    /** Salt of the seeds of the dropout masks. */
    static final long MASKS = 0x4D41534BL;

    private Seeds() {
    }

    /** A seed for {@code seed} at the given position. */
    static long derive(long seed, long salt, long... position) {
        long h = mix(seed ^ mix(salt));
        for (long p : position) {
            h = mix(h + 0x9E3779B97F4A7C15L + mix(p));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
