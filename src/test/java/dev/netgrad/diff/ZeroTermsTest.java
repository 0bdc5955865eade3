package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.ir.Environment;
import dev.netgrad.spec.SpecReader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A term scaled by zero is no term: its derivative is zero, and the 1/m analysis must not count it
 * as a term without the loss's seed that carries the 1/m (an "internal error" before).
 */
class ZeroTermsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a loss term scaled by 0", "Q = 3 * A",
                        "loss L = sum((A - Y)^2, axis=0) + 0 * sum(Q, axis=0)"),
                Arguments.of("a loss term scaled by 0 on the right", "Q = 3 * A",
                        "loss L = sum((A - Y)^2, axis=0) + sum(Q, axis=0) * 0"),
                Arguments.of("a value scaled by 0 inside the network", "Q = A + 0 * Z",
                        "loss L = sum((Q - Y)^2, axis=0)"),
                Arguments.of("a value multiplied by 0 and added", "Q = A * 0 + A",
                        "loss L = sum((Q - Y)^2, axis=0)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aZeroTermDerivesAndAgreesWithFiniteDifferences(String name, String value, String loss) throws Exception {
        String spec = "network T {\n  input X[2]\n  target Y[3]\n  param W[3, 2]\n  param b[3]\n"
                + "  Z = W @ X + b\n  A = sigmoid(Z)\n  " + value + "\n  " + loss + "\n  cost J = mean(L)\n}\n";
        for (Convention convention : Convention.values()) {
            Derivation d = Deriver.derive(SpecReader.read("t.nn", spec), convention);
            assertTrue(d.oneOverM().sentence().startsWith("1/m appears exactly once"), d.oneOverM().sentence());
            Environment env = RandomInstance.of(d, 3, 5);
            FiniteDifferences.assertAgree(d, env, 1e-7, name);
        }
    }
}
