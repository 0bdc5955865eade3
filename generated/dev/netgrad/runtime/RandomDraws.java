package dev.netgrad.runtime;

import java.util.SplittableRandom;

/**
 * A trainer's seeded random numbers: the params' initial values, dropout masks and the shuffles of
 * mini-batches, drawn from one generator so that a seed fixes them all.
 */
final class RandomDraws {
    private SplittableRandom random;
    private boolean hasSpareGaussian;
    private double spareGaussian;

    RandomDraws(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Starts the draws again from {@code seed}. */
    void reseed(long seed) {
        random = new SplittableRandom(seed);
        hasSpareGaussian = false;
    }

    /** A uniform number in [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    /** Puts {@code order} in a uniformly random order (Fisher-Yates). */
    void shuffle(int[] order) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
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
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * factor;
        hasSpareGaussian = true;
        return u * factor;
    }
}
