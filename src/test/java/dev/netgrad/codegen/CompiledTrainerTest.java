package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.data.Dataset;
import dev.netgrad.runtime.Prediction;
import dev.netgrad.spec.Optimizer;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The adapter over a hand-written trainer in the generated form (a runtime NetworkTrainer). */
class CompiledTrainerTest {
    private static final double[][] X = {{-2, -1}, {-1, -2}, {-1.5, -0.5}, {1, 2}, {2, 1}, {1.5, 0.5}, {-0.2, -0.1}, {0.3, 0.2}, {-3, -2}, {3, 2}};
    private static final double[] LABELS = {0, 0, 0, 1, 1, 1, 0, 1, 0, 1};

    @Test
    void readsTheClassConstants() {
        CompiledTrainer t = CompiledTrainer.create(Logistic.class, 1);
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
        CompiledTrainer t = CompiledTrainer.create(Logistic.class, 1);
        t.setParam("W", new double[][] {{0, 0}});
        t.useOptimizer(Optimizer.gd(0.5));
        double[][] y = new Dataset(X, LABELS, Prediction.PROBABILITY).targets(1);
        double first = t.trainStep(X, y);
        assertEquals(Math.log(2), first, 1e-15);
        assertTrue(t.costAndGradients(X, y) < first);
        assertEquals(10, t.losses().length);
        assertEquals(2, t.gradient("W")[0].length);
    }

    @Test
    void fitReportsEveryEpochThroughTheListener() {
        CompiledTrainer t = CompiledTrainer.create(Logistic.class, 1);
        List<Integer> epochs = new ArrayList<>();
        t.fit(X, new Dataset(X, LABELS, Prediction.PROBABILITY).targets(1), 3, 0, (epoch, cost) -> epochs.add(epoch));
        assertEquals(List.of(1, 2, 3), epochs);
    }

    @Test
    void trainerExceptionsComeOutUnwrapped() {
        CompiledTrainer t = CompiledTrainer.create(Logistic.class, 1);
        t.setParam("W", new double[][] {{1e308, 1e308}});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> t.trainStep(new double[][] {{1e308, 1e308}}, new double[][] {{0}}));
        assertTrue(e.getMessage().startsWith("Logistic: training stopped at step 1: the cost is"), e.getMessage());
        assertThrows(UncheckedIOException.class, () -> t.save(Path.of("no-such-folder", "x.json")));
    }

    /** Has the constructor but none of the API: what a bug in netgrad, not a user's training, would look like. */
    public static final class NoApi {
        public NoApi(long seed) {
        }
    }

    @Test
    void aClassWithoutTheApiIsNotATrainerAndNeverReadsAsDivergence() {
        for (Class<?> type : List.of(String.class, NoApi.class)) {
            CompiledTrainer.NotATrainer e = assertThrows(CompiledTrainer.NotATrainer.class, () -> CompiledTrainer.create(type, 1));
            assertTrue(e.getMessage().contains("is not a generated trainer"), e.getMessage());
            assertFalse(IllegalStateException.class.isInstance(e), e.toString());
        }
    }
}
