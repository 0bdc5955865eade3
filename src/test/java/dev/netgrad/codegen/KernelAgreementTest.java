package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.ir.Elementary;
import dev.netgrad.runtime.Kernels;
import java.lang.reflect.Method;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The runtime's kernels (which generated trainers import) compute what the reference evaluator's {@link Elementary} computes,
 * to the last bit: the two are separate copies of one source, and this keeps them so.
 */
class KernelAgreementTest {
    /** The runtime's kernel {@code name(double)}, which generated trainers import. */
    private static Method kernel(String name) throws Exception {
        return Kernels.class.getMethod(name, double.class);
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
            assertEquals(Double.doubleToLongBits(Elementary.exp(x)), Double.doubleToLongBits((double) exp.invoke(null, x)), "exp(" + x + ")");
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            double x = i % 2 == 0 ? random.nextDouble(-50, 50) : random.nextDouble(-720, 720);
            assertEquals(Double.doubleToLongBits(Elementary.exp(x)), Double.doubleToLongBits((double) exp.invoke(null, x)), "exp(" + x + ")");
        }
    }

    @Test
    void generatedLog1pIsElementaryLog1p() throws Exception {
        Method log1p = kernel("log1p");
        double[] edges = {0.0, -0.0, 1.0, Math.nextUp(1.0), 0.41421356237309503, 0.4142135623730951, Double.MIN_VALUE,
            1e-300, -0.5, -1.0, 7.0, Double.POSITIVE_INFINITY, Double.NaN};
        for (double x : edges) {
            assertEquals(Double.doubleToLongBits(Elementary.log1p(x)), Double.doubleToLongBits((double) log1p.invoke(null, x)), "log1p(" + x + ")");
        }
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 20_000; i++) {
            double x = i % 2 == 0 ? random.nextDouble() : Math.exp(-random.nextDouble(0, 60));
            assertEquals(Double.doubleToLongBits(Elementary.log1p(x)), Double.doubleToLongBits((double) log1p.invoke(null, x)), "log1p(" + x + ")");
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
            assertEquals(Double.doubleToLongBits(Elementary.sigmoid(x)), Double.doubleToLongBits((double) sigmoid.invoke(null, x)), "sigmoid(" + x + ")");
            assertEquals(Double.doubleToLongBits(Elementary.softplus(x)), Double.doubleToLongBits((double) softplus.invoke(null, x)), "softplus(" + x + ")");
        }
    }

    @Test
    void generatedReluAndItsDerivativeAreTheEvaluatorsComparisons() throws Exception {
        // The runtime computes both from the bits, without a branch; the evaluator compares x > 0.
        Method relu = kernel("relu");
        Method positive = kernel("positive");
        SplittableRandom random = new SplittableRandom(19);
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0x7FF0000000000001L),
            Double.longBitsToDouble(0xFFF8000000000000L), Double.longBitsToDouble(0x7FFFFFFFFFFFFFFFL), 1.0, -1.0};
        for (int i = 0; i < 20_000 + edges.length; i++) {
            double x = i < edges.length ? edges[i] : i % 2 == 0 ? random.nextGaussian() : Double.longBitsToDouble(random.nextLong());
            assertEquals(Double.doubleToRawLongBits(x > 0 ? x : 0), Double.doubleToRawLongBits((double) relu.invoke(null, x)), "relu(" + x + ")");
            assertEquals(Double.doubleToRawLongBits(x > 0 ? 1.0 : 0.0), Double.doubleToRawLongBits((double) positive.invoke(null, x)),
                    "positive(" + x + ")");
        }
    }

    private static void same(double x, Method generated) throws Exception {
        double g = (double) generated.invoke(null, x);
        assertEquals(Double.doubleToLongBits(Elementary.tanh(x)), Double.doubleToLongBits(g), "tanh(" + x + ")");
    }
}
