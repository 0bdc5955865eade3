package dev.netgrad.runtime.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.runtime.Prediction;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A model's prediction column: a NaN output predicts NaN, not class 0 (an evaluator then counts it wrong). */
class LabelKindTest {
    @Test
    void aNaNOutputPredictsNaN() {
        assertEquals(Double.NaN, LabelKind.CLASSES.prediction(new double[] {Double.NaN, 0.2}, Optional.empty()));
        assertEquals(Double.NaN, LabelKind.BINARY.prediction(new double[] {Double.NaN}, Optional.of(Prediction.LOGIT)));
        assertEquals(Double.NaN, LabelKind.BINARY.prediction(new double[] {Double.NaN}, Optional.empty()));
        assertEquals(1.0, LabelKind.CLASSES.prediction(new double[] {0.1, 0.9}, Optional.empty()));
        assertEquals(0.0, LabelKind.BINARY.prediction(new double[] {0.2}, Optional.empty()));
    }
}
