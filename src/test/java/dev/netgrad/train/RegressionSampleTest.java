package dev.netgrad.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.data.Dataset;
import dev.netgrad.data.Score;
import dev.netgrad.data.TrainingPlan;
import dev.netgrad.data.TrainingRun;
import dev.netgrad.runtime.Prediction;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Optimizer;
import dev.netgrad.spec.SpecReader;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The regression sample learns its data, and a linear network trained by netgrad reaches the fit
 * that least squares computes independently (the normal equations, solved here).
 */
class RegressionSampleTest {
    @Test
    void theDiabetesSampleLearnsItsData() throws Exception {
        Network network = Samples.network("diabetes.nn");
        Dataset data = Samples.data(network, "diabetes.csv");
        assertEquals(Prediction.NUMBER, data.kind());
        TrainingRun.Result result = TrainingRun.run(Samples.trainerClass(network), network.name(), data,
                TrainingPlan.defaults(network), Optional.empty(), (epoch, cost) -> { });
        // The progression's standard deviation is 77: predicting its mean scores about that.
        double heldOut = ((Score.Rmse) result.heldOut().orElseThrow()).rmse();
        assertTrue(heldOut < 62, "held-out RMSE " + heldOut);
        String figure = String.format(java.util.Locale.ROOT, "%.1f", heldOut);
        assertTrue(HeldOutAccuracyTest.readmeText().contains("the diabetes regression's held-out RMSE is " + figure + " "),
                "the README gives the held-out RMSE that train prints, " + figure);
    }

    @Test
    void aLinearNetworkReachesTheLeastSquaresFit() throws Exception {
        String spec = Files.readString(Samples.DIR.resolve("diabetes.nn")).replace("dense 8 relu init he", "");
        Network network = SpecReader.read("linear.nn", spec);
        Dataset data = Samples.data(network, "diabetes.csv");
        TrainingPlan plan = TrainingPlan.defaults(network).withOptimizer(Optimizer.gd(0.3))
                .withEpochs(5000).withBatch(0).withHoldout(0);
        TrainingRun.Result result = TrainingRun.run(Samples.trainerClass(network), network.name(), data, plan,
                Optional.empty(), (epoch, cost) -> { });
        double trained = ((Score.Rmse) result.train()).rmse();
        double leastSquares = leastSquaresRmse(data);
        assertEquals(53.476129, leastSquares, 1e-6, "the least-squares RMSE of the whole data set (numpy's lstsq: 53.4761287640)");
        // Full-batch descent on standardized features converges to the same fit, to 1e-6.
        assertEquals(leastSquares, trained, 1e-6 * leastSquares);
    }

    /** The RMSE of the affine least-squares fit: the normal equations X^T X w = X^T y, by elimination. */
    private static double leastSquaresRmse(Dataset data) {
        int n = data.featureCount() + 1;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < data.size(); i++) {
            double[] x = withOne(data.features()[i]);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    a[r][c] += x[r] * x[c];
                }
                a[r][n] += x[r] * data.labels()[i];
            }
        }
        double[] w = solve(a);
        double squares = 0;
        for (int i = 0; i < data.size(); i++) {
            double[] x = withOne(data.features()[i]);
            double prediction = 0;
            for (int r = 0; r < n; r++) {
                prediction += w[r] * x[r];
            }
            squares += (prediction - data.labels()[i]) * (prediction - data.labels()[i]);
        }
        return Math.sqrt(squares / data.size());
    }

    private static double[] withOne(double[] features) {
        double[] x = java.util.Arrays.copyOf(features, features.length + 1);
        x[features.length] = 1;
        return x;
    }

    /** Gaussian elimination with partial pivoting on an augmented n x (n + 1) matrix. */
    private static double[] solve(double[][] a) {
        int n = a.length;
        for (int p = 0; p < n; p++) {
            int best = p;
            for (int r = p + 1; r < n; r++) {
                best = Math.abs(a[r][p]) > Math.abs(a[best][p]) ? r : best;
            }
            double[] swap = a[p];
            a[p] = a[best];
            a[best] = swap;
            for (int r = p + 1; r < n; r++) {
                double f = a[r][p] / a[p][p];
                for (int c = p; c <= n; c++) {
                    a[r][c] -= f * a[p][c];
                }
            }
        }
        double[] w = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * w[c];
            }
            w[r] = s / a[r][r];
        }
        return w;
    }
}
