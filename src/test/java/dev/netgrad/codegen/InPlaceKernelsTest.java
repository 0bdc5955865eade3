package dev.netgrad.codegen;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A kernel computed straight into the buffer of the elementwise loop around it is overwritten by
 * that loop: a later read of the same kernel in the statement must not take the buffer for it. The
 * derivative of {@code ((W @ X)^3).T^2} reads W @ X twice, inside the cube's loop and beside it,
 * and the generated class took the cubes for W @ X the second time (found by the random-expression
 * networks; the evaluator agrees with finite differences).
 */
class InPlaceKernelsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // name | the statement between the params and the loss (the evaluator's dW differed before)
                Arguments.of("a power of a transposed power", "V = (((W @ X) ** 3).T ^ 2).T"),
                Arguments.of("a product read inside and beside a square root", "V = sqrt(1 + ((W @ X) ** 3).T ^ 2).T"),
                Arguments.of("exp of a softmax of a square root", "V = exp(softmax(sqrt(1 + abs(W @ X))) / 4)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aKernelComputedInPlaceIsNotReadAgainFromItsOverwrittenBuffer(String name, String statement) {
        String spec = "network T {\n  input X[2]\n  target Y[3]\n  param W[3, 2]\n  param W2[3, 3]\n  " + statement
                + "\n  ZO = W2 @ V\n  loss L = sum((ZO - Y)^2, axis=0)\n  cost J = mean(L)\n}\n";
        EvaluationAgreementTest.agree(Specs.derive("t.nn", spec), 3);
    }
}
