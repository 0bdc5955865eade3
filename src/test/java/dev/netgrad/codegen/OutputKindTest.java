package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.netgrad.runtime.Prediction;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The spec, not the data, says what the output is: classes, a probability, a logit or a number. */
class OutputKindTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            softmax classes, cross-entropy     | Y[3] | dense 3 softmax  | loss cross_entropy | CLASSES
            linear, mse on three rows          | Y[3] | dense 3 linear   | loss mse           | CLASSES
            sigmoid, binary cross-entropy      | Y[1] | dense 1 sigmoid  | loss cross_entropy | PROBABILITY
            sigmoid, mse                       | Y[1] | dense 1 sigmoid  | loss mse           | PROBABILITY
            sigmoid under dropout              | Y[1] | dense 1 sigmoid dropout 0.8 | loss cross_entropy | PROBABILITY
            linear, mse: a regression          | Y[1] | dense 1 linear   | loss mse           | NUMBER
            tanh, mse: a bounded regression    | Y[1] | dense 1 tanh     | loss mse           | NUMBER
            relu, mse: a positive regression   | Y[1] | dense 1 relu     | loss mse           | NUMBER
            softplus, mse: a positive regression | Y[1] | dense 1 softplus | loss mse         | NUMBER
            """)
    void theLossDecides(String name, String target, String layer, String loss, Prediction expected) throws Exception {
        Network network = SpecReader.read("t.nn", "network T {\n  input X[2]\n  target " + target + "\n  dense 4 tanh\n  "
                + layer + "\n  " + loss + "\n}\n");
        assertEquals(expected, OutputKind.of(network));
        assertDrawsTargetsOfItsKind(network, expected);
    }

    /** Binary cross-entropy written on logits (a sigmoid or softplus of the output) is a classifier of logits. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            logits through softplus | softplus(Z1) - Y * Z1                                   | LOGIT
            logits through sigmoid  | -(Y * log(sigmoid(Z1)) + (1 - Y) * log(1 - sigmoid(Z1))) | LOGIT
            softplus of the negated | softplus(-Z1) + (1 - Y) * Z1                            | LOGIT
            softplus of a product   | softplus((1 - 2 * Y) * Z1)                              | LOGIT
            sigmoid of a product    | -log(sigmoid((2 * Y - 1) * Z1))                         | LOGIT
            squared error written   | (Z1 - Y)^2 / 2                                          | NUMBER
            """)
    void anExplicitLossDecidesByWhatItReads(String name, String loss, Prediction expected) throws Exception {
        Network network = SpecReader.read("t.nn", "network T {\n  input X[2]\n  target Y[1]\n  param W1[1, 2]\n"
                + "  param b1[1]\n  Z1 = W1 @ X + b1\n  output Z1\n  loss L = " + loss + "\n  cost J = mean(L)\n}\n");
        assertEquals(expected, OutputKind.of(network));
        assertDrawsTargetsOfItsKind(network, expected);
    }

    /**
     * Classes' logits passed to a softmax or log_softmax in the loss are logits, whose probabilities are
     * their softmax (Spark's probability column); a softmax's value is its own.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            logits through log_softmax   | N1 = Z1          | Z1 | -sum(Y * log_softmax(Z1), axis=0)  | CLASS_LOGITS
            logits through softmax       | N1 = Z1          | Z1 | -sum(Y * log(softmax(Z1)), axis=0) | CLASS_LOGITS
            a helper of the logits       | N1 = 2 * Z1      | Z1 | -sum(Y * log_softmax(N1), axis=0)  | CLASS_LOGITS
            the softmax's value          | N1 = softmax(Z1) | N1 | -sum(Y * log(N1), axis=0)          | CLASSES
            logits with squared error    | N1 = Z1          | Z1 | sum((Z1 - Y)^2, axis=0)            | CLASSES
            """)
    void classesLogitsAreThoseTheLossPassesToASoftmax(String name, String helper, String output, String loss,
            Prediction expected) throws Exception {
        Network network = SpecReader.read("t.nn", "network T {\n  input X[2]\n  target Y[3]\n  param W1[3, 2]\n"
                + "  param b1[3]\n  Z1 = W1 @ X + b1\n  " + helper + "\n  output " + output
                + "\n  loss L = " + loss + "\n  cost J = mean(L)\n}\n");
        assertEquals(expected, OutputKind.of(network));
        assertDrawsTargetsOfItsKind(network, expected);
    }

    /** The output's own statement decides, however many statements the loss is spread over. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            softplus activation: a positive regression | A1 = softplus(Z1)  | (A1 - Y)^2                        | A1 | NUMBER
            cross-entropy over a helper statement     | A1 = sigmoid(Z1)   | -E                                 | A1 | PROBABILITY
            softplus over a helper statement          | N1 = -Z1           | softplus(N1) + (1 - Y) * Z1        | Z1 | LOGIT
            """)
    void theOutputsOwnStatementDecides(String name, String helper, String loss, String output, Prediction expected)
            throws Exception {
        String entropy = loss.equals("-E") ? "  E = Y * log(A1) + (1 - Y) * log(1 - A1)\n" : "";
        Network network = SpecReader.read("t.nn", "network T {\n  input X[2]\n  target Y[1]\n  param W1[1, 2]\n"
                + "  param b1[1]\n  Z1 = W1 @ X + b1\n  " + helper + "\n" + entropy + "  output " + output
                + "\n  loss L = " + loss + "\n  cost J = mean(L)\n}\n");
        assertEquals(expected, OutputKind.of(network));
        assertDrawsTargetsOfItsKind(network, expected);
    }

    /** gradcheck's, bench's and the plugin's random targets are what the labels would be: 0/1 for a class, reals for a number. */
    private static void assertDrawsTargetsOfItsKind(Network network, Prediction prediction) {
        RandomExamples.TargetKind expected = switch (prediction) {
            case CLASSES, CLASS_LOGITS -> RandomExamples.targetKind(network); // one-hot or reals by the loss: no CSV label to agree with
            case PROBABILITY, LOGIT -> RandomExamples.TargetKind.BINARY;
            case NUMBER -> RandomExamples.TargetKind.REAL;
        };
        assertEquals(expected, RandomExamples.targetKind(network));
    }

    /** A probability is a 1 from 0.5, a logit from 0 (its sigmoid's 0.5), classes by the largest output. */
    @Test
    void eachKindReadsItsOutputAsAClass() {
        assertEquals(0.5, Prediction.PROBABILITY.probabilityOfOne(0.5));
        assertEquals(0.5, Prediction.LOGIT.probabilityOfOne(0.0));
        assertEquals(1 / (1 + Math.exp(-3)), Prediction.LOGIT.probabilityOfOne(3), 1e-16);
        assertEquals(1 / (1 + Math.exp(800)), Prediction.LOGIT.probabilityOfOne(-800));
        assertEquals(0, Prediction.PROBABILITY.classOf(new double[] {0.2}));
        assertEquals(1, Prediction.PROBABILITY.classOf(new double[] {0.5}));
        assertEquals(1, Prediction.LOGIT.classOf(new double[] {0.2}));
        assertEquals(1, Prediction.LOGIT.classOf(new double[] {0.0}));
        assertEquals(0, Prediction.LOGIT.classOf(new double[] {-0.2}));
        assertEquals(2, Prediction.CLASSES.classOf(new double[] {0.1, 0.2, 0.7}));
        assertEquals(0, Prediction.CLASS_LOGITS.classOf(new double[] {3, -1, 2}));
    }

    /** Classes' probabilities: a softmax's value as it is, logits through a softmax that no large logit overflows. */
    @Test
    void classesProbabilitiesAreTheOutputOrTheLogitsSoftmax() {
        assertArrayEquals(new double[] {0.1, 0.2, 0.7}, Prediction.CLASSES.classProbabilities(new double[] {0.1, 0.2, 0.7}));
        double e = Math.exp(-1);
        assertArrayEquals(new double[] {1 / (1 + 2 * e), e / (1 + 2 * e), e / (1 + 2 * e)},
                Prediction.CLASS_LOGITS.classProbabilities(new double[] {2, 1, 1}), 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5, 0}, Prediction.CLASS_LOGITS.classProbabilities(new double[] {1000, 1000, -1000}));
        assertThrows(IllegalStateException.class, () -> Prediction.LOGIT.classProbabilities(new double[] {1}));
    }

    /** An empty output row has no class and no classes' probabilities: both refuse it (classProbabilities gave []). */
    @ParameterizedTest
    @EnumSource(value = Prediction.class, names = {"CLASSES", "CLASS_LOGITS"})
    void anEmptyRowIsRefusedAlike(Prediction kind) {
        String ofClass = assertThrows(IllegalArgumentException.class, () -> kind.classOf(new double[0])).getMessage();
        String ofProbabilities = assertThrows(IllegalArgumentException.class, () -> kind.classProbabilities(new double[0])).getMessage();
        assertEquals(ofClass, ofProbabilities);
    }

    /**
     * A NaN in an output row is no score, so the row has no class (numpy's argmax would name the NaN's
     * index; reading it as class 0 made a held-out accuracy count it right whenever its label was 0).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            CLASSES     | NaN 0.2 0.7     | -1
            CLASSES     | 0.1 NaN 0.7     | -1
            CLASSES     | 0.9 0.05 NaN    | -1
            CLASSES     | NaN NaN         | -1
            CLASSES     | 0.9 0.05 0.05   | 0
            CLASSES     | -Infinity 0.5   | 1
            PROBABILITY | NaN             | -1
            PROBABILITY | 0.49            | 0
            LOGIT       | NaN             | -1
            LOGIT       | Infinity        | 1
            """)
    void aRowWithANaNHasNoClass(Prediction kind, String output, int expected) {
        double[] row = java.util.Arrays.stream(output.split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertEquals(expected, kind.classOf(row));
        assertEquals(-1, Prediction.NO_CLASS);
    }
}
