package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.DataValue;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.Statement;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded random values for every name a derivation reads: params, inputs, targets (one-hot
 * columns when a softmax is present, 0/1 otherwise) and fixed dropout masks. Equations that agree
 * on several such instances, with different batch sizes, agree as functions.
 *
 * <p>Inputs are standard normal; a param that enters a product {@code W @ A} or is the filter bank
 * of a {@code conv2d} has entries of standard deviation {@code 1/sqrt(k)}, k the length of the sums it
 * enters (its fan-in: {@code f·f·cIn} for a filter bank), so every
 * pre-activation is of order 1 at any width and depth: no sigmoid or softmax saturates to exactly
 * 0 or 1, nothing overflows, and an activation's derivative is not 0 everywhere (where a wrong
 * derivative could pass for the right one). Other params (biases, scales) have deviation 0.7.
 */
public final class RandomInstance {
    /** The deviation of params that are no factor of a product nor a filter bank. */
    private static final double OTHER_SCALE = 0.7;

    private RandomInstance() {
    }

    public static Environment of(Derivation d, long seed, int m) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Environment env = new Environment(m);
        Map<String, Integer> fanIns = fanIns(d, m);
        for (Param p : d.network().params()) {
            Integer k = fanIns.get(p.name());
            double scale = k == null ? OTHER_SCALE : 1 / Math.sqrt(k);
            env.put(p.name(), gaussian(rnd, p.shape().rows(m), p.shape().cols(m), scale));
        }
        for (DataValue x : d.network().inputs()) {
            env.put(x.name(), gaussian(rnd, x.rows(), m, 1));
        }
        boolean categorical = d.forward().stream().anyMatch(s -> contains(s.value(), Op.SOFTMAX) || contains(s.value(), Op.LOG_SOFTMAX));
        for (DataValue y : d.network().targets()) {
            env.put(y.name(), categorical && y.rows() > 1 ? oneHot(rnd, y.rows(), m) : bernoulli(rnd, y.rows(), m, 0.5));
        }
        for (Statement s : d.forward()) {
            addMasks(s.value(), env, rnd, m);
        }
        return env;
    }

    /**
     * A copy of {@code env} with every param and input entry x replaced by x (1 + u), u uniform in
     * [-relative, relative): the same instance up to a few units in the last place, so that a
     * derivative computed on both differs by its rounding noise (and its sensitivity to such
     * nudges). Targets and dropout masks stay exact: a one-hot target that no longer sums to 1 would
     * change which forms of a derivative agree.
     */
    public static Environment nudged(Derivation d, Environment env, double relative, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Environment out = env.copy();
        for (Param p : d.network().params()) {
            out.put(p.name(), nudged(env.value(p.name()), relative, rnd));
        }
        for (DataValue x : d.network().inputs()) {
            out.put(x.name(), nudged(env.value(x.name()), relative, rnd));
        }
        return out;
    }

    /**
     * The instance with every dropout mask flipped, each kept entry dropped and each dropped one kept,
     * everything else the same.
     */
    public static Environment flippedMasks(Derivation d, Environment env) {
        Environment out = env.copy();
        for (String owner : maskOwners(d)) {
            Matrix mask = env.mask(owner);
            Matrix flipped = Matrix.zeros(mask.rows(), mask.cols());
            for (int i = 0; i < mask.data().length; i++) {
                flipped.data()[i] = 1 - mask.data()[i];
            }
            out.putMask(owner, flipped);
        }
        return out;
    }

    /** The instance with every dropout mask 0, each entry dropped, everything else the same. */
    public static Environment droppedMasks(Derivation d, Environment env) {
        Environment out = env.copy();
        for (String owner : maskOwners(d)) {
            Matrix mask = env.mask(owner);
            out.putMask(owner, Matrix.zeros(mask.rows(), mask.cols()));
        }
        return out;
    }

    /** The instance with every param negated, everything else the same. */
    public static Environment negatedParams(Derivation d, Environment env) {
        Environment out = env.copy();
        for (Param p : d.network().params()) {
            out.put(p.name(), times(env.value(p.name()), -1)); // each entry's sign flipped: -x exactly
        }
        return out;
    }

    /**
     * The instance with every param declared with two or four sizes (weights, filter banks) times
     * {@code factor}, those declared with one (biases, per-channel scales and shifts) the same: each
     * pre-activation is about its bias.
     */
    public static Environment biasesLead(Derivation d, Environment env, double factor) {
        Environment out = env.copy();
        for (Param p : d.network().params()) {
            if (p.weight()) {
                out.put(p.name(), times(env.value(p.name()), factor));
            }
        }
        return out;
    }

    /**
     * The instance with every input entry times {@code inputs} and every param entry times {@code
     * params}, targets and masks the same: its pre-activations reach sizes the seeded ones never do.
     */
    public static Environment scaled(Derivation d, Environment env, double inputs, double params) {
        Environment out = env.copy();
        for (Param p : d.network().params()) {
            out.put(p.name(), times(env.value(p.name()), params));
        }
        for (DataValue x : d.network().inputs()) {
            out.put(x.name(), times(env.value(x.name()), inputs));
        }
        return out;
    }

    private static Matrix times(Matrix m, double factor) {
        Matrix out = Matrix.zeros(m.rows(), m.cols());
        for (int i = 0; i < out.data().length; i++) {
            out.data()[i] = m.data()[i] * factor;
        }
        return out;
    }

    /** The values whose dropout masks the forward pass reads. */
    static Set<String> maskOwners(Derivation d) {
        Set<String> out = new LinkedHashSet<>();
        for (Statement s : d.forward()) {
            for (Node n : Nodes.of(s.value(), Nodes.Masks.ENTER)) {
                if (n instanceof Apply a && a.op() == Op.MASK) {
                    out.add(((Ref) a.x()).name());
                }
            }
        }
        return out;
    }

    /**
     * The instance with its batch taken twice: every example (its input and target columns, its
     * dropout masks' columns) repeated once after the last, the params unchanged. Every per-example
     * value and every batch statistic (a batchnorm's mean and variance) is the same on it, so a
     * derivative differs only by how it depends on m: dL/dV per column not at all, dJ/dV by 1/2.
     */
    public static Environment doubled(Derivation d, Environment env) {
        Environment out = new Environment(2 * env.batchSize());
        for (Param p : d.network().params()) {
            out.put(p.name(), env.value(p.name()));
        }
        for (DataValue x : d.network().inputs()) {
            out.put(x.name(), twice(env.value(x.name()), Shape.batch(x.rows())));
        }
        for (DataValue y : d.network().targets()) {
            out.put(y.name(), twice(env.value(y.name()), Shape.batch(y.rows())));
        }
        for (Statement s : d.forward()) {
            for (Node n : Nodes.of(s.value(), Nodes.Masks.ENTER)) {
                if (n instanceof Apply a && a.op() == Op.MASK) {
                    Ref owner = (Ref) a.x();
                    out.putMask(owner.name(), twice(env.mask(owner.name()), owner.shape()));
                }
            }
        }
        return out;
    }

    /**
     * The examples of {@code m}, a value of {@code shape}, then the same examples again, along each of
     * its sides of m: its columns, or its rows when the examples are its rows (a mask of X.T @ W, m x k),
     * or both (m x m).
     */
    private static Matrix twice(Matrix m, Shape shape) {
        int rows = shape.rows() == Shape.M ? 2 * m.rows() : m.rows();
        int cols = shape.cols() == Shape.M ? 2 * m.cols() : m.cols();
        Matrix out = Matrix.zeros(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out.set(r, c, m.get(r % m.rows(), c % m.cols()));
            }
        }
        return out;
    }

    private static Matrix nudged(Matrix m, double relative, SplittableRandom rnd) {
        Matrix out = Matrix.zeros(m.rows(), m.cols());
        for (int i = 0; i < out.data().length; i++) {
            out.data()[i] = m.data()[i] * (1 + relative * (2 * rnd.nextDouble() - 1));
        }
        return out;
    }

    /**
     * For each param that is a factor of a matrix product (transposed or not) or a convolution's filter
     * bank: the longest sum it enters.
     */
    private static Map<String, Integer> fanIns(Derivation d, int m) {
        Map<String, Integer> out = new HashMap<>();
        for (Statement s : d.forward()) {
            collectFanIns(s.value(), m, out);
        }
        return out;
    }

    private static void collectFanIns(Node n, int m, Map<String, Integer> out) {
        if (!(n instanceof Apply a)) {
            return;
        }
        if (a.op() == Op.MATMUL) {
            int k = a.arg(0).shape().cols(m);
            for (Node factor : a.args()) {
                Node x = factor instanceof Apply t && t.op() == Op.TRANSPOSE ? t.x() : factor;
                if (x instanceof Ref r && r.kind() == RefKind.PARAM) {
                    out.merge(r.name(), k, Math::max);
                }
            }
        }
        // A filter bank (f·f·cIn) x cOut sums f·f·cIn products into each output entry.
        if (a.op() == Op.CONV2D && a.arg(1) instanceof Ref r && r.kind() == RefKind.PARAM) {
            out.merge(r.name(), a.arg(1).shape().rows(m), Math::max);
        }
        a.args().forEach(x -> collectFanIns(x, m, out));
    }

    private static boolean contains(Node n, Op op) {
        return n instanceof Apply a && (a.op() == op || a.args().stream().anyMatch(x -> contains(x, op)));
    }

    private static void addMasks(Node n, Environment env, SplittableRandom rnd, int m) {
        if (n instanceof Apply a && a.op() == Op.MASK) {
            Ref owner = (Ref) a.x();
            env.putMask(owner.name(), bernoulli(rnd, owner.shape().rows(m), owner.shape().cols(m), 0.7));
        } else if (n instanceof Apply a) {
            a.args().forEach(x -> addMasks(x, env, rnd, m));
        }
    }

    public static Matrix gaussian(SplittableRandom rnd, int rows, int cols, double scale) {
        Matrix out = Matrix.zeros(rows, cols);
        for (int i = 0; i < out.data().length; i++) {
            double u = rnd.nextDouble();
            double v = rnd.nextDouble();
            out.data()[i] = scale * Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
        }
        return out;
    }

    public static Matrix bernoulli(SplittableRandom rnd, int rows, int cols, double p) {
        Matrix out = Matrix.zeros(rows, cols);
        for (int i = 0; i < out.data().length; i++) {
            out.data()[i] = rnd.nextDouble() < p ? 1 : 0;
        }
        return out;
    }

    public static Matrix oneHot(SplittableRandom rnd, int rows, int cols) {
        Matrix out = Matrix.zeros(rows, cols);
        for (int c = 0; c < cols; c++) {
            out.set(rnd.nextInt(rows), c, 1);
        }
        return out;
    }
}
