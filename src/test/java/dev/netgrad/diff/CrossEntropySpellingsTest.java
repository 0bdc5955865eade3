package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.ir.Environment;
import dev.netgrad.print.TextPrinter;
import dev.netgrad.spec.SpecReader;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-entropy over a sigmoid or a softmax goes straight to the logits in its stable form,
 * however the loss spells it: terms in either order, a sign or a number on either factor, a mean
 * down the columns. The printed dZ is the expectation; finite differences confirm each, and every printed
 * line is what its label says (a probability read elsewhere too has no line: it would hold a part of dL/dA).
 */
class CrossEntropySpellingsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("sigmoid", 1, "-(Y * log(A) + (1 - Y) * log(1 - A))", "dZ = A - Y"),
                Arguments.of("sigmoid", 1, "-((1 - Y) * log(1 - A) + Y * log(A))", "dZ = A - Y"),
                Arguments.of("sigmoid", 1, "-Y * log(A) - (1 - Y) * log(1 - A)", "dZ = A - Y"),
                Arguments.of("sigmoid", 1, "-(1 - Y) * log(1 - A) - Y * log(A)", "dZ = A - Y"),
                Arguments.of("sigmoid", 3, "-mean(Y * log(A) + (1 - Y) * log(1 - A), axis=0)", "dZ = 0.3333333333333333 * (A - Y)"),
                // A read elsewhere too: no line dA, which would hold only that use's part of dL/dA (it was 'dA = 2 * A // dL/dA').
                Arguments.of("sigmoid", 1, "-(Y * log(A) + (1 - Y) * log(1 - A)) + A^2", "dZ = A - Y + 2 * A * A * (1 - A)"),
                Arguments.of("softmax", 3, "-sum(Y * log(A), axis=0) + sum(A^2, axis=0)", "dZ = A - Y + A * (2 * A - 2 * sum(A * A, axis=0))"),
                Arguments.of("softmax", 3, "sum(-Y * log(A), axis=0)", "dZ = A - Y"),
                Arguments.of("softmax", 3, "-sum(Y * -log(A) * -1, axis=0)", "dZ = A - Y"),
                Arguments.of("softmax", 3, "-sum(Y * log(A) * 2, axis=0)", "dZ = 2 * (A - Y)"),
                Arguments.of("softmax", 3, "-mean(Y * log(A), axis=0)", "dZ = 0.3333333333333333 * (A - Y)"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cases")
    void crossEntropyFusesToTheLogits(String activation, int rows, String loss, String expected) throws Exception {
        String spec = "network T {\n  input X[3]\n  target Y[" + rows + "]\n  param W[" + rows + ", 3]\n  param b[" + rows + "]\n"
                + "  Z = W @ X + b\n  A = " + activation + "(Z)\n  loss L = " + loss + "\n  cost J = mean(L)\n}\n";
        Derivation d = Deriver.derive(SpecReader.read("t.nn", spec), Convention.LOSS);
        String dZ = Arrays.stream(TextPrinter.print(d).split("\n")).filter(l -> l.startsWith("dZ ="))
                .map(l -> l.replaceAll("\\s*//.*", "")).findFirst().orElse("no dZ line");
        assertEquals(expected, dZ, loss);
        Environment env = RandomInstance.of(d, 3, 5);
        FiniteDifferences.assertAgree(d, env, 1e-7, loss);
        assertEquals(List.of(), NumeratorOracle.problems(d, env, 1e-6), loss);
    }
}
