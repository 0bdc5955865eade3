package dev.netgrad.data;

import java.util.Arrays;
import java.util.Random;

/** A training part and a held-out part of a data set, drawn by a seeded shuffle. */
public record Split(Dataset train, Dataset heldOut) {
    public static final double DEFAULT_HOLDOUT = 0.2;

    /**
     * Shuffles the examples with {@code seed} and holds out {@code fraction} of them (rounded,
     * at least one when the fraction is positive). A fraction of 0 trains on every example, in
     * the file's order, and holds none out.
     */
    public static Split of(Dataset data, double fraction, long seed) throws DataException {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("held-out fraction " + fraction + " is not in [0, 1)");
        }
        int m = data.size();
        if (fraction == 0) {
            return new Split(data, data.sharing(new int[0]));
        }
        int held = heldOutCount(m, fraction);
        if (held >= m) {
            throw DataException.unplaced(m + (m == 1 ? " example is" : " examples are") + " too few to hold out " + fraction
                    + " of them and still train on some; use a smaller --holdout");
        }
        int[] order = shuffled(m, seed);
        // The parts share the data set's rows: a copy of every row would be a second copy of the features.
        return new Split(data.sharing(Arrays.copyOfRange(order, held, m)), data.sharing(Arrays.copyOfRange(order, 0, held)));
    }

    /** How many of m examples a fraction holds out: rounded, but at least one for a positive fraction. */
    public static int heldOutCount(int m, double fraction) {
        return fraction == 0 ? 0 : Math.max(1, (int) Math.round(m * fraction));
    }

    /** A Fisher-Yates permutation of 0..m-1, the same for the same seed on every machine. */
    static int[] shuffled(int m, long seed) {
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = m - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
