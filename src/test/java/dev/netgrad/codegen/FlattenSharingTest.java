package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A flatten of a value (or an unflatten of a derivative) shares its argument's array instead of
 * copying it, and only then: the trainer still agrees with the evaluator bit for bit.
 */
class FlattenSharingTest {
    private static final String HEAD = """
            network Sharing {
              input X[4, 4, 1]
              target Y[3]
              param W1[3, 3, 1, 2] init he
              param b1[2]
              Z1 = conv2d(X, W1, stride=1, pad=same) + b1
              A1 = relu(Z1)
              P1 = maxpool(A1, 2)
            """;
    private static final String TAIL = """
              A2 = softmax(Z2)
              loss L = -sum(Y * log(A2), axis=0)
              cost J = mean(L)
            }
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                // F1 is P1's array and dP1 is dF1's: nothing is copied.
                Arguments.of("one flatten", """
                          F1 = flatten(P1)
                          param W2[3, 8]
                          param b2[3]
                          Z2 = W2 @ F1 + b2
                        """, List.of("F1 = P1;", "dP1 = dF1;"), List.of("System.arraycopy")),
                // P1 flattened twice: both share P1's array; dP1 sums two unflattens, so it has its own.
                Arguments.of("two flattens of one value", """
                          F1 = flatten(P1)
                          F2 = flatten(P1)
                          param W2[3, 8]
                          param W3[3, 8]
                          param b2[3]
                          Z2 = W2 @ F1 + W3 @ F2 + b2
                        """, List.of("F1 = P1;", "F2 = P1;", "dP1 = new double["), List.of("dP1 = dF")),
                // A flatten of the input keeps its copy: the input's array may never be filled.
                Arguments.of("a flatten of the input", """
                          F0 = flatten(X)
                          F1 = flatten(P1)
                          param W2[3, 16]
                          param W3[3, 8]
                          param b2[3]
                          Z2 = W2 @ F0 + W3 @ F1 + b2
                        """, List.of("F0 = new double[", "F1 = P1;"), List.of("F0 = X;")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void flattenSharesOnlyWhereNothingElseWrites(String name, String body, List<String> present, List<String> absent) {
        Derivation d = Specs.derive("sharing.nn", HEAD + body + TAIL);
        String source = TrainerGenerator.generate(d, CompiledTrainer.PACKAGE);
        present.forEach(s -> assertTrue(source.contains(s), name + ": expected " + s + " in\n" + source));
        absent.forEach(s -> assertTrue(!source.contains(s), name + ": did not expect " + s + " in\n" + source));
        EvaluationAgreementTest.agree(d, 7, 0);
    }
}
