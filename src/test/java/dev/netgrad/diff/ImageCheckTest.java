package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.EquationChecker.Report;
import dev.netgrad.diff.EquationChecker.Status;
import dev.netgrad.diff.EquationChecker.Verdict;
import dev.netgrad.print.TextPrinter;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** check on a convolutional network: the course's lines, and each image mistake named. */
class ImageCheckTest {
    private static final String RIGHT = """
            dZ2 = A2 - Y
            dW2 = 1/m * dZ2 @ F1.T
            db2 = 1/m * sum(dZ2, axis=1)
            dF1 = W2.T @ dZ2
            dP1 = unflatten(dF1, like=P1)
            dA1 = maxpool_input(dP1, A1, 2, stride=2)
            dZ1 = dA1 * (Z1 > 0)
            dW1 = 1/m * conv2d_weight(X, dZ1, like=W1, stride=1, pad=1)
            db1 = 1/m * channel_sum(dZ1)
            """;
    private static Network network;

    @BeforeAll
    static void read() throws Exception {
        Path spec = Path.of("samples/images/digits_cnn.nn");
        network = SpecReader.read(spec.toString(), Files.readString(spec));
    }

    private static Report check(String text) throws SpecException {
        return EquationChecker.check(network, SpecReader.readEquations("cnn.eq", text, network, Deriver.derivativeNames(network)));
    }

    private static String replace(String line, String with) {
        assertTrue(RIGHT.contains(line), line);
        return RIGHT.replace(line, with);
    }

    @Test
    void theDerivedLinesPass() throws Exception {
        Report r = check(RIGHT);
        assertTrue(r.passed());
        assertEquals("dL", r.verdicts().get(6).numerator().orElseThrow().symbol(), "dZ1 is dL/dZ1");
        assertEquals("dJ", r.verdicts().get(7).numerator().orElseThrow().symbol(), "dW1 is dJ/dW1");
    }

    @Test
    void theCoursesConvBackwardLineIsDSumLAndLacksTheOneOverM() throws Exception {
        Report r = check(replace("dW1 = 1/m * conv2d_weight(", "dW1 = conv2d_weight("));
        assertFalse(r.passed());
        Verdict dW1 = r.verdicts().get(7);
        assertEquals(Status.WRONG, dW1.status());
        assertTrue(dW1.message().contains("is d(sum L)/dW1, not dJ/dW1: the 1/m of the cost's mean is missing"),
                dW1.message());
        assertTrue(dW1.message().contains("dZ1 is dL/dZ1"), dW1.message());
    }

    /**
     * A wrong derivative of an image's activation is named as a plain one's. Asking whether the line
     * was another activation's derivative tried softmax's on the image, which has none: the check
     * stopped with an internal error on the course's commonest mistake, the relu's mask left out.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // digits_cnn's dZ1 as written | what the checker must say of it
        "dZ1 = dA1                   | has the wrong derivative of relu: for A1 = relu(Z1), dZ1 = dA1 * (Z1 > 0)",
        "dZ1 = dA1 * (1 - A1^2)      | has the wrong derivative of relu (dA1 * (1 - A1^2) is tanh's): for A1 = relu(Z1), dZ1 = dA1 * (Z1 > 0)",
        "dZ1 = dA1 * A1 * (1 - A1)   | has the wrong derivative of relu (dA1 * A1 * (1 - A1) is sigmoid's): for A1 = relu(Z1), dZ1 = dA1 * (Z1 > 0)",
        "dZ1 = dA1 * (A1 > 0)        | CORRECT",
    })
    void aWrongDerivativeOfAnImagesActivationIsNamed(String line, String expected) throws Exception {
        Report r = check(replace("dZ1 = dA1 * (Z1 > 0)", line));
        Verdict dZ1 = r.verdicts().get(6);
        assertJudged(dZ1, expected);
    }

    /**
     * Lines that differ from the derivative only on entries the seeded instances rarely hold, judged
     * on the variants of them ({@link InstanceVariant}), were judged right: a max pool routes the
     * gradient only to each window's maximum, which is active unless the whole window is not
     * (pooled_relu, pooled_leaky_relu); a 1 x 1 filter with stride 2 and padding 1 makes five of six
     * entries its bias alone, whose sign decides the activation's derivative there (padded_one_by_one).
     * A global max pool of 16 positions over 8 channels (global_pool) is no narrow layer, but its windows
     * were never wholly inactive on the seeded instances: the relu's derivative left out was right; so was
     * the dropout's mask left out under it (global_pool_dropout), whose dropped entries the pool never chose. The mask
     * left out with its 1/0.8 was named as the 1/0.8 alone, which is all the seeded instances show.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // spec | the line put in place of netgrad's own | what the checker must say of it
        "pooled_relu.nn       | dZ1 = dA1                 | has the wrong derivative of relu: for A1 = relu(Z1), dZ1 = dA1 * (Z1 > 0)",
        "pooled_relu.nn       | dA1 = maxpool_input(dP1, Z1, 2, stride=2) | routes the gradient to the wrong positions: the"
            + " forward pass computes maxpool(A1, 2, stride=2), whose derivative sends each entry to its window's maximum"
            + " in A1: write maxpool_input(dP1, A1, 2, stride=2)",
        "pooled_relu.nn       | db2_2 = 1/m * sum(dA1)    | does not equal dJ/db2_2; netgrad derives db2_2 = 1/m * sum(dZ1)",
        "pooled_relu.nn       | dK1 = 1/m * conv2d_weight(X, dA1, like=K1, stride=1, pad=0) | does not equal dJ/dK1;"
            + " netgrad derives dK1 = 1/m * conv2d_weight(X, dZ1, like=K1, stride=1, pad=0)",
        "pooled_relu.nn       | dZ1 = dA1 * (Z1 > 0)      | CORRECT",
        "pooled_leaky_relu.nn | dZ1 = dA1                 | has the wrong derivative of leaky_relu: for A1 = leaky_relu(Z1,"
            + " 0.01), dZ1 = dA1 * ((Z1 > 0) + 0.01 * (Z1 <= 0))",
        "pooled_leaky_relu.nn | dZ1 = dA1 * (Z1 > 0)      | has the wrong derivative of leaky_relu (dA1 * (Z1 > 0) is"
            + " relu's): for A1 = leaky_relu(Z1, 0.01), dZ1 = dA1 * ((Z1 > 0) + 0.01 * (Z1 <= 0))",
        "pooled_leaky_relu.nn | db2_2 = 1/m * sum(dA1)    | does not equal dJ/db2_2; netgrad derives db2_2 = 1/m * sum(dZ1)",
        "pooled_leaky_relu.nn | dZ1 = dA1 * ((Z1 > 0) + 0.01 * (Z1 <= 0)) | CORRECT",
        "padded_one_by_one.nn | dZ2 = dA2                 | has the wrong derivative of leaky_relu: for A2 = leaky_relu(Z2,"
            + " 0.01), dZ2 = dA2 * ((Z2 > 0) + 0.01 * (Z2 <= 0))",
        "padded_one_by_one.nn | db5_5 = 1/m * sum(dA2)    | does not equal dJ/db5_5; netgrad derives db5_5 = 1/m * sum(dZ2)",
        "padded_one_by_one.nn | dP1 = conv2d_input(dA2, K4, like=P1, stride=2, pad=1) | does not equal dL/dP1 or dJ/dP1;"
            + " netgrad derives dP1 = conv2d_input(dZ2, K4, like=P1, stride=2, pad=1)",
        "padded_one_by_one.nn | dZ2 = dA2 * ((Z2 > 0) + 0.01 * (Z2 <= 0)) | CORRECT",
        "global_pool.nn       | dZ1 = dA1                 | has the wrong derivative of relu: for A1 = relu(Z1), dZ1 = dA1 * (Z1 > 0)",
        "global_pool.nn       | dA1 = maxpool_input(dP2, Z1, 4, stride=4) | routes the gradient to the wrong positions: the"
            + " forward pass computes maxpool(A1, 4, stride=4), whose derivative sends each entry to its window's maximum"
            + " in A1: write maxpool_input(dP2, A1, 4, stride=4)",
        "global_pool.nn       | db1 = 1/m * channel_sum(dA1) | does not equal dJ/db1; netgrad derives db1 = 1/m * channel_sum(dZ1)",
        "global_pool.nn       | dZ1 = dA1 * (Z1 > 0)      | CORRECT",
        "global_pool.nn       | dZ1 = dA1 * (Z1 >= 0)     | CORRECT",
        "global_pool_dropout.nn | dZ1 = dA1 * (Z1 > 0) / 0.8 | is missing the dropout mask: A1 = dropout(relu(Z1), 0.8) keeps"
            + " only the entries where mask(A1) is 1, scaled by 1/0.8, and the derivative flows back through those alone;"
            + " netgrad derives dZ1 = 1.25 * dA1 * mask(A1) * (Z1 > 0)",
        "global_pool_dropout.nn | dZ1 = dA1 * (Z1 > 0)      | is missing the dropout mask and its 1/0.8: A1 = dropout(relu(Z1),"
            + " 0.8) keeps only the entries where mask(A1) is 1, scaled by 1/0.8, and the derivative flows back through those"
            + " alone; netgrad derives dZ1 = 1.25 * dA1 * mask(A1) * (Z1 > 0)",
        "global_pool_dropout.nn | dZ1 = dA1 * mask(A1) * (Z1 > 0) | is off by a constant factor 0.8 from dL/dZ1: the 1/0.8 of"
            + " the dropout (A1 = dropout(..., 0.8), line 9 of the spec) is missing",
        "global_pool_dropout.nn | dZ1 = dA1 * mask(A1) * (Z1 > 0) / 0.8 | CORRECT",
        "global_pool_dropout.nn | dZ1 = 1.25 * dA1 * (A1 > 0) | CORRECT",
    })
    void aLineWrongOnlyWhereAWholeWindowOrAPaddedUnitIsInactiveIsWrong(String spec, String line, String expected)
            throws Exception {
        Path file = Path.of("src/test/resources/check", spec);
        Network net = SpecReader.read(spec, Files.readString(file));
        String name = line.substring(0, line.indexOf('=')).trim();
        String derived = TextPrinter.print(Deriver.derive(net, Convention.LOSS));
        String eq = derived.lines().map(l -> l.startsWith(name + " = ") ? line : l).reduce("", (a, b) -> a + b + "\n");
        assertFalse(eq.equals(derived), derived);
        Report r = EquationChecker.check(net, SpecReader.readEquations("mine.eq", eq, net, Deriver.derivativeNames(net)));
        Verdict v = r.verdicts().stream().filter(x -> x.line().name().equals(name)).findFirst().orElseThrow();
        assertJudged(v, expected);
        assertTrue(!expected.equals("CORRECT") || r.passed(), "a right line leaves the check passed");
    }

    /**
     * A derivative holding its value's entries in another shape is named at its own line, once. The
     * checker compares entries: dP1 = dF1 was "ok: equals dL/dP1" as a file's last line, and above a
     * line reading dP1 only that line was reported.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // line of RIGHT | written instead | lines kept | the one error
        "dP1 = unflatten(dF1, like=P1) | dP1 = dF1 | 5 | cnn.eq:5:7: error: dP1 is 128 x m, but P1 is an image (4 x 4 x 8 x m), "
                + "the same entries in another shape: read them in P1's shape with unflatten(..., like=P1)",
        "dP1 = unflatten(dF1, like=P1) | dP1 = dF1 | 9 | cnn.eq:5:7: error: dP1 is 128 x m, but P1 is an image (4 x 4 x 8 x m), "
                + "the same entries in another shape: read them in P1's shape with unflatten(..., like=P1)",
        "dF1 = W2.T @ dZ2 | dF1 = unflatten(W2.T @ dZ2, like=P1) | 9 | cnn.eq:4:7: error: dF1 is an image (4 x 4 x 8 x m), "
                + "but F1 is 128 x m, the same entries in another shape: flatten them, flatten(...)",
    })
    void aDerivativeInAnotherShapeOfItsEntriesIsNamedAtItsLine(String line, String with, int kept, String expected) {
        String text = String.join("\n", replace(line, with).lines().limit(kept).toList()) + "\n";
        SpecException e = assertThrows(SpecException.class, () -> check(text));
        assertEquals(expected, e.formatted().lines().findFirst().orElseThrow(), e.formatted());
        assertEquals(1, e.formatted().lines().filter(l -> l.contains(": error: ")).count(), e.formatted());
    }

    /**
     * A derivative function whose forward convolution or pool does not fit is named with the arguments it read:
     * the message said "conv2d: the image has 8 channels" or "maxpool: the 100000 x 100000 window", naming
     * neither the function written nor its like=.
     */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        // line of RIGHT | written instead | the error
        "dW1 = 1/m * conv2d_weight(X, | dW1 = 1/m * conv2d_weight(dP1, | cnn.eq:8:13: error: conv2d_weight stands for "
                + "conv2d(dP1, W1, stride=1, pad=1), which does not fit: the image has 8 channels but the filter bank "
                + "(3 x 3 x 1 x 8) expects 1",
        "db1 = 1/m * channel_sum(dZ1) | db1 = 1/m * channel_sum(dZ1)\\ndX = conv2d_input(dZ1, W1, like=dZ1, stride=1, pad=1) "
                + "| cnn.eq:10:6: error: conv2d_input stands for conv2d(dZ1, W1, stride=1, pad=1), which does not fit: the "
                + "image has 8 channels but the filter bank (3 x 3 x 1 x 8) expects 1",
        "db1 = 1/m * channel_sum(dZ1) | db1 = 1/m * channel_sum(dZ1)\\ndX = conv2d_input(dZ1, W1, like=W1, stride=1, pad=1) "
                + "| cnn.eq:10:6: error: conv2d_input stands for conv2d(W1, W1, stride=1, pad=1), which does not fit: conv2d "
                + "needs an image (h x w x c x m) as its first argument, found a filter bank (3 x 3 x 1 x 8)",
        "dA1 = maxpool_input(dP1, A1, 2, stride=2) | dA1 = maxpool_input(dP1, A1, 100000, stride=2) | cnn.eq:6:7: error: "
                + "maxpool_input stands for maxpool(A1, 100000, stride=2), which does not fit: the 100000 x 100000 window is "
                + "larger than the input (8 x 8)",
        "dA1 = maxpool_input(dP1, A1, 2, stride=2) | dA1 = maxpool_input(dP1, dZ2, 2, stride=2) | cnn.eq:6:7: error: "
                + "maxpool_input stands for maxpool(dZ2, 2, stride=2), which does not fit: maxpool needs an image "
                + "(h x w x c x m), found 10 x m",
        "dA1 = maxpool_input(dP1, A1, 2, stride=2) | dA1 = avgpool_input(dP1, 100000, like=A1, stride=2) | cnn.eq:6:7: "
                + "error: avgpool_input stands for avgpool(A1, 100000, stride=2), which does not fit: the 100000 x 100000 "
                + "window is larger than the input (8 x 8)",
        "dA1 = maxpool_input(dP1, A1, 2, stride=2) | dA1 = avgpool_input(dP1, 2, like=W1, stride=2) | cnn.eq:6:7: error: "
                + "avgpool_input stands for avgpool(W1, 2, stride=2), which does not fit: avgpool needs an image "
                + "(h x w x c x m), found a filter bank (3 x 3 x 1 x 8)",
        // a pool that fits, of another output than the gradient: the pool is named, and what to check (was "the gradient
        // of maxpool_input must be 7 x 7 x 8 x m, found 4 x 4 x 8 x m")
        "dA1 = maxpool_input(dP1, A1, 2, stride=2) | dA1 = maxpool_input(dP1, A1, 2, stride=1) | cnn.eq:6:7: error: the "
                + "gradient of maxpool_input must be 7 x 7 x 8 x m, the output of maxpool(A1, 2, stride=1), found 4 x 4 x 8 x m: "
                + "check that A1 is the forward maxpool's input, and the window and the stride",
        "dA1 = maxpool_input(dP1, A1, 2, stride=2) | dA1 = avgpool_input(dP1, 4, like=A1, stride=4) | cnn.eq:6:7: error: the "
                + "gradient of avgpool_input must be 2 x 2 x 8 x m, the output of avgpool(A1, 4, stride=4), found 4 x 4 x 8 x m: "
                + "check that A1 is the forward avgpool's input, and the window and the stride",
        "dA1 = maxpool_input(dP1, A1, 2, stride=2) | dA1 = maxpool_input(dP1, Z1, 2, stride=1) | cnn.eq:6:7: error: the "
                + "gradient of maxpool_input must be 7 x 7 x 8 x m, the output of maxpool(Z1, 2, stride=1), found 4 x 4 x 8 x m: "
                + "check that Z1 is the forward maxpool's input, and the window and the stride",
    })
    void aDerivativeFunctionWhoseForwardCallDoesNotFitIsNamedWithItsArguments(String line, String with, String expected) {
        SpecException e = assertThrows(SpecException.class, () -> check(replace(line, with.replace("\\n", "\n"))));
        assertEquals(expected, e.formatted().lines().findFirst().orElseThrow(), e.formatted());
    }

    /**
     * The forward convolution written where its input's gradient belongs (the kernel not flipped) was reported
     * only as "conv2d: the image has 16 channels ...": on a line assigning an image's derivative, when the
     * arguments fit conv2d_input with that image as like=, the error names it. LeNet's dP2, then digits_cnn's dX.
     */
    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        // spec | line of the derived equations | written instead | the error
        "lenet.nn | dP2 = conv2d_input(dZ3, W3, like=P2, stride=1, pad=1) | dP2 = conv2d(dZ3, W3, stride=1, pad=1) | mine.eq:15:7: "
                + "error: conv2d: the image has 16 channels but the filter bank (3 x 3 x 6 x 16) expects 6; for the gradient "
                + "of an input write conv2d_input(dZ3, W3, like=P2, stride=1, pad=1)",
        "lenet.nn | dP2 = conv2d_input(dZ3, W3, like=P2, stride=1, pad=1) | dP2 = conv2d(dZ3, W3, pad=same) | mine.eq:15:7: "
                + "error: conv2d: the image has 16 channels but the filter bank (3 x 3 x 6 x 16) expects 6; for the gradient "
                + "of an input write conv2d_input(dZ3, W3, like=P2, stride=1, pad=1)",
        "lenet.nn | dP2 = conv2d_input(dZ3, W3, like=P2, stride=1, pad=1) | dP2 = 2 * conv2d(dZ3, W3, stride=1, pad=1) | "
                + "mine.eq:15:11: error: conv2d: the image has 16 channels but the filter bank (3 x 3 x 6 x 16) expects 6; for "
                + "the gradient of an input write conv2d_input(dZ3, W3, like=P2, stride=1, pad=1)",
        // stride 2 fits no input gradient of P2: no hint
        "lenet.nn | dP2 = conv2d_input(dZ3, W3, like=P2, stride=1, pad=1) | dP2 = conv2d(dZ3, W3, stride=2, pad=1) | mine.eq:15:7: "
                + "error: conv2d: the image has 16 channels but the filter bank (3 x 3 x 6 x 16) expects 6",
        // not a derivative's line: no hint
        "lenet.nn | db3 = 1/m * channel_sum(dZ3) | db3 = 1/m * channel_sum(dZ3)\\nG = conv2d(dZ3, W3, stride=1, pad=1) | "
                + "mine.eq:15:5: error: conv2d: the image has 16 channels but the filter bank (3 x 3 x 6 x 16) expects 6",
        // db3's b3 is no image: no hint
        "lenet.nn | db3 = 1/m * channel_sum(dZ3) | db3 = conv2d(dZ3, W3, stride=1, pad=1) | mine.eq:14:7: error: conv2d: the "
                + "image has 16 channels but the filter bank (3 x 3 x 6 x 16) expects 6",
        "digits_cnn.nn | db1 = 1/m * channel_sum(dZ1) | db1 = 1/m * channel_sum(dZ1)\\ndX = conv2d(dZ1, W1, stride=1, pad=1) | "
                + "mine.eq:11:6: error: conv2d: the image has 8 channels but the filter bank (3 x 3 x 1 x 8) expects 1; for the "
                + "gradient of an input write conv2d_input(dZ1, W1, like=X, stride=1, pad=1)",
    })
    void theForwardConvolutionWhereAnInputsGradientBelongsNamesConv2dInput(String spec, String line, String with,
            String expected) throws Exception {
        Path path = Path.of("samples/images", spec);
        Network n = SpecReader.read(path.toString(), Files.readString(path));
        String right = TextPrinter.print(Deriver.derive(n, Convention.LOSS)).replaceAll("(?m)\\s*//.*$", "");
        assertTrue(right.contains(line), right);
        String wrong = right.replace(line, with.replace("\\n", "\n"));
        SpecException e = assertThrows(SpecException.class,
                () -> EquationChecker.check(n, SpecReader.readEquations("mine.eq", wrong, n, Deriver.derivativeNames(n))));
        assertEquals(expected, e.formatted().lines().findFirst().orElseThrow(), e.formatted());
        assertEquals(1, e.formatted().lines().filter(l -> l.contains(": error: ")).count(), e.formatted());
    }

    @Test
    void aWrongPaddingIsNamed() {
        SpecException e = assertThrows(SpecException.class,
                () -> check(replace("like=W1, stride=1, pad=1", "like=W1, stride=1, pad=2")));
        assertTrue(e.formatted().contains("with stride 1 and pad 2, found 8 x 8 x 8 x m: check that X is the forward conv2d's input,"
                + " and the stride and the padding"),
                e.formatted());
    }

    @Test
    void aWrongStrideIsNamed() {
        SpecException e = assertThrows(SpecException.class,
                () -> check(replace("like=W1, stride=1, pad=1", "like=W1, stride=2, pad=1")));
        assertTrue(e.formatted().contains("check that X is the forward conv2d's input, and the stride and the padding"), e.formatted());
    }

    @Test
    void swappedArgumentsAreNamed() {
        SpecException e = assertThrows(SpecException.class,
                () -> check(replace("conv2d_weight(X, dZ1,", "conv2d_weight(dZ1, X,")));
        assertTrue(e.formatted().contains("takes the layer's input first and the gradient second: swap dZ1 and X"),
                e.formatted());
    }

    /**
     * An average pool's derivative written for digits_cnn's max pool is named, with or without a constant in front of it
     * or of its gradient: with the 4 that undoes the average's division it was only "does not equal".
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // digits_cnn's dA1 as written | what the checker must say of it, after "the forward pass computes maxpool(A1, 2,
        // stride=2), whose derivative sends each entry to its window's maximum in A1 (avgpool_input spreads it over the
        // whole window): write maxpool_input(dP1, A1, 2, stride=2)"
        "dA1 = avgpool_input(dP1, 2, like=A1, stride=2)     | ''",
        "dA1 = 4 * avgpool_input(dP1, 2, like=A1, stride=2) | ', without the factor 4'",
        "dA1 = avgpool_input(dP1, 2, like=A1, stride=2) * 4 | ', without the factor 4'",
        "dA1 = avgpool_input(4 * dP1, 2, like=A1, stride=2) | ', without the factor 4'",
        "dA1 = -avgpool_input(dP1, 2, like=A1, stride=2) / 2 | ', without the factor -0.5'",
    })
    void anAveragePoolsDerivativeForAMaxPoolIsNamedWhateverFactorIsInFront(String line, String after) throws Exception {
        Report r = check(replace("dA1 = maxpool_input(dP1, A1, 2, stride=2)", line));
        Verdict dA1 = r.verdicts().get(5);
        assertEquals(Status.WRONG, dA1.status());
        assertEquals("routes the gradient to the wrong positions: the forward pass computes maxpool(A1, 2, stride=2), whose"
                + " derivative sends each entry to its window's maximum in A1 (avgpool_input spreads it over the whole window):"
                + " write maxpool_input(dP1, A1, 2, stride=2)" + after, dA1.message());
    }

    /** LeNet's second pool averages: a max-pool routing there is named with the sentence it needs, a factor in front as well. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // LeNet's dA3 as written | what the checker must say of it, after "... write avgpool_input(dP4, 2, like=A3, stride=2)"
        "dA3 = maxpool_input(dP4, A3, 2, stride=2)        | ''",
        "dA3 = 0.25 * maxpool_input(dP4, A3, 2, stride=2) | ', without the factor 0.25'",
    })
    void aMaxPoolRoutingWhereTheForwardPassAveragesIsNamed(String line, String after) throws Exception {
        Path spec = Path.of("samples/images/lenet.nn");
        Network lenet = SpecReader.read(spec.toString(), Files.readString(spec));
        String right = TextPrinter.print(Deriver.derive(lenet, Convention.LOSS)).replaceAll("(?m)\\s*//.*$", "");
        String wrong = right.replace("dA3 = avgpool_input(dP4, 2, like=A3, stride=2)", line);
        assertFalse(wrong.equals(right), right);
        Report r = EquationChecker.check(lenet, SpecReader.readEquations("mine.eq", wrong, lenet, Deriver.derivativeNames(lenet)));
        Verdict dA3 = r.verdicts().stream().filter(v -> v.line().name().equals("dA3")).findFirst().orElseThrow();
        assertEquals(Status.WRONG, dA3.status());
        assertEquals("routes the gradient to the wrong positions: the forward pass computes avgpool(A3, 2, stride=2), "
                + "whose derivative spreads each entry evenly over its window: write avgpool_input(dP4, 2, like=A3, stride=2)"
                + after, dA3.message());
    }

    /**
     * An average pool's derivative times its window's size or divided by it again: avgpool_input already divides each
     * entry by the window's positions. The line was only "off by a constant factor 4", which did not say where the 4
     * came from. LeNet's second pool averages 2 x 2 windows.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // LeNet's dA3 as written | what the checker must say of it
        "dA3 = 4 * avgpool_input(dP4, 2, like=A3, stride=2) | is off by a constant factor 4 from dL/dA3: avgpool_input already"
                + " divides each entry by its window's 4 positions (2 x 2); the line multiplies that away, sending each entry"
                + " whole to every position",
        "dA3 = avgpool_input(4 * dP4, 2, like=A3, stride=2) | is off by a constant factor 4 from dL/dA3: avgpool_input already"
                + " divides each entry by its window's 4 positions (2 x 2); the line multiplies that away, sending each entry"
                + " whole to every position",
        "dA3 = avgpool_input(dP4, 2, like=A3, stride=2) / 4 | is off by a constant factor 0.25 from dL/dA3: avgpool_input"
                + " already divides each entry by its window's 4 positions (2 x 2); the line divides by them a second time",
        "dA3 = 2 * avgpool_input(dP4, 2, like=A3, stride=2) | is off by a constant factor 2 from dL/dA3",
        "dA3 = avgpool_input(dP4, 2, like=A3, stride=2)     | CORRECT",
    })
    void anAveragePoolsWindowSizeMultipliedOrDividedAgainIsNamed(String line, String expected) throws Exception {
        Path spec = Path.of("samples/images/lenet.nn");
        Network lenet = SpecReader.read(spec.toString(), Files.readString(spec));
        String right = TextPrinter.print(Deriver.derive(lenet, Convention.LOSS)).replaceAll("(?m)\\s*//.*$", "");
        assertTrue(right.contains("dA3 = avgpool_input(dP4, 2, like=A3, stride=2)\n"), right);
        String wrong = right.replace("dA3 = avgpool_input(dP4, 2, like=A3, stride=2)\n", line + "\n");
        Report r = EquationChecker.check(lenet, SpecReader.readEquations("mine.eq", wrong, lenet, Deriver.derivativeNames(lenet)));
        Verdict dA3 = r.verdicts().stream().filter(v -> v.line().name().equals("dA3")).findFirst().orElseThrow();
        assertJudged(dA3, expected);
    }

    /**
     * A learner's own lines for two convolutions (stride 2 with padding, then one keeping its 4 channels), an
     * overlapping average pool and a batchnorm (two_convs.nn), each put in place of netgrad's: the notations the docs
     * allow are right, and each mistake is named on its line. The forward conv2d written for dA1 (the kernel not
     * flipped, which the filters' 4 channels in and out let through the shapes) was only "does not equal".
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the line as written | what the checker must say of it
        "dZ3 = gamma3 / (m * N3_std) * (m * dN3 - sum(dN3, axis=1) - N3_hat * sum(dN3 * N3_hat, axis=1)) | CORRECT",
        "dW4 = (A3 @ dZ4.T).T / m                  | CORRECT",
        "db4 = mean(dZ4, axis=1)                   | CORRECT",
        "db1 = channel_sum(dZ1) / m                | CORRECT",
        "dZ1 = dA1 * (Z1 >= 0)                     | CORRECT",
        "dZ2 = dA2 * (1 - tanh(Z2)^2)              | CORRECT",
        "dN3 = dA3 * (A3 > 0)                      | CORRECT",
        "dZ3 = gamma3 / (m * N3_std) * (m * dN3 - N3_hat * sum(dN3 * N3_hat, axis=1)) | leaves out the mean's term -gamma3"
            + " / N3_std * mean(dN3, axis=1), of N3 = batchnorm(Z3, gamma3, beta3): the batch's mean is computed from every"
            + " example's Z3, so dZ3 has a term through it (N3_std as `netgrad derive` prints it); netgrad derives dZ3 ="
            + " dN3_c + dN3_mean / m",
        "dgamma3 = 1/m * sum(dN3 * N3_hat)         | has shape 1 x 1, but gamma3 is 6 x 1: the sum is over the wrong axis:"
            + " sum(dN3 * N3_hat) adds up every entry; write sum(dN3 * N3_hat, axis=1), which adds up each row over the examples",
        "dbeta3 = sum(dN3, axis=1)                 | is d(sum L)/dbeta3, not dJ/dbeta3: the 1/m of the cost's mean is missing on"
            + " this path. dN3 is d(sum L)/dN3, without 1/m; multiply by 1/m here, as in dbeta3 = 1/m * sum(dN3, axis=1).",
        "dgamma3 = 1/m * sum(dN3 * N3_c, axis=1)   | does not equal dJ/dgamma3; netgrad derives dgamma3 = 1/m * sum(dN3 * N3_hat,"
            + " axis=1)",
        "dW2 = 1/m * 1/m * conv2d_weight(A1, dZ2, like=W2, stride=1, pad=1) | applies 1/m twice: it equals 1/m * dJ/dW2. The"
            + " expression contains the cost's 1/m twice.",
        "db2 = channel_sum(dZ2)                    | is d(sum L)/db2, not dJ/db2: the 1/m of the cost's mean is missing on this"
            + " path. dZ2 is d(sum L)/dZ2, without 1/m; multiply by 1/m here, as in db2 = 1/m * channel_sum(dZ2).",
        "dA2 = avgpool_input(dP2, 2, like=A2, stride=2) | routes the gradient to the wrong positions: the forward pass computes"
            + " avgpool(A2, 3, stride=2), whose derivative spreads each entry evenly over its window: write avgpool_input(dP2,"
            + " 3, like=A2, stride=2)",
        "dZ1 = dA1 * (A1 >= 0)                     | has the wrong derivative of relu: for A1 = relu(Z1), dZ1 = dA1 * (Z1 > 0)",
        "dZ2 = dA2 * (1 - A2)^2                    | has the wrong derivative of tanh: for A2 = tanh(Z2), dZ2 = dA2 * (1 - A2^2)",
        "dW4 = 1/m * (A3 @ dZ4.T)                  | has shape 6 x 3, but W4 is 3 x 6: the result is transposed",
        "dA1 = conv2d(dZ2, W2, stride=1, pad=1)    | applies the forward convolution to the gradient, the filters neither"
            + " flipped nor their channels swapped; the gradient of conv2d(A1, W2, stride=1, pad=1) with respect to A1 spreads"
            + " each entry back through the filters: write conv2d_input(dZ2, W2, like=A1, stride=1, pad=1)",
        "dA1 = conv2d_input(dZ2, W2, like=A1, stride=1, pad=1) * (Z1 > 0) | applies relu's derivative already: it equals dZ1 ="
            + " dA1 * (Z1 > 0), where that derivative belongs. dA1 is the derivative of A1 itself, the convolution's input"
            + " gradient: netgrad derives dA1 = conv2d_input(dZ2, W2, like=A1, stride=1, pad=1)",
        "dA2 = avgpool_input(dP2, 3, like=A2, stride=2) * (1 - A2^2) | applies tanh's derivative already: it equals dZ2 = dA2"
            + " * (1 - A2^2), where that derivative belongs. dA2 is the derivative of A2 itself: netgrad derives dA2 ="
            + " avgpool_input(dP2, 3, like=A2, stride=2)",
        "dA1 = conv2d(dZ2, W2, pad=same)           | applies the forward convolution to the gradient, the filters neither"
            + " flipped nor their channels swapped; the gradient of conv2d(A1, W2, stride=1, pad=1) with respect to A1 spreads"
            + " each entry back through the filters: write conv2d_input(dZ2, W2, like=A1, stride=1, pad=1)",
    })
    void aLearnersLinesForTwoConvolutionsAndABatchnormAreJudged(String line, String expected) throws Exception {
        Path spec = Path.of("src/test/resources/check/two_convs.nn");
        Network n = SpecReader.read(spec.toString(), Files.readString(spec));
        String right = TextPrinter.print(Deriver.derive(n, Convention.LOSS)).replaceAll("(?m)\\s*//.*$", "");
        String name = line.substring(0, line.indexOf('=')).trim();
        String eq = right.lines().map(l -> l.startsWith(name + " = ") ? line : l).reduce("", (a, b) -> a + b + "\n");
        assertTrue(right.contains(name + " = "), right);
        Report r = EquationChecker.check(n, SpecReader.readEquations("mine.eq", eq, n, Deriver.derivativeNames(n)));
        Verdict v = r.verdicts().stream().filter(x -> x.line().name().equals(name)).findFirst().orElseThrow();
        assertJudged(v, expected);
        assertTrue(!expected.equals("CORRECT") || r.passed(), "a right line leaves the check passed");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // the cost | the dW1 line as written; check must say "uses stride=3, pad=0, but ..." of each
        "sum(L)  | conv2d_weight(X, dZ1, like=W1, stride=3, pad=0)",
        // The call inside the line, not the whole of it, is rewritten (was only asked at the root).
        "mean(L) | 1/m * conv2d_weight(X, dZ1, like=W1, stride=3, pad=0)",
    })
    void aStrideOrPaddingThatKeepsTheShapesIsNamedByValue(String cost, String line) throws Exception {
        // 5 x 5 input, 2 x 2 filters, stride 3: pad 0 and pad 1 both give 2 x 2 outputs, so the
        // shapes cannot tell them apart; the values do.
        String spec = """
                network S {
                  input X[5, 5, 1]
                  target Y[1]
                  param W1[2, 2, 1, 1]
                  param b1[1]
                  param W2[1, 4]
                  param b2[1]
                  Z1 = conv2d(X, W1, stride=3, pad=1) + b1
                  F1 = flatten(Z1)
                  Z2 = W2 @ F1 + b2
                  loss L = (Z2 - Y)^2 / 2
                  cost J = COST
                }
                """.replace("COST", cost);
        Network n = SpecReader.read("s.nn", spec);
        String eq = """
                dZ2 = Z2 - Y
                dF1 = W2.T @ dZ2
                dZ1 = unflatten(dF1, like=Z1)
                dW1 = LINE
                """.replace("LINE", line);
        Report r = EquationChecker.check(n, SpecReader.readEquations("s.eq", eq, n, Deriver.derivativeNames(n)));
        Verdict dW1 = r.verdicts().get(3);
        assertEquals(Status.WRONG, dW1.status());
        assertTrue(dW1.message().contains("uses stride=3, pad=0, but the forward conv2d(X, W1, stride=3, pad=1) has "
                + "stride=3, pad=1"), dW1.message());
    }

    /** The verdict {@code expected} says: CORRECT, or WRONG with exactly that message. */
    private static void assertJudged(Verdict verdict, String expected) {
        if (expected.equals("CORRECT")) {
            assertEquals(Status.CORRECT, verdict.status(), verdict.message());
        } else {
            assertEquals(Status.WRONG, verdict.status(), verdict.message());
            assertEquals(expected, verdict.message());
        }
    }
}
