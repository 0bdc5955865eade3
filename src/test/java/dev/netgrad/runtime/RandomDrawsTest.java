package dev.netgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RandomDraws writes SplittableRandom's generator out so that a refused step can give its draws back:
 * it must draw exactly what {@code new SplittableRandom(seed)} draws (every seeded trainer's params,
 * masks and shuffles depend on it), and a rewind must give back exactly the draws since the mark.
 */
class RandomDrawsTest {
    private static final int DRAWS = 20_000;

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 7, -1, 42, Long.MIN_VALUE, Long.MAX_VALUE, 0x9e3779b97f4a7c15L})
    void uniformDrawsSplittableRandomsDoubles(long seed) {
        RandomDraws draws = new RandomDraws(seed);
        SplittableRandom reference = new SplittableRandom(seed);
        for (int i = 0; i < DRAWS; i++) {
            assertEquals(reference.nextDouble(), draws.uniform(), 0.0, "draw " + i);
        }
    }

    /** Bounds of every kind: 1, powers of 2, small, and just above a power of 2 where half the candidates are rejected. */
    @ParameterizedTest
    @ValueSource(longs = {0, 3, -5, Long.MAX_VALUE})
    void belowDrawsSplittableRandomsBoundedInts(long seed) {
        int[] bounds = {1, 2, 3, 7, 10, 64, 1000, 4096, 65_537, (1 << 30) + 1, Integer.MAX_VALUE, 1 << 30};
        RandomDraws draws = new RandomDraws(seed);
        SplittableRandom reference = new SplittableRandom(seed);
        for (int i = 0; i < DRAWS; i++) {
            int bound = bounds[i % bounds.length];
            assertEquals(reference.nextInt(bound), draws.below(bound), "draw " + i + " below " + bound);
        }
    }

    /** The polar method over SplittableRandom's doubles, as the trainer drew its params before. */
    @ParameterizedTest
    @ValueSource(longs = {0, 11, -2})
    void gaussianDrawsThePolarMethodOverSplittableRandom(long seed) {
        RandomDraws draws = new RandomDraws(seed);
        SplittableRandom reference = new SplittableRandom(seed);
        for (int i = 0; i < DRAWS / 2; i++) {
            double u;
            double v;
            double s;
            do {
                u = 2 * reference.nextDouble() - 1;
                v = 2 * reference.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double factor = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
            assertEquals(u * factor, draws.gaussian(), 0.0, "pair " + i + ", first");
            assertEquals(v * factor, draws.gaussian(), 0.0, "pair " + i + ", second");
        }
    }

    /** A rewind gives back every kind of draw since the mark, a spare gaussian included (marked with one and without). */
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void rewindGivesBackTheDrawsSinceTheMark(int gaussiansBeforeTheMark) {
        RandomDraws draws = new RandomDraws(5);
        for (int i = 0; i < gaussiansBeforeTheMark; i++) {
            draws.gaussian();
        }
        draws.mark();
        double[] first = takeSome(draws);
        draws.rewind();
        assertArrayEquals(first, takeSome(draws), 0.0);
        draws.rewind();
        assertArrayEquals(first, takeSome(draws), 0.0, "a second rewind goes back to the same mark");
    }

    private static double[] takeSome(RandomDraws draws) {
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] taken = new double[3 + order.length];
        taken[0] = draws.uniform();
        taken[1] = draws.gaussian();
        draws.shuffle(order);
        taken[2] = draws.uniform();
        for (int i = 0; i < order.length; i++) {
            taken[3 + i] = order[i];
        }
        return taken;
    }
}
