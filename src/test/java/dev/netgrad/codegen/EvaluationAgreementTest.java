package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Equation;
import dev.netgrad.diff.Evaluation;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Matrix;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Statement;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiled trainer computes what the reference evaluator computes: cost, losses, every forward
 * value, every derivative and every gradient, on seeded random data with fixed dropout masks, for
 * every sample, random networks, random image networks and networks of random expressions. The
 * image kernels add the terms of each entry in the evaluator's order, so convolutional networks
 * agree bit for bit ({@link #imageNetworksAgreeBitForBit}).
 */
class EvaluationAgreementTest {
    private static final double RELATIVE = 1e-9;

    static Stream<Path> samples() {
        return Specs.samples().stream();
    }

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 60).boxed();
    }

    static Stream<Path> imageSamples() {
        return Specs.imageSamples().stream();
    }

    static Stream<Long> imageSeeds() {
        return LongStream.rangeClosed(1, 40).boxed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imageSamples")
    void everyImageSampleAgreesWithTheEvaluatorBitForBit(Path sample) {
        agree(Specs.derive(Specs.read(sample)), 7, 0);
    }

    @ParameterizedTest(name = "random image network {0}")
    @MethodSource("imageSeeds")
    void imageNetworksAgreeBitForBit(long seed) {
        String text = Specs.randomImageSpec(seed);
        try {
            agree(Specs.derive("randomImage" + seed + ".nn", text), seed, 0);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nin\n" + text, e);
        }
    }

    /** The first 30 networks of random expressions that the generator takes (one input, one target). */
    static Stream<Long> expressionSeeds() {
        return LongStream.rangeClosed(1, 100).filter(seed -> TrainerGenerator.unsupported(
                Specs.read("e.nn", Specs.randomExpressionSpec(seed))).isEmpty()).limit(30).boxed();
    }

    @ParameterizedTest(name = "random expression network {0}")
    @MethodSource("expressionSeeds")
    void expressionNetworksAgreeWithTheEvaluator(long seed) {
        agreeShowingTheSpec("expressions" + seed + ".nn", Specs.randomExpressionSpec(seed), seed);
    }

    /** Networks at the edges of the doubles and of the text: the generated Java compiles and computes what the evaluator does. */
    @ParameterizedTest(name = "edge network {0}")
    @MethodSource("edgeSeeds")
    void edgeNetworksAgreeWithTheEvaluator(long seed) {
        agreeShowingTheSpec("edge" + seed + ".nn", Specs.edgeSpec(seed), seed);
    }

    static Stream<Long> edgeSeeds() {
        return LongStream.rangeClosed(1, 8).boxed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleAgreesWithTheEvaluator(Path sample) {
        agree(Specs.derive(Specs.read(sample)), 7);
    }

    @ParameterizedTest(name = "random network {0}")
    @MethodSource("seeds")
    void randomNetworksAgreeWithTheEvaluator(long seed) {
        agreeShowingTheSpec("random" + seed + ".nn", Specs.randomSpec(seed), seed);
    }

    /** {@link #agree} on a generated spec, whose text a failure shows (it exists nowhere else). */
    private static void agreeShowingTheSpec(String name, String text, long seed) {
        try {
            agree(Specs.derive(name, text), seed);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nin\n" + text, e);
        }
    }

    /**
     * Sums of all entries whose entry needs a broadcast operand ({@code W1 + b1}) or a local (the
     * shared {@code tanh(W2)}): the trainer stores the entries in a buffer, then sums it in the four
     * partial sums of every sum of all entries, the evaluator's order.
     */
    @Test
    void sumsOfEntriesStoredFirstAgreeWithTheEvaluator() {
        String text = """
                network HardSums {
                  input X[3]
                  target Y[1]
                  param W1[4, 3] init xavier
                  param b1[4] init randn(0.5)
                  param W2[1, 4] init xavier
                  param b2[1] init zeros
                  Z1 = W1 @ X + b1
                  A1 = tanh(Z1)
                  Z2 = W2 @ A1 + b2
                  A2 = sigmoid(Z2)
                  loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))
                  cost J = mean(L) + 0.01 * sum((W1 + b1)^2) + 0.01 * sum(tanh(W2) * tanh(W2))
                  output A2
                }
                """;
        Derivation d = Specs.derive("hardSums.nn", text);
        String source = TrainerGenerator.generate(d, CompiledTrainer.PACKAGE);
        // Both sums go through a buffer of their entries (the generator's fallback), not inline.
        assertEquals(2L, java.util.regex.Pattern.compile("_entries(_\\d+)?\\[i\\] = ").matcher(source).results().count(), source);
        agree(d, 7);
    }

    /**
     * A column of zero targets: every term Y * log_softmax is -0.0, their sum from 0.0 is +0.0, and
     * the loss is its negation, -0.0, in both. (Subtracting each term from 0.0 instead gives +0.0:
     * why the generator keeps the negation as a pass of its own. {@link #close} takes -0.0 and +0.0
     * as equal, so this looks at the raw bits.)
     */
    @Test
    void aZeroTargetColumnsLossIsNegativeZeroInBoth() {
        Derivation d = Specs.derive("zeroTargets.nn", """
                network ZeroTargets {
                  input X[3]
                  target Y[2]
                  param W1[2, 3]
                  param b1[2]
                  Z1 = W1 @ X + b1
                  A1 = softmax(Z1)
                  loss L = -sum(Y * log(A1), axis=0)
                  cost J = mean(L)
                }
                """);
        CompiledTrainer trainer = CompiledTrainer.of(d, 7);
        double[][] x = {{0.5, -1.0, 2.0}, {1.5, 0.25, -0.5}};
        double[][] y = {{0.0, 0.0}, {0.0, 1.0}};
        // The cost alone: gradients of a softmax's cross-entropy need targets that sum to 1, and this one's first does not.
        trainer.cost(x, y);
        Environment env = new Environment(2);
        for (String p : trainer.paramNames()) {
            env.put(p, Matrix.of(trainer.getParam(p)));
        }
        env.put("X", Matrix.of(transpose(x)));
        env.put("Y", Matrix.of(transpose(y)));
        double expected = Evaluation.run(d, env).loss().toArray()[0][0];
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(expected), "the evaluator's loss " + expected);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(trainer.losses()[0]), "the trainer's loss " + trainer.losses()[0]);
    }

    static void agree(Derivation d, long seed) {
        agree(d, seed, RELATIVE);
    }

    /** Agreement within {@code relative} of the larger magnitude, entry by entry (0: the same bits). */
    static void agree(Derivation d, long seed, double relative) {
        agree(d, CompiledTrainer.of(d, seed), seed, relative);
    }

    /** The same for a trainer of {@code d} compiled elsewhere (several in one run of javac), its params drawn from {@code seed}. */
    static void agree(Derivation d, CompiledTrainer trainer, long seed, double relative) {
        Network n = d.network();
        SplittableRandom random = new SplittableRandom(seed);
        int m = 5;
        double[][] x = RandomExamples.inputs(m, trainer.inputSize(), random);
        double[][] y = RandomExamples.targets(m, trainer.targetSize(), RandomExamples.targetKind(n), random);
        Map<String, double[][]> masks = masks(d, m, random);
        trainer.setMasks(masks);
        double cost = trainer.costAndGradients(x, y);

        Environment env = new Environment(m);
        for (String p : trainer.paramNames()) {
            env.put(p, Matrix.of(trainer.getParam(p)));
        }
        env.put(n.inputs().get(0).name(), Matrix.of(transpose(x)));
        env.put(n.targets().get(0).name(), Matrix.of(transpose(y)));
        masks.forEach((owner, mask) -> env.putMask(owner, Matrix.of(mask)));
        Evaluation.Result expected = Evaluation.run(d, env);

        close("J", new double[][] {{expected.cost()}}, new double[][] {{cost}}, relative);
        close("losses", expected.loss().toArray(), new double[][] {trainer.losses()}, relative);
        for (Statement s : d.stableForward()) {
            close(s.name(), expected.values().get(s.name()).toArray(), trainer.value(s.name()), relative);
        }
        for (Equation e : d.equations()) {
            close(e.name(), stretched(expected.derivatives().get(e.name()).toArray(), trainer.delta(e.name())),
                    trainer.delta(e.name()), relative);
        }
        for (String p : trainer.paramNames()) {
            close(d.gradient(p).name(), stretched(expected.derivatives().get(d.gradient(p).name()).toArray(), trainer.gradient(p)),
                    trainer.gradient(p), relative);
        }
    }

    static Map<String, double[][]> masks(Derivation d, int m, SplittableRandom random) {
        return RandomExamples.masks(d, m, random);
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /**
     * The evaluator's derivative at the generated class's shape: the evaluator keeps a derivative that
     * is the same along a side (the 0 of a param read only by a comparison, a 1 x 1 spread over a
     * value) as one row or column, which the class stores in full.
     */
    static double[][] stretched(double[][] expected, double[][] actual) {
        if (actual.length == 0 || expected.length == actual.length && expected[0].length == actual[0].length
                || expected.length != 1 && expected.length != actual.length || expected[0].length != 1 && expected[0].length != actual[0].length) {
            return expected;
        }
        double[][] out = new double[actual.length][actual[0].length];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < out[r].length; c++) {
                out[r][c] = expected[expected.length == 1 ? 0 : r][expected[0].length == 1 ? 0 : c];
            }
        }
        return out;
    }

    static void close(String what, double[][] expected, double[][] actual) {
        close(what, expected, actual, RELATIVE);
    }

    static void close(String what, double[][] expected, double[][] actual, double relative) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length, what + ": columns");
            for (int c = 0; c < expected[r].length; c++) {
                double e = expected[r][c];
                double a = actual[r][c];
                if (relative == 0 && e == 0 && a == 0 && Double.doubleToRawLongBits(e) != Double.doubleToRawLongBits(a)) {
                    // Bit for bit means the sign of a zero too: -0.0 == 0.0 would let a reordering through.
                    fail(what + "[" + r + "][" + c + "]: the evaluator gives " + e + ", the generated class " + a);
                }
                double scale = Math.max(Math.abs(e), Math.abs(a));
                if (!(Math.abs(e - a) <= relative * scale || (relative > 0 && Math.abs(e - a) <= 1e-300)) && !(Double.isNaN(e) && Double.isNaN(a))) {
                    fail(what + "[" + r + "][" + c + "]: the evaluator gives " + e + ", the generated class " + a);
                }
            }
        }
    }
}
