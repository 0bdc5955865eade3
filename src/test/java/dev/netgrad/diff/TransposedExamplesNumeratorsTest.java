package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.spec.SpecReader;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A per-example value stays per example through a transpose: {@code X.T @ W.T} holds example i in
 * row i, and a second transpose puts it back in column i. Its derivative is dL, as the language's
 * section 8 says of every value whose example i stays apart (it was labelled d(sum L), as a coupled
 * value's, and the network was said to mix its examples); only what truly mixes examples (a sum or
 * a softmax down the rows of such a value, a product over m) is d(sum L).
 */
class TransposedExamplesNumeratorsTest {
    private static final String HEAD = "network T {\n  input X[3]\n  target Y[1]\n  param W1[4, 3]\n  param b1[1, 4]\n"
            + "  param W2[1, 4]\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                // statements | the numerator of each value's derivative | what couples the examples, if anything
                Arguments.of("row-major layers", """
                          H = tanh(X.T @ W1.T + b1)
                          Z = (H @ W2.T).T
                        """, "dZ dL, dH dL", null),
                Arguments.of("a transpose undone", """
                          H = tanh((W1 @ X).T.T + b1.T)
                          Z = W2 @ H
                        """, "dZ dL, dH dL", null),
                Arguments.of("a dropout on a row per example", """
                          H = dropout(tanh(X.T @ W1.T + b1), 0.8)
                          Z = (H @ W2.T).T
                        """, "dZ dL, dH dL", null),
                Arguments.of("a sum along each row of a row per example", """
                          H = tanh(X.T @ W1.T + b1)
                          Z = sum(H * W2, axis=1).T
                        """, "dZ dL, dH dL", null),
                Arguments.of("a softmax down the examples", """
                          H = softmax(X.T @ W1.T + b1)
                          Z = (H @ W2.T).T
                        """, "dZ d(sum L), dH d(sum L)", "H = softmax(X.T @ W1.T + b1) mixes the examples of a batch (a softmax across the examples (one per row))"),
                Arguments.of("a sum down the examples", """
                          H = tanh(X.T @ W1.T + b1)
                          Z = W2 @ (tanh(W1 @ X) * sum(H, axis=0).T)
                        """, "dZ d(sum L), dH d(sum L)", "Z = W2 @ (tanh(W1 @ X) * sum(H, axis=0).T) mixes the examples of a batch (a sum or mean along the examples)"),
                Arguments.of("a value scaled by the batch size", """
                          H = tanh(X.T @ W1.T + b1) / m
                          Z = (H @ W2.T).T
                        """, "dZ dL, dH dL", "H = tanh(X.T @ W1.T + b1) / m reads the batch size m"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void numeratorsFollowWhetherExamplesStayApart(String name, String statements, String numerators, String coupling) throws Exception {
        String spec = HEAD + statements + "  A = sigmoid(Z)\n  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))\n  cost J = mean(L)\n}\n";
        Derivation d = Deriver.derive(SpecReader.read("t.nn", spec), Convention.LOSS);
        String labels = d.equations().stream().filter(e -> e.name().equals("dZ") || e.name().equals("dH"))
                .map(e -> e.name() + " " + e.numerator().symbol())
                .collect(Collectors.joining(", "));
        assertEquals(numerators, labels, name);
        assertEquals(Optional.ofNullable(coupling), BatchCoupling.of(d), name);
        FiniteDifferences.assertAgree(d, RandomInstance.of(d, 5, 5), 1e-7, name);
    }
}
