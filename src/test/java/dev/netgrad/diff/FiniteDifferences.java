package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.spec.DataValue;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The independent oracle: centred finite differences of the cost, evaluated by the reference
 * evaluator, against the derived gradients. Relative difference as the course's gradient check.
 */
final class FiniteDifferences {
    static final double STEP = 1e-6;

    private FiniteDifferences() {
    }

    /** Seeded params, inputs, targets (one-hot under a softmax, 0/1 otherwise) and fixed dropout masks. */
    static Environment randomEnvironment(Derivation d, long seed, int m) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Environment env = new Environment(m);
        for (Param p : d.network().params()) {
            env.put(p.name(), gaussian(rnd, p.shape().rows(m), p.shape().cols(m), 0.7));
        }
        for (DataValue x : d.network().inputs()) {
            env.put(x.name(), gaussian(rnd, x.rows(), m, 1));
        }
        boolean categorical = usesSoftmax(d);
        for (DataValue y : d.network().targets()) {
            env.put(y.name(), categorical && y.rows() > 1 ? oneHot(rnd, y.rows(), m) : bernoulli(rnd, y.rows(), m, 0.5));
        }
        for (Statement s : d.forward()) {
            addMasks(s.value(), env, rnd, m);
        }
        return env;
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

    private static boolean usesSoftmax(Derivation d) {
        for (Statement s : d.forward()) {
            if (contains(s.value(), Op.SOFTMAX) || contains(s.value(), Op.LOG_SOFTMAX)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(Node n, Op op) {
        return n instanceof Apply a && (a.op() == op || a.args().stream().anyMatch(x -> contains(x, op)));
    }

    private static void addMasks(Node n, Environment env, SplittableRandom rnd, int m) {
        if (n instanceof Apply a && a.op() == Op.MASK) {
            Ref owner = (Ref) a.x();
            double keep = 0.7;
            env.putMask(owner.name(), bernoulli(rnd, owner.shape().rows(m), owner.shape().cols(m), keep));
        } else if (n instanceof Apply a) {
            a.args().forEach(x -> addMasks(x, env, rnd, m));
        } else if (n instanceof Num) {
            return;
        }
    }

    static Matrix gaussian(SplittableRandom rnd, int rows, int cols, double scale) {
        Matrix out = Matrix.zeros(rows, cols);
        for (int i = 0; i < out.data().length; i++) {
            double u = rnd.nextDouble();
            double v = rnd.nextDouble();
            out.data()[i] = scale * Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
        }
        return out;
    }

    static Matrix bernoulli(SplittableRandom rnd, int rows, int cols, double p) {
        Matrix out = Matrix.zeros(rows, cols);
        for (int i = 0; i < out.data().length; i++) {
            out.data()[i] = rnd.nextDouble() < p ? 1 : 0;
        }
        return out;
    }

    static Matrix oneHot(SplittableRandom rnd, int rows, int cols) {
        Matrix out = Matrix.zeros(rows, cols);
        for (int c = 0; c < cols; c++) {
            out.set(rnd.nextInt(rows), c, 1);
        }
        return out;
    }
}
