package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.spec.Optimizer;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reflective adapter and a training run, over a hand-written class with the generated API. */
class TrainerTest {
    private static final double[][] X = {{-2, -1}, {-1, -2}, {-1.5, -0.5}, {1, 2}, {2, 1}, {1.5, 0.5}, {-0.2, -0.1}, {0.3, 0.2}, {-3, -2}, {3, 2}};
    private static final int[] LABELS = {0, 0, 0, 1, 1, 1, 0, 1, 0, 1};

    @Test
    void readsTheClassConstants() {
        Trainer t = Trainer.create(Logistic.class, 1);
        assertArrayEquals(new String[] {"W", "b"}, t.paramNames());
        assertEquals("X", t.inputName());
        assertEquals("Y", t.targetName());
        assertEquals("A", t.outputName());
        assertEquals(2, t.inputSize());
        assertEquals(1, t.targetSize());
        assertEquals("Logistic", t.networkName());
    }

    @Test
    void setsParamsAndTakesSteps() {
        Trainer t = Trainer.create(Logistic.class, 1);
        t.setParam("W", new double[][] {{0, 0}});
        t.useOptimizer(Optimizer.gd(0.5));
        double[][] y = new Dataset(X, LABELS).targets(1);
        double first = t.trainStep(X, y);
        assertEquals(Math.log(2), first, 1e-15);
        assertTrue(t.costAndGradients(X, y) < first);
        assertEquals(10, t.losses().length);
        assertEquals(2, t.gradient("W")[0].length);
    }

    @Test
    void fitReportsEveryEpochThroughTheListener() {
        Trainer t = Trainer.create(Logistic.class, 1);
        List<Integer> epochs = new ArrayList<>();
        t.fit(X, new Dataset(X, LABELS).targets(1), 3, 0, (epoch, cost) -> epochs.add(epoch));
        assertEquals(List.of(1, 2, 3), epochs);
    }

    @Test
    void trainerExceptionsComeOutUnwrapped() {
        Trainer t = Trainer.create(Logistic.class, 1);
        t.setParam("W", new double[][] {{1e308, 1e308}});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> t.trainStep(new double[][] {{1e308, 1e308}}, new double[][] {{0}}));
        assertTrue(e.getMessage().startsWith("cost is"), e.getMessage());
        assertThrows(UncheckedIOException.class, () -> t.save(Path.of("x.json")));
    }

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
