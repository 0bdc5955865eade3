package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Operations and shapes the samples do not reach: transposed values, products of transposes,
 * reductions of every axis over vectors and fixed-size matrices, powers, m in the forward pass,
 * leaky_relu, abs, sqrt, exp, softplus and consts, each agreeing with the evaluator and with
 * finite differences.
 */
class OperationsTest {
    private static final String SPEC = """
            network Exotic {
              const alpha = 0.2
              input X[3]
              target Y[2]
              param W1[4, 3]
              param b1[4]
              param V[4, 2]
              param c[1, 2] init uniform(-0.5, 0.5)
              Wt = W1.T
              Z1 = (Wt.T @ X + b1) / sqrt(1 + mean(W1^2))
              A1 = leaky_relu(Z1, alpha) + abs(Z1) * 0.1
              G = V.T @ A1
              H = (A1.T @ V).T
              S = softplus(G - H * 0.5) + exp(-(G^2)) + c.T
              R = mean(S, axis=0) + sum(W1, axis=0) @ X / m
              Q = sum(S, axis=1) / m + mean(V, axis=0).T
              P = S + R + Q + mean(R, axis=1) + sum(Q, axis=0)^3
              loss L = sum((P - Y)^2, axis=0) / 2
              cost J = mean(L) + alpha * sum(abs(c))
            }
            """;

    @Test
    void unusualOperationsAgreeWithTheEvaluator() {
        EvaluationAgreementTest.agree(Specs.derive("exotic.nn", SPEC), 3);
    }

    @Test
    void unusualOperationsPassTheGradientCheck() {
        Derivation d = Specs.derive("exotic.nn", SPEC);
        CompiledTrainer trainer = CompiledTrainer.of(d, 5);
        SplittableRandom random = new SplittableRandom(5);
        double[][] x = RandomExamples.inputs(6, 3, random);
        double[][] y = RandomExamples.targets(6, 2, RandomExamples.TargetKind.REAL, random);
        GradientCheck.prepare(trainer, d, x, y, 5);
        List<GradientCheck.ParamResult> results = GradientCheck.run(trainer, d, x, y, 40, 5);
        for (GradientCheck.ParamResult r : results) {
            assertTrue(r.passed(), r::toString);
        }
    }
}
