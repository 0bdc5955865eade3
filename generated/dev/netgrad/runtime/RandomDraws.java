package dev.netgrad.runtime;

/**
 * A trainer's seeded random numbers: the params' initial values, dropout masks and the shuffles of
 * mini-batches, drawn from one generator so that a seed fixes them all.
 *
 * <p>The generator is java.util.SplittableRandom's (SplitMix64: a 64-bit counter advanced by the golden
 * gamma, each value a mix of it), written out here so that its state can be kept and restored
 * ({@link #mark}, {@link #rewind}): a training step that is refused gives back the draws it took, so
 * that the step after it draws the dropout masks a trainer that never met the refused batch draws.
 * It draws the same numbers as {@code new SplittableRandom(seed)}'s nextDouble and nextInt(bound), on
 * any JDK (RandomDrawsTest compares them).
 */
final class RandomDraws {
    /** SplittableRandom's gamma for a generator made from a seed: 2^64 over the golden ratio, odd. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    /** 2^-53: a 53-bit integer times it is a double in [0, 1). */
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long seed;
    private boolean hasSpareGaussian;
    private double spareGaussian;
    // The state {@link #mark} kept.
    private long markedSeed;
    private boolean markedHasSpareGaussian;
    private double markedSpareGaussian;

    RandomDraws(long seed) {
        reseed(seed);
    }

    /** Starts the draws again from {@code seed}. */
    void reseed(long seed) {
        this.seed = seed;
        hasSpareGaussian = false;
    }

    /** Keeps the generator's state, for {@link #rewind}. */
    void mark() {
        markedSeed = seed;
        markedHasSpareGaussian = hasSpareGaussian;
        markedSpareGaussian = spareGaussian;
    }

    /** Gives back every draw since the last {@link #mark}: the next draws are the ones taken since. */
    void rewind() {
        seed = markedSeed;
        hasSpareGaussian = markedHasSpareGaussian;
        spareGaussian = markedSpareGaussian;
    }

    /** A uniform number in [0, 1). */
    double uniform() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Fills {@code w} with uniform draws in [{@code low}, {@code high}), in order. */
    void fillUniform(double[] w, double low, double high) {
        for (int i = 0; i < w.length; i++) {
            w[i] = low + (high - low) * uniform();
        }
    }

    /** Fills {@code w} with standard normal draws times {@code scale}, in order. */
    void fillGaussian(double[] w, double scale) {
        for (int i = 0; i < w.length; i++) {
            w[i] = gaussian() * scale;
        }
    }

    /** Puts {@code order} in a uniformly random order (Fisher-Yates). */
    void shuffle(int[] order) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = below(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** A standard normal number (Marsaglia's polar method, with StrictMath so that every platform draws the same). */
    double gaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * uniform() - 1;
            v = 2 * uniform() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * factor;
        hasSpareGaussian = true;
        return u * factor;
    }

    /**
     * A uniform int in [0, bound), bound positive: SplittableRandom's nextInt(bound), which keeps the
     * low bits for a power of 2 and otherwise rejects the candidates that would favour small values.
     */
    int below(int bound) {
        int r = nextInt();
        int m = bound - 1;
        if ((bound & m) == 0) {
            return r & m;
        }
        for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
            // Rejected: draw again.
        }
        return r;
    }

    private long nextLong() {
        seed += GOLDEN_GAMMA;
        long z = seed;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private int nextInt() {
        seed += GOLDEN_GAMMA;
        long z = seed;
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }
}
