package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.diff.Derivation;
import dev.netgrad.runtime.GradientSums;
import dev.netgrad.runtime.MatrixProducts;
import dev.netgrad.runtime.NetworkTrainer;
import dev.netgrad.runtime.Prediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a Java user can get wrong when calling a generated trainer and the runtime's public classes:
 * every case is refused with an exception that names the argument and what is wrong with it (a
 * NullPointerException only from Objects.requireNonNull), never with a JVM exception from deep
 * inside, a NaN passed off as a result, or a wrong result; and the params stay as they were.
 */
class HostileArgumentsTest {
    private static final Derivation PLANAR = Specs.derive(Specs.read(Path.of("samples/planar.nn")));
    private static final Derivation IRIS = Specs.derive(Specs.read(Path.of("samples/iris.nn")));
    private static final Derivation DROPOUT = Specs.derive(Specs.read(Path.of("samples/dropout.nn")));
    /** Networks that read their input first elsewhere than in a product, which may drop a non-finite feature. */
    private static final Derivation RELU_FIRST = Specs.derive("relu_first.nn", """
            network ReluFirst {
              input X[2]
              target Y[1]
              param W[1, 2] init randn(0.5)
              param b[1]
              A = sigmoid(W @ relu(X) + b)
              loss L = -(Y * log(A) + (1 - Y) * log(1 - A))
              cost J = mean(L)
            }
            """);
    private static final Derivation POOL_FIRST = Specs.derive("pool_first.nn", """
            network PoolFirst {
              input X[2, 2, 1]
              target Y[1]
              param W[1, 1] init randn(0.5)
              param b[1]
              A = sigmoid(W @ flatten(maxpool(X, 2)) + b)
              loss L = -(Y * log(A) + (1 - Y) * log(1 - A))
              cost J = mean(L)
            }
            """);

    private static final double[][] X = {{0.5, -1}, {2, 0.25}, {-0.5, 1}};
    private static final double[][] Y = {{1}, {0}, {1}};

    /** A call on a trainer that must be refused. */
    private interface Call {
        void on(NetworkTrainer t) throws Exception;
    }

    /** A case: the network, what the call does, the exception it must throw and its message. */
    private record Case(Derivation network, String what, Call call, Class<? extends Exception> thrown, String message) {
    }

    private static Case planar(String what, Call call, Class<? extends Exception> thrown, String message) {
        return new Case(PLANAR, what, call, thrown, message);
    }

    private static double[][] withTarget(int e, int k, double v, double[][] y) {
        double[][] out = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i].clone();
        }
        out[e][k] = v;
        return out;
    }

    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final Class<NullPointerException> NPE = NullPointerException.class;

    private static List<Case> cases() {
        double[][] oneHot = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[][] xi = {{5.1, 3.5, 1.4, 0.2}, {6.2, 2.9, 4.3, 1.3}, {7.7, 3.0, 6.1, 2.3}};
        return List.of(
                // Null arguments other than a batch: Objects.requireNonNull, naming the argument.
                planar("useOptimizer(null)", t -> t.useOptimizer((dev.netgrad.runtime.Optimizer) null), NPE, "optimizer is null"),
                planar("setMasks(null)", t -> t.setMasks(null), NPE, "masks is null"),
                planar("save(null)", t -> t.save(null), NPE, "file is null"),
                planar("load(null)", t -> t.load(null), NPE, "file is null"),
                planar("accumulateSums(x, y, null)", t -> t.accumulateSums(X, Y, null), NPE, "sums is null"),
                planar("gradientsFromSums(null)", t -> t.gradientsFromSums(null), NPE, "sums is null"),
                planar("sumUnlessOne(null)", t -> NetworkTrainer.sumUnlessOne(null), NPE, "target is null"),
                // A null param value is said to be null, not empty.
                planar("setParam(W1, null)", t -> t.setParam("W1", null), IAE, "param W1 is null"),
                // Non-finite targets, by their place, as features are (they made a NaN cost, or a
                // stop at "step 1" that blamed neither x nor y).
                planar("cost, y NaN", t -> t.cost(X, withTarget(1, 0, Double.NaN, Y)), IAE,
                        "y[1][0] is NaN: Planar computes its cost from finite targets only"),
                planar("costAndGradients, y Infinity", t -> t.costAndGradients(X, withTarget(2, 0, Double.POSITIVE_INFINITY, Y)), IAE,
                        "y[2][0] is Infinity: Planar computes its gradients from finite targets only"),
                planar("trainStep, y NaN", t -> t.trainStep(X, withTarget(0, 0, Double.NaN, Y)), IAE,
                        "y[0][0] is NaN: Planar computes its gradients from finite targets only"),
                planar("fit, y -Infinity", t -> t.fit(X, withTarget(1, 0, Double.NEGATIVE_INFINITY, Y), 2, 2, null), IAE,
                        "y[1][0] is -Infinity: Planar computes its gradients from finite targets only"),
                planar("accumulateSums, y NaN", t -> t.accumulateSums(X, withTarget(1, 0, Double.NaN, Y), t.newSums()), IAE,
                        "y[1][0] is NaN: Planar computes its gradients from finite targets only"),
                new Case(IRIS, "softmax cross-entropy, y NaN", t -> t.costAndGradients(xi, withTarget(1, 2, Double.NaN, oneHot)), IAE,
                        "y[1][2] is NaN: Iris computes its gradients from finite targets only"),
                new Case(IRIS, "softmax cross-entropy, trainStep, y NaN", t -> t.trainStep(xi, withTarget(1, 2, Double.NaN, oneHot)), IAE,
                        "y[1][2] is NaN: Iris computes its gradients from finite targets only"),
                // trainStep on a network that reads its input first elsewhere than in a product: relu(NaN) is 0 and a
                // max pool passes over -Infinity, so the cost and gradients stayed finite and the step was applied.
                new Case(RELU_FIRST, "relu(X), trainStep, x NaN", t -> t.trainStep(new double[][] {{1, Double.NaN}, {2, 1}}, new double[][] {{1}, {0}}), IAE,
                        "x[0][1] is NaN: ReluFirst computes its gradients from finite features only"),
                new Case(RELU_FIRST, "relu(X), trainStep, x -Infinity", t -> t.trainStep(new double[][] {{1, 1}, {Double.NEGATIVE_INFINITY, 1}}, new double[][] {{1}, {0}}),
                        IAE, "x[1][0] is -Infinity: ReluFirst computes its gradients from finite features only"),
                new Case(POOL_FIRST, "maxpool(X), trainStep, x -Infinity", t -> t.trainStep(new double[][] {{1, Double.NEGATIVE_INFINITY, 2, 3}, {1, 1, 1, 1}},
                        new double[][] {{1}, {0}}), IAE, "x[0][1] is -Infinity: PoolFirst computes its gradients from finite features only"),
                // standardize returned NaN, or an overflow to Infinity that predict then blamed on x.
                planar("standardize, x NaN", t -> standardized(t, new double[][] {{1, 2}, {Double.NaN, 0}}), IAE,
                        "x[1][0] is NaN: Planar computes standardized values from finite features only"),
                planar("standardize, an overflow", t -> standardized(t, new double[][] {{1, 2}, {0, 1e300}}), IAE,
                        "x[1][1] is 1.0E300, whose standardized value (x - -1.0) / 1.0E-10 overflows to Infinity"),
                // A negative batch size trained full batches without a word (0 is full batches, as a spec without a
                // batch line); so did a negative number of epochs before it, which is refused too.
                planar("fit, batch -1", t -> t.fit(X, Y, 2, -1, null), IAE,
                        "batchSize must be 0 (full batches) or more, found -1"),
                planar("fit, batch Integer.MIN_VALUE", t -> t.fit(X, Y, 2, Integer.MIN_VALUE, null), IAE,
                        "batchSize must be 0 (full batches) or more, found -2147483648"),
                planar("fit, epochs -1", t -> t.fit(X, Y, -1, 2, null), IAE, "epochs must not be negative, found -1"),
                // Threads: a step's work is cut into 4 chunks a thread, indexed in 16 bits.
                planar("setThreads(1025)", t -> t.setThreads(1025), IAE, "threads must be 1 to 1024, found 1025"),
                planar("setThreads(0)", t -> t.setThreads(0), IAE, "threads must be 1 to 1024, found 0"),
                // Masks hold 0s and 1s (a NaN mask made Dropout's cost log 2, whatever its data).
                new Case(DROPOUT, "setMasks, a NaN", t -> t.setMasks(masks(Double.NaN)), IAE,
                        "the mask of A1 has NaN at [0][0]: a keep-mask holds 0 (dropped) or 1 (kept)"),
                new Case(DROPOUT, "setMasks, a keep probability", t -> t.setMasks(masks(0.86)), IAE,
                        "the mask of A1 has 0.86 at [0][0]: a keep-mask holds 0 (dropped) or 1 (kept)"),
                new Case(DROPOUT, "setMasks, a null mask", t -> t.setMasks(nullMask()), IAE, "the mask of A1 is null"));
    }

    /** {@code t.standardize(x)} with a standardization of mean -1 and a tiny standard deviation for the second feature. */
    private static double[][] standardized(NetworkTrainer t, double[][] x) {
        t.setStandardization(new double[] {0, -1}, new double[] {1, 1e-10});
        return t.standardize(x);
    }

    /** Dropout's masks for X's 3 examples, all ones but A1's first entry. */
    private static Map<String, double[][]> masks(double first) {
        double[][] a1 = new double[20][3];
        for (double[] row : a1) {
            Arrays.fill(row, 1);
        }
        a1[0][0] = first;
        return Map.of("A1", a1, "A2", new double[][] {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}});
    }

    private static Map<String, double[][]> nullMask() {
        Map<String, double[][]> masks = new HashMap<>(masks(1));
        masks.put("A1", null);
        return masks;
    }

    /** What a call did, when it is not what the case expects; null when it is. */
    private static String unexpected(String what, Class<? extends Exception> thrown, String message, Call call, NetworkTrainer t) {
        try {
            call.on(t);
            return what + ": returned";
        } catch (Exception e) {
            if (e.getClass() != thrown || !message.equals(e.getMessage())) {
                return what + ": " + e;
            }
            return null;
        }
    }

    @Test
    void everyHostileCallIsRefusedByNameAndLeavesTheParams() {
        List<String> wrong = new ArrayList<>();
        for (Case c : cases()) {
            NetworkTrainer t = CompiledTrainer.of(c.network(), 1).trainer();
            String first = t.paramNames().get(0);
            double[][] before = t.getParam(first);
            String problem = unexpected(c.what(), c.thrown(), c.message(), c.call(), t);
            if (problem != null) {
                wrong.add(problem);
            } else if (!Arrays.deepEquals(before, t.getParam(first))) {
                wrong.add(c.what() + ": the params changed");
            }
        }
        assertEquals(List.of(), wrong);
    }

    /**
     * A generated class's {@code PARAM_NAMES} and {@code MASK_NAMES} are public arrays, which Java
     * cannot make read-only: writing to them renamed the params of every trainer of the class (its
     * lookups refused "W1", its params files said "Oops"). The trainers read copies now.
     */
    @Test
    void writingToAPublicNameTableRenamesNoParam() throws Exception {
        // A class of its own: the compiled classes are shared within the test run.
        Derivation d = Specs.derive("scribbled.nn", """
                network Scribbled {
                  input X[2]
                  target Y[1]
                  dense 3 tanh dropout 0.5
                  dense 1 sigmoid
                  loss cross_entropy
                }
                """);
        CompiledTrainer compiled = CompiledTrainer.of(d, 1);
        String[] params = (String[]) compiled.type().getField("PARAM_NAMES").get(null);
        String[] masks = (String[]) compiled.type().getField("MASK_NAMES").get(null);
        params[0] = "Oops";
        masks[0] = "Oops";
        for (NetworkTrainer t : List.of(compiled.trainer(), CompiledTrainer.of(d, 2).trainer())) {
            assertEquals(List.of("W1", "b1", "W2", "b2"), t.paramNames());
            assertEquals(List.of("A1"), t.maskNames());
            assertEquals(3, t.getParam("W1").length);
        }
    }

    /** GradientSums, Prediction and MatrixProducts, the runtime's other public classes, refuse what their callers could get wrong. */
    @Test
    void gradientSumsAndPredictionRefuseBadArguments() {
        record Refusal(String what, Runnable call, Class<? extends Exception> thrown, String message) {
        }
        List<Refusal> refusals = List.of(
                new Refusal("new GradientSums(null)", () -> new GradientSums(null), NPE, "paramSizes is null"),
                // Was a NegativeArraySizeException.
                new Refusal("new GradientSums({4, -1})", () -> new GradientSums(new int[] {4, -1}), IAE,
                        "paramSizes[1] is -1: a param's size is not negative"),
                new Refusal("add(null)", () -> new GradientSums(new int[] {1}).add(null), NPE, "other is null"),
                // Was taken: the count went negative, and gradientsFromSums then said "no examples".
                new Refusal("addExamples(-3, 1)", () -> new GradientSums(new int[] {1}).addExamples(-3, 1), IAE,
                        "examples is -3: a count of examples is not negative"),
                // Helpers keep a chunk's index in 16 bits: 16384 threads and more broke the sharing of a step.
                new Refusal("new MatrixProducts(1025)", () -> new MatrixProducts(1025), IAE, "threads must be 1 to 1024, found 1025"),
                new Refusal("setThreads(1025)", () -> new MatrixProducts(1).setThreads(1025), IAE, "threads must be 1 to 1024, found 1025"),
                new Refusal("CLASSES.classOf(null)", () -> Prediction.CLASSES.classOf(null), NPE, "output is null"),
                // Was class 0 for CLASSES, an ArrayIndexOutOfBoundsException for the others.
                new Refusal("CLASSES.classOf({})", () -> Prediction.CLASSES.classOf(new double[0]), IAE,
                        "output is empty: an output row has an entry per row of the network's output"),
                new Refusal("PROBABILITY.classOf({})", () -> Prediction.PROBABILITY.classOf(new double[0]), IAE,
                        "output is empty: an output row has an entry per row of the network's output"),
                new Refusal("LOGIT.classOf({})", () -> Prediction.LOGIT.classOf(new double[0]), IAE,
                        "output is empty: an output row has an entry per row of the network's output"),
                // Read row 0 alone: a softmax's three scores were class 0 or 1 without a word.
                new Refusal("PROBABILITY.classOf({0.2, 0.7, 0.1})", () -> Prediction.PROBABILITY.classOf(new double[] {0.2, 0.7, 0.1}), IAE,
                        "a PROBABILITY output row has one entry, its reading of class 1, found 3: a row of k > 1 scores is CLASSES' or CLASS_LOGITS'"),
                new Refusal("LOGIT.classOf({-1, 2})", () -> Prediction.LOGIT.classOf(new double[] {-1, 2}), IAE,
                        "a LOGIT output row has one entry, its reading of class 1, found 2: a row of k > 1 scores is CLASSES' or CLASS_LOGITS'"));
        List<String> wrong = new ArrayList<>();
        for (Refusal r : refusals) {
            String problem = unexpected(r.what(), r.thrown(), r.message(), t -> r.call().run(), null);
            if (problem != null) {
                wrong.add(problem);
            }
        }
        assertEquals(List.of(), wrong);
    }
}
