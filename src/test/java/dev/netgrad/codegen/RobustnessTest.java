package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Saturated outputs keep a finite cost; a diverging run stops loudly instead of going NaN. */
class RobustnessTest {
    @Test
    void aSaturatedSigmoidKeepsAFiniteCostAndGradient() {
        CompiledTrainer t = CompiledTrainer.of(Specs.derive(Specs.read(Path.of("samples/planar.nn"))), 1);
        t.setParam("W1", new double[][] {{1e3, -1e3}, {1e3, 1e3}, {-1e3, 1e3}, {1e3, 0}});
        t.setParam("W2", new double[][] {{1e4, -1e4, 1e4, -1e4}});
        double[][] x = {{1, 2}, {-3, 1}, {0.5, -0.5}};
        double[][] wrong = {{0}, {1}, {1}};
        double cost = t.costAndGradients(x, wrong);
        assertTrue(Double.isFinite(cost) && cost > 100, "cost " + cost);
        for (String p : t.paramNames()) {
            for (double[] row : t.gradient(p)) {
                for (double g : row) {
                    assertTrue(Double.isFinite(g), p);
                }
            }
        }
        t.trainStep(x, wrong);
    }

    @Test
    void aSaturatedSoftmaxKeepsAFiniteCost() {
        CompiledTrainer t = CompiledTrainer.of(Specs.derive(Specs.read(Path.of("samples/iris.nn"))), 1);
        double[][] w2 = t.getParam("W2");
        for (double[] row : w2) {
            for (int c = 0; c < row.length; c++) {
                row[c] *= 1e6;
            }
        }
        t.setParam("W2", w2);
        double[][] x = RandomExamples.inputs(10, 4, new SplittableRandom(1));
        double[][] y = RandomExamples.targets(10, 3, RandomExamples.TargetKind.ONE_HOT, new SplittableRandom(2));
        double cost = t.costAndGradients(x, y);
        assertTrue(Double.isFinite(cost), "cost " + cost);
    }

    @Test
    void aDivergingLearningRateStopsWithTheStepNumberAndKeepsTheParams() {
        Derivation line = Specs.derive("regression.nn", """
                network Regression {
                  input X[3]
                  target Y[1]
                  dense 4 tanh
                  dense 1 linear
                  loss mse
                }
                """);
        CompiledTrainer t = CompiledTrainer.of(line, 1);
        t.useOptimizer("gd", 50, 0.9, 0.9, 0.999, 1e-8);
        double[][] x = RandomExamples.inputs(20, 3, new SplittableRandom(1));
        double[][] y = RandomExamples.targets(20, 1, RandomExamples.TargetKind.REAL, new SplittableRandom(2));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TrainerApiTest.fit(t, x, y, 100_000, 0, new ArrayList<>()));
        assertTrue(e.getMessage().matches("Regression: training stopped at step \\d+: .*"), e.getMessage());
        assertTrue(e.getMessage().contains("learning rate (50.0, gd) may be too large"), e.getMessage());
        for (String p : t.paramNames()) {
            for (double[] row : t.getParam(p)) {
                for (double v : row) {
                    assertTrue(Double.isFinite(v), p + " became " + v);
                }
            }
        }
    }

    @Test
    void aNonFiniteFeatureIsRefusedBeforeTheParamsChange() {
        CompiledTrainer t = CompiledTrainer.of(Specs.derive(Specs.read(Path.of("samples/planar.nn"))), 1);
        double[][] before = t.getParam("W1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.trainStep(new double[][] {{1, Double.NaN}, {0, 1}}, new double[][] {{1}, {0}}));
        assertEquals("x[0][1] is NaN: Planar computes its gradients from finite features only", e.getMessage());
        assertArrayEquals(before, t.getParam("W1"));
        assertEquals(0.6931, t.trainStep(new double[][] {{1, 2}, {0, 1}}, new double[][] {{1}, {0}}), 1e-3);
    }

    @Test
    void aCostThatIsNotFiniteAtTheFirstStepDoesNotBlameTheLearningRate() {
        CompiledTrainer t = CompiledTrainer.of(Specs.derive("regression.nn", """
                network Regression {
                  input X[2]
                  target Y[1]
                  dense 3 tanh
                  dense 1 linear
                  loss mse
                }
                """), 1);
        double[][] before = t.getParam("W1");
        // A finite target whose squared error is not: (a - 1e200)^2 overflows.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> t.trainStep(new double[][] {{1, 2}, {0, 1}}, new double[][] {{1e200}, {0}}));
        assertTrue(e.getMessage().contains("step 1: the cost is Infinity"), e.getMessage());
        // Before any update the learning rate cannot be the cause, and the message does not blame it.
        assertTrue(e.getMessage().contains("No step has been taken yet, so the learning rate is not the cause"), e.getMessage());
        assertFalse(e.getMessage().contains("may be too large"), e.getMessage());
        assertArrayEquals(before, t.getParam("W1"));
    }
}
