package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StandardizationTest {
    @Test
    void usesTheMeanAndPopulationStandardDeviation() throws DataException {
        Standardization s = Standardization.fit(new double[][] {{1, 10}, {3, 10}});
        assertArrayEquals(new double[] {2, 10}, s.mean());
        assertArrayEquals(new double[] {1, 1}, s.std());
        assertArrayEquals(new double[][] {{-1, 0}, {1, 0}}, s.apply(new double[][] {{1, 10}, {3, 10}}));
    }

    @Test
    void standardizedTrainingFeaturesHaveMeanZeroAndStdOne() throws DataException {
        double[][] x = {{1, -4}, {2, 0}, {7, 3}, {4, 9}};
        double[][] z = Standardization.fit(x).apply(x);
        Standardization again = Standardization.fit(z);
        for (int j = 0; j < 2; j++) {
            assertEquals(0, again.mean()[j], 1e-15);
            assertEquals(1, again.std()[j], 1e-15);
        }
    }

    @Test
    void constantFeatureBecomesZeroNotNaN() throws DataException {
        Standardization s = Standardization.fit(new double[][] {{5}, {5}});
        assertArrayEquals(new double[][] {{0}}, s.apply(new double[][] {{5}}));
    }

    @Test
    void applyLeavesItsInputAlone() throws DataException {
        double[][] x = {{1}, {3}};
        Standardization.fit(x).apply(x);
        assertArrayEquals(new double[][] {{1}, {3}}, x);
    }

    @Test
    void statisticsThatOverflowAreRefusedNotWrittenAsInfinity() {
        DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
                () -> Standardization.fit(new double[][] {{1, 1e160}, {2, -1e160}}));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("cannot standardize feature 2"), e.getMessage());
    }

    @Test
    void largeOffsetsKeepTheVarianceExact() throws DataException {
        Standardization s = Standardization.fit(new double[][] {{1e9 + 4}, {1e9 + 7}, {1e9 + 13}, {1e9 + 16}});
        assertEquals(1e9 + 10, s.mean()[0]);
        assertEquals(Math.sqrt(22.5), s.std()[0], 1e-12);
    }
}
