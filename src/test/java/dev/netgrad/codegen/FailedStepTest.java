package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A step whose update would overflow a param, or Adam's second moment, stops with an exception and
 * changes nothing: the params, the optimizer's moments and Adam's step count are as before it, so
 * the next step is the one a trainer that never met the failing batch takes (the same bits; in a
 * network with dropout, the refused step gives back its masks' draws, so the next draws the same
 * masks too). W1 is 256 x 256 and the batch 8 examples, so that on 2 threads the step runs in 2
 * stripes.
 */
class FailedStepTest {
    private static final Derivation WIDE = Specs.derive("wide.nn",
            "network Wide {\n input X[256]\n target Y[256]\n dense 256 linear\n loss mse\n}\n");
    private static final int BATCH = 8;
    private static final Derivation DROPOUT = Specs.derive("drop.nn", """
            network Drop {
              input X[4]
              target Y[1]
              param W1[8, 4] init xavier
              param b1[8] init zeros
              param W2[1, 8] init xavier
              param b2[1] init zeros
              A1 = dropout(relu(W1 @ X + b1), 0.5)
              Z2 = W2 @ A1 + b2
              loss L = (Z2 - Y) ^ 2
              cost J = mean(L)
              output Z2
            }
            """);

    @ParameterizedTest(name = "{0} on {1} thread(s): {7}")
    @CsvSource(delimiter = '|', textBlock = """
            # optimizer | threads | lr    | good features | W1[0][0] set before the failing step (0: not set) | failing feature | its targets | the message says
            # Gradients of about 1e298 (a feature of 1e150) times 1e12 overflow gd's and momentum's update.
            gd          | 1       | 1e12  | 1e-9  | 0                      | 1e150  | 0     | the update would make W1[0][0] non-finite (Infinity)
            gd          | 2       | 1e12  | 1e-9  | 0                      | 1e150  | 0     | the update would make W1[0][0] non-finite (Infinity)
            momentum    | 1       | 1e12  | 1e-9  | 0                      | 1e150  | 0     | the update would make W1[0][0] non-finite (Infinity)
            momentum    | 2       | 1e12  | 1e-9  | 0                      | 1e150  | 0     | the update would make W1[0][0] non-finite (Infinity)
            # Adam's change is about the learning rate: W1[0][0] at the largest double goes up past it (the
            # first good batch is all 0, so only the step count moves; the second's features are tiny). A
            # target of 1e152 above the output (1.8e150) with a feature of 1e-158 makes a gradient of about
            # -1e-6, large beside eps, and a finite cost.
            adam        | 1       | 1e300 | 1e-200 | 1.7976931348623157e308 | 1e-158 | 1e152 | the update would make W1[0][0] non-finite (Infinity)
            adam        | 2       | 1e300 | 1e-200 | 1.7976931348623157e308 | 1e-158 | 1e152 | the update would make W1[0][0] non-finite (Infinity)
            # Gradients of about 1e158: finite, their squares not; the entry would never move again.
            adam        | 1       | 0.001 | 1e-3  | 0                      | 1e80   | 0     | the square of the gradient dW1's entry for W1[0][0]
            adam        | 2       | 0.001 | 1e-3  | 0                      | 1e80   | 0     | the square of the gradient dW1's entry for W1[0][0]
            """)
    void aStepThatWouldOverflowChangesNothing(String optimizer, int threads, double lr, double goodScale, double start, double feature,
                                              double target, String says) {
        CompiledTrainer met = trainer(optimizer, threads, lr);
        CompiledTrainer never = trainer(optimizer, threads, lr);
        // A good step first, so that the moments and Adam's step count are not those of a new trainer.
        double firstScale = start != 0 ? 0 : goodScale;
        met.trainStep(good(1, firstScale), targets(0));
        never.trainStep(good(1, firstScale), targets(0));
        if (start != 0) {
            setFirst(met, start);
            setFirst(never, start);
        }
        double[][] w = met.getParam("W1");
        double[][] b = met.getParam("b1");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> met.trainStep(filled(feature), targets(target)));
        assertTrue(e.getMessage().startsWith("Wide: training stopped at step 2: " + says), e.getMessage());
        assertTrue(e.getMessage().endsWith("Nothing of this step was applied: the params, the optimizer's moments and its step count"
                + " are as they were before it."), e.getMessage());
        assertArrayEquals(w, met.getParam("W1"));
        assertArrayEquals(b, met.getParam("b1"));
        met.trainStep(good(2, goodScale), targets(0));
        never.trainStep(good(2, goodScale), targets(0));
        assertArrayEquals(never.getParam("W1"), met.getParam("W1"), "the moments and the step count as before the failed step");
        assertArrayEquals(never.getParam("b1"), met.getParam("b1"));
    }

    /** The same failure at the first step names the learning rate as a cause, not the params training started from. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"gd", "momentum"})
    void anUpdateThatWouldOverflowAtTheFirstStepBlamesTheLearningRate(String optimizer) {
        CompiledTrainer t = trainer(optimizer, 1, 1e12);
        double[][] w = t.getParam("W1");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.trainStep(filled(1e150), targets(0)));
        assertTrue(e.getMessage().startsWith("Wide: training stopped at step 1: the update would make W1[0][0] non-finite"), e.getMessage());
        assertTrue(e.getMessage().contains("The learning rate (1.0E12, " + optimizer + ") may be too large"), e.getMessage());
        assertFalse(e.getMessage().contains("No step has been taken yet"), e.getMessage());
        assertArrayEquals(w, t.getParam("W1"));
        // Nothing to undo: gd with a learning rate the gradients allow takes the step.
        t.useOptimizer(optimizer, 1e-310, 0.9, 0.9, 0.999, 1e-8);
        t.trainStep(filled(1e150), targets(0));
    }

    /**
     * Adam takes lr / (1 - beta1^t) times m / (sqrt(s) / sqrt(1 - beta2^t) + eps), PyTorch's order: a
     * learning rate of 1e300 and gradients of about 1e10 make a change of about 1e300, where lr times
     * the corrected first moment (the order before) overflowed and stopped training.
     */
    @ParameterizedTest(name = "{0} thread(s)")
    @CsvSource({"1", "2"})
    void adamsLearningRateTimesTheFirstMomentMayOverflowWhereItsChangeDoesNot(int threads) {
        CompiledTrainer t = trainer("adam", threads, 1e300);
        double[][] w = t.getParam("W1");
        t.trainStep(good(1, 1e5), targets(0));
        double[][] g = t.gradient("W1");
        double[][] after = t.getParam("W1");
        double stepSize = 1e300 / (1 - Math.pow(0.9, 1));
        double rootCorrection2 = Math.sqrt(1 - Math.pow(0.999, 1));
        for (int r = 0; r < after.length; r++) {
            for (int c = 0; c < after[r].length; c++) {
                double m = 0.9 * 0.0 + (1 - 0.9) * g[r][c];
                double s = 0.999 * 0.0 + (1 - 0.999) * (g[r][c] * g[r][c]);
                assertEquals(w[r][c] - stepSize * (m / (Math.sqrt(s) / rootCorrection2 + 1e-8)), after[r][c], 0.0, r + ", " + c);
                assertTrue(Double.isFinite(after[r][c]));
            }
        }
    }

    /**
     * A batch refused for its cost (every output 1e154 below its target: each example's loss overflows,
     * the gradients stay finite) leaves no gradients behind: a step() after it would apply the refused
     * batch, which the trainStep said was not applied.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"gd", "adam"})
    void aBatchRefusedForItsCostLeavesNoGradientsForALaterStep(String optimizer) {
        CompiledTrainer t = trainer(optimizer, 1, 0.01);
        double[][] b = t.getParam("b1");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> t.trainStep(filled(0), targets(1e154)));
        assertTrue(refused.getMessage().startsWith("Wide: training stopped at step 1: the cost is Infinity"), refused.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class, t::step);
        assertTrue(none.getMessage().contains("no gradients"), none.getMessage());
        assertArrayEquals(b, t.getParam("b1"));
    }

    /**
     * A refused trainStep in a network with dropout gives back its masks' draws: the step after it
     * draws the masks of a trainer that never met the refused batch, so the two train on to the same
     * bits. Refused for its cost (a target of 1e200: the loss overflows) and for its update (a
     * learning rate of 1e300 for that step alone: finite gradients, an update past the largest double).
     */
    @ParameterizedTest(name = "refused for: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # failing step's learning rate | its feature | its targets | the message says
            0.1                            | 1           | 1e200       | the cost is Infinity
            1e300                          | 1e5         | 0           | the update would make
            """)
    void aStepRefusedInANetworkWithDropoutGivesBackItsMasksDraws(double lr, double feature, double target, String says) {
        CompiledTrainer met = dropoutTrainer(0.1);
        CompiledTrainer never = dropoutTrainer(0.1);
        met.trainStep(smallFeatures(1), fourTargets(0.5));
        never.trainStep(smallFeatures(1), fourTargets(0.5));
        double[][] failing = new double[BATCH][4];
        for (double[] row : failing) {
            java.util.Arrays.fill(row, feature);
        }
        met.useOptimizer("gd", lr, 0.9, 0.9, 0.999, 1e-8);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> met.trainStep(failing, fourTargets(target)));
        assertTrue(e.getMessage().startsWith("Drop: training stopped at step 2: " + says), e.getMessage());
        met.useOptimizer("gd", 0.1, 0.9, 0.9, 0.999, 1e-8);
        for (int seed = 2; seed <= 3; seed++) {
            met.trainStep(smallFeatures(seed), fourTargets(0.5));
            never.trainStep(smallFeatures(seed), fourTargets(0.5));
        }
        for (String param : new String[] {"W1", "b1", "W2", "b2"}) {
            assertArrayEquals(never.getParam(param), met.getParam(param), param + ": the masks drawn after the refused step");
        }
    }

    /** 4 - 8 - 1 with inverted dropout (keep 0.5) on the hidden layer, gradient descent. */
    private static CompiledTrainer dropoutTrainer(double lr) {
        CompiledTrainer t = CompiledTrainer.of(DROPOUT, 3);
        t.useOptimizer("gd", lr, 0.9, 0.9, 0.999, 1e-8);
        return t;
    }

    /** Features of 0.1 to 0.9, different for each {@code seed}. */
    private static double[][] smallFeatures(int seed) {
        double[][] x = new double[BATCH][4];
        for (int i = 0; i < BATCH; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = (1 + (i * 5 + j * 3 + seed * 7) % 9) * 0.1;
            }
        }
        return x;
    }

    private static double[][] fourTargets(double value) {
        double[][] y = new double[BATCH][1];
        for (double[] row : y) {
            row[0] = value;
        }
        return y;
    }

    private static CompiledTrainer trainer(String optimizer, int threads, double lr) {
        CompiledTrainer t = CompiledTrainer.of(WIDE, 7);
        t.setThreads(threads);
        t.useOptimizer(optimizer, lr, 0.9, 0.9, 0.999, 1e-8);
        return t;
    }

    private static void setFirst(CompiledTrainer t, double value) {
        double[][] w = t.getParam("W1");
        w[0][0] = value;
        t.setParam("W1", w);
    }

    /** Examples whose first feature is {@code value} and the others 0: a large one makes a large gradient and a finite cost. */
    private static double[][] filled(double value) {
        double[][] x = new double[BATCH][256];
        for (double[] row : x) {
            row[0] = value;
        }
        return x;
    }

    private static double[][] targets(double value) {
        double[][] y = new double[BATCH][256];
        for (double[] row : y) {
            java.util.Arrays.fill(row, value);
        }
        return y;
    }

    /** A batch of features of {@code scale}, 0 to 8 times it, different for each {@code seed}. */
    private static double[][] good(int seed, double scale) {
        double[][] x = new double[BATCH][256];
        for (int i = 0; i < BATCH; i++) {
            for (int j = 0; j < 256; j++) {
                x[i][j] = ((i * 31 + j * 7 + seed * 13) % 9) * scale;
            }
        }
        return x;
    }
}
