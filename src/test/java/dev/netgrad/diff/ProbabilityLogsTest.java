package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Matrix;
import dev.netgrad.print.TextPrinter;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A log of a sigmoid's or a softmax's probability goes to the logits without dividing by the probability, whatever
 * multiplies it and however many places read it: the cross-entropy times m or a const, a named log read twice, a
 * hidden layer's log in the loss, half a cross-entropy, {@code -log(A)} alone, one minus A spelled otherwise. Each
 * case's dZ line is printed, every line's numerator is true, the params' gradients agree with finite differences,
 * and at logits of +-40 (where A is 0 or 1 in doubles and the labels true) every derivative is finite and still
 * agrees with finite differences of the cost, which the forward pass computes through softplus and log_softmax.
 */
class ProbabilityLogsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // activation | rows | statements after Z = W @ X + b | the dZ line expected
                Arguments.of("sigmoid", 1, "  loss L = -(Y * log(A) + (1 - Y) * log(1 - A)) * m\n", "dZ = m * (A - Y)"),
                Arguments.of("sigmoid", 1, "  loss L = m * -(Y * log(A) + (1 - Y) * log(1 - A))\n", "dZ = m * (A - Y)"),
                Arguments.of("sigmoid", 1, "  loss L = -(Y * log(A) + (1 - Y) * log(1 - A)) / (2 * m)\n", "dZ = 0.5/m * (A - Y)"),
                Arguments.of("sigmoid", 1, "  const c = 4\n  loss L = -(Y * log(A) + (1 - Y) * log(1 - A)) * c * 2\n",
                        "dZ = 2 * c * (A - Y)"),
                Arguments.of("softmax", 3, "  loss L = -sum(Y * log(A), axis=0) * m\n", "dZ = m * (A - Y)"),
                Arguments.of("softmax", 3, "  const c = 2.5\n  loss L = -sum(Y * log(A), axis=0) / c\n", "dZ = (A - Y) / c"),
                // A named log read in two terms keeps its line (whole); its log goes to the logits as 1 - A, not dLP / A.
                Arguments.of("sigmoid", 1, "  LP = log(A)\n  loss L = -(Y * LP + (1 - Y) * log(1 - A)) + 0.1 * LP^2\n",
                        "dZ = (1 - Y) * A + dLP * (1 - A)"),
                Arguments.of("softmax", 3, "  LP = log(A)\n  loss L = -sum(Y * LP, axis=0) + 0.1 * sum(LP^2, axis=0)\n",
                        "dZ = dLP - A * sum(dLP, axis=0)"),
                // A cross-entropy held by a 1 x m value read twice fuses, times that value's derivative.
                Arguments.of("sigmoid", 1, "  P = Y * log(A) + (1 - Y) * log(1 - A)\n  loss L = -P + 0.1 * P^2\n", "dZ = dP * (Y - A)"),
                Arguments.of("softmax", 3, "  P = sum(Y * log(A), axis=0)\n  loss L = -P + 0.1 * P^2\n", "dZ = dP * (Y - A)"),
                Arguments.of("sigmoid", 3, "  P = Y * log(A) + (1 - Y) * log(1 - A)\n  loss L = -sum(P, axis=0) + 0.1 * sum(P^2, axis=0)\n",
                        "dZ = dP * Y * (1 - A) + dP * (Y - 1) * A"),
                // One minus A named and read again: no line dB, which would hold only the B^2 term's part.
                Arguments.of("sigmoid", 1, "  B = 1 - A\n  loss L = -(Y * log(A) + (1 - Y) * log(B)) + B^2\n",
                        "dZ = Y * (A - 1) + (1 - Y) * A + 2 * B * A * (A - 1)"),
                Arguments.of("sigmoid", 1, "  loss L = -(Y * log(A) + (1 - Y) * log(1 + -A))\n", "dZ = A - Y"),
                Arguments.of("sigmoid", 1, "  loss L = -(Y * log(A) + (1 - Y) * log(-(A - 1)))\n", "dZ = A - Y"),
                Arguments.of("sigmoid", 1, "  loss L = -(Y * log(A) + (1 - Y) * log(-A + 1))\n", "dZ = A - Y"),
                Arguments.of("sigmoid", 3, "  loss L = -sum(Y * log(A), axis=0)\n", "dZ = Y * (A - 1)"),
                Arguments.of("sigmoid", 1, "  loss L = -log(A)\n", "dZ = A - 1"),
                Arguments.of("softmax", 3, "  loss L = -sum(log(A), axis=0)\n", "dZ = 3 * A - 1"),
                // A log read by a mean over the examples: its line and the logits' are d(sum L), not dL.
                Arguments.of("sigmoid", 1, "  LA = log(A)\n  loss L = -Y * (LA - mean(LA, axis=1))\n", "dZ = dLA * (1 - A)"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cases")
    void aLogOfAProbabilityGoesToTheLogitsWithoutOneOverA(String activation, int rows, String statements, String expected)
            throws Exception {
        String spec = "network T {\n  input X[3]\n  target Y[" + rows + "]\n  param W[" + rows + ", 3]\n  param b[" + rows + "]\n"
                + "  Z = W @ X + b\n  A = " + activation + "(Z)\n" + statements + "  cost J = mean(L)\n}\n";
        Network network = SpecReader.read("t.nn", spec);
        Derivation d = Deriver.derive(network, Convention.LOSS);
        String printed = TextPrinter.print(d);
        List<String> lines = Arrays.stream(printed.split("\n")).map(l -> l.replaceAll("\\s*//.*", "")).toList();
        assertTrue(lines.contains(expected), () -> "no line '" + expected + "' in\n" + printed);
        for (Convention convention : Convention.values()) {
            Derivation c = Deriver.derive(network, convention);
            Environment env = RandomInstance.of(c, 3, 5);
            FiniteDifferences.assertAgree(c, env, 1e-7, statements + convention);
            assertEquals(List.of(), NumeratorOracle.problems(c, env, 1e-6), statements + convention);
        }
        Environment saturated = saturated(d, rows);
        Evaluation.run(d, saturated).derivatives().forEach((name, value) ->
                assertTrue(value.isFinite(), () -> name + " is not finite at logits of +-40:\n" + printed));
        FiniteDifferences.assertAgree(d, saturated, 1e-6, statements + " at logits of +-40");
    }

    /** Z = +-40 in every entry, the sign alternating by example: W's first column 40, X's first row +-1, b 0. */
    private static Environment saturated(Derivation d, int rows) {
        Environment env = RandomInstance.of(d, 3, 6);
        Matrix w = Matrix.zeros(rows, 3);
        Matrix x = env.value("X").copy();
        for (int r = 0; r < rows; r++) {
            w.set(r, 0, 40);
        }
        for (int i = 0; i < 6; i++) {
            x.set(0, i, i % 2 == 0 ? 1 : -1);
            x.set(1, i, 0);
            x.set(2, i, 0);
        }
        env.put("W", w);
        env.put("b", Matrix.zeros(rows, 1));
        env.put("X", x);
        return env;
    }
}
