package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Matrix;
import dev.netgrad.spec.Param;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The independent oracle: centred finite differences of the cost, evaluated by the reference
 * evaluator, against the derived gradients. Relative difference as the course's gradient check.
 */
final class FiniteDifferences {
    static final double STEP = 1e-5;
    static final int MAX_ENTRIES = 60;
    /**
     * Error of one differenced entry from rounding, relative to the cost: about 100 ulps of the cost
     * over STEP. Relative, never absolute: an absolute floor would let a wrong gradient of a cost far
     * below 1 (every gradient of it below the floor) pass unjudged.
     */
    static final double RESOLUTION = 1e-9;

    private FiniteDifferences() {
    }

    /**
     * Asserts that every param's derived gradient agrees with finite differences within
     * {@code tolerance}, and that every param was measured (a check over no params passes nothing).
     */
    static void assertAgree(Derivation d, Environment env, double tolerance, String context) {
        Map<String, Double> differences = relativeDifferences(d, env);
        List<String> params = d.network().params().stream().map(Param::name).toList();
        assertFalse(params.isEmpty(), () -> context + ": the network has no params to check");
        assertEquals(params, List.copyOf(differences.keySet()), () -> context + ": params measured");
        differences.forEach((p, diff) ->
                assertTrue(diff < tolerance, () -> context + ": " + p + " differs by " + diff));
    }

    /**
     * The course's relative difference ||g - fd|| / (||g|| + ||fd||) per param, with the
     * differences taken by the five-point stencil. A param whose gradient is below what finite
     * differences can resolve (rounding of the cost over the step: about 1e-9 |J| per entry) is
     * judged by the absolute difference against that floor instead, reported on the same scale.
     */
    static Map<String, Double> relativeDifferences(Derivation d, Environment env) {
        Evaluation.Result result = Evaluation.run(d, env);
        double floor = RESOLUTION * Math.abs(result.cost());
        Map<String, Double> out = new LinkedHashMap<>();
        for (Param p : d.network().params()) {
            Matrix analytic = result.derivatives().get(d.gradient(p.name()).name());
            Matrix param = env.value(p.name());
            double diff = 0;
            double normA = 0;
            double normN = 0;
            for (int i : entries(param.data().length)) {
                double numeric = derivative(d, env, param, i);
                double a = analytic.broadcastGet(i / param.cols(), i % param.cols());
                diff += (a - numeric) * (a - numeric);
                normA += a * a;
                normN += numeric * numeric;
            }
            double relative = Math.sqrt(diff) / Math.max(Math.sqrt(normA) + Math.sqrt(normN), Double.MIN_NORMAL);
            // Not "diff > floor": a NaN or infinite gradient (kbig^2 * ksmall^2, Infinity * 0) is a difference
            // finite differences resolve, not one below their floor.
            boolean resolved = !(Math.sqrt(diff) <= floor * Math.sqrt(Math.min(param.data().length, MAX_ENTRIES)));
            out.put(p.name(), resolved ? relative : 0.0);
        }
        Evaluation.forward(d, env);
        return out;
    }

    /** Every entry of a small param; a seeded sample of a large one (deep.nn's W1 has 245,760). */
    private static int[] entries(int size) {
        if (size <= MAX_ENTRIES) {
            return java.util.stream.IntStream.range(0, size).toArray();
        }
        return new java.util.SplittableRandom(size).ints(0, size).distinct().limit(MAX_ENTRIES).toArray();
    }

    private static double derivative(Derivation d, Environment env, Matrix param, int i) {
        double saved = param.data()[i];
        double[] f = new double[4];
        double[] offsets = {-2, -1, 1, 2};
        for (int k = 0; k < 4; k++) {
            param.data()[i] = saved + offsets[k] * STEP;
            f[k] = Evaluation.cost(d, env);
        }
        param.data()[i] = saved;
        return (f[0] - 8 * f[1] + 8 * f[2] - f[3]) / (12 * STEP);
    }
}
