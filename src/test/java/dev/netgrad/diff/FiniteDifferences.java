package dev.netgrad.diff;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Matrix;
import dev.netgrad.spec.Param;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The independent oracle: centred finite differences of the cost, evaluated by the reference
 * evaluator, against the derived gradients. Relative difference as the course's gradient check.
 */
final class FiniteDifferences {
    static final double STEP = 1e-6;

    private FiniteDifferences() {
    }

    static Environment randomEnvironment(Derivation d, long seed, int m) {
        return RandomInstance.of(d, seed, m);
    }

    /** The course's relative difference ||g - fd|| / (||g|| + ||fd||) per param. */
    static Map<String, Double> relativeDifferences(Derivation d, Environment env) {
        Evaluation.Result result = Evaluation.run(d, env);
        Map<String, Double> out = new LinkedHashMap<>();
        for (Param p : d.network().params()) {
            Matrix analytic = result.derivatives().get(d.gradient(p.name()).name());
            Matrix param = env.value(p.name());
            double diff = 0;
            double normA = 0;
            double normN = 0;
            for (int i = 0; i < param.data().length; i++) {
                double saved = param.data()[i];
                param.data()[i] = saved + STEP;
                double plus = Evaluation.cost(d, env);
                param.data()[i] = saved - STEP;
                double minus = Evaluation.cost(d, env);
                param.data()[i] = saved;
                double numeric = (plus - minus) / (2 * STEP);
                double a = analytic.broadcastGet(i / param.cols(), i % param.cols());
                diff += (a - numeric) * (a - numeric);
                normA += a * a;
                normN += numeric * numeric;
            }
            double denom = Math.sqrt(normA) + Math.sqrt(normN);
            out.put(p.name(), denom == 0 ? 0 : Math.sqrt(diff) / denom);
        }
        Evaluation.forward(d, env);
        return out;
    }
}
