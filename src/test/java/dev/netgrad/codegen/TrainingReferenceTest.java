package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import dev.netgrad.spec.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the generated trainer does with its gradients, against references written here by hand
 * in plain Java (not the derivation's equations): the last, smaller mini-batch's own 1/m and
 * lambda / m, Adam's step count over mini-batches and epochs, inverted dropout at training time
 * only, batchnorm's batch statistics in training and running averages after, and the scales of
 * the he and xavier inits. Each compares the trainer's params after one or a few steps.
 */
class TrainingReferenceTest {
    private static final double TOLERANCE = 1e-13;

    /** A logistic unit with an L2 penalty: the per-example gradient is easy to write by hand. */
    private static final Derivation LOGISTIC_L2 = Specs.derive("logistic.nn", """
            network LogisticL2 {
              input X[2]; target Y[1]
              dense 1 sigmoid
              loss cross_entropy
              regularize l2(0.5)
            }
            """);

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * Five copies of one example in mini-batches of 2: batches of 2, 2 and 1, whatever the shuffle.
     * Each batch's gradient is the example's plus lambda / m * W with that batch's m, so the last
     * step differs from the others only if its m is its own size (1), not the others' (2).
     */
    @Test
    void theLastSmallerMiniBatchAveragesOverItsOwnSize() {
        CompiledTrainer t = CompiledTrainer.of(LOGISTIC_L2, 3);
        double[] w = {0.3, -0.7};
        double b = 0.1;
        t.setParam("W1", new double[][] {{w[0], w[1]}});
        t.setParam("b1", new double[][] {{b}});
        double lambda = 0.5;
        double lr = 0.25;
        t.useOptimizer(Optimizer.gd(lr));
        double[] example = {1.5, -2.0};
        double label = 1;
        double[][] x = {example, example, example, example, example};
        double[][] y = {{label}, {label}, {label}, {label}, {label}};
        List<Double> costs = new ArrayList<>();
        t.fit(x, y, 1, 2, new CompiledTrainer.EpochListener() {
            @Override
            public void onEpoch(int epoch, double cost) {
                costs.add(cost);
            }
        });
        double weightedCost = 0;
        for (int m : new int[] {2, 2, 1}) {
            double a = sigmoid(w[0] * example[0] + w[1] * example[1] + b);
            double loss = -(label * Math.log(a) + (1 - label) * Math.log(1 - a));
            weightedCost += m * (loss + lambda / (2.0 * m) * (w[0] * w[0] + w[1] * w[1]));
            double dz = a - label;
            for (int k = 0; k < 2; k++) {
                w[k] -= lr * (dz * example[k] + lambda / m * w[k]);
            }
            b -= lr * dz;
        }
        assertArrayEquals(w, t.getParam("W1")[0], TOLERANCE);
        assertEquals(b, t.getParam("b1")[0][0], TOLERANCE);
        assertEquals(List.of(1), List.of(costs.size()));
        assertEquals(weightedCost / 5, costs.get(0), TOLERANCE, "the epoch's cost weighs each batch by its size");
    }

    /**
     * A full batch is loaded once for all the epochs: a listener that predicts other rows after an
     * epoch (a validation set's accuracy, say) or asks their cost must not leave them to train on.
     * The params after three epochs are those of three epochs on the data alone.
     */
    @Test
    void aListenerThatPredictsOtherRowsDoesNotChangeWhatAFullBatchTrainsOn() {
        double[][] x = {{1.5, -2.0}, {0.3, 0.8}, {-1.1, 0.4}, {0.7, 0.7}};
        double[][] y = {{1}, {0}, {1}, {0}};
        double[][] other = {{9.0, 9.0}, {-9.0, 3.0}, {4.0, -7.0}};
        CompiledTrainer alone = CompiledTrainer.of(LOGISTIC_L2, 3);
        alone.useOptimizer(Optimizer.gd(0.5));
        alone.fit(x, y, 3, 0, null);
        for (String call : List.of("predict", "cost")) {
            CompiledTrainer watched = CompiledTrainer.of(LOGISTIC_L2, 3);
            watched.useOptimizer(Optimizer.gd(0.5));
            watched.fit(x, y, 3, 0, new CompiledTrainer.EpochListener() {
                @Override
                public void onEpoch(int epoch, double cost) {
                    if (call.equals("predict")) {
                        watched.predict(other);
                    } else {
                        watched.cost(other, new double[][] {{0}, {1}, {1}});
                    }
                }
            });
            assertArrayEquals(alone.getParam("W1")[0], watched.getParam("W1")[0], 0.0, call);
            assertEquals(alone.getParam("b1")[0][0], watched.getParam("b1")[0][0], 0.0, call);
        }
    }

    /** Adam counts its steps over mini-batches and epochs alike: its bias correction is for step t of the whole fit. */
    @Test
    void adamCorrectsForEveryMiniBatchStepAcrossEpochs() {
        Derivation plain = Specs.derive("logistic.nn", """
                network Logistic {
                  input X[2]; target Y[1]
                  dense 1 sigmoid
                  loss cross_entropy
                }
                """);
        CompiledTrainer t = CompiledTrainer.of(plain, 3);
        double[] p = {0.3, -0.7, 0.1};
        t.setParam("W1", new double[][] {{p[0], p[1]}});
        t.setParam("b1", new double[][] {{p[2]}});
        double lr = 0.05;
        double beta1 = 0.8;
        double beta2 = 0.95;
        double eps = 1e-3;
        t.useOptimizer(Optimizer.adam(lr, beta1, beta2, eps));
        double[] example = {0.5, 2.0};
        double[][] x = {example, example, example};
        double[][] y = {{0}, {0}, {0}};
        t.fit(x, y, 2, 2, null);
        double[] v = new double[3];
        double[] s = new double[3];
        for (int step = 1; step <= 4; step++) {
            double dz = sigmoid(p[0] * example[0] + p[1] * example[1] + p[2]);
            double[] g = {dz * example[0], dz * example[1], dz};
            for (int k = 0; k < 3; k++) {
                v[k] = beta1 * v[k] + (1 - beta1) * g[k];
                s[k] = beta2 * s[k] + (1 - beta2) * g[k] * g[k];
                // The course's placement of eps: outside the square root of the corrected second moment;
                // PyTorch's order: lr / (1 - beta1^t) times v / (sqrt(s) / sqrt(1 - beta2^t) + eps).
                p[k] -= lr / (1 - Math.pow(beta1, step)) * (v[k] / (Math.sqrt(s[k]) / Math.sqrt(1 - Math.pow(beta2, step)) + eps));
            }
        }
        assertArrayEquals(new double[] {p[0], p[1]}, t.getParam("W1")[0], TOLERANCE);
        assertEquals(p[2], t.getParam("b1")[0][0], TOLERANCE);
    }

    /**
     * Momentum and Adam on a layer big enough that two threads share its rows (128 x 64 at a batch
     * of 64), so the step runs in stripes: every entry of every param takes the course's update
     * from its own gradient, step after step, as a plain loop over the whole param computes it.
     */
    @Test
    void momentumAndAdamUpdateEveryEntryOfParamsSharedAmongThreads() {
        Derivation wide = Specs.derive("wide.nn", """
                network Wide {
                  input X[64]; target Y[3]
                  dense 128 relu init he
                  dense 3 softmax
                  loss cross_entropy
                }
                """);
        double[][] x = RandomExamples.inputs(64, 64, new java.util.SplittableRandom(5));
        double[][] y = RandomExamples.targets(64, 3, RandomExamples.TargetKind.ONE_HOT, new java.util.SplittableRandom(6));
        for (Optimizer optimizer : List.of(Optimizer.momentum(0.05, 0.7), Optimizer.adam(0.01, 0.85, 0.99, 1e-6))) {
            CompiledTrainer t = CompiledTrainer.of(wide, 4);
            t.setThreads(2);
            t.useOptimizer(optimizer);
            Map<String, double[][]> v = new java.util.HashMap<>();
            Map<String, double[][]> s = new java.util.HashMap<>();
            for (int step = 1; step <= 3; step++) {
                t.costAndGradients(x, y);
                Map<String, double[][]> expected = new java.util.HashMap<>();
                for (String name : t.paramNames()) {
                    double[][] w = t.getParam(name);
                    double[][] g = t.gradient(name);
                    double[][] vp = v.computeIfAbsent(name, n -> new double[w.length][w[0].length]);
                    double[][] sp = s.computeIfAbsent(name, n -> new double[w.length][w[0].length]);
                    for (int r = 0; r < w.length; r++) {
                        for (int c = 0; c < w[r].length; c++) {
                            if (optimizer.kind() == Optimizer.Kind.MOMENTUM) {
                                vp[r][c] = optimizer.beta() * vp[r][c] + (1 - optimizer.beta()) * g[r][c];
                                w[r][c] -= optimizer.lr() * vp[r][c];
                            } else {
                                vp[r][c] = optimizer.beta1() * vp[r][c] + (1 - optimizer.beta1()) * g[r][c];
                                sp[r][c] = optimizer.beta2() * sp[r][c] + (1 - optimizer.beta2()) * g[r][c] * g[r][c];
                                double stepSize = optimizer.lr() / (1 - Math.pow(optimizer.beta1(), step));
                                double rootCorrection2 = Math.sqrt(1 - Math.pow(optimizer.beta2(), step));
                                w[r][c] -= stepSize * (vp[r][c] / (Math.sqrt(sp[r][c]) / rootCorrection2 + optimizer.eps()));
                            }
                        }
                    }
                    expected.put(name, w);
                }
                t.step();
                for (String name : t.paramNames()) {
                    double[][] got = t.getParam(name);
                    for (int r = 0; r < got.length; r++) {
                        assertArrayEquals(expected.get(name)[r], got[r], 1e-15, optimizer.kind() + " step " + step + " " + name + " row " + r);
                    }
                }
            }
            assertEquals(2, t.trainer().threadsInUse());
        }
    }

    private static final Derivation DROPOUT = Specs.derive("dropout.nn", """
            network Drop {
              input X[2]; target Y[1]
              param W1[3, 2] init he
              param b1[3] init zeros
              param W2[1, 3] init xavier
              param b2[1] init zeros
              A1 = dropout(relu(W1 @ X + b1), 0.8)
              A2 = sigmoid(W2 @ A1 + b2)
              loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))
              cost J = mean(L)
              output A2
            }
            """);
    private static final double[][] DROP_W1 = {{0.5, -0.4}, {0.3, 0.8}, {-0.6, 0.2}};
    private static final double[] DROP_B1 = {0.1, -0.2, 0.05};
    private static final double[] DROP_W2 = {0.7, -0.5, 0.9};
    private static final double DROP_B2 = -0.1;

    private static CompiledTrainer dropoutTrainer(long seed) {
        CompiledTrainer t = CompiledTrainer.of(DROPOUT, seed);
        t.setParam("W1", DROP_W1);
        t.setParam("b1", new double[][] {{DROP_B1[0]}, {DROP_B1[1]}, {DROP_B1[2]}});
        t.setParam("W2", new double[][] {DROP_W2});
        t.setParam("b2", new double[][] {{DROP_B2}});
        return t;
    }

    /** relu(W1 x + b1) of one example, unit by unit. */
    private static double[] hidden(double[] x) {
        double[] h = new double[3];
        for (int r = 0; r < 3; r++) {
            h[r] = Math.max(0, DROP_W1[r][0] * x[0] + DROP_W1[r][1] * x[1] + DROP_B1[r]);
        }
        return h;
    }

    /** The course's inverted dropout: A1 = relu(Z1) * D / keep in training, the gradients through the same mask and scale. */
    @Test
    void invertedDropoutScalesTheKeptUnitsByOneOverKeepAndTheirGradientsToo() {
        CompiledTrainer t = dropoutTrainer(1);
        double keep = 0.8;
        double[][] x = {{1.0, 0.5}, {-0.3, 1.2}, {0.8, -1.1}, {0.2, 0.4}};
        double[][] y = {{1}, {0}, {1}, {0}};
        double[][] mask = {{1, 0, 1, 1}, {1, 1, 0, 1}, {0, 1, 1, 1}};
        t.setMasks(Map.of(t.maskNames()[0], mask));
        double lr = 0.5;
        t.useOptimizer(Optimizer.gd(lr));
        t.trainStep(x, y);
        int m = x.length;
        double[][] dW1 = new double[3][2];
        double[] db1 = new double[3];
        double[] dW2 = new double[3];
        double db2 = 0;
        for (int e = 0; e < m; e++) {
            double[] h = hidden(x[e]);
            double[] a1 = new double[3];
            double z2 = DROP_B2;
            for (int r = 0; r < 3; r++) {
                a1[r] = h[r] * mask[r][e] / keep;
                z2 += DROP_W2[r] * a1[r];
            }
            double dz2 = (sigmoid(z2) - y[e][0]) / m;
            db2 += dz2;
            for (int r = 0; r < 3; r++) {
                dW2[r] += dz2 * a1[r];
                double dz1 = dz2 * DROP_W2[r] * mask[r][e] / keep * (h[r] > 0 ? 1 : 0);
                db1[r] += dz1;
                dW1[r][0] += dz1 * x[e][0];
                dW1[r][1] += dz1 * x[e][1];
            }
        }
        for (int r = 0; r < 3; r++) {
            assertEquals(DROP_W1[r][0] - lr * dW1[r][0], t.getParam("W1")[r][0], TOLERANCE);
            assertEquals(DROP_W1[r][1] - lr * dW1[r][1], t.getParam("W1")[r][1], TOLERANCE);
            assertEquals(DROP_B1[r] - lr * db1[r], t.getParam("b1")[r][0], TOLERANCE);
            assertEquals(DROP_W2[r] - lr * dW2[r], t.getParam("W2")[0][r], TOLERANCE);
        }
        assertEquals(DROP_B2 - lr * db2, t.getParam("b2")[0][0], TOLERANCE);
    }

    /** Drawn masks: every hidden value is dropped (0) or kept and scaled by 1 / keep; about keep of them are kept. */
    @Test
    void drawnMasksKeepAboutKeepOfTheUnitsScaledAndPredictionHasNone() {
        CompiledTrainer t = dropoutTrainer(2);
        int m = 2000;
        double[][] x = new double[m][];
        double[][] y = new double[m][];
        for (int e = 0; e < m; e++) {
            // Every unit positive (relu passes it): a dropped one is told from a kept one.
            x[e] = new double[] {0.1 + e % 7 * 0.01, 0.26 + e % 5 * 0.01};
            y[e] = new double[] {e % 2};
        }
        t.cost(x, y);
        double[][] a1 = t.value("A1");
        int kept = 0;
        for (int r = 0; r < 3; r++) {
            for (int e = 0; e < m; e++) {
                double h = hidden(x[e])[r];
                assertTrue(h > 0);
                if (a1[r][e] != 0) {
                    assertEquals(h / 0.8, a1[r][e], 1e-15);
                    kept++;
                }
            }
        }
        assertEquals(0.8, kept / (3.0 * m), 0.02, "the share of units kept");
        // Prediction: no mask and no 1 / keep; the same rows, asked twice, give the same outputs.
        double[][] predicted = t.predict(x);
        for (int e = 0; e < m; e += 97) {
            double[] h = hidden(x[e]);
            double z2 = DROP_B2 + DROP_W2[0] * h[0] + DROP_W2[1] * h[1] + DROP_W2[2] * h[2];
            assertEquals(sigmoid(z2), predicted[e][0], 1e-15, "row " + e);
        }
        assertArrayEquals(predicted[5], t.predict(x)[5], 0.0);
    }

    private static final Derivation BATCHNORM = Specs.derive("batchnorm.nn", """
            network Norm {
              input X[2]; target Y[1]
              param W1[3, 2] init he
              param gamma1[3] init ones
              param beta1[3] init zeros
              param W2[1, 3] init xavier
              param b2[1] init zeros
              Z1 = W1 @ X
              Zn1 = batchnorm(Z1, gamma1, beta1)
              A1 = relu(Zn1)
              A2 = sigmoid(W2 @ A1 + b2)
              loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))
              cost J = mean(L)
              output A2
            }
            """);
    private static final double BN_EPS = 1e-5;

    /** The params of the batchnorm network, by hand: W1 (3 x 2), gamma, beta, W2 and b2 (3 x 1, 3 x 1, 3, 1). */
    private static final class NormParams {
        double[][] w1 = {{0.5, -0.4}, {0.3, 0.8}, {-0.6, 0.2}};
        double[] gamma = {1.2, 0.7, 1.0};
        double[] beta = {0.1, -0.3, 0.2};
        double[] w2 = {0.7, -0.5, 0.9};
        double b2 = -0.1;
        double[] runningMean = {0, 0, 0};
        double[] runningVariance = {1, 1, 1};

        void setOn(CompiledTrainer t) {
            t.setParam("W1", w1);
            t.setParam("gamma1", new double[][] {{gamma[0]}, {gamma[1]}, {gamma[2]}});
            t.setParam("beta1", new double[][] {{beta[0]}, {beta[1]}, {beta[2]}});
            t.setParam("W2", new double[][] {w2});
            t.setParam("b2", new double[][] {{b2}});
        }

        /**
         * One gradient-descent step on the batch, the batch's mean and biased variance (dividing by
         * m) normalizing it, then the running averages taking in 0.1 of them.
         */
        void step(double[][] x, double[][] y, double lr) {
            int m = x.length;
            double[][] z = new double[3][m];
            double[] mean = new double[3];
            double[] variance = new double[3];
            for (int r = 0; r < 3; r++) {
                for (int e = 0; e < m; e++) {
                    z[r][e] = w1[r][0] * x[e][0] + w1[r][1] * x[e][1];
                    mean[r] += z[r][e] / m;
                }
                for (int e = 0; e < m; e++) {
                    variance[r] += (z[r][e] - mean[r]) * (z[r][e] - mean[r]) / m;
                }
            }
            double[][] xhat = new double[3][m];
            double[][] a1 = new double[3][m];
            double[] dz2 = new double[m];
            for (int e = 0; e < m; e++) {
                double z2 = b2;
                for (int r = 0; r < 3; r++) {
                    xhat[r][e] = (z[r][e] - mean[r]) / Math.sqrt(variance[r] + BN_EPS);
                    a1[r][e] = Math.max(0, gamma[r] * xhat[r][e] + beta[r]);
                    z2 += w2[r] * a1[r][e];
                }
                dz2[e] = (sigmoid(z2) - y[e][0]) / m;
            }
            double[] dw2 = new double[3];
            double db2 = 0;
            double[][] dw1 = new double[3][2];
            double[] dgamma = new double[3];
            double[] dbeta = new double[3];
            for (int r = 0; r < 3; r++) {
                double[] dxhat = new double[m];
                double sumDxhat = 0;
                double sumDxhatXhat = 0;
                for (int e = 0; e < m; e++) {
                    dw2[r] += dz2[e] * a1[r][e];
                    double dn = dz2[e] * w2[r] * (a1[r][e] > 0 ? 1 : 0);
                    dgamma[r] += dn * xhat[r][e];
                    dbeta[r] += dn;
                    dxhat[e] = dn * gamma[r];
                    sumDxhat += dxhat[e];
                    sumDxhatXhat += dxhat[e] * xhat[r][e];
                }
                double std = Math.sqrt(variance[r] + BN_EPS);
                for (int e = 0; e < m; e++) {
                    // The batchnorm's backward pass as the papers write it, through the batch's mean and variance.
                    double dz = (m * dxhat[e] - sumDxhat - xhat[r][e] * sumDxhatXhat) / (m * std);
                    dw1[r][0] += dz * x[e][0];
                    dw1[r][1] += dz * x[e][1];
                }
            }
            for (int e = 0; e < m; e++) {
                db2 += dz2[e];
            }
            for (int r = 0; r < 3; r++) {
                w1[r][0] -= lr * dw1[r][0];
                w1[r][1] -= lr * dw1[r][1];
                gamma[r] -= lr * dgamma[r];
                beta[r] -= lr * dbeta[r];
                w2[r] -= lr * dw2[r];
                runningMean[r] = 0.9 * runningMean[r] + 0.1 * mean[r];
                runningVariance[r] = 0.9 * runningVariance[r] + 0.1 * variance[r];
            }
            b2 -= lr * db2;
        }

        /** The prediction of one example, normalized with the running averages. */
        double predict(double[] x) {
            double z2 = b2;
            for (int r = 0; r < 3; r++) {
                double z = w1[r][0] * x[0] + w1[r][1] * x[1];
                double n = gamma[r] * (z - runningMean[r]) / Math.sqrt(runningVariance[r] + BN_EPS) + beta[r];
                z2 += w2[r] * Math.max(0, n);
            }
            return sigmoid(z2);
        }
    }

    /** Two steps on batches of different sizes (5, then 3), then prediction with the running averages. */
    @Test
    void batchnormTrainsOnBatchStatisticsAndPredictsWithRunningAverages() {
        CompiledTrainer t = CompiledTrainer.of(BATCHNORM, 1);
        NormParams reference = new NormParams();
        reference.setOn(t);
        double lr = 0.3;
        t.useOptimizer(Optimizer.gd(lr));
        double[][] x1 = {{1.0, 0.5}, {-0.3, 1.2}, {0.8, -1.1}, {0.2, 0.4}, {-1.5, -0.2}};
        double[][] y1 = {{1}, {0}, {1}, {0}, {1}};
        double[][] x2 = {{0.4, -0.9}, {1.7, 0.3}, {-0.6, 0.6}};
        double[][] y2 = {{0}, {1}, {1}};
        t.trainStep(x1, y1);
        reference.step(x1, y1, lr);
        t.trainStep(x2, y2);
        reference.step(x2, y2, lr);
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(reference.w1[r], t.getParam("W1")[r], 1e-12, "W1 row " + r);
            assertEquals(reference.gamma[r], t.getParam("gamma1")[r][0], 1e-12, "gamma1 " + r);
            assertEquals(reference.beta[r], t.getParam("beta1")[r][0], 1e-12, "beta1 " + r);
            assertEquals(reference.w2[r], t.getParam("W2")[0][r], 1e-12, "W2 " + r);
        }
        assertEquals(reference.b2, t.getParam("b2")[0][0], 1e-12);
        String norm = t.trainer().batchnormNames().get(0);
        assertArrayEquals(reference.runningMean, t.trainer().runningMean(norm), 1e-12);
        assertArrayEquals(reference.runningVariance, t.trainer().runningVariance(norm), 1e-12);
        double[][] predicted = t.predict(x1);
        for (int e = 0; e < x1.length; e++) {
            assertEquals(reference.predict(x1[e]), predicted[e][0], 1e-12, "row " + e);
        }
    }

    /**
     * A batchnorm's batch of one example has variance 0 (its normalized values are beta alone, and
     * the running variance would take in 0): fit never forms one. Five examples in batches of 2 are
     * trained as batches of 2 and 3 (stopWithinEpoch is asked once, between them), not 2, 2 and 1.
     */
    @Test
    void fitJoinsALoneLastExampleToTheBatchBeforeItWhenTheNetworkHasABatchnorm() {
        CompiledTrainer t = CompiledTrainer.of(BATCHNORM, 1);
        new NormParams().setOn(t);
        double[][] x = {{1.0, 0.5}, {-0.3, 1.2}, {0.8, -1.1}, {0.2, 0.4}, {-1.5, -0.2}};
        double[][] y = {{1}, {0}, {1}, {0}, {1}};
        int[] asked = {0};
        t.fit(x, y, 1, 2, new CompiledTrainer.EpochListener() {
            @Override
            public void onEpoch(int epoch, double cost) {
            }

            @Override
            public boolean stopWithinEpoch() {
                asked[0]++;
                return false;
            }
        });
        assertEquals(1, asked[0], "batches of 2 and 3: one boundary within the epoch");
        // The running variance took in two batches' variances, 0.9^2 of the initial 1 and no 0 from a batch of one.
        String norm = t.trainer().batchnormNames().get(0);
        for (double v : t.trainer().runningVariance(norm)) {
            assertTrue(v > 0.81, "running variance " + v);
        }
        // Without a batchnorm, the last mini-batch keeps its one example: boundaries after 2 and 4.
        CompiledTrainer d = dropoutTrainer(1);
        asked[0] = 0;
        d.fit(x, y, 1, 2, new CompiledTrainer.EpochListener() {
            @Override
            public void onEpoch(int epoch, double cost) {
            }

            @Override
            public boolean stopWithinEpoch() {
                asked[0]++;
                return false;
            }
        });
        assertEquals(2, asked[0]);
    }

    @Test
    void fitRefusesABatchnormABatchOfOneExample() {
        double[][] five = {{1.0, 0.5}, {-0.3, 1.2}, {0.8, -1.1}, {0.2, 0.4}, {-1.5, -0.2}};
        double[][] fiveY = {{1}, {0}, {1}, {0}, {1}};
        Object[][] cases = {
            // {x, y, batch size, the message's end}
            {five, fiveY, 1, "use batches of at least 2 examples"},
            {new double[][] {{1.0, 0.5}}, new double[][] {{1}}, 0, "fit it on at least 2 examples"},
            {new double[][] {{1.0, 0.5}}, new double[][] {{1}}, 4, "fit it on at least 2 examples"},
        };
        for (Object[] c : cases) {
            CompiledTrainer t = CompiledTrainer.of(BATCHNORM, 1);
            double[][] before = t.getParam("W1");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> t.fit((double[][]) c[0], (double[][]) c[1], 3, (int) c[2], null));
            assertEquals("Norm normalizes over each batch (batchnorm Zn1), which a batch of one example cannot do (its variance is 0,"
                    + " and nothing before the batchnorm would train): " + c[3], e.getMessage());
            assertArrayEquals(before[0], t.getParam("W1")[0], 0.0, "nothing trained");
        }
    }

    /** he draws normals times sqrt(2 / fan-in), xavier times sqrt(1 / fan-in) (the course's); a seed fixes them. */
    @Test
    void heAndXavierDrawAtTheirScalesFromTheSeed() {
        Derivation wide = Specs.derive("wide.nn", """
                network Wide {
                  input X[200]; target Y[1]
                  dense 300 relu init he
                  dense 1 sigmoid
                  param W9[50, 300] init xavier
                  loss cross_entropy
                  cost J = mean(L) + sum(W9^2)
                }
                """);
        CompiledTrainer a = CompiledTrainer.of(wide, 7);
        assertEquals(Math.sqrt(2.0 / 200), rms(a.getParam("W1")), 0.02 * Math.sqrt(2.0 / 200));
        assertEquals(Math.sqrt(1.0 / 300), rms(a.getParam("W9")), 0.02 * Math.sqrt(1.0 / 300));
        assertEquals(0, rms(a.getParam("b1")));
        CompiledTrainer again = CompiledTrainer.of(wide, 7);
        CompiledTrainer other = CompiledTrainer.of(wide, 8);
        assertArrayEquals(a.getParam("W1")[17], again.getParam("W1")[17], 0.0);
        assertNotEquals(a.getParam("W1")[17][3], other.getParam("W1")[17][3]);
    }

    private static double rms(double[][] w) {
        double sum = 0;
        int n = 0;
        for (double[] row : w) {
            for (double v : row) {
                sum += v * v;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }
}
