package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.spec.SpecReader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An m that the forward pass multiplies by cancels the cost's 1/m in the printed equation
 * ({@code 1/m * m * sum(dZ2, axis=1)} was printed as it stands), after the 1/m analysis has counted it,
 * and the verdict names the lines where it cancelled. Elsewhere the 1/m stays.
 */
class MeanCancellationTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // the forward statement                  the line looked at        its printed form (convention loss)
                Arguments.of("Z = W @ X + m * b", "db", "db = sum(dZ, axis=1)", "db"),
                Arguments.of("Z = m * (W @ X) + b", "dW", "dW = dZ @ X.T", "dW"),
                Arguments.of("Z = (m * W) @ X + b", "dW", "dW = dZ @ X.T", "dW"),
                Arguments.of("Z = W @ X * m^2 + b", "dW", "dW = m * (dZ @ X.T)", "dW"),
                Arguments.of("Z = W @ X / m + b", "dW", "dW = 1/m * dZ @ X.T / m", ""),
                Arguments.of("Z = W @ X + b / m * m", "db", "db = 1/m * sum(dZ, axis=1)", ""),
                Arguments.of("Z = W @ X + b", "db", "db = 1/m * sum(dZ, axis=1)", ""),
                // the m deeper in the forward pass: the 1/m cancels inside the line, not at its top
                Arguments.of("Z = m * (W @ X + b)", "db", "db = sum(dZ, axis=1)", "dW, db"),
                Arguments.of("Z = (W @ X + b) * m / 2", "dW", "dW = 0.5 * (dZ @ X.T)", "dW, db"),
                Arguments.of("Z = -(m * W @ X) + b", "dW", "dW = -(dZ @ X.T)", "dW"),
                Arguments.of("Z = (W @ (m * X)).T.T + b", "dW", "dW = dZ @ X.T", "dW"));
    }

    private static String spec(String forward, String cost) {
        return "network T {\n  input X[2]\n  target Y[1]\n  param W[1, 2]\n  param b[1]\n  " + forward
                + "\n  A = sigmoid(Z)\n  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))\n  cost J = " + cost + "\n}\n";
    }

    /** A sum(L) cost has no 1/m to cancel: the m stays, and the verdict says there is none on any path. */
    @Test
    void aSumCostKeepsTheForwardPassesMAndSaysThereIsNoOneOverM() throws Exception {
        String spec = spec("Z = -(m * W @ X) + b", "sum(L)");
        Derivation d = Deriver.derive(SpecReader.read("t.nn", spec), Convention.LOSS);
        Equation e = d.equation("dW").orElseThrow();
        assertEquals("dW = -(m * (dZ @ X.T))", e.name() + " = " + ExprPrinter.print(e.value()));
        assertEquals("J = sum(L): no 1/m on any path from J to any param (W, b)", d.oneOverM().sentence());
        FiniteDifferences.assertAgree(d, RandomInstance.of(d, 3, 5), 1e-7, "a sum cost");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theForwardPassesMCancelsTheCostsOneOverM(String forward, String line, String printed, String cancelledIn)
            throws Exception {
        String spec = spec(forward, "mean(L)");
        Derivation d = Deriver.derive(SpecReader.read("t.nn", spec), Convention.LOSS);
        Equation e = d.equation(line).orElseThrow();
        assertEquals(printed, e.name() + " = " + ExprPrinter.print(e.value()));
        String sentence = "1/m appears exactly once on every path from J to every param (W, b)";
        assertEquals(cancelledIn.isEmpty() ? sentence
                : sentence + "; in " + cancelledIn + " it cancels against an m of the forward pass", d.oneOverM().sentence());
        for (Convention convention : Convention.values()) {
            Derivation both = Deriver.derive(SpecReader.read("t.nn", spec), convention);
            Environment env = RandomInstance.of(both, 3, 5);
            FiniteDifferences.assertAgree(both, env, 1e-7, forward + ", convention " + convention);
        }
    }
}
