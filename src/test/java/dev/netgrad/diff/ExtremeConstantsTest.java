package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.EquationChecker.Report;
import dev.netgrad.diff.EquationChecker.Status;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.print.TextPrinter;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Derivatives of networks whose constants reach the ends of the doubles, named ({@code const kbig = 1e300},
 * {@code const ksmall = 1e-300}) or written, where the forward value stays finite: the derivative is finite and
 * agrees with finite differences in both conventions, and what derive prints reads back through check as right
 * lines (or, where the forward value itself is infinite, as lines that cannot be judged), never as a constant
 * check refuses.
 */
class ExtremeConstantsTest {
    private static final String CE = "-(Y * log(A) + (1 - Y) * log(1 - A))";

    static Stream<Arguments> specs() {
        return Stream.of(
                // A = sigmoid(...)   loss L = ...   the derivative as derive prints it (loss convention)   infinite
                // forward value; before the fix:
                // kbig^2 * ksmall^2 * (A - Y): Infinity * 0, NaN gradients; check refused 'kbig^2'
                Arguments.of("ksmall * (kbig * (ksmall * (kbig * Z)))", CE,
                        "dZ = kbig * ksmall * kbig * ksmall * (A - Y)", false),
                Arguments.of("Z * kbig * ksmall * kbig * ksmall", CE, "dZ = kbig * ksmall * kbig * ksmall * (A - Y)", false),
                // 1e-300 * kbig^2 * ksmall * (A - Y): Infinity
                Arguments.of("kbig * (1e-300 * (kbig * (ksmall * Z)))", CE, "dZ = 1e-300 * kbig * kbig * ksmall * (A - Y)", false),
                // 1e300 * ksmall^2 * 1e300 * (A - Y): ksmall^2 is 0, a zero gradient
                Arguments.of("Z * ksmall * 1e300 * 1e10 * ksmall * 1e290", CE,
                        "dZ = 1e300 * ksmall * ksmall * 1e300 * (A - Y)", false),
                // the loss's coefficients: kbig^2 * ksmall^2 * ..., NaN (fused since consts fuse, through 1/A before)
                Arguments.of("Z", "kbig * (ksmall * " + CE + ") * kbig * ksmall",
                        "dZ = kbig * ksmall * kbig * ksmall * (A - Y)", false),
                // unchanged: an order that stays in the doubles is kept
                Arguments.of("Z * 2.5e300 * ksmall * kbig * 1e-300", CE, "dZ = 2.5 * (kbig * ksmall) * (A - Y)", false),
                Arguments.of("1e300 * (ksmall * Z)", CE, "dZ = 1e300 * ksmall * (A - Y)", false),
                // subnormal fold: 1e-300 * 1e-18 kept 17 bits, 9.999987484955999e-301 * (A - Y), 6e-7 off
                Arguments.of("Z * 1e18 * 1e-18", CE + " * 1e-300", "dZ = 1e-300 * (A - Y)", false),
                // 1e-200^2 and 1e200^2: 1e-200^2 read back as 1e-400, 0; 1e200^2 refused by check
                Arguments.of("Z * (0 * Z + 1e-200)^2", CE, "dZ = 1e-200 * ((A - Y) * 1e-200)", false),
                Arguments.of("Z * (0 * Z + 1e200)^2", CE, "dZ = 1e200 * ((A - Y) * 1e200)", true),
                // kbig^2 * (A - Y): refused by check
                Arguments.of("Z * (0 * Z + kbig)^2", CE, "dZ = kbig * (kbig * (A - Y))", true),
                // consts that only divide go below the line, ordered as a scalar part is:
                // (A - Y) / (kbig^2 * ksmall^2): Infinity * 0, NaN gradients; check refused 'kbig^2'
                Arguments.of("Z / kbig / ksmall / kbig / ksmall", CE, "dZ = (A - Y) / (kbig * ksmall * kbig * ksmall)", false),
                Arguments.of("Z / ksmall / (kbig * ksmall) / kbig", CE, "dZ = (A - Y) / (kbig * ksmall * kbig * ksmall)", false),
                // (A - Y) / (1e-300 * (kbig^2 * ksmall)): Infinity, a zero gradient; check refused 'kbig^2'
                Arguments.of("Z / kbig / 1e-300 / kbig / ksmall", CE, "dZ = (A - Y) / (1e-300 * kbig * kbig * ksmall)", false),
                // (A - Y) / (kbig^2 * ksmall^2 * m): NaN
                Arguments.of("Z / ksmall / m / kbig / ksmall / kbig", CE, "dZ = (A - Y) / (m * kbig * ksmall * kbig * ksmall)",
                        false),
                // (A - Y) / kbig^2, a gradient of 0 as the forward value's: check refused 'kbig^2'
                Arguments.of("Z / kbig / kbig", CE, "dZ = (A - Y) / kbig / kbig", false),
                // (A - Y) / ksmall^2: check refused 'division by zero'
                Arguments.of("Z / ksmall / ksmall", CE, "dZ = (A - Y) / ksmall / ksmall", true),
                // unheld powers that are not whole are written as the fewest equal powers that hold:
                // (A - Y) * 1e200^2.5 and (A - Y) * kbig^1.5, refused by check
                Arguments.of("Z * (0 * Z + 1e200)^2.5", CE, "dZ = 1e250 * ((A - Y) * 1e250)", true),
                Arguments.of("Z * (0 * Z + kbig)^1.5", CE, "dZ = kbig^0.75 * (kbig^0.75 * (A - Y))", true),
                // 1e200 * (A - Y) * 1e200 * (1e200 * 1e200): the last product refused by check
                Arguments.of("Z * (0 * Z + 1e200)^4", CE, "dZ = 1e200 * (1e200 * (1e200 * (1e200 * (A - Y))))", true),
                // (A - Y) * 1e-200^4.5 read back as 0 already: the same form as above
                Arguments.of("Z * (0 * Z + 1e-200)^4.5", CE, "dZ = 1e-300 * (1e-300 * (1e-300 * (A - Y)))", false),
                // numbers kept apart (a fold past the doubles on the way) join the scalars when their whole is normal;
                // before the fix they multiplied the matrix one at a time, innermost first: tanh's argument was
                // recomputed as 1e300 * (1e300 * Z) / kbig / kbig, Infinity, a zero gradient (random EdgeSpecs 726)
                Arguments.of("tanh(Z / kbig / ksmall / kbig / ksmall * ksmall * 1e300 * 1e10 * ksmall * 1e290 * 1e300 * 1e-300)",
                        CE, "dZ = 1e300/kbig * 1e300 / kbig * (A - Y) * (1 - tanh(1e300/kbig * 1e300 / kbig * Z)^2)", false),
                // ... and 9.999999999999998e199 * ksmall / 1e200 * (1e200 * (1e300 * (dA * ...))) / 1e200: Infinity,
                // NaN gradients (random EdgeSpecs 2590)
                Arguments.of("sigmoid(1e200 * (1e200 * (Z * kbig * ksmall / 1e200) / kbig * 1e300 / 1e200)) * 1e-308 * 1e308",
                        "(A - Y)^2", "dZ = 9.999999999999998e199/1e200 * 1e200 / 1e200 * ksmall * 1e300 * dA * A * (1 - A)"
                        + " * sigmoid(1e300 * ksmall * Z) * (1 - sigmoid(1e300 * ksmall * Z))", false));
    }

    private static Network network(String forward, String loss) throws Exception {
        return SpecReader.read("t.nn", "network T {\n  input X[2]\n  target Y[1]\n  const kbig = 1e300\n"
                + "  const ksmall = 1e-300\n  param W[1, 2]\n  param b[1]\n  Z = W @ X + b\n  A = sigmoid(" + forward + ")\n"
                + "  loss L = " + loss + "\n  cost J = mean(L)\n}\n");
    }

    @ParameterizedTest(name = "{0}; {1}")
    @MethodSource("specs")
    void derivativesOfExtremeConstantsAreFiniteAndReadBack(String forward, String loss, String printed, boolean infinite)
            throws Exception {
        Network network = network(forward, loss);
        for (Convention convention : Convention.values()) {
            Derivation d = Deriver.derive(network, convention);
            if (convention == Convention.LOSS) {
                String name = printed.substring(0, printed.indexOf(" ="));
                assertEquals(printed, name + " = " + ExprPrinter.print(d.equation(name).orElseThrow().value()));
            }
            if (!infinite) {
                for (long seed = 1; seed <= 3; seed++) {
                    Environment env = RandomInstance.of(d, seed, 4);
                    FiniteDifferences.assertAgree(d, env, 1e-7, forward + "; " + loss + " " + convention);
                }
            }
            String text = TextPrinter.print(d);
            // A constant check refuses is a SpecException here.
            Report report = EquationChecker.check(network,
                    SpecReader.readEquations("derived.eq", text, network, Deriver.derivativeNames(network)));
            String wrong = report.verdicts().stream()
                    .filter(v -> v.status() != Status.CORRECT && v.status() != Status.HELPER
                            && !(infinite && v.status() == Status.NOT_JUDGED))
                    .map(v -> v.line().name() + " " + v.message()).collect(Collectors.joining("\n"));
            assertTrue(wrong.isEmpty(), () -> convention + ":\n" + text + "\n" + wrong);
            assertEquals(!infinite, report.passed(), () -> convention + ":\n" + text);
        }
    }
}
