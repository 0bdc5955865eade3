package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.codegen.Logistic;
import dev.netgrad.spec.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A training run over a hand-written class with the generated API. */
class TrainingRunTest {
    private static final double[][] X = {{-2, -1}, {-1, -2}, {-1.5, -0.5}, {1, 2}, {2, 1}, {1.5, 0.5}, {-0.2, -0.1}, {0.3, 0.2}, {-3, -2}, {3, 2}};
    private static final int[] LABELS = {0, 0, 0, 1, 1, 1, 0, 1, 0, 1};

    @Test
    void aTrainingRunHoldsOutStandardizesAndScores() throws DataException {
        TrainingPlan plan = new TrainingPlan(Optimizer.gd(1.0), 50, 0, 4, 0.2, true, 2);
        List<String> lines = new ArrayList<>();
        TrainingRun.Result r = TrainingRun.run(Logistic.class, "Logistic", new Dataset(X, LABELS), plan,
                java.util.Optional.empty(), (epoch, cost) -> lines.add(epoch + ""));
        assertEquals(50, lines.size());
        assertEquals(8, r.train().total());
        assertEquals(2, r.heldOut().orElseThrow().total());
        assertEquals(1.0, r.train().accuracy());
        assertTrue(r.params().standardization().isPresent());
        assertTrue(r.costs()[49] < r.costs()[0]);
        assertEquals(List.of("W", "b"), List.copyOf(r.params().params().keySet()));
    }
}
