package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import org.junit.jupiter.api.Test;

/**
 * The optimizers follow the course's update formulas. The network is a line, z = w x + b with a
 * squared loss, whose gradients are easy to write by hand: dw = mean((z - y) x), db = mean(z - y).
 */
class OptimizerTest {
    private static final Derivation LINE = Specs.derive("line.nn", """
            network Line {
              input X[1]
              target Y[1]
              param w[1, 1] init const(0.5)
              param b[1] init const(-0.25)
              Z = w @ X + b
              loss L = (Z - Y)^2 / 2
              cost J = mean(L)
              output Z
            }
            """);
    private static final double[][] X = {{1}, {2}, {-1}};
    private static final double[][] Y = {{1}, {3}, {0.5}};

    /** {dw, db} at (w, b), as the course would compute them. */
    private static double[] gradients(double w, double b) {
        double dw = 0;
        double db = 0;
        for (int i = 0; i < X.length; i++) {
            double error = w * X[i][0] + b - Y[i][0];
            dw += error * X[i][0];
            db += error;
        }
        return new double[] {dw / X.length, db / X.length};
    }

    @Test
    void gradientDescentStepsAgainstTheGradient() {
        CompiledTrainer t = CompiledTrainer.of(LINE, 1);
        t.useOptimizer("gd", 0.1, 0.9, 0.9, 0.999, 1e-8);
        double[] g = gradients(0.5, -0.25);
        t.trainStep(X, Y);
        assertEquals(0.5 - 0.1 * g[0], t.getParam("w")[0][0], 1e-15);
        assertEquals(-0.25 - 0.1 * g[1], t.getParam("b")[0][0], 1e-15);
    }

    @Test
    void momentumAveragesTheGradients() {
        CompiledTrainer t = CompiledTrainer.of(LINE, 1);
        double lr = 0.1;
        double beta = 0.8;
        t.useOptimizer("momentum", lr, beta, 0.9, 0.999, 1e-8);
        double[] p = {0.5, -0.25};
        double[] v = {0, 0};
        for (int step = 0; step < 3; step++) {
            double[] g = gradients(p[0], p[1]);
            for (int k = 0; k < 2; k++) {
                v[k] = beta * v[k] + (1 - beta) * g[k];
                p[k] = p[k] - lr * v[k];
            }
            t.trainStep(X, Y);
            assertEquals(p[0], t.getParam("w")[0][0], 1e-15);
            assertEquals(p[1], t.getParam("b")[0][0], 1e-15);
        }
    }

    @Test
    void adamCorrectsTheBiasOfBothMoments() {
        CompiledTrainer t = CompiledTrainer.of(LINE, 1);
        double lr = 0.01;
        double beta1 = 0.9;
        double beta2 = 0.999;
        double eps = 1e-8;
        t.useOptimizer("adam", lr, 0.5, beta1, beta2, eps);
        double[] p = {0.5, -0.25};
        double[] v = {0, 0};
        double[] s = {0, 0};
        for (int step = 1; step <= 3; step++) {
            double[] g = gradients(p[0], p[1]);
            for (int k = 0; k < 2; k++) {
                v[k] = beta1 * v[k] + (1 - beta1) * g[k];
                s[k] = beta2 * s[k] + (1 - beta2) * g[k] * g[k];
                // PyTorch's order: the step size lr / (1 - beta1^t) times v / (sqrt(s) / sqrt(1 - beta2^t) + eps).
                double stepSize = lr / (1 - Math.pow(beta1, step));
                double denominator = Math.sqrt(s[k]) / Math.sqrt(1 - Math.pow(beta2, step)) + eps;
                p[k] = p[k] - stepSize * (v[k] / denominator);
            }
            t.trainStep(X, Y);
            assertEquals(p[0], t.getParam("w")[0][0], 1e-15);
            assertEquals(p[1], t.getParam("b")[0][0], 1e-15);
        }
        // The first step of Adam moves every param by almost exactly lr, whatever its gradient.
        assertTrue(Math.abs(0.5 - t.getParam("w")[0][0]) > 2.9 * lr);
    }

    @Test
    void theTrainBlockChoosesTheDefaultOptimizer() {
        Derivation iris = Specs.derive(Specs.read(java.nio.file.Path.of("samples/iris.nn")));
        CompiledTrainer adam = CompiledTrainer.of(iris, 1);
        CompiledTrainer explicit = CompiledTrainer.of(iris, 1);
        explicit.useOptimizer("adam", 0.01, 0.9, 0.9, 0.999, 1e-8);
        double[][] x = RandomExamples.inputs(6, 4, new java.util.SplittableRandom(1));
        double[][] y = RandomExamples.targets(6, 3, RandomExamples.TargetKind.ONE_HOT, new java.util.SplittableRandom(2));
        adam.trainStep(x, y);
        explicit.trainStep(x, y);
        assertEquals(explicit.getParam("W1")[0][0], adam.getParam("W1")[0][0]);
        CompiledTrainer line = CompiledTrainer.of(LINE, 1);
        line.trainStep(X, Y);
        assertEquals(0.5 - 0.01 * gradients(0.5, -0.25)[0], line.getParam("w")[0][0], 1e-15);
    }

    @Test
    void unknownOptimizersAndBadRatesAreRefused() {
        CompiledTrainer t = CompiledTrainer.of(LINE, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.useOptimizer("sgd", 0.1, 0.9, 0.9, 0.999, 1e-8));
        assertTrue(e.getMessage().contains("use gd, momentum or adam"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.useOptimizer("gd", -1, 0.9, 0.9, 0.999, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> t.useOptimizer("adam", 0.1, 0.9, 1.0, 0.999, 1e-8));
    }
}
