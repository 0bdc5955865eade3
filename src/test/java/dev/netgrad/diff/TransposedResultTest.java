package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.EquationChecker.Status;
import dev.netgrad.diff.EquationChecker.Verdict;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A transposed result is named whether or not its shape gives it away: on square.nn, W2 is 3 x 3,
 * so dW2 written transposed has the right shape and only its values show the transpose.
 */
class TransposedResultTest {
    private static final Path SQUARE = Path.of("src/test/resources/check/square.nn");
    /** Right lines down to dZ2; each case adds one line. */
    private static final String ABOVE = """
            dZ3 = A3 - Y
            dW3 = 1/m * dZ3 @ A2.T
            db3 = 1/m * sum(dZ3, axis=1)
            dA2 = W3.T @ dZ3
            dZ2 = dA2 * (1 - A2^2)
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("dW2 = 1/m * A1 @ dZ2.T",
                        "has the result transposed: dW2.T equals dJ/dW2; netgrad derives dW2 = 1/m * dZ2 @ A1.T"),
                Arguments.of("dW2 = A1 @ dZ2.T",
                        "has the result transposed, and dW2.T is d(sum L)/dW2, not dJ/dW2: the 1/m of the cost's mean is missing"),
                Arguments.of("dW2 = 1/m * 1/m * A1 @ dZ2.T", "has the result transposed, and dW2.T applies 1/m twice"),
                Arguments.of("dW2 = -1/m * A1 @ dZ2.T", "has the result transposed, and dW2.T has the wrong sign"),
                Arguments.of("dW2 = 2/m * A1 @ dZ2.T",
                        "has the result transposed, and dW2.T is off by a constant factor 2 from dJ/dW2"),
                // A result that is not square shows the transpose in its shape, as before.
                Arguments.of("dW1 = 1/m * X @ (W2.T @ dZ2 * (1 - A1^2)).T",
                        "has shape 2 x 3, but W1 is 3 x 2: the result is transposed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theTransposeIsNamed(String line, String expected) throws Exception {
        Network square = SpecReader.read(SQUARE.toString(), Files.readString(SQUARE));
        String text = ABOVE + line + "\n";
        List<Verdict> verdicts = EquationChecker.check(square,
                SpecReader.readEquations("t.eq", text, square, Deriver.derivativeNames(square))).verdicts();
        Verdict last = verdicts.get(verdicts.size() - 1);
        assertEquals(Status.WRONG, last.status(), last.message());
        assertTrue(last.message().startsWith(expected), last.message());
    }
}
