package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import dev.netgrad.runtime.NetworkTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The public API of a generated class (README.md, "The generated class"), on the samples. */
class TrainerApiTest {
    private static final Derivation PLANAR = Specs.derive(Specs.read(Path.of("samples/planar.nn")));
    private static final Derivation DROPOUT = Specs.derive(Specs.read(Path.of("samples/dropout.nn")));

    private static double[][] x(int m, long seed) {
        return RandomExamples.inputs(m, 2, new SplittableRandom(seed));
    }

    private static double[][] y(int m, long seed) {
        return RandomExamples.targets(m, 1, RandomExamples.TargetKind.BINARY, new SplittableRandom(seed + 100));
    }

    @Test
    void buffersKeptFromABiggerBatchGiveTheSameResultsAsFreshOnes() {
        CompiledTrainer reused = CompiledTrainer.of(PLANAR, 1);
        for (int m : new int[] {5, 3, 7, 2, 7}) {
            CompiledTrainer fresh = CompiledTrainer.of(PLANAR, 1);
            assertEquals(fresh.costAndGradients(x(m, m), y(m, m)), reused.costAndGradients(x(m, m), y(m, m)));
            for (String p : fresh.paramNames()) {
                assertArrayEquals(fresh.gradient(p), reused.gradient(p), p);
            }
            assertArrayEquals(fresh.delta("dZ1"), reused.delta("dZ1"));
            assertEquals(m, reused.value("Z1")[0].length);
            assertEquals(m, reused.losses().length);
        }
    }

    @Test
    void theSameSeedGivesTheSameParamsAndAnotherSeedOthers() {
        CompiledTrainer a = CompiledTrainer.of(PLANAR, 5);
        CompiledTrainer b = CompiledTrainer.of(PLANAR, 5);
        CompiledTrainer c = CompiledTrainer.of(PLANAR, 6);
        assertArrayEquals(a.getParam("W1"), b.getParam("W1"));
        assertNotEquals(a.getParam("W1")[0][0], c.getParam("W1")[0][0]);
    }

    @Test
    void paramsStartAsTheSpecSays() {
        CompiledTrainer planar = CompiledTrainer.of(PLANAR, 2);
        assertArrayEquals(new double[4][1], planar.getParam("b1"));
        assertEquals(0.01, standardDeviation(planar.getParam("W1")), 0.006);
        CompiledTrainer mlp = CompiledTrainer.of(Specs.derive(Specs.read(Path.of("samples/mlp.nn"))), 2);
        assertEquals(Math.sqrt(2.0 / 784), standardDeviation(mlp.getParam("W1")), 0.02 * Math.sqrt(2.0 / 784));
        CompiledTrainer batchnorm = CompiledTrainer.of(Specs.derive(Specs.read(Path.of("samples/batchnorm.nn"))), 2);
        assertArrayEquals(new double[][] {{1}, {1}, {1}, {1}, {1}, {1}, {1}, {1}}, batchnorm.getParam("gamma1"));
        assertEquals(Math.sqrt(1.0 / 8), standardDeviation(batchnorm.getParam("W2")), 0.1);
    }

    private static double standardDeviation(double[][] w) {
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (double[] row : w) {
            for (double v : row) {
                sum += v;
                squares += v * v;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(squares / n - mean * mean);
    }

    @Test
    void setParamCopiesAndChecksTheShape() {
        CompiledTrainer t = CompiledTrainer.of(PLANAR, 1);
        double[][] w = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
        t.setParam("W1", w);
        w[0][0] = 99;
        assertEquals(1, t.getParam("W1")[0][0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.setParam("W1", new double[3][2]));
        assertTrue(e.getMessage().contains("must be 4 x 2, found 3 x 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.setParam("W1", new double[][] {{1, 2}, {3}, {4, 5}, {6, 7}}));
        assertTrue(e.getMessage().contains("not rectangular"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.setParam("W1", new double[][] {{1, 2}, {3, Double.NaN}, {4, 5}, {6, 7}}));
        assertTrue(e.getMessage().contains("non-finite entry at [1][1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.setParam("W9", w));
        assertTrue(e.getMessage().contains("its params are W1, b1, W2, b2"), e.getMessage());
    }

    /** One entry set in place, the others untouched; a bad place or value is refused as setParam refuses it. */
    @Test
    void setParamEntrySetsOneEntryAndChecksItsPlaceAndValue() {
        CompiledTrainer compiled = CompiledTrainer.of(PLANAR, 1);
        NetworkTrainer t = compiled.trainer();
        double[][] before = t.getParam("W1");
        t.setParamEntry("W1", 3, 1, -0.0);
        double[][] expected = before.clone();
        expected[3] = new double[] {before[3][0], -0.0};
        assertArrayEquals(expected, t.getParam("W1"), "only W1[3][1] changed, to -0.0 (not 0.0)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.setParamEntry("W1", 4, 0, 1));
        assertEquals("param W1 is 4 x 2: it has no entry at [4][0]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.setParamEntry("W1", 0, -1, 1));
        assertEquals("param W1 is 4 x 2: it has no entry at [0][-1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.setParamEntry("W1", 1, 1, Double.POSITIVE_INFINITY));
        assertEquals("param W1 takes finite entries alone, not Infinity at [1][1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.setParamEntry("W9", 0, 0, 1));
        assertTrue(e.getMessage().contains("its params are W1, b1, W2, b2"), e.getMessage());
        assertArrayEquals(expected, t.getParam("W1"), "a refused entry changes nothing");
    }

    @Test
    void badBatchesAreRefusedWithTheRowThatIsWrong() {
        CompiledTrainer t = CompiledTrainer.of(PLANAR, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.costAndGradients(new double[][] {{1, 2}, {3, 4, 5}}, y(2, 1)));
        assertTrue(e.getMessage().contains("x[1] has 3 values, but Planar's input X has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.costAndGradients(x(3, 1), y(2, 1)));
        assertTrue(e.getMessage().contains("x has 3 examples (rows) but y has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.costAndGradients(new double[0][], new double[0][]));
        assertTrue(e.getMessage().contains("at least one example"), e.getMessage());
    }

    /**
     * A softmax's cross-entropy is derived as A - Y, its gradient only for targets that sum to 1: a
     * multi-hot row would get gradients of another cost, so it is refused; one-hot rows and
     * probabilities (summing to 1 up to rounding) are taken.
     */
    @Test
    void aSoftmaxCrossEntropyTakesOnlyTargetsThatSumToOne() {
        CompiledTrainer iris = CompiledTrainer.of(Specs.derive(Specs.read(Path.of("samples/iris.nn"))), 1);
        double[][] x = {{5.1, 3.5, 1.4, 0.2}, {6.2, 2.9, 4.3, 1.3}};
        record Case(String what, double[][] y, boolean taken) {
        }
        List<Case> cases = List.of(
                new Case("one-hot", new double[][] {{1, 0, 0}, {0, 0, 1}}, true),
                new Case("probabilities", new double[][] {{0.1, 0.2, 0.7}, {0.5, 0.25, 0.25}}, true),
                // Within the rounding slack of 1 (1e-12), as netgrad eval's check, which is the same test, takes too.
                new Case("probabilities 1e-13 off", new double[][] {{1, 0, 0}, {0.5, 0.25, 0.2499999999999}}, true),
                new Case("probabilities 1e-11 off", new double[][] {{1, 0, 0}, {0.5, 0.25, 0.24999999999}}, false),
                new Case("multi-hot", new double[][] {{1, 0, 0}, {1, 1, 0}}, false),
                new Case("no class", new double[][] {{1, 0, 0}, {0, 0, 0}}, false));
        for (Case c : cases) {
            if (c.taken()) {
                assertTrue(Double.isFinite(iris.costAndGradients(x, c.y())), c.what());
                continue;
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> iris.costAndGradients(x, c.y()), c.what());
            double sum = c.y()[1][0] + c.y()[1][1] + c.y()[1][2];
            assertTrue(e.getMessage().startsWith("y[1] sums to " + sum + ", but Iris's loss is a softmax's"
                    + " cross-entropy, whose derivative A - Y holds only for targets that sum to 1"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> iris.fit(x, c.y(), 1, 0, null), c.what());
            // The cost alone is defined for any target.
            assertTrue(Double.isFinite(iris.cost(x, c.y())), c.what());
        }
        double[][] nan = {{1, 0, 0}, {Double.NaN, 1, 0}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> iris.costAndGradients(x, nan));
        assertEquals("y[1][0] is NaN: Iris computes its gradients from finite targets only", e.getMessage());
        // Planar's sigmoid cross-entropy takes any 0/1 target: the check is the softmax's alone.
        assertTrue(Double.isFinite(CompiledTrainer.of(PLANAR, 1).costAndGradients(x(2, 1), new double[][] {{0}, {0}})));
    }

    @Test
    void valuesAndDeltasNeedABatchAndAKnownName() {
        CompiledTrainer t = CompiledTrainer.of(PLANAR, 1);
        assertThrows(IllegalStateException.class, () -> t.value("Z1"));
        assertThrows(IllegalStateException.class, () -> t.gradient("W1"));
        assertThrows(IllegalStateException.class, t::step);
        t.costAndGradients(x(4, 1), y(4, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.value("Z9"));
        assertTrue(e.getMessage().contains("its values are X, Y, Z1, A1, Z2, A2, L, J"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.delta("dZ9"));
        assertTrue(e.getMessage().contains("dZ2, dW2, db2, dA1, dZ1, dW1, db1"), e.getMessage());
        assertArrayEquals(transpose(x(4, 1)), t.value("X"));
    }

    @Test
    void predictGivesTheOutputOneRowPerExample() {
        CompiledTrainer t = CompiledTrainer.of(PLANAR, 1);
        double[][] p = t.predict(x(6, 3));
        t.costAndGradients(x(6, 3), y(6, 3));
        assertArrayEquals(transpose(t.value("A2")), p);
    }

    @Test
    void derivativesAndLossesOfAnEarlierBatchAreNotPassedOff() {
        CompiledTrainer t = CompiledTrainer.of(PLANAR, 1);
        t.costAndGradients(x(4, 1), y(4, 1));
        double[][] dW1 = t.gradient("W1");
        t.predict(x(9, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.delta("dZ1"));
        assertTrue(e.getMessage().contains("no derivatives of the current batch"), e.getMessage());
        assertThrows(IllegalStateException.class, t::losses);
        assertArrayEquals(dW1, t.gradient("W1"));
        t.cost(x(3, 1), y(3, 1));
        assertEquals(3, t.losses().length);
        assertThrows(IllegalStateException.class, () -> t.delta("dZ1"));
    }

    @Test
    void predictTurnsDropoutOff() {
        CompiledTrainer withDropout = CompiledTrainer.of(DROPOUT, 4);
        String plain = """
                network Dropout {
                  input X[2]; target Y[1]
                  param W1[20, 2]; param b1[20]; param W2[3, 20]; param b2[3]; param W3[1, 3]; param b3[1]
                  Z1 = W1 @ X + b1
                  A1 = relu(Z1)
                  Z2 = W2 @ A1 + b2
                  A2 = relu(Z2)
                  Z3 = W3 @ A2 + b3
                  A3 = sigmoid(Z3)
                  loss L = -(Y * log(A3) + (1 - Y) * log(1 - A3))
                  cost J = mean(L)
                }
                """;
        CompiledTrainer without = CompiledTrainer.of(Specs.derive("plain.nn", plain), 9);
        for (String p : withDropout.paramNames()) {
            without.setParam(p, withDropout.getParam(p));
        }
        assertArrayEquals(without.predict(x(5, 2)), withDropout.predict(x(5, 2)));
    }

    @Test
    void masksAreDrawnPerBatchUnlessFixed() {
        CompiledTrainer t = CompiledTrainer.of(DROPOUT, 4);
        double first = t.costAndGradients(x(30, 1), y(30, 1));
        double second = t.costAndGradients(x(30, 1), y(30, 1));
        assertNotEquals(first, second);
        Map<String, double[][]> masks = EvaluationAgreementTest.masks(DROPOUT, 30, new SplittableRandom(1));
        t.setMasks(masks);
        assertEquals(t.costAndGradients(x(30, 1), y(30, 1)), t.costAndGradients(x(30, 1), y(30, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.costAndGradients(x(29, 1), y(29, 1)));
        assertTrue(e.getMessage().contains("the fixed mask of A1 is 20 x 30, but this batch needs 20 x 29"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.setMasks(Map.of("A1", masks.get("A1"))));
        assertTrue(e.getMessage().contains("A2 is missing"), e.getMessage());
        // Rows that no batch size can make right are refused by setMasks itself, not by the first step that meets them.
        Map<String, double[][]> fewRows = new HashMap<>(masks);
        fewRows.put("A1", Arrays.copyOf(masks.get("A1"), 3));
        e = assertThrows(IllegalArgumentException.class, () -> t.setMasks(fewRows));
        assertEquals("the mask of A1 has 3 rows, but A1 has 20 entries an example: a keep-mask has a row per entry and a column per example",
                e.getMessage());
        t.clearMasks();
        assertNotEquals(t.costAndGradients(x(30, 1), y(30, 1)), t.costAndGradients(x(30, 1), y(30, 1)));
    }

    @Test
    void fullBatchFitIsRepeatedTrainStepsInTheDatasOrder() {
        CompiledTrainer fitted = CompiledTrainer.of(PLANAR, 1);
        CompiledTrainer stepped = CompiledTrainer.of(PLANAR, 1);
        List<Double> costs = new ArrayList<>();
        fit(fitted, x(20, 1), y(20, 1), 5, 0, costs);
        for (int i = 0; i < 5; i++) {
            assertEquals(costs.get(i), stepped.trainStep(x(20, 1), y(20, 1)));
        }
        for (String p : fitted.paramNames()) {
            assertArrayEquals(stepped.getParam(p), fitted.getParam(p), p);
        }
    }

    @Test
    void miniBatchFitIsSeededAndReportsEveryEpoch() {
        CompiledTrainer a = CompiledTrainer.of(PLANAR, 1);
        CompiledTrainer b = CompiledTrainer.of(PLANAR, 1);
        List<Double> costsA = new ArrayList<>();
        List<Double> costsB = new ArrayList<>();
        fit(a, x(50, 1), y(50, 1), 4, 8, costsA);
        fit(b, x(50, 1), y(50, 1), 4, 8, costsB);
        assertEquals(4, costsA.size());
        assertEquals(costsA, costsB);
        assertArrayEquals(a.getParam("W1"), b.getParam("W1"));
    }

    @Test
    void aListenerCanEndFitWithinAnEpoch() {
        // 50 examples in batches of 8: 7 mini-batches an epoch, asked after the first 6.
        List<Double> costs = new ArrayList<>();
        CompiledTrainer stopped = stoppedAtAsk(9, costs);
        assertEquals(List.of(costs.get(0)), costs, "epoch 1 reported; epoch 2, cut after its third mini-batch, not");
        assertArrayEquals(stopped.getParam("W1"), stoppedAtAsk(9, new ArrayList<>()).getParam("W1"), "seeded");
        for (int epochs : new int[] {1, 2}) {
            CompiledTrainer whole = CompiledTrainer.of(PLANAR, 1);
            fit(whole, x(50, 1), y(50, 1), epochs, 8, new ArrayList<>());
            assertFalse(java.util.Arrays.deepEquals(whole.getParam("W1"), stopped.getParam("W1")), epochs + " whole epochs");
        }
    }

    /** A fit of 5 epochs whose listener says stop when asked the {@code ask}-th time. */
    private static CompiledTrainer stoppedAtAsk(int ask, List<Double> costs) {
        CompiledTrainer t = CompiledTrainer.of(PLANAR, 1);
        int[] asked = {0};
        t.fit(x(50, 1), y(50, 1), 5, 8, new CompiledTrainer.EpochListener() {
            @Override
            public void onEpoch(int epoch, double cost) {
                costs.add(cost);
            }

            @Override
            public boolean stopWithinEpoch() {
                return ++asked[0] == ask;
            }
        });
        assertEquals(ask, asked[0]);
        return t;
    }

    /**
     * README: a trainer is for one thread at a time, but trainers of their own train at once on
     * separate threads, each sharing its steps with helper threads of its own, and give the bits
     * each gives alone (the mlp's products are big enough to be shared).
     */
    @Test
    void separateTrainersTrainAtOnceOnSeparateThreadsAsEachDoesAlone() throws Exception {
        Derivation mlp = Specs.derive(Specs.read(Path.of("samples/mlp.nn")));
        int trainers = 3;
        java.util.function.IntFunction<double[][]> train = k -> {
            SplittableRandom random = new SplittableRandom(k);
            double[][] x = RandomExamples.inputs(96, 784, random);
            double[][] y = RandomExamples.targets(96, 10, RandomExamples.TargetKind.ONE_HOT, random);
            CompiledTrainer t = CompiledTrainer.of(mlp, k);
            t.setThreads(2);
            t.fit(x, y, 2, 32, null);
            return t.getParam("W1");
        };
        List<double[][]> alone = new ArrayList<>();
        for (int k = 0; k < trainers; k++) {
            alone.add(train.apply(k));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(trainers);
        try {
            List<java.util.concurrent.Future<double[][]>> together = new ArrayList<>();
            for (int k = 0; k < trainers; k++) {
                int seed = k;
                together.add(pool.submit(() -> train.apply(seed)));
            }
            for (int k = 0; k < trainers; k++) {
                assertArrayEquals(alone.get(k), together.get(k).get(), "trainer " + k);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A call from another thread while one is in the trainer is refused before it touches anything
     * (predict from two threads at once answered some calls with the other's rows, without a word);
     * each row, made on a second thread while the first is inside fit (its Progress waits for it),
     * says what it calls and a fragment of its refusal. fit goes on as if the call were never made,
     * its Progress calls on its own thread are served, and once fit has returned the second thread
     * is served too: one thread at a time, not one thread for good.
     */
    @Test
    void aCallFromAnotherThreadWhileOneIsInTheTrainerIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Map<String, java.util.function.Consumer<NetworkTrainer>> calls = new java.util.LinkedHashMap<>();
        calls.put("predict", t -> t.predict(x(3, 7)));
        calls.put("costAndGradients", t -> t.costAndGradients(x(3, 7), y(3, 7)));
        calls.put("trainStep", t -> t.trainStep(x(3, 7), y(3, 7)));
        calls.put("getParam", t -> t.getParam("W1"));
        calls.put("setParam", t -> t.setParam("b2", new double[][] {{5}}));
        calls.put("save", t -> {
            try {
                t.save(dir.resolve("p.json"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        double[][] x = x(40, 1);
        double[][] y = y(40, 1);
        CompiledTrainer alone = CompiledTrainer.of(PLANAR, 3);
        alone.fit(x, y, 3, 8, (epoch, cost) -> { });
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            for (Map.Entry<String, java.util.function.Consumer<NetworkTrainer>> call : calls.entrySet()) {
                NetworkTrainer trainer = CompiledTrainer.of(PLANAR, 3).trainer();
                List<Throwable> refused = new ArrayList<>();
                trainer.fit(x, y, 3, 8, (epoch, cost) -> {
                    trainer.predict(x(2, 9));
                    try {
                        other.submit(() -> call.getValue().accept(trainer)).get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        refused.add(e.getCause());
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
                assertEquals(3, refused.size(), call.getKey() + ": one refusal an epoch");
                assertTrue(refused.get(0) instanceof IllegalStateException, call.getKey() + ": " + refused.get(0));
                assertEquals("Planar is in use by the thread " + Thread.currentThread().getName() + " (in fit), so " + call.getKey()
                        + " from the thread " + other.submit(() -> Thread.currentThread().getName()).get() + " is refused: a trainer serves"
                        + " one thread at a time, since a call overwrites the values of the batch another is using; give each thread a"
                        + " trainer of its own (with the same params by load or setParam)", refused.get(0).getMessage(), call.getKey());
                for (String p : alone.paramNames()) {
                    assertArrayEquals(alone.getParam(p), trainer.getParam(p), call.getKey() + ": " + p);
                }
                other.submit(() -> call.getValue().accept(trainer)).get();
            }
        } finally {
            other.shutdownNow();
        }
    }

    /**
     * Trainer's useOptimizer(kind, lr, beta, beta1, beta2, eps) reads only the settings the kind uses,
     * as its doc says: gd with zeros for the rest was refused as 'eps must be a positive number'. Each
     * row: the call's arguments, then the optimizer it chooses (null: refused, with the message's start).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            gd 0.1 0 0 0 0            | gd 0.1                                  |
            gd 0.1 5 -1 NaN -1        | gd 0.1                                  |
            momentum 0.1 0.5 0 0 0    | momentum 0.1 0.5                        |
            adam 0.1 7 0.5 0.9 1e-6   | adam 0.1 0.5 0.9 1e-6                   |
            gd 0 0 0 0 0              |                                         | the learning rate must be a positive number, found 0.0
            momentum 0.1 1 0.9 0.999 1e-8 |                                     | beta must be in [0, 1), found 1.0
            adam 0.1 0.9 0.9 0.999 0  |                                         | eps must be a positive number, found 0.0
            sgd 0.1 0 0 0 0           |                                         | unknown optimizer sgd; use gd, momentum or adam
            """)
    void useOptimizerByNameReadsOnlyTheSettingsItsKindUses(String call, String chosen, String refusal) {
        String[] a = call.split(" ");
        NetworkTrainer t = CompiledTrainer.of(PLANAR, 1).trainer();
        Runnable use = () -> t.useOptimizer(a[0], Double.parseDouble(a[1]), Double.parseDouble(a[2]), Double.parseDouble(a[3]),
                Double.parseDouble(a[4]), Double.parseDouble(a[5]));
        if (chosen == null) {
            assertEquals(refusal, assertThrows(IllegalArgumentException.class, use::run).getMessage());
            return;
        }
        use.run();
        String[] o = chosen.split(" ");
        double lr = Double.parseDouble(o[1]);
        dev.netgrad.runtime.Optimizer expected = switch (o[0]) {
            case "gd" -> dev.netgrad.runtime.Optimizer.gd(lr);
            case "momentum" -> dev.netgrad.runtime.Optimizer.momentum(lr, Double.parseDouble(o[2]));
            default -> dev.netgrad.runtime.Optimizer.adam(lr, Double.parseDouble(o[2]), Double.parseDouble(o[3]), Double.parseDouble(o[4]));
        };
        assertEquals(expected, t.optimizer());
    }

    /** fit through the adapter (CompiledTrainer), whose EpochListener is the runtime's Progress. */
    static void fit(CompiledTrainer t, double[][] x, double[][] y, int epochs, int batch, List<Double> costs) {
        t.fit(x, y, epochs, batch, (epoch, cost) -> {
            assertEquals(costs.size() + 1, epoch);
            costs.add(cost);
        });
    }

    static double[][] transpose(double[][] a) {
        return EvaluationAgreementTest.transpose(a);
    }
}
