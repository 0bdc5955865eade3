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

    /**
     * A column constant up to rounding (0.3 and 0.1 + 0.2, std about 1e-17) is constant, as scikit-learn's StandardScaler
     * has it: it was divided by its std, and its rounding noise became a feature of +-1.
     */
    @Test
    void aFeatureConstantUpToRoundingBecomesZeroNotNoise() throws DataException {
        double[][] x = {{0.3, 1e-10}, {0.1 + 0.2, 2e-10}, {0.3, 1e-10}, {0.1 + 0.2, 2e-10}};
        Standardization s = Standardization.fit(x);
        assertEquals(1.0, s.std()[0]);
        for (double[] row : s.apply(x)) {
            assertEquals(0, row[0], 1e-15);
            // a small scale is no rounding: 1e-10 and 2e-10 differ in their first digit
            assertEquals(1, Math.abs(row[1]), 1e-9);
        }
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
