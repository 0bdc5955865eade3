package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.ir.Environment;
import dev.netgrad.print.TextPrinter;
import dev.netgrad.spec.SpecReader;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-entropy whose logits are narrower than its target: a 1 x m sigmoid beside a k x m target,
 * logits of one column that every example reads. The fused A - Y has the target's shape, and the
 * logits take its sum over what they were stretched across (they took it whole before: a dZ of the
 * wrong shape, wrong gradients, or an evaluator that failed on it). A softmax over k rows beside a
 * 1 x m target is no categorical cross-entropy (that target's columns do not sum to 1 over the k
 * rows), so it is not fused (its A - Y was wrong).
 */
class NarrowLogitsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // name | target rows, logits | activation and loss | the printed dZ
                Arguments.of("a 1 x m sigmoid beside a 3 x m target", "Y[3]\n  param W[1, 2]\n  param b[1]\n  Z = W @ X + b",
                        "A = sigmoid(Z)\n  loss L = -sum(Y * log(A) + (1 - Y) * log(1 - A), axis=0)", "dZ = sum(A - Y, axis=0)"),
                Arguments.of("a 1 x 1 sigmoid that every example reads", "Y[1]\n  param W[1, 2]\n  param b[1]\n  Z = b + sum(W @ X)",
                        "A = sigmoid(Z)\n  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))", "dZ = sum(A - Y, axis=1)"),
                Arguments.of("a 3 x 1 softmax that every example reads", "Y[3]\n  param W[3, 2]\n  param b[3]\n  Z = b + sum(W @ X)",
                        "A = softmax(Z)\n  loss L = -sum(Y * log(A), axis=0)", "dZ = sum(A - Y, axis=1)"),
                Arguments.of("a 3 x 1 log_softmax that every example reads", "Y[3]\n  param W[3, 2]\n  param b[3]\n  Z = b + sum(W @ X)",
                        "A = Z\n  loss L = -sum(Y * log_softmax(Z), axis=0)", "dZ = sum(softmax(Z) - Y, axis=1)"),
                Arguments.of("a softmax over 3 rows beside a 1 x m target", "Y[1]\n  param W[3, 2]\n  param b[3]\n  Z = W @ X + b",
                        "A = softmax(Z)\n  loss L = -sum(Y * log(A), axis=0)", "dZ = 3 * A * Y - Y"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void narrowLogitsTakeTheSumOfTheFusedDerivative(String name, String declarations, String loss, String expected) throws Exception {
        String spec = "network T {\n  input X[2]\n  target " + declarations + "\n  " + loss + "\n  cost J = mean(L)\n}\n";
        for (Convention convention : Convention.values()) {
            Derivation d = Deriver.derive(SpecReader.read("t.nn", spec), convention);
            if (convention == Convention.LOSS) {
                String dZ = Arrays.stream(TextPrinter.print(d).split("\n")).filter(l -> l.startsWith("dZ ="))
                        .map(l -> l.replaceAll("\\s*//.*", "")).findFirst().orElse("no dZ line");
                assertEquals(expected, dZ, name);
            }
            Environment env = RandomInstance.of(d, 3, 5);
            FiniteDifferences.assertAgree(d, env, 1e-7, name + ", convention " + convention);
        }
    }
}
