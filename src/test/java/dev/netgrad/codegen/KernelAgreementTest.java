package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.runtime.Kernels;
import java.lang.reflect.Method;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The runtime's kernels that are written differently from the reference evaluator's code (which shares
 * the runtime's exp, tanh, sigmoid and softplus themselves) compute what it computes, to the last bit.
 */
class KernelAgreementTest {
    /** The runtime's kernel {@code name(double)}, which generated trainers import. */
    private static Method kernel(String name) throws Exception {
        return Kernels.class.getMethod(name, double.class);
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
}
