package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.data.ParamsFile;
import dev.netgrad.data.SavedParams;
import dev.netgrad.diff.Derivation;
import dev.netgrad.runtime.NetworkTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batchnorm at prediction time: training keeps exponentially weighted averages of each batch's
 * mean and variance, prediction normalizes with them (so one example's prediction does not depend
 * on the batch it comes in), and params files carry them.
 */
class BatchnormRunningStatisticsTest {
    private static final Derivation BATCHNORM = Specs.derive(Specs.read(Path.of("samples/batchnorm.nn")));
    private static final double EPS = 1e-5;

    @TempDir
    Path dir;

    @Test
    void oneRowIsPredictedExactlyAsInsideItsBatch() {
        double[][] x = inputs(40, 7);
        CompiledTrainer t = CompiledTrainer.of(BATCHNORM, 1);
        t.fit(x, targets(x), 20, 8, null);
        double[][] all = t.predict(x);
        for (int e = 0; e < x.length; e++) {
            assertArrayEquals(all[e], t.predict(new double[][] {x[e]})[0], 0.0, "row " + e);
        }
        // A batch of the rows of one class, and the batch in reverse, give the same rows.
        double[][] reversed = new double[x.length][];
        for (int e = 0; e < x.length; e++) {
            reversed[e] = x[x.length - 1 - e];
        }
        double[][] back = t.predict(reversed);
        for (int e = 0; e < x.length; e++) {
            assertArrayEquals(all[x.length - 1 - e], back[e], 0.0, "reversed row " + e);
        }
    }

    @Test
    void everyTrainingStepAveragesInItsBatchsMeanAndBiasedVariance() {
        double[][] x = inputs(12, 3);
        double[][] y = targets(x);
        CompiledTrainer t = CompiledTrainer.of(BATCHNORM, 2);
        NetworkTrainer n = t.trainer();
        assertEquals(List.of("Zn1"), n.batchnormNames());
        assertArrayEquals(new double[8], n.runningMean("Zn1"), 0.0);
        assertArrayEquals(filled(8, 1.0), n.runningVariance("Zn1"), 0.0);
        double[] mean = n.runningMean("Zn1");
        double[] variance = n.runningVariance("Zn1");
        for (int step = 0; step < 3; step++) {
            t.costAndGradients(Arrays.copyOfRange(x, 4 * step, 4 * step + 4), Arrays.copyOfRange(y, 4 * step, 4 * step + 4));
            double[][] z = t.value("Z1");
            // Neither a prediction nor a cost between the gradients and the step changes what the step averages in.
            t.predict(x);
            t.cost(x, y);
            t.step();
            for (int r = 0; r < 8; r++) {
                double mu = 0;
                for (double v : z[r]) {
                    mu += v / z[r].length;
                }
                double var = 0;
                for (double v : z[r]) {
                    var += (v - mu) * (v - mu) / z[r].length;
                }
                mean[r] = 0.9 * mean[r] + 0.1 * mu;
                variance[r] = 0.9 * variance[r] + 0.1 * var;
            }
            assertArrayEquals(mean, n.runningMean("Zn1"), 1e-12, "step " + step);
            assertArrayEquals(variance, n.runningVariance("Zn1"), 1e-12, "step " + step);
        }
        // cost and predict alone leave the running statistics as they are.
        t.cost(x, y);
        t.predict(x);
        assertArrayEquals(mean, n.runningMean("Zn1"), 1e-12);
    }

    // Finite features of 1e160 overflow the batch variance while the normalized values, the cost and
    // the gradients stay finite: the step must stop before the running averages take in an Infinity,
    // which would make every prediction the same and the saved file one that load refuses.
    @Test
    void aBatchVarianceThatOverflowsStopsTrainingBeforeTheRunningStatisticsTakeItIn() {
        double[][] x = inputs(8, 5);
        x[0][0] = 1e160;
        x[1][0] = -1e160;
        CompiledTrainer t = CompiledTrainer.of(BATCHNORM, 1);
        NetworkTrainer n = t.trainer();
        double[][] before = t.getParam("W1");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.fit(x, targets(x), 1, 0, null));
        assertTrue(e.getMessage().startsWith("BatchNorm: training stopped at step 1: the batch variance of Zn1 is Infinity at row "),
                e.getMessage());
        assertTrue(e.getMessage().contains("Nothing of this step was applied: the params, the optimizer's moments and its step count are as they were before it."), e.getMessage());
        double[] ones = new double[8];
        Arrays.fill(ones, 1.0);
        assertArrayEquals(ones, n.runningVariance("Zn1"), 0.0);
        assertArrayEquals(new double[8], n.runningMean("Zn1"), 0.0);
        assertArrayEquals(before, t.getParam("W1"));
    }

    /**
     * A batch of one example has variance 0: trainStep refuses it as fit does, and step refuses the
     * gradients of one, which costAndGradients still gives (to check them), leaving the params and
     * the running statistics as they were; PyTorch's batchnorm refuses such a batch in training.
     */
    @Test
    void noExplicitStepTrainsABatchnormOnOneExample() {
        double[][] x = inputs(4, 3);
        double[][] y = targets(x);
        double[][] one = {x[0]};
        double[][] oneTarget = {y[0]};
        CompiledTrainer t = CompiledTrainer.of(BATCHNORM, 1);
        NetworkTrainer n = t.trainer();
        double[][] before = t.getParam("W1");
        String why = "BatchNorm normalizes over each batch (batchnorm Zn1), which a batch of one example cannot do"
                + " (its variance is 0, and nothing before the batchnorm would train): ";
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> t.trainStep(one, oneTarget));
        assertEquals(why + "train it on batches of at least 2 examples", refused.getMessage());
        assertTrue(Double.isFinite(t.costAndGradients(one, oneTarget)));
        assertArrayEquals(new double[] {0, 0, 0, 0}, t.gradient("W1")[0], 0.0, "nothing before the batchnorm trains");
        IllegalStateException stepped = assertThrows(IllegalStateException.class, t::step);
        assertEquals(why + "step after costAndGradients on at least 2 examples", stepped.getMessage());
        assertArrayEquals(before, t.getParam("W1"));
        assertArrayEquals(filled(8, 1.0), n.runningVariance("Zn1"), 0.0);
        assertArrayEquals(new double[8], n.runningMean("Zn1"), 0.0);
        // Two examples train.
        t.costAndGradients(Arrays.copyOf(x, 2), Arrays.copyOf(y, 2));
        t.step();
        assertFalse(Arrays.deepEquals(before, t.getParam("W1")));
    }

    /**
     * The largest batch variance the forward pass can hold, at the edge of overflow: two examples at
     * +-a, where 2 a^2 (the sum of squares before the division by m) is just below Double.MAX_VALUE.
     * The running variance takes in a^2 itself, finite, recovered from sqrt(a^2 + eps) squared:
     * a variance is at most MAX_VALUE / m with m >= 2, so that square cannot overflow; one past the
     * edge (the sum of squares overflows) is the non-finite batch the step refuses.
     */
    @Test
    void theLargestBatchVarianceIsTakenInFiniteAndOnePastItIsRefused() {
        double a = Math.sqrt(Double.MAX_VALUE / 2);
        assertTrue(Double.isFinite(2 * a * a));
        double[][] w1 = new double[8][4];
        w1[0][0] = 1;
        double[][] y = {{1, 0, 0}, {0, 0, 1}};
        CompiledTrainer t = CompiledTrainer.of(BATCHNORM, 1);
        t.setParam("W1", w1);
        t.trainer().setBatchnormMomentum(0.0);
        t.trainStep(new double[][] {{a, 0, 0, 0}, {-a, 0, 0, 0}}, y);
        double variance = t.trainer().runningVariance("Zn1")[0];
        assertEquals(a * a, variance, Math.ulp(a * a) * 2, "the batch's variance, taken in whole (momentum 0)");
        assertTrue(variance > 8e307, "" + variance);

        double past = Math.nextUp(Math.sqrt(Double.MAX_VALUE));
        CompiledTrainer u = CompiledTrainer.of(BATCHNORM, 1);
        u.setParam("W1", w1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> u.trainStep(new double[][] {{past, 0, 0, 0}, {-past, 0, 0, 0}}, y));
        assertTrue(e.getMessage().contains("the batch variance of Zn1 is Infinity at row 0"), e.getMessage());
    }

    /**
     * The running averages take in the largest batch statistics the forward pass can hold (a sum of at most
     * MAX_VALUE divided by m >= 2: a mean or variance of at most MAX_VALUE / 2) from running ones at the edge
     * of the finite (set, or loaded from a params file, which take any finite mean and variance), finite at
     * every momentum: momentum * running + (1 - momentum) * batch's cannot round past MAX_VALUE there. Written
     * as running + (1 - momentum) * (batch's - running), it would: the difference of MAX_VALUE / 2 and
     * -MAX_VALUE overflows.
     */
    @ParameterizedTest(name = "momentum {0}")
    @ValueSource(doubles = {0.0, 0.1, 0.5, 0.9, 0.999999, 0x1.fffffffffffffp-1})
    void runningStatisticsFromTheEdgesOfTheFiniteStayFinite(double momentum) {
        double max = Double.MAX_VALUE;
        double a = Math.sqrt(max / 2);
        double[][] w1 = new double[8][4];
        w1[0][0] = 1;
        double[][] y = {{1, 0, 0}, {0, 0, 1}};
        double[][][] batches = {
            {{max / 2, 0, 0, 0}, {max / 2, 0, 0, 0}}, // the largest mean: the sum is MAX_VALUE
            {{a, 0, 0, 0}, {-a, 0, 0, 0}},            // the largest variance
        };
        for (double[][] x : batches) {
            CompiledTrainer t = CompiledTrainer.of(BATCHNORM, 1);
            t.setParam("W1", w1);
            NetworkTrainer n = t.trainer();
            n.setBatchnormMomentum(momentum);
            n.setRunningStatistics("Zn1", filled(8, -max), filled(8, max));
            t.trainStep(x, y);
            assertTrue(Double.isFinite(n.runningMean("Zn1")[0]), "mean " + n.runningMean("Zn1")[0]);
            assertTrue(Double.isFinite(n.runningVariance("Zn1")[0]), "variance " + n.runningVariance("Zn1")[0]);
        }
    }

    @Test
    void predictionNormalizesWithTheRunningStatistics() {
        double[][] x = inputs(30, 5);
        double[][] y = targets(x);
        CompiledTrainer t = CompiledTrainer.of(BATCHNORM, 3);
        t.fit(x, y, 5, 10, null);
        // With the whole data set's statistics as the running ones, prediction is the training pass on that batch.
        t.cost(x, y);
        double[][] p = t.value("P");
        double[] mean = new double[8];
        double[] variance = new double[8];
        double[][] std = t.value("Zn1_std");
        double[][] mu = t.value("Zn1_mean");
        for (int r = 0; r < 8; r++) {
            mean[r] = mu[r][0];
            variance[r] = std[r][0] * std[r][0] - EPS;
        }
        t.trainer().setRunningStatistics("Zn1", mean, variance);
        double[][] predicted = t.predict(x);
        for (int e = 0; e < x.length; e++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(p[k][e], predicted[e][k], 1e-9, "example " + e + ", class " + k);
            }
        }
    }

    @Test
    void paramsFilesCarryTheRunningStatisticsAndRefuseFilesWithoutThem() throws Exception {
        double[][] x = inputs(20, 9);
        CompiledTrainer a = CompiledTrainer.of(BATCHNORM, 4);
        a.fit(x, targets(x), 3, 5, null);
        Path file = dir.resolve("bn.json");
        SaveLoadTest.save(a, file);
        String text = Files.readString(file);
        assertTrue(text.contains("\n  \"batchnorm\": {\n    \"Zn1\": {\"mean\": ["), text);
        CompiledTrainer b = CompiledTrainer.of(BATCHNORM, 5);
        SaveLoadTest.load(b, file);
        assertArrayEquals(a.trainer().runningMean("Zn1"), b.trainer().runningMean("Zn1"), 0.0);
        assertArrayEquals(a.trainer().runningVariance("Zn1"), b.trainer().runningVariance("Zn1"), 0.0);
        assertArrayEquals(a.predict(x)[3], b.predict(x)[3], 0.0);
        // The CLI's reader takes what the generated class writes.
        SavedParams read = ParamsFile.readForPrediction(file, BATCHNORM.network());
        assertArrayEquals(a.trainer().runningMean("Zn1"), read.batchnorm().get("Zn1").mean(), 0.0);
        assertArrayEquals(a.trainer().runningVariance("Zn1"), read.batchnorm().get("Zn1").variance(), 0.0);

        String without = text.replaceFirst("(?s),\n  \"batchnorm\": \\{.*?\n  \\}", "");
        assertFalse(without.contains("\"batchnorm\""), without);
        Files.writeString(file, without);
        double[] before = b.trainer().runningMean("Zn1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SaveLoadTest.load(CompiledTrainer.of(BATCHNORM, 5), file));
        assertTrue(e.getMessage().contains("has no running statistics of BatchNorm's batchnorms (Zn1), which prediction normalizes with"), e.getMessage());

        Files.writeString(file, text.replace("\"variance\": [", "\"variance\": [-1.0, "));
        e = assertThrows(IllegalArgumentException.class, () -> SaveLoadTest.load(b, file));
        assertTrue(e.getMessage().contains("the running statistics of Zn1 must have 8 means and 8 variances"), e.getMessage());
        Files.writeString(file, text.replaceFirst("\"variance\": \\[[^,]*,", "\"variance\": [-1.0,"));
        e = assertThrows(IllegalArgumentException.class, () -> SaveLoadTest.load(b, file));
        assertTrue(e.getMessage().contains("at row 0 are not a finite mean and a variance of at least 0"), e.getMessage());
        Files.writeString(file, text.replace("\"Zn1\": {", "\"Zn2\": {"));
        e = assertThrows(IllegalArgumentException.class, () -> SaveLoadTest.load(b, file));
        assertTrue(e.getMessage().contains("a batchnorm Zn2, which BatchNorm does not have; its batchnorms are Zn1"), e.getMessage());
        assertArrayEquals(before, b.trainer().runningMean("Zn1"), 0.0);
    }

    /**
     * Save refuses running statistics that are not finite, as it refuses such params, in the same
     * words (the entry as the getter indexes it: [r][c] in a param, [i] in a running statistic):
     * JSON has no NaN, and load would refuse the file. No public call makes them so (step refuses a
     * batch whose statistics are not finite, setParam a param), so the test reaches into the
     * trainer's own arrays: entry {@code at} of param 0 (W1, 8 x 4 here) or of Zn1's statistic.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            runningMean     | 2  | NaN       | cannot save the running mean of Zn1: it has a non-finite entry (NaN at [2])
            runningVariance | 0  | Infinity  | cannot save the running variance of Zn1: it has a non-finite entry (Infinity at [0])
            runningVariance | 7  | -Infinity | cannot save the running variance of Zn1: it has a non-finite entry (-Infinity at [7])
            paramBuffer     | 0  | NaN       | cannot save W1: it has a non-finite entry (NaN at [0][0])
            paramBuffer     | 6  | Infinity  | cannot save W1: it has a non-finite entry (Infinity at [1][2])
            """)
    void saveRefusesParamsAndRunningStatisticsThatAreNotFiniteInOneWording(String which, int at, double bad, String expected)
            throws Exception {
        CompiledTrainer t = CompiledTrainer.of(BATCHNORM, 4);
        Object owner = t.trainer();
        Class<?> type = NetworkTrainer.class;
        if (!which.equals("paramBuffer")) {
            java.lang.reflect.Field field = NetworkTrainer.class.getDeclaredField("batchnorms");
            field.setAccessible(true);
            owner = field.get(t.trainer());
            type = owner.getClass();
        }
        java.lang.reflect.Method live = type.getDeclaredMethod(which, int.class);
        live.setAccessible(true);
        ((double[]) live.invoke(owner, 0))[at] = bad;
        Path file = dir.resolve("bn.json");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SaveLoadTest.save(t, file));
        assertEquals(expected, e.getMessage());
        assertFalse(Files.exists(file), "nothing is written");
    }

    @Test
    void networksWithoutBatchnormSaveNoRunningStatistics() throws IOException {
        CompiledTrainer planar = CompiledTrainer.of(Specs.derive(Specs.read(Path.of("samples/planar.nn"))), 1);
        Path file = dir.resolve("planar.json");
        SaveLoadTest.save(planar, file);
        assertFalse(Files.readString(file).contains("batchnorm"));
        assertEquals(List.of(), planar.trainer().batchnormNames());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> planar.trainer().runningMean("Z1"));
        assertTrue(e.getMessage().contains("Planar has no batchnorm named Z1; it has no batchnorm"), e.getMessage());
    }

    @Test
    void twoBatchnormsOfOneStatementHaveTheirOwnRunningStatistics() throws IOException {
        Derivation two = Specs.derive("two.nn", """
                network Two {
                  input X[4]; target Y[3]
                  param W1[5, 4] init he
                  param V1[5, 4] init he
                  param g1[5] init ones
                  param c1[5] init zeros
                  param g2[5] init ones
                  param c2[5] init zeros
                  param W2[3, 5] init xavier
                  param b2[3] init zeros
                  Z1 = batchnorm(W1 @ X, g1, c1) + batchnorm(V1 @ X, g2, c2)
                  A1 = relu(Z1)
                  Z2 = W2 @ A1 + b2
                  loss L = -sum(Y * log_softmax(Z2), axis=0)
                  cost J = mean(L)
                  P = softmax(Z2)
                  output P
                }
                """);
        double[][] x = inputs(24, 10);
        CompiledTrainer a = CompiledTrainer.of(two, 1);
        assertEquals(List.of("Z1", "Z1#2"), a.trainer().batchnormNames());
        a.fit(x, targets(x), 10, 6, null);
        double[][] all = a.predict(x);
        assertArrayEquals(all[5], a.predict(new double[][] {x[5]})[0], 0.0);
        Path file = dir.resolve("two.json");
        SaveLoadTest.save(a, file);
        CompiledTrainer b = CompiledTrainer.of(two, 2);
        SaveLoadTest.load(b, file);
        for (String name : List.of("Z1", "Z1#2")) {
            assertArrayEquals(a.trainer().runningMean(name), b.trainer().runningMean(name), 0.0, name);
            assertArrayEquals(a.trainer().runningVariance(name), b.trainer().runningVariance(name), 0.0, name);
        }
        assertFalse(Arrays.equals(a.trainer().runningMean("Z1"), a.trainer().runningMean("Z1#2")));
        assertArrayEquals(all[5], b.predict(x)[5], 0.0);
    }

    @Test
    void theMomentumIsTheWeightOfTheOldAverage() {
        NetworkTrainer n = CompiledTrainer.of(BATCHNORM, 6).trainer();
        assertEquals(0.9, n.batchnormMomentum());
        n.setBatchnormMomentum(0.0);
        double[][] x = inputs(6, 8);
        n.trainStep(x, targets(x));
        double[][] mean = n.value("Zn1_mean");
        for (int r = 0; r < 8; r++) {
            assertEquals(mean[r][0], n.runningMean("Zn1")[r], 0.0);
        }
        for (double bad : new double[] {-0.1, 1.0, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.setBatchnormMomentum(bad));
            assertTrue(e.getMessage().contains("at least 0 and less than 1"), e.getMessage());
        }
    }

    private static double[][] inputs(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[count][4];
        for (double[] row : x) {
            for (int f = 0; f < 4; f++) {
                row[f] = 2 * random.nextDouble() - 1 + f;
            }
        }
        return x;
    }

    /** One-hot classes from the inputs, so that there is something to learn. */
    private static double[][] targets(double[][] x) {
        double[][] y = new double[x.length][3];
        for (int e = 0; e < x.length; e++) {
            double s = x[e][0] - x[e][1] + 0.5 * x[e][2];
            y[e][s < -1.5 ? 0 : s < -0.5 ? 1 : 2] = 1;
        }
        return y;
    }

    private static double[] filled(int n, double v) {
        double[] out = new double[n];
        Arrays.fill(out, v);
        return out;
    }
}
