package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.runtime.Prediction;
import org.junit.jupiter.api.Test;

/** An accuracy counts a prediction right only when there is one and it equals the label. */
class ScoreTest {
    private static final double NAN = Double.NaN;

    @Test
    void aNaNOutputIsNeverACorrectPrediction() {
        double[][] outputs = {{NAN, 0.1, 0.2}, {0.7, NAN, 0.1}, {0.8, 0.1, 0.1}, {0.1, 0.1, 0.8}};
        double[] labels = {0, 0, 0, 1};
        int[] classes = Score.classes(outputs, Prediction.CLASSES);
        assertEquals(Prediction.NO_CLASS, classes[0]); // numpy's argmax: 0, the first NaN, and so right
        assertEquals(Prediction.NO_CLASS, classes[1]); // class 0 before the fix: right
        assertEquals(1, Score.correct(classes, labels)); // only row 2
        assertEquals(2, Score.unclassified(classes));
    }

    @Test
    void aNaNProbabilityIsNeitherClass() {
        int[] classes = Score.classes(new double[][] {{NAN}, {NAN}, {0.9}}, Prediction.PROBABILITY);
        assertEquals(1, Score.correct(classes, new double[] {0, 1, 1}));
        assertEquals(2, Score.unclassified(classes));
    }
}
