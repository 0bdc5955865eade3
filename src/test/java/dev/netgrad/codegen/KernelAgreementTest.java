package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.diff.Derivation;
import dev.netgrad.ir.Elementary;
import java.lang.reflect.Method;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The generated classes' kernels compute what the reference evaluator's {@link Elementary} computes,
 * to the last bit: the two are separate copies of one source, and this keeps them so.
 */
class KernelAgreementTest {
    private static final String SPEC = """
            network TanhOnly {
              input X[2]
              target Y[1]
              param W[1, 2] init randn(0.1)
              param b[1] init zeros
              Z = W @ X + b
              A = tanh(Z)
              E = exp(Z)
              S = softplus(Z)
              G = sigmoid(Z)
              // softplus of a scalar is hoisted out of the loop and calls the softplus kernel
              loss L = (A - Y)^2 + E + S + G + softplus(sum(b))
              cost J = mean(L)
              output A
            }
            """;

    private static Class<?> generated;

    /** The generated class's kernel {@code name(double)}; the class is generated and compiled once. */
    private static Method kernel(String name) throws Exception {
        if (generated == null) {
            Derivation d = Specs.derive("tanh.nn", SPEC);
            generated = InMemoryCompiler.load(CompiledTrainer.PACKAGE + ".TanhOnly", TrainerGenerator.generate(d, CompiledTrainer.PACKAGE));
        }
        Method m = generated.getDeclaredMethod(name, double.class);
        m.setAccessible(true);
        return m;
    }

    @Test
    void generatedTanhIsElementaryTanh() throws Exception {
        Method tanh = kernel("tanh");
        SplittableRandom random = new SplittableRandom(7);
        double[] edges = {0.0, -0.0, 0.55, Math.nextDown(0.55), -0.55, 1e-300, Double.MIN_VALUE, 354.9, 355.0, 800.0,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (double x : edges) {
            same(x, tanh);
        }
        for (int i = 0; i < 20_000; i++) {
            double x = switch (i % 3) {
                case 0 -> random.nextDouble(-0.6, 0.6);
                case 1 -> random.nextGaussian() * 4;
                default -> Math.scalb(random.nextDouble(-1, 1), random.nextInt(-60, 6));
            };
            same(x, tanh);
        }
    }

    @Test
    void generatedExpIsElementaryExp() throws Exception {
        Method exp = kernel("exp");
        double[] edges = {0.0, -0.0, 699.9, Math.nextDown(700.0), 700.0, -700.0, 709.8, -745.2, 1e-300,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (double x : edges) {
            assertEquals(Double.doubleToRawLongBits(Elementary.exp(x)), Double.doubleToRawLongBits((double) exp.invoke(null, x)), "exp(" + x + ")");
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            double x = i % 2 == 0 ? random.nextDouble(-50, 50) : random.nextDouble(-720, 720);
            assertEquals(Double.doubleToRawLongBits(Elementary.exp(x)), Double.doubleToRawLongBits((double) exp.invoke(null, x)), "exp(" + x + ")");
        }
    }

    @Test
    void generatedLog1pIsElementaryLog1p() throws Exception {
        Method log1p = kernel("log1p");
        double[] edges = {0.0, -0.0, 1.0, Math.nextUp(1.0), 0.41421356237309503, 0.4142135623730951, Double.MIN_VALUE,
            1e-300, -0.5, -1.0, 7.0, Double.POSITIVE_INFINITY, Double.NaN};
        for (double x : edges) {
            assertEquals(Double.doubleToRawLongBits(Elementary.log1p(x)), Double.doubleToRawLongBits((double) log1p.invoke(null, x)), "log1p(" + x + ")");
        }
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 20_000; i++) {
            double x = i % 2 == 0 ? random.nextDouble() : Math.exp(-random.nextDouble(0, 60));
            assertEquals(Double.doubleToRawLongBits(Elementary.log1p(x)), Double.doubleToRawLongBits((double) log1p.invoke(null, x)), "log1p(" + x + ")");
        }
    }

    @Test
    void generatedSigmoidAndSoftplusAreElementarys() throws Exception {
        Method sigmoid = kernel("sigmoid");
        Method softplus = kernel("softplus");
        SplittableRandom random = new SplittableRandom(17);
        double[] edges = {0.0, -0.0, 1e-300, -1e-300, 36.0, -36.0, 710.0, -710.0, 746.0, -746.0,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (int i = 0; i < 20_000 + edges.length; i++) {
            double x = i < edges.length ? edges[i] : i % 2 == 0 ? random.nextGaussian() * 5 : random.nextDouble(-800, 800);
            assertEquals(Double.doubleToRawLongBits(Elementary.sigmoid(x)), Double.doubleToRawLongBits((double) sigmoid.invoke(null, x)), "sigmoid(" + x + ")");
            assertEquals(Double.doubleToRawLongBits(Elementary.softplus(x)), Double.doubleToRawLongBits((double) softplus.invoke(null, x)), "softplus(" + x + ")");
        }
    }

    private static void same(double x, Method generated) throws Exception {
        double g = (double) generated.invoke(null, x);
        assertEquals(Double.doubleToRawLongBits(Elementary.tanh(x)), Double.doubleToRawLongBits(g), "tanh(" + x + ")");
    }
}
