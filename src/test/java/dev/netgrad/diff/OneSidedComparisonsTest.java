package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.EquationChecker.Report;
import dev.netgrad.diff.EquationChecker.Verdict;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lines holding a comparison whose truth is the same on every entry of every random instance: judged
 * also where it takes the other value ({@link CrossingJudge}), or said to be judged on one side alone;
 * and lines holding a comparison that turns a little way off where netgrad's own does ({@code Z1 > 1e-3}
 * for a relu's {@code Z1 > 0}), judged also where the compared value lies between the two ({@link
 * Threshold}). Each line of a case carries its expected verdict, and a fragment of its message after it.
 */
class OneSidedComparisonsTest {
    private static final String PLANAR = """
            network Planar {
              input X[2]
              target Y[1]
              param W1[4, 2] init randn(0.01)
              param b1[4] init zeros
              param W2[1, 4] init randn(0.01)
              param b2[1] init zeros
              Z1 = W1 @ X + b1
              A1 = tanh(Z1)
              Z2 = W2 @ A1 + b2
              A2 = sigmoid(Z2)
              loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))
              cost J = mean(L)
              output A2
            }
            """;
    private static final String RELU = PLANAR.replace("tanh(Z1)", "relu(Z1)").replace("[4", "[5").replace("1, 4]", "1, 5]");
    private static final String LEAKY = PLANAR.replace("tanh(Z1)", "leaky_relu(Z1, 0.1)");
    /** A tanh cut where Z1 is not positive: the spec's own comparison, which netgrad's derivative holds. */
    private static final String TANH_CUT = PLANAR.replace("tanh(Z1)", "tanh(Z1) * (Z1 > 0)");
    /** A tanh cut where Z1 is not above 0.5: a threshold no power of 4 scales a value of order 1 into just above. */
    private static final String HALF_CUT = PLANAR.replace("tanh(Z1)", "tanh(Z1) * (Z1 > 0.5)");
    /** The same cut written with a spec's const, beside another const a little above it. */
    private static final String EPS_CUT = PLANAR.replace("tanh(Z1)", "tanh(Z1) * (Z1 > eps)")
            .replace("  param W1", "  const eps = 0.5\n  const cut = 0.501\n  param W1");
    /** A relu beside a const a little above its kink. */
    private static final String RELU_TINY = RELU.replace("  param W1", "  const tiny = 1e-3\n  param W1");
    /** The larger of two values: a comparison of two values, which netgrad's derivative holds. */
    private static final String MAX = """
            network Max {
              input X[2]
              target Y[1]
              param W1[4, 2]
              param b1[4]
              param V1[4, 2]
              param c1[4]
              param W2[1, 4]
              param b2[1]
              Z1 = W1 @ X + b1
              Z0 = V1 @ X + c1
              A1 = Z1 * (Z1 > Z0) + Z0 * (Z1 <= Z0)
              Z2 = W2 @ A1 + b2
              A2 = sigmoid(Z2)
              loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))
              cost J = mean(L)
              output A2
            }
            """;
    private static final String MAX_TOP = """
            dZ2 = A2 - Y                    // expect: CORRECT
            dW2 = 1/m * dZ2 @ A1.T          // expect: CORRECT
            db2 = 1/m * sum(dZ2, axis=1)    // expect: CORRECT
            dA1 = W2.T @ dZ2                // expect: CORRECT
            dZ0 = dA1 * (Z1 <= Z0)          // expect: CORRECT
            dV1 = 1/m * dZ0 @ X.T           // expect: CORRECT
            dc1 = 1/m * sum(dZ0, axis=1)    // expect: CORRECT
            """;
    /** Two outputs summed, so that dA1 reads two lines: dZ3 and dZ2. */
    private static final String TWO_HEADS = PLANAR.replace("  param b2[1]", "  param W3[1, 4]\n  param b2[1]")
            .replace("  A2 = sigmoid(Z2)", "  Z3 = W3 @ A1\n  A2 = sigmoid(Z2 + Z3)");
    private static final String RIGHT_TOP = """
            dZ2 = A2 - Y                    // expect: CORRECT
            dW2 = 1/m * dZ2 @ A1.T          // expect: CORRECT
            db2 = 1/m * sum(dZ2, axis=1)    // expect: CORRECT
            dA1 = W2.T @ dZ2                // expect: CORRECT
            """;
    private static final String RIGHT_BOTTOM = """
            dW1 = 1/m * dZ1 @ X.T           // expect: CORRECT
            db1 = 1/m * sum(dZ1, axis=1)    // expect: CORRECT
            """;
    private static final String INHERITING_BOTTOM = """
            dW1 = 1/m * dZ1 @ X.T           // expect: INHERITED right, given dZ1; dZ1 (line 5) is wrong
            db1 = 1/m * sum(dZ1, axis=1)    // expect: INHERITED right, given dZ1; dZ1 (line 5) is wrong
            """;

    private static final String GIVEN_ONE_SIDED_BOTTOM = """
            dW1 = 1/m * dZ1 @ X.T           // expect: GIVEN_ONE_SIDED ok, given dZ1: equals dJ/dW1; dZ1 (line 5) is judged only on one side
            db1 = 1/m * sum(dZ1, axis=1)    // expect: GIVEN_ONE_SIDED ok, given dZ1: equals dJ/db1; dZ1 (line 5) is judged only on one side
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("tanh's derivative cut where |Z1| >= 3, which no instance reaches", PLANAR, RIGHT_TOP + """
                        dZ1 = dA1 * (1 - A1^2) * (abs(Z1) < 3)  // expect: WRONG where abs(Z1) < 3 is false
                        """ + INHERITING_BOTTOM),
                Arguments.of("a comparison with a large negative constant", PLANAR, RIGHT_TOP + """
                        dZ1 = dA1 * (1 - A1^2) * (Z1 > -5)      // expect: WRONG where Z1 > -5 is false
                        """ + INHERITING_BOTTOM),
                Arguments.of("the cut in a helper line", PLANAR, RIGHT_TOP + """
                        inside = abs(Z1) < 3                    // expect: HELPER
                        dZ1 = dA1 * (1 - A1^2) * inside         // expect: WRONG where abs(Z1) < 3 is false
                        """ + INHERITING_BOTTOM.replace("line 5", "line 6")),
                Arguments.of("a clip written as a relu whose kink no instance reaches", PLANAR, RIGHT_TOP + """
                        dZ1 = dA1 * (1 - A1^2) * relu(Z1 + 5) / (Z1 + 5)  // expect: WRONG where Z1 + 5 > 0 is false
                        """ + INHERITING_BOTTOM),
                Arguments.of("inputs drawn near 0 compared with 100", PLANAR, RIGHT_TOP + """
                        dZ1 = dA1 * (1 - A1^2)                  // expect: CORRECT
                        dW1 = 1/m * dZ1 @ (X * (X < 100)).T     // expect: WRONG where X < 100 is false
                        db1 = 1/m * sum(dZ1, axis=1)            // expect: CORRECT
                        """),
                Arguments.of("an output compared with a value a sigmoid reaches", PLANAR, """
                        dZ2 = (A2 - Y) * (A2 < 0.999)   // expect: WRONG where A2 < 0.999 is false
                        """),
                Arguments.of("an output compared with a value a sigmoid never reaches: right everywhere", PLANAR, """
                        dZ2 = (A2 - Y) * (A2 < 1.5)     // expect: CORRECT
                        dW2 = 1/m * dZ2 @ A1.T          // expect: CORRECT
                        db2 = 1/m * sum(dZ2, axis=1)    // expect: CORRECT
                        dA1 = W2.T @ dZ2                // expect: CORRECT
                        dZ1 = dA1 * (1 - A1^2) * (A1 > -2)  // expect: CORRECT
                        """ + RIGHT_BOTTOM),
                Arguments.of("a target compared with a value 0/1 targets never reach", PLANAR, RIGHT_TOP + """
                        dZ1 = dA1 * (1 - A1^2) * (Y < 2)        // expect: ONE_SIDED judged only where Y < 2 is true
                        """ + GIVEN_ONE_SIDED_BOTTOM),
                Arguments.of("a constant no scaling reaches", PLANAR, RIGHT_TOP + """
                        dZ1 = dA1 * (1 - A1^2) * (Z1 > -1e30)   // expect: ONE_SIDED judged only where Z1 > -1e30 is true
                        """ + GIVEN_ONE_SIDED_BOTTOM),
                Arguments.of("lines after a one-sided line, through a helper and through lines right given it", "samples/dropout.nn", """
                        dZ3 = A3 - Y                            // expect: CORRECT
                        dW3 = 1/m * dZ3 @ A2.T                  // expect: CORRECT
                        db3 = 1/m * sum(dZ3, axis=1)            // expect: CORRECT
                        dA2 = W3.T @ dZ3                        // expect: CORRECT
                        dZ2 = dA2 * mask(A2) * (Z2 > 0) / 0.86 * (Y < 2)  // expect: ONE_SIDED judged only where Y < 2 is true
                        kept = dZ2                              // expect: HELPER
                        dW2 = 1/m * dZ2 @ A1.T                  // expect: GIVEN_ONE_SIDED ok, given dZ2: equals dJ/dW2; dZ2 (line 5) is judged
                        db2 = 1/m * sum(kept, axis=1)           // expect: GIVEN_ONE_SIDED ok, given dZ2: equals dJ/db2; dZ2 (line 5) is judged
                        dA1 = W2.T @ dZ2                        // expect: GIVEN_ONE_SIDED ok, given dZ2: equals dL/dA1; dZ2 (line 5) is judged
                        dZ1 = dA1 * mask(A1) * (Z1 > 0) / 0.86  // expect: GIVEN_ONE_SIDED ok, given dA1: equals dL/dZ1; dZ2 (line 5) is judged
                        dW1 = 1/m * dZ1 @ X.T                   // expect: GIVEN_ONE_SIDED ok, given dZ1: equals dJ/dW1; dZ2 (line 5) is judged
                        db1 = 1/m * sum(dZ1, axis=1)            // expect: GIVEN_ONE_SIDED ok, given dZ1: equals dJ/db1; dZ2 (line 5) is judged
                        """),
                Arguments.of("the course's relu line", RELU, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 > 0)                    // expect: CORRECT
                        """ + RIGHT_BOTTOM),
                Arguments.of("relu's derivative read off its output", RELU, RIGHT_TOP + """
                        dZ1 = dA1 * (A1 > 0)                    // expect: CORRECT
                        """ + RIGHT_BOTTOM),
                Arguments.of("relu's derivative cut where A1 >= 100", RELU, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 > 0) * (A1 < 100)       // expect: WRONG where A1 < 100 is false
                        """ + INHERITING_BOTTOM),
                Arguments.of("relu's threshold a little above 0", RELU, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 > 1e-3)                 // expect: WRONG where Z1 is between 0.001, where Z1 > 0.001 turns, and 0
                        """ + INHERITING_BOTTOM),
                Arguments.of("relu's threshold a little above 0, with >=", RELU, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 >= 1e-3)                // expect: WRONG where Z1 is between 0.001, where Z1 >= 0.001 turns
                        """ + INHERITING_BOTTOM),
                Arguments.of("relu's threshold a little below 0", RELU, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 > -1e-3)                // expect: WRONG where Z1 is between -0.001
                        """ + INHERITING_BOTTOM),
                Arguments.of("relu's threshold written on the other side", RELU, RIGHT_TOP + """
                        dZ1 = dA1 * (0.001 < Z1)                // expect: WRONG where Z1 is between 0.001
                        """ + INHERITING_BOTTOM),
                Arguments.of("relu's threshold taken from the value", RELU, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 - 1e-3 > 0)             // expect: WRONG where Z1 is between 0.001
                        """ + INHERITING_BOTTOM),
                Arguments.of("relu's threshold on its output", RELU, RIGHT_TOP + """
                        dZ1 = dA1 * (A1 > 1e-3)                 // expect: WRONG where A1 is between 0.001, where A1 > 0.001 turns, and 0, where netgrad's own Z1 > 0 turns
                        """ + INHERITING_BOTTOM),
                Arguments.of("relu's threshold off in a helper", RELU, RIGHT_TOP + """
                        active = Z1 > 1e-3                      // expect: HELPER
                        dZ1 = dA1 * active                      // expect: WRONG where Z1 is between 0.001
                        """ + INHERITING_BOTTOM.replace("line 5", "line 6")),
                Arguments.of("relu's line with >= for >: the same but where Z1 is 0", RELU, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 >= 0)                   // expect: CORRECT
                        """ + RIGHT_BOTTOM),
                Arguments.of("a spec's own cut, its threshold a little above", TANH_CUT, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 > 1e-3) * (1 - tanh(Z1)^2)  // expect: WRONG where Z1 is between 0.001
                        """ + INHERITING_BOTTOM),
                Arguments.of("a spec's own cut as derive writes it", TANH_CUT, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 > 0) * (1 - tanh(Z1)^2)     // expect: CORRECT
                        """ + RIGHT_BOTTOM),
                Arguments.of("the dropout sample's relu, its threshold a little above", "samples/dropout.nn", """
                        dZ3 = A3 - Y                            // expect: CORRECT
                        dW3 = 1/m * dZ3 @ A2.T                  // expect: CORRECT
                        db3 = 1/m * sum(dZ3, axis=1)            // expect: CORRECT
                        dA2 = W3.T @ dZ3                        // expect: CORRECT
                        dZ2 = dA2 * mask(A2) * (Z2 > 1e-4) / 0.86  // expect: WRONG where Z2 is between 0.0001
                        """),
                Arguments.of("a spec's cut at 0.5, the line's at 0.501: no power of 4 puts a Z1 between", HALF_CUT, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 > 0.501) * (1 - tanh(Z1)^2)  // expect: WRONG where Z1 is between 0.501, where Z1 > 0.501 turns, and 0.5, where netgrad's own Z1 > 0.5 turns
                        """ + INHERITING_BOTTOM),
                Arguments.of("a spec's cut at 0.5, the line's at 0.499, on the other side", HALF_CUT, RIGHT_TOP + """
                        dZ1 = dA1 * (0.499 < Z1) * (1 - tanh(Z1)^2)  // expect: WRONG where Z1 is between 0.499
                        """ + INHERITING_BOTTOM),
                Arguments.of("a spec's cut at 0.5 with >=: the same but where Z1 is 0.5", HALF_CUT, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 >= 0.5) * (1 - tanh(Z1)^2)   // expect: CORRECT
                        """ + RIGHT_BOTTOM),
                Arguments.of("a spec's const cut, the line's number a little above", EPS_CUT, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 > 0.501) * (1 - tanh(Z1)^2)  // expect: WRONG where Z1 is between 0.501, where Z1 > 0.501 turns, and 0.5, where netgrad's own Z1 > eps turns
                        """ + INHERITING_BOTTOM),
                Arguments.of("a spec's const cut, the line's another const", EPS_CUT, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 > cut) * (1 - tanh(Z1)^2)    // expect: WRONG where Z1 is between 0.501, where Z1 > cut turns
                        """ + INHERITING_BOTTOM),
                Arguments.of("a spec's const cut, the line's the const plus a number", EPS_CUT, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 > eps + 1e-3) * (1 - tanh(Z1)^2)  // expect: WRONG where Z1 is between 0.501
                        """ + INHERITING_BOTTOM),
                Arguments.of("a spec's const cut, the line's the number the const is", EPS_CUT, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 > 0.5) * (1 - tanh(Z1)^2)    // expect: CORRECT
                        """ + RIGHT_BOTTOM),
                Arguments.of("a spec's cut at 0.5, the line's a helper line of 0.501", HALF_CUT, RIGHT_TOP + """
                        edge = 0.501                                 // expect: HELPER
                        dZ1 = dA1 * (Z1 > edge) * (1 - tanh(Z1)^2)   // expect: WRONG where Z1 is between 0.501, where Z1 > edge turns
                        """ + INHERITING_BOTTOM.replace("line 5", "line 6")),
                Arguments.of("relu's threshold a const a little above 0", RELU_TINY, RIGHT_TOP + """
                        dZ1 = dA1 * (Z1 > tiny)                 // expect: WRONG where Z1 is between 0.001, where Z1 > tiny turns, and 0
                        """ + INHERITING_BOTTOM),
                Arguments.of("the larger of two values, the comparison a little off", MAX, MAX_TOP + """
                        dZ1 = dA1 * (Z1 > Z0 + 0.001)           // expect: WRONG where Z1 - Z0 is between 0.001, where Z1 > Z0 + 0.001 turns, and 0
                        dW1 = 1/m * dZ1 @ X.T           // expect: INHERITED right, given dZ1; dZ1 (line 8) is wrong
                        db1 = 1/m * sum(dZ1, axis=1)    // expect: INHERITED right, given dZ1; dZ1 (line 8) is wrong
                        """),
                Arguments.of("the larger of two values, as derive writes it and with >=", MAX, MAX_TOP + """
                        dZ1 = dA1 * (Z1 >= Z0)                  // expect: CORRECT
                        """ + RIGHT_BOTTOM),
                Arguments.of("a line reading a wrong line and a one-sided line names both", TWO_HEADS, """
                        dZ3 = 2 * (A2 - Y)              // expect: WRONG off by a constant factor 2
                        dW3 = 1/m * dZ3 @ A1.T          // expect: INHERITED right, given dZ3; dZ3 (line 1) is wrong
                        dZ2 = (A2 - Y) * (Y < 2)        // expect: ONE_SIDED judged only where Y < 2 is true
                        dW2 = 1/m * dZ2 @ A1.T          // expect: GIVEN_ONE_SIDED ok, given dZ2: equals dJ/dW2; dZ2 (line 3) is judged
                        db2 = 1/m * sum(dZ2, axis=1)    // expect: GIVEN_ONE_SIDED ok, given dZ2: equals dJ/db2; dZ2 (line 3) is judged
                        dA1 = W3.T @ dZ3 + W2.T @ dZ2   // expect: INHERITED right, given dZ3 and dZ2; dZ3 (line 1) is wrong; dZ2 (line 3) is judged only on one side of a comparison
                        dZ1 = dA1 * (1 - A1^2)          // expect: INHERITED right, given dA1; dZ3 (line 1) and dA1 (line 6) are wrong
                        """),
                Arguments.of("the leaky relu's line", LEAKY, RIGHT_TOP + """
                        dZ1 = dA1 * ((Z1 > 0) + 0.1 * (Z1 <= 0))  // expect: CORRECT
                        """ + RIGHT_BOTTOM),
                Arguments.of("the dropout sample's lines", "samples/dropout.nn", """
                        dZ3 = A3 - Y                            // expect: CORRECT
                        dW3 = 1/m * dZ3 @ A2.T                  // expect: CORRECT
                        db3 = 1/m * sum(dZ3, axis=1)            // expect: CORRECT
                        dA2 = W3.T @ dZ3                        // expect: CORRECT
                        dZ2 = dA2 * mask(A2) * (Z2 > 0) / 0.86  // expect: CORRECT
                        dW2 = 1/m * dZ2 @ A1.T                  // expect: CORRECT
                        db2 = 1/m * sum(dZ2, axis=1)            // expect: CORRECT
                        dA1 = W2.T @ dZ2                        // expect: CORRECT
                        dZ1 = dA1 * mask(A1) * (Z1 > 0) / 0.86  // expect: CORRECT
                        dW1 = 1/m * dZ1 @ X.T                   // expect: CORRECT
                        db1 = 1/m * sum(dZ1, axis=1)            // expect: CORRECT
                        """));
    }

    private static final Pattern EXPECT = Pattern.compile("// expect: (\\w+) ?(.*)$");

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachLineGetsItsVerdict(String name, String spec, String equations) throws Exception {
        String specText = spec.startsWith("samples/") ? Files.readString(Path.of(spec), StandardCharsets.UTF_8) : spec;
        Network network = SpecReader.read("case.nn", specText);
        Report report = EquationChecker.check(network,
                SpecReader.readEquations("case.eq", equations, network, Deriver.derivativeNames(network)));
        List<String> lines = equations.lines().toList();
        assertEquals(lines.size(), report.verdicts().size(), name);
        boolean allRight = true;
        for (Verdict v : report.verdicts()) {
            String line = lines.get(v.line().pos().line() - 1);
            Matcher expected = EXPECT.matcher(line);
            assertTrue(expected.find(), line);
            assertEquals(expected.group(1), v.status().name(), line + "\n  " + v.message());
            assertTrue(v.message().contains(expected.group(2)), line + "\n  " + v.message());
            allRight &= v.status() == EquationChecker.Status.CORRECT;
        }
        // A line judged on one side alone passes no more than a wrong one.
        assertEquals(allRight && report.missingParams().isEmpty(), report.passed(), name);
    }
}
