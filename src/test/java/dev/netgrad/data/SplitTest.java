package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.netgrad.runtime.Prediction;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {
    private static Dataset numbered(int m) {
        double[][] x = IntStream.range(0, m).mapToObj(i -> new double[] {i}).toArray(double[][]::new);
        return new Dataset(x, new double[m], Prediction.PROBABILITY);
    }

    private static int[] ids(Dataset d) {
        return Arrays.stream(d.features()).mapToInt(row -> (int) row[0]).toArray();
    }

    @Test
    void holdsOutTheRoundedFractionAndKeepsEveryExampleOnce() throws DataException {
        Split split = Split.of(numbered(10), 0.2, 7);
        assertEquals(8, split.train().size());
        assertEquals(2, split.heldOut().size());
        int[] all = IntStream.concat(Arrays.stream(ids(split.train())), Arrays.stream(ids(split.heldOut()))).sorted().toArray();
        assertEquals(Arrays.toString(IntStream.range(0, 10).toArray()), Arrays.toString(all));
    }

    /** The held-out examples of seed 1, as every run on every machine draws them (a golden, not a second run). */
    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() throws DataException {
        Dataset data = numbered(50);
        assertEquals("[47, 23, 14, 25, 15, 22, 27, 17, 24, 19]", Arrays.toString(ids(Split.of(data, 0.2, 1).heldOut())));
        assertNotEquals(Arrays.toString(ids(Split.of(data, 0.2, 1).heldOut())), Arrays.toString(ids(Split.of(data, 0.2, 2).heldOut())));
    }

    @Test
    void zeroHoldoutTrainsOnEveryExampleInFileOrder() throws DataException {
        Split split = Split.of(numbered(5), 0, 3);
        assertEquals("[0, 1, 2, 3, 4]", Arrays.toString(ids(split.train())));
        assertEquals(0, split.heldOut().size());
    }

    @Test
    void tooFewExamplesToHoldOutIsAnError() {
        assertThrows(DataException.class, () -> Split.of(numbered(1), 0.2, 0));
    }

    /** A copy of every row would be a second copy of a large CSV's features, alive all through training. */
    @Test
    void thePartsShareTheDataSetsRows() throws DataException {
        Dataset data = numbered(10);
        Split split = Split.of(data, 0.2, 7);
        for (Dataset part : java.util.List.of(split.train(), split.heldOut())) {
            for (double[] row : part.features()) {
                org.junit.jupiter.api.Assertions.assertSame(data.features()[(int) row[0]], row, "row " + (int) row[0]);
            }
        }
    }
}
