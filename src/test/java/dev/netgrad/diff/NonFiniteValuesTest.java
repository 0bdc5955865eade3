package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.EquationChecker.Report;
import dev.netgrad.diff.EquationChecker.Status;
import dev.netgrad.diff.EquationChecker.Verdict;
import dev.netgrad.print.TextPrinter;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A loss with constants near the largest double makes some derivatives overflow on the random
 * instances while others stay finite: the loss convention's dZ2 = 4 * (1e308 * (Z2 - Y)) is
 * infinite where dJ/dW2 is finite. A line that reads such a value, or whose derivative is not
 * finite, cannot be told right from wrong there: it is "not judged", never "wrong" (netgrad's own
 * dW2 = 1/m * dZ2 @ A1.T was wrong).
 */
class NonFiniteValuesTest {
    private static Network network(String loss) throws Exception {
        String spec = "network T {\n  input X[2]\n  target Y[1]\n  param W1[3, 2] init randn(0.5)\n  param b1[3]\n"
                + "  param W2[1, 3] init randn(0.5)\n  param b2[1]\n  Z1 = W1 @ X + b1\n  A1 = tanh(Z1)\n  Z2 = W2 @ A1 + b2\n"
                + "  A2 = sigmoid(Z2)\n  loss L = " + loss + "\n  cost J = mean(L)\n}\n";
        return SpecReader.read("t.nn", spec);
    }

    private static Report check(Network network, String equations) throws Exception {
        return EquationChecker.check(network, SpecReader.readEquations("t.eq", equations, network, Deriver.derivativeNames(network)));
    }

    static Stream<Arguments> extremeLosses() {
        return Stream.of(
                // the loss                                                   a line not judged in the loss convention, or none
                Arguments.of("(Z2 - Y)^2 * 1e308 + (Z2 - Y)^2 * 1e308", "dW2"),
                Arguments.of("1e308 * (Z2 - Y)^2 + 1e308 * (Z2 - Y)^2 + 1e308 * (Z2 - Y)^2", "dW2"),
                Arguments.of("-(Y * log(A2) + (1 - Y) * log(1 - A2)) * 1e308 + -(Y * log(A2) + (1 - Y) * log(1 - A2)) * 1e308",
                        "dW2"),
                Arguments.of("exp(Z2 * 1000) * 1e308", ""),
                // 1e308 * 1e308 taken into the term's coefficient overflowed: derive's internal error, "number must be finite"
                Arguments.of("(Z2 - Y)^2 * 1e308 * 1e308", ""),
                Arguments.of("(Z2 - Y)^2 / 1e-308 / 1e-308", ""),
                // finite everywhere: every line judged, and right
                Arguments.of("(Z2 - Y)^2 * 1e300", "none"),
                Arguments.of("(Z2 - Y)^2 * 1e-300", "none"),
                // 1e-300 * 1e-300 taken into the coefficient was 0: derive printed dZ2 = 0, which read back as 1 x 1
                Arguments.of("(Z2 - Y)^2 * 1e-300 * 1e-300", "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extremeLosses")
    void derivedLinesAreRightOrNotJudgedNeverWrong(String loss, String notJudged) throws Exception {
        Network network = network(loss);
        for (Convention convention : Convention.values()) {
            String text = TextPrinter.print(Deriver.derive(network, convention));
            Report report = check(network, text);
            String wrong = report.verdicts().stream().filter(v -> v.status() == Status.WRONG || v.status() == Status.INHERITED)
                    .map(v -> v.line().name() + " " + v.message()).collect(Collectors.joining("\n"));
            assertTrue(wrong.isEmpty(), () -> loss + " " + convention + ":\n" + text + wrong);
            if (notJudged.equals("none")) {
                assertTrue(report.passed(), () -> loss + " " + convention + ":\n" + text);
            }
            if (convention == Convention.LOSS && !notJudged.isEmpty() && !notJudged.equals("none")) {
                Verdict v = report.verdicts().stream().filter(x -> x.line().name().equals(notJudged)).findFirst().orElseThrow();
                assertEquals(Status.NOT_JUDGED, v.status(), v.message());
                assertFalse(report.passed());
            }
        }
    }

    static Stream<Arguments> lines() {
        String huge = "(Z2 - Y)^2 * 1e308 + (Z2 - Y)^2 * 1e308";
        String large = "(Z2 - Y)^2 * 1e300 + (Z2 - Y)^2 * 1e300";
        return Stream.of(
                // the loss, then line 2 after derive's dZ2 (line 1)       its status   its message starts with
                Arguments.of(huge, "dW2 = 1/m * dZ2 @ A1.T", Status.NOT_JUDGED,
                        "cannot be judged at these values: dZ2 (line 1), which it reads, is "),
                // a wrong line reading the infinite dZ2 cannot be told from a right one either
                Arguments.of(huge, "dW2 = dZ2 @ A1.T", Status.NOT_JUDGED, "cannot be judged at these values: dZ2 (line 1), which it reads, is "),
                // nor a line reading finite values whose derivative is infinite
                Arguments.of(huge, "dW1 = 1/m * (W2.T @ (4 * (1e-308 * (Z2 - Y))) * (1 - A1^2)) @ X.T", Status.NOT_JUDGED,
                        "cannot be judged at these values: dJ/dW1 itself is "),
                // 1/m twice, every entry of both sides overflowing: equal as infinities, which is no evidence
                Arguments.of(huge, "db2 = 1/m * sum(4 * (1/m * (1e308 * (Z2 - Y))), axis=1)", Status.NOT_JUDGED,
                        "cannot be judged at these values: dJ/db2 itself is "),
                // nor is a right line's equality there
                Arguments.of(huge, "db2 = 1/m * sum(4 * (1e308 * (Z2 - Y)), axis=1)", Status.NOT_JUDGED,
                        "cannot be judged at these values: dJ/db2 itself is "),
                // where everything is finite, a wrong line is wrong and a right one right
                Arguments.of(large, "dW2 = dZ2 @ A1.T", Status.WRONG, "is d(sum L)/dW2, not dJ/dW2"),
                Arguments.of(large, "dW2 = 1/m * dZ2 @ A1.T", Status.CORRECT, "equals dJ/dW2"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("lines")
    void aLineReadingAnInfiniteValueIsNotJudged(String loss, String line, Status status, String message) throws Exception {
        Network network = network(loss);
        String dZ2 = TextPrinter.print(Deriver.derive(network, Convention.LOSS)).lines().filter(l -> l.startsWith("dZ2 = "))
                .findFirst().orElseThrow();
        Report report = check(network, dZ2 + "\n" + line + "\n");
        assertEquals(Status.CORRECT, report.verdicts().get(0).status(), report.verdicts().get(0).message());
        Verdict v = report.verdicts().get(1);
        assertEquals(status, v.status(), v.message());
        assertTrue(v.message().startsWith(message), v.message());
    }
}
