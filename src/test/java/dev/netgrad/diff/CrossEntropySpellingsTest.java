package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Matrix;
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
 * down the columns, {@code (Y - 1)} for {@code -(1 - Y)}, named steps. The printed dZ is the expectation; finite
 * differences confirm each, and every printed line is what its label says (a probability read elsewhere too has
 * no line: it would hold a part of dL/dA).
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
                Arguments.of("sigmoid", 1, "(Y - 1) * log(1 - A) - Y * log(A)", "dZ = A - Y"),
                Arguments.of("sigmoid", 1, "-(log(1 - A) * (1 - Y) + log(A) * Y)", "dZ = A - Y"),
                Arguments.of("softmax", 3, "sum(-Y * log(A), axis=0)", "dZ = A - Y"),
                Arguments.of("softmax", 3, "-sum(Y * -log(A) * -1, axis=0)", "dZ = A - Y"),
                Arguments.of("softmax", 3, "-sum(Y * log(A) * 2, axis=0)", "dZ = 2 * (A - Y)"),
                Arguments.of("softmax", 3, "-mean(Y * log(A), axis=0)", "dZ = 0.3333333333333333 * (A - Y)"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cases")
    void crossEntropyFusesToTheLogits(String activation, int rows, String loss, String expected) throws Exception {
        assertFusesAndHolds(activation, rows, "  loss L = " + loss + "\n", expected);
    }

    static Stream<Arguments> inSteps() {
        return Stream.of(
                // activation | rows | the loss in steps | the dZ line expected
                Arguments.of("sigmoid", 1, "  l1 = Y * log(A)\n  l2 = (1 - Y) * log(1 - A)\n  loss L = -(l1 + l2)\n", "dZ = A - Y"),
                Arguments.of("sigmoid", 1, "  P = -(Y * log(A) + (1 - Y) * log(1 - A))\n  loss L = P\n", "dZ = A - Y"),
                Arguments.of("sigmoid", 1, "  LA = log(A)\n  B = 1 - A\n  loss L = -(Y * LA + (1 - Y) * log(B))\n", "dZ = A - Y"),
                Arguments.of("sigmoid", 1, "  P = Y * log(A) + (1 - Y) * log(1 - A)\n  Q = -P\n  loss L = Q / 2\n", "dZ = 0.5 * (A - Y)"),
                Arguments.of("softmax", 3, "  LP = log(A)\n  loss L = -sum(Y * LP, axis=0)\n", "dZ = A - Y"),
                Arguments.of("softmax", 3, "  S = Y * log(A)\n  loss L = -sum(S, axis=0)\n", "dZ = A - Y"),
                Arguments.of("softmax", 3, "  P = -sum(Y * log(A), axis=0)\n  Q = P * 2\n  loss L = P\n", "dZ = A - Y"),
                Arguments.of("softmax", 3, "  LS = log_softmax(Z)\n  loss L = -sum(LS * Y, axis=0)\n", "dZ = A - Y"),
                // A step read twice keeps its line, whole: read in place, its line would hold a part. Its logs go to the
                // logits without 1/A (they went through dA = dLP / A; ProbabilityLogsTest), a cross-entropy it holds fused.
                Arguments.of("softmax", 3, "  LP = log(A)\n  loss L = -sum(Y * LP, axis=0) + 0.1 * sum(LP^2, axis=0)\n",
                        "dZ = dLP - A * sum(dLP, axis=0)"),
                Arguments.of("sigmoid", 1, "  P = Y * log(A) + (1 - Y) * log(1 - A)\n  loss L = -P + 0.1 * P^2\n",
                        "dZ = dP * (Y - A)"));
    }

    /**
     * A cross-entropy written in steps (named pieces, an alias, a named log) is the same cross-entropy: its dZ is
     * A - Y and stays finite where A saturates (through dA = -Y / A it was NaN there, in derive and in the trainer).
     */
    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("inSteps")
    void crossEntropyWrittenInStepsFusesToTheLogits(String activation, int rows, String statements, String expected) throws Exception {
        assertFusesAndHolds(activation, rows, statements, expected);
    }

    private static void assertFusesAndHolds(String activation, int rows, String statements, String expected) throws Exception {
        String spec = "network T {\n  input X[3]\n  target Y[" + rows + "]\n  param W[" + rows + ", 3]\n  param b[" + rows + "]\n"
                + "  Z = W @ X + b\n  A = " + activation + "(Z)\n" + statements + "  cost J = mean(L)\n}\n";
        Derivation d = Deriver.derive(SpecReader.read("t.nn", spec), Convention.LOSS);
        String dZ = Arrays.stream(TextPrinter.print(d).split("\n")).filter(l -> l.startsWith("dZ ="))
                .map(l -> l.replaceAll("\\s*//.*", "")).findFirst().orElse("no dZ line");
        assertEquals(expected, dZ, statements);
        Environment env = RandomInstance.of(d, 3, 5);
        FiniteDifferences.assertAgree(d, env, 1e-7, statements);
        assertEquals(List.of(), NumeratorOracle.problems(d, env, 1e-6), statements);
        if (expected.startsWith("dZ = A - Y") || expected.startsWith("dZ = 0.5 * (A - Y)")) {
            // Logits of +-400: A is 0 or 1 in doubles.
            Environment saturated = env.copy();
            Matrix w = env.value("W").copy();
            Arrays.setAll(w.data(), i -> w.data()[i] * 400);
            saturated.put("W", w);
            Evaluation.run(d, saturated).derivatives().forEach((name, value) ->
                    assertTrue(value.isFinite(), () -> name + " is not finite where A saturates: " + statements));
        }
    }
}
