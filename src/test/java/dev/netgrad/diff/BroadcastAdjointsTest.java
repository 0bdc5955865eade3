package dev.netgrad.diff;

import dev.netgrad.ir.Environment;
import dev.netgrad.spec.SpecReader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reduction (sum, mean, over everything or per example) written straight around an operation,
 * with no named value between, gives the operation a broadcast adjoint (1 x m or 1 x 1). An
 * operation whose derivative mixes entries must read it at the operation's full shape:
 * log_softmax's sum down each column (a wrong derivative before), and the image operations'
 * conv2d_input, conv2d_weight, maxpool_input, avgpool_input and unflatten (an "internal error"
 * before).
 */
class BroadcastAdjointsTest {
    static Stream<Arguments> cases() {
        String plain = "input X[3]\n  target Y[1]\n  param W[4, 3]\n  Z = W @ X\n";
        String image = "input X[5, 4, 2]\n  target Y[1]\n  param W[3, 3, 2, 2]\n";
        return Stream.of(
                Arguments.of("sum per example of a log_softmax", plain, "A = sum(log_softmax(Z), axis=0)"),
                Arguments.of("mean per example of a log_softmax", plain, "A = mean(log_softmax(Z), axis=0)"),
                Arguments.of("sum of all of a log_softmax", plain, "A = sum(log_softmax(Z)) + 0 * sum(X, axis=0)"),
                Arguments.of("sum per example of a softmax times Z", plain, "A = sum(softmax(Z) * Z, axis=0)"),
                Arguments.of("sum per example of a conv2d", image, "A = sum(conv2d(X, W, pad=1), axis=0)"),
                Arguments.of("mean per example of a conv2d", image, "A = mean(conv2d(X, W, stride=2), axis=0)"),
                Arguments.of("sum of all of a conv2d", image, "A = sum(conv2d(X, W)) + 0 * sum(X, axis=0)"),
                Arguments.of("sum per example of a conv2d of a conv2d", image + "  param V[1, 1, 2, 3]\n",
                        "A = sum(conv2d(conv2d(X, W, pad=1), V), axis=0)"),
                Arguments.of("sum per example of a maxpool", image, "A = sum(maxpool(conv2d(X, W, pad=1), 2), axis=0)"),
                Arguments.of("mean of all of an avgpool", image, "A = mean(avgpool(conv2d(X, W), 2, stride=1)) + 0 * sum(X, axis=0)"),
                Arguments.of("sum per example of a flatten", image, "A = sum(flatten(conv2d(X, W)), axis=0)"),
                Arguments.of("sum of all of a flatten", image, "A = sum(flatten(conv2d(X, W))) + 0 * sum(X, axis=0)"),
                // An operand stretched where the adjoint arrives broadcast too receives it once per copy (it received it
                // once: c's gradient missing the factor 4 of Z's rows, or m, or the image's entries).
                Arguments.of("sum per example of a number minus a value", plain + "  param c[1]\n", "A = sum(c - Z, axis=0)"),
                Arguments.of("sum of all of a number minus a value", plain + "  param c[1]\n", "A = sum(c - Z) + 0 * sum(X, axis=0)"),
                Arguments.of("mean of all of a row plus a column", plain + "  param c[4]\n  param r[1, 3]\n",
                        "A = mean(c + r @ X + Z) + 0 * sum(X, axis=0)"),
                Arguments.of("sum of all of a product of numbers plus a value", plain + "  param c[1]\n  param e[1]\n",
                        "A = sum(c * e + Z) + 0 * sum(X, axis=0)"),
                Arguments.of("sum of all of a transposed value minus a row", plain + "  param r[1, 4]\n",
                        "A = sum(Z.T - r) + 0 * sum(X, axis=0)"),
                Arguments.of("sum per example of a conv2d plus a per-channel bias", image + "  param b[2]\n",
                        "A = sum(conv2d(X, W, pad=1) + b, axis=0)"),
                Arguments.of("sum of all of a conv2d plus a number", image + "  param c[1]\n",
                        "A = sum(conv2d(X, W) + c) + 0 * sum(X, axis=0)"),
                // A 1 x m value times an image of one entry per example: its adjoint is that image's, as a plain value
                // (it stayed an image, which failed when added to the adjoint of an image of another shape).
                Arguments.of("a per-example mean times an image of one entry", image + "  param V[3, 3, 2, 1]\n",
                        "A = sum(conv2d(X, V, stride=3) * mean(conv2d(X, W), axis=0), axis=0) + sum(conv2d(X, W), axis=0)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aReductionOfAnOperationDerivesAndAgreesWithFiniteDifferences(String name, String declarations, String statement)
            throws Exception {
        String spec = "network T {\n  " + declarations + "  " + statement + "\n  loss L = (A - Y)^2\n  cost J = mean(L)\n}\n";
        for (Convention convention : Convention.values()) {
            Derivation d = Deriver.derive(SpecReader.read("t.nn", spec), convention);
            Environment env = RandomInstance.of(d, 3, 5);
            FiniteDifferences.assertAgree(d, env, 1e-7, name);
        }
    }
}
