package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import dev.netgrad.runtime.GradientSums;
import dev.netgrad.runtime.NetworkTrainer;
import dev.netgrad.runtime.Trainer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Trainer contract the Spark support builds on: for a network whose values are all per
 * example, the sums of two parts of a batch, made into gradients once with the whole batch's m,
 * give what one pass over the whole batch gives (to rounding: the sums add in another order); the
 * regularizer's cost and gradient are added once, not once per part. A network with batchnorm says
 * what couples its examples and refuses to sum.
 */
class GradientSumsTest {
    private static final double TOLERANCE = 1e-12;

    @ParameterizedTest
    @ValueSource(strings = {"planar.nn", "regularized.nn", "iris.nn", "deep.nn", "images/digits_cnn.nn"})
    void sumsOverTwoPartsGiveTheWholeBatchsCostAndGradients(String sample) {
        sumsOverTwoPartsGiveTheWholeBatchs(Specs.derive(Specs.read(Path.of("samples", sample))), sample);
    }

    /** Examples held in rows by a transpose (numpy's row-major layers) stay apart: such a network sums over parts too. */
    @ParameterizedTest
    @ValueSource(strings = {"H = tanh(X.T @ W1.T + b1.T)\n  Z = (H @ W2.T).T", "H = tanh((W1 @ X).T.T + b1)\n  Z = W2 @ H"})
    void aNetworkWithItsExamplesInRowsSumsOverParts(String statements) {
        String spec = "network T {\n  input X[3]\n  target Y[1]\n  param W1[4, 3]\n  param b1[4]\n  param W2[1, 4]\n  "
                + statements + "\n  A = sigmoid(Z)\n  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))\n  cost J = mean(L)\n}\n";
        sumsOverTwoPartsGiveTheWholeBatchs(Specs.derive("t.nn", spec), statements);
    }

    /** Planar's layers with the cost {@code cost}. */
    private static String withCost(String cost) {
        return "network C {\n  input X[2]\n  target Y[1]\n  param W1[4, 2]\n  param b1[4]\n  Z1 = W1 @ X + b1\n  A1 = tanh(Z1)\n"
                + "  param W2[1, 4]\n  param b2[1]\n  Z2 = W2 @ A1 + b2\n  A2 = sigmoid(Z2)\n"
                + "  loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))\n  cost J = " + cost + "\n}\n";
    }

    /** Penalties divided by m, however written: a part's pass leaves them out and the sums add them once. */
    @ParameterizedTest
    @ValueSource(strings = {"mean(L) + 0.7 / (2 * m) * sum(W1^2)", "mean(L) + sum(W1^2) / m - 0.1 / (m * 4) * (sum(W2^2) + sum(b1^2))",
            "mean(L) - -(1 / m) * 0.5 * sum(W2^2)", "mean(L) + 0.3 * (sum(W1^2) / (2 * m))"})
    void aPenaltyDividedByMIsAddedOnceOverParts(String cost) {
        sumsOverTwoPartsGiveTheWholeBatchs(Specs.derive("c.nn", withCost(cost)), cost);
    }

    /**
     * A sum of the losses is its parts' sums without 1/m, and a penalty without m is the batch's, added once: a sum(L)
     * came out divided by m, and a penalty without m was added by every part again, so such costs kept the batch whole
     * (refused on Spark, scored in one pass by train).
     */
    @ParameterizedTest
    @ValueSource(strings = {"sum(L)", "sum(L) + 0.7 / (2 * m) * sum(W1^2)", "sum(L) + 0.35 * sum(W1^2)", "mean(L) + 0.1 * sum(W1^2)",
            "mean(L) + 0.7 / m * sum(W1^2) - sum(b1^2)", "sum(L) - -0.2 * (sum(W1^2) + sum(W2^2)) + sum(b2^2) / m",
            "sum(L) + 0.01 * sum(W1^2) * sum(W1^2)", "mean(L) + 0.1 * sum(W1^2)^2 + sum(W2^2)^2 / m"})
    void aSumOfTheLossesAndAPenaltyWithoutMAddUpOverParts(String cost) {
        sumsOverTwoPartsGiveTheWholeBatchs(Specs.derive("c.nn", withCost(cost)), cost);
    }

    /**
     * A penalty term that mixes the two forms is the batch's in its part without m and the whole batch's m's in its
     * part divided by m: a part's pass, m infinite, leaves the first and takes it out again. Each was refused as batch
     * coupling ("reads m but is not divided by it").
     */
    @ParameterizedTest
    @ValueSource(strings = {"mean(L) + (0.1 + 1 / m) * sum(W1^2)", "sum(L) + sum(W1^2) * (0.05 - 0.5 / (2 * m))",
            "mean(L) + 0.3 * (sum(W1^2) + sum(W2^2) / m)", "sum(L) - -(0.2 + 1 / m) * (sum(b1^2) + 1 / (4 * m) * sum(W2^2))",
            "mean(L) + (sum(W1^2) + sum(b2^2) / m) / 3"})
    void aPenaltyTermMixingBothFormsAddsUpOverParts(String cost) {
        sumsOverTwoPartsGiveTheWholeBatchs(Specs.derive("c.nn", withCost(cost)), cost);
    }

    /**
     * A penalty whose factor of m vanishes or has a finite limit other than by one division by m, as a part's pass
     * computes it with m infinite (0 for 1 / (m + 1), 1 for 1 + 1/m): each was refused as not proved finite, but for
     * sum(W1^2) * (1 - 1/m), taken already.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mean(L) + 0.7 / (m + 1) * sum(W1^2)", "mean(L) + sum(W1^2) / m^2", "mean(L) + m^-1 * sum(W1^2)",
            "mean(L) + 0.7 / sqrt(m) * sum(W1^2)", "mean(L) + (sum(W1^2) / m)^2", "mean(L) + sum(0.35 / m * W1^2)",
            "sum(L) + sum(W1^2) / (1 + 1 / m)", "mean(L) + sum(W1^2) * (1 - 1 / m)", "mean(L) + (1 + 1 / m)^2 * sum(W1^2)",
            "mean(L) + (sum(W1^2) + 1 / m)^2", "mean(L) + 0.3 * sum(W1^2) / (2 - 0.7 / m) + sum(W2^2) / (m * m)"})
    void aPenaltyFiniteAtAnInfiniteMAddsUpOverParts(String cost) {
        sumsOverTwoPartsGiveTheWholeBatchs(Specs.derive("c.nn", withCost(cost)), cost);
    }

    /**
     * A penalty of a value the forward pass computes from params alone: a part's penalty pass, and the driver's that
     * never saw a batch, read it as it is for the params now.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sum(L) + 0.1 * S * S", "mean(L) + 0.05 * S", "mean(L) + S * S / m", "mean(L) + (0.05 + 1 / m) * S"})
    void aPenaltyOfAValueOfParamsAddsUpOverParts(String cost) {
        String spec = withCost(cost).replace("  Z1 = W1 @ X + b1\n", "  S = sum(W1^2)\n  Z1 = W1 @ X + b1\n");
        sumsOverTwoPartsGiveTheWholeBatchs(Specs.derive("c.nn", spec), cost);
    }

    /** A penalty term that reads m but is not proved divided by it has no gradient the parts' sums could make: the batch stays whole. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # the cost                                   | why the trainer says its batch cannot be split
            mean(L) + 0.001 * m * sum(W1^2)              | the cost J = mean(L) + 0.001 * m * sum(W1^2) adds 0.001 * m * sum(W1^2), which reads m in a way not proved to stay finite as m grows, so the parts of a batch cannot add up its gradient
            sum(L) + m / m^2 * sum(W1^2)                 | the cost J = sum(L) + m / m^2 * sum(W1^2) adds m / m^2 * sum(W1^2), which reads m in a way not proved to stay finite as m grows, so the parts of a batch cannot add up its gradient
            mean(L) + (0.1 + m) * sum(W1^2)              | the cost J = mean(L) + (0.1 + m) * sum(W1^2) adds (0.1 + m) * sum(W1^2), which reads m in a way not proved to stay finite as m grows, so the parts of a batch cannot add up its gradient
            mean(L) + sum(W1^2) / (0 * m)                | the cost J = mean(L) + sum(W1^2) / (0 * m) adds sum(W1^2) / (0 * m), which reads m in a way not proved to stay finite as m grows, so the parts of a batch cannot add up its gradient
            mean(L) + m / m * sum(W1^2)                  | the cost J = mean(L) + m/m * sum(W1^2) adds m/m * sum(W1^2), which reads m in a way not proved to stay finite as m grows, so the parts of a batch cannot add up its gradient
            mean(L) + sum(W1^2) / (1 / m + sum(W2^2))    | the cost J = mean(L) + sum(W1^2) / (1/m + sum(W2^2)) adds sum(W1^2) / (1/m + sum(W2^2)), which reads m in a way not proved to stay finite as m grows, so the parts of a batch cannot add up its gradient
            """)
    void aCostThePartsCannotMakeKeepsTheBatchWhole(String cost, String why) {
        NetworkTrainer t = CompiledTrainer.of(Specs.derive("c.nn", withCost(cost)), 7).trainer();
        assertEquals(java.util.Optional.of(why), t.batchCoupling(), cost);
        double[][] x = RandomExamples.inputs(4, t.inputSize(), new SplittableRandom(1));
        double[][] y = RandomExamples.targets(4, t.targetSize(), RandomExamples.TargetKind.BINARY, new SplittableRandom(2));
        assertThrows(IllegalStateException.class, () -> t.accumulateSums(x, y, t.newSums()), cost);
    }

    private static void sumsOverTwoPartsGiveTheWholeBatchs(Derivation d, String sample) {
        NetworkTrainer whole = CompiledTrainer.of(d, 7).trainer();
        assertEquals(java.util.Optional.empty(), whole.batchCoupling(), sample);
        SplittableRandom random = new SplittableRandom(11);
        int m = 37;
        double[][] x = RandomExamples.inputs(m, whole.inputSize(), random);
        double[][] y = RandomExamples.targets(m, whole.targetSize(), RandomExamples.targetKind(d.network()), random);
        double expected = whole.costAndGradients(x, y);

        NetworkTrainer part = CompiledTrainer.of(d, 7).trainer();
        GradientSums sums = part.newSums();
        part.accumulateSums(Arrays.copyOfRange(x, 0, 15), Arrays.copyOfRange(y, 0, 15), sums);
        part.accumulateSums(Arrays.copyOfRange(x, 15, m), Arrays.copyOfRange(y, 15, m), sums);
        assertEquals(m, sums.count());
        // On a trainer that saw the parts, and on one that never saw a batch (Spark's driver).
        Trainer driver = CompiledTrainer.of(d, 7).trainer();
        for (Trainer t : new Trainer[] {part, driver}) {
            double cost = t.gradientsFromSums(sums);
            assertClose(expected, cost, sample + " cost");
            for (String p : t.paramNames()) {
                assertClose(whole.gradient(p), t.gradient(p), sample + " d" + p);
            }
        }
        // The step that follows uses them: both trainers end with the same params.
        whole.step();
        part.step();
        for (String p : whole.paramNames()) {
            assertClose(whole.getParam(p), part.getParam(p), sample + " " + p + " after the step");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"batchnorm.nn"})
    void aCoupledNetworkSaysWhyAndRefusesToSum(String sample) {
        Derivation d = Specs.derive(Specs.read(Path.of("samples", sample)));
        NetworkTrainer t = CompiledTrainer.of(d, 7).trainer();
        String why = t.batchCoupling().orElseThrow();
        assertTrue(why.contains("mixes the examples"), why);
        double[][] x = RandomExamples.inputs(4, t.inputSize(), new SplittableRandom(1));
        double[][] y = RandomExamples.targets(4, t.targetSize(), RandomExamples.targetKind(d.network()), new SplittableRandom(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.accumulateSums(x, y, t.newSums()));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    /** Sums that are not the network's, or that hold no example, are refused with what is wrong with them. */
    static Stream<Arguments> refusedSums() {
        double[][] x = {{0.5, -0.5}};
        double[][] y = {{1}};
        return Stream.of(
                // what | the call on Planar (W1 4 x 2, b1 4 x 1, W2 1 x 4, b2 1 x 1) | the message
                Arguments.of("a part into sums of 3 params", (Consumer<Trainer>) t -> t.accumulateSums(x, y, new GradientSums(new int[] {8, 4, 4})),
                        "sums of 3 params given to Planar, which has 4"),
                Arguments.of("a part into sums of a misshapen b2", (Consumer<Trainer>) t -> t.accumulateSums(x, y, new GradientSums(new int[] {8, 4, 4, 2})),
                        "the sums of b2 have 2 entries, not 1"),
                Arguments.of("gradients from sums of 5 params", (Consumer<Trainer>) t -> t.gradientsFromSums(new GradientSums(new int[] {8, 4, 4, 1, 1})),
                        "sums of 5 params given to Planar, which has 4"),
                Arguments.of("gradients from sums of no example", (Consumer<Trainer>) t -> t.gradientsFromSums(t.newSums()),
                        "the sums hold no examples"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedSums")
    void sumsOfAnotherNetworkOrOfNoExampleAreRefused(String what, Consumer<Trainer> call, String message) {
        Trainer t = CompiledTrainer.of(Specs.derive(Specs.read(Path.of("samples", "planar.nn"))), 7).trainer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(t), what);
        assertEquals(message, e.getMessage(), what);
    }

    /** Entry by entry, relative to the matrix's largest entry (an entry where terms cancel keeps the others' rounding). */
    private static void assertClose(double[][] expected, double[][] actual, String what) {
        double scale = 0;
        for (double[] row : expected) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                double e = expected[r][c];
                double a = actual[r][c];
                String where = what + "[" + r + "][" + c + "]";
                assertTrue(Math.abs(e - a) <= TOLERANCE * scale || e == a, () -> where + ": " + a + " from the sums, " + e + " from the whole batch");
            }
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        assertTrue(Math.abs(expected - actual) <= TOLERANCE * Math.max(scale, 1e-300) || expected == actual,
                () -> what + ": " + actual + " from the sums, " + expected + " from the whole batch");
    }
}
