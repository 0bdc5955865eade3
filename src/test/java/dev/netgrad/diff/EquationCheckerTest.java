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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EquationCheckerTest {
    private static final Path DIR = Path.of("src/test/resources/check");

    private static Report check(String eqFile) throws Exception {
        Network planar = SpecReader.read("planar.nn", Files.readString(DIR.resolve("planar.nn"), StandardCharsets.UTF_8));
        String text = Files.readString(DIR.resolve(eqFile), StandardCharsets.UTF_8);
        return EquationChecker.check(planar, SpecReader.readEquations(eqFile, text, planar, Deriver.derivativeNames(planar)));
    }

    private static List<String> numerators(Report r) {
        return r.verdicts().stream().map(v -> v.numerator().map(Numerator::symbol).orElse(v.status().name())).toList();
    }

    @Test
    void theCoursesSetPassesLabelledDlAndDj() throws Exception {
        Report r = check("planar_course.eq");
        assertTrue(r.passed());
        assertEquals(List.of("dL", "dJ", "dJ", "dL", "dL", "dJ", "dJ"), numerators(r));
    }

    @Test
    void theAlternativeSetPassesLabelledDjThroughout() throws Exception {
        Report r = check("planar_alternative.eq");
        assertTrue(r.passed());
        assertEquals(List.of("dJ", "dJ", "dJ", "dJ", "dJ", "dJ", "dJ"), numerators(r));
    }

    @Test
    void doubledOneOverMIsReportedWithWhereTheFirstOneCameFrom() throws Exception {
        Report r = check("planar_mixed.eq");
        assertFalse(r.passed());
        Verdict dW2 = r.verdicts().get(1);
        assertEquals(Status.WRONG, dW2.status());
        assertTrue(dW2.message().contains("applies 1/m twice"), dW2.message());
        assertTrue(dW2.message().contains("dZ2 (line 2)"), dW2.message());
        assertEquals(Status.WRONG, r.verdicts().get(2).status());
        assertEquals(Status.WRONG, r.verdicts().get(5).status());
        assertTrue(r.verdicts().get(5).message().contains("dZ1 (line 6), which is dJ/dZ1 (the 1/m entered at dZ2, line 2)"),
                r.verdicts().get(5).message());
    }

    @Test
    void eachKindOfMistakeIsNamed() throws Exception {
        Report r = check("planar_wrong.eq");
        assertFalse(r.passed());
        List<Verdict> v = r.verdicts();
        assertEquals(Status.CORRECT, v.get(0).status());
        assertTrue(v.get(1).message().contains("has shape 4 x 1, but W2 is 1 x 4: the result is transposed"), v.get(1).message());
        assertTrue(v.get(2).message().contains("1/m of the cost's mean is missing"), v.get(2).message());
        assertEquals(Status.CORRECT, v.get(3).status());
        assertTrue(v.get(4).message().contains("wrong derivative of tanh"), v.get(4).message());
        assertTrue(v.get(4).message().contains("dZ1 = dA1 * (1 - A1^2)"), v.get(4).message());
        assertEquals(Status.HELPER, v.get(5).status());
        assertEquals(Status.CORRECT, v.get(6).status());
        assertTrue(v.get(7).message().contains("constant factor 2"), v.get(7).message());
    }

    /** One checker judges file after file as a fresh check would: no line of one file is left in the next. */
    @Test
    void aCheckerReusedForManyFilesJudgesEachAsAFreshCheckWould() throws Exception {
        Network planar = SpecReader.read("planar.nn", Files.readString(DIR.resolve("planar.nn"), StandardCharsets.UTF_8));
        java.util.function.Function<List<dev.netgrad.spec.EquationLine>, Report> checker = EquationChecker.checker(planar);
        for (String eqFile : List.of("planar_wrong.eq", "planar_course.eq", "planar_mixed.eq", "planar_inherited.eq",
                "planar_alternative.eq", "planar_wrong.eq")) {
            String text = Files.readString(DIR.resolve(eqFile), StandardCharsets.UTF_8);
            var lines = SpecReader.readEquations(eqFile, text, planar, Deriver.derivativeNames(planar));
            Report fresh = EquationChecker.check(planar, lines);
            Report reused = checker.apply(lines);
            assertEquals(fresh.passed(), reused.passed(), eqFile);
            assertEquals(fresh.verdicts().stream().map(v -> v.status() + " " + v.message()).toList(),
                    reused.verdicts().stream().map(v -> v.status() + " " + v.message()).toList(), eqFile);
        }
    }

    @Test
    void aForgottenTransposeOfASquareMatrixIsNamed() throws Exception {
        Network square = SpecReader.read("square.nn", Files.readString(DIR.resolve("square.nn"), StandardCharsets.UTF_8));
        String text = Files.readString(DIR.resolve("square_transpose.eq"), StandardCharsets.UTF_8);
        Report r = EquationChecker.check(square, SpecReader.readEquations("square_transpose.eq", text, square, Deriver.derivativeNames(square)));
        assertTrue(r.verdicts().get(3).message().contains("is missing a transpose: W2 should be W2.T"), r.verdicts().get(3).message());
    }

    @Test
    void aLineRightGivenRightInputsNamesTheWrongLineItInheritsFrom() throws Exception {
        Report r = check("planar_inherited.eq");
        assertFalse(r.passed());
        assertEquals(Status.WRONG, r.verdicts().get(4).status());
        Verdict dW1 = r.verdicts().get(5);
        assertEquals(Status.INHERITED, dW1.status(), dW1.message());
        assertEquals("right, given dZ1; dZ1 (line 7) is wrong", dW1.message());
        Verdict db1 = r.verdicts().get(6);
        assertEquals(Status.WRONG, db1.status(), db1.message());
        assertEquals("is off by a constant factor 2 from dJ/db1 (judged given a right dZ1; dZ1 (line 7) is wrong)",
                db1.message());
        assertEquals(2, r.count(Status.WRONG));
        assertEquals(1, r.count(Status.INHERITED));
    }

    @Test
    void linesThatAreNotFiniteAreWrongAndSayWhere() throws Exception {
        Report r = check("planar_nonfinite.eq");
        assertFalse(r.passed());
        List<Verdict> v = r.verdicts();
        assertEquals("evaluates to Infinity at row 1, column 1 (of the random instance with m = 3), where dL/dZ2 is finite",
                v.get(0).message());
        assertEquals(Status.INHERITED, v.get(1).status(), v.get(1).message());
        assertTrue(v.get(2).message().startsWith("evaluates to Infinity at "), v.get(2).message());
        assertEquals(Status.CORRECT, v.get(3).status());
        assertTrue(v.get(5).message().startsWith("evaluates to -Infinity at "), v.get(5).message());
        assertTrue(v.get(6).message().startsWith("evaluates to NaN at "), v.get(6).message());
    }

    @Test
    void aLineNoMistakeExplainsNamesEachAcceptedNumeratorOnce() throws Exception {
        Report r = check("planar_unrelated.eq");
        assertEquals("does not equal dJ/dW2; netgrad derives dW2 = 1/m * dZ2 @ A1.T", r.verdicts().get(1).message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // a line after planar's right ones | what the checker says of it
        "dX = W1.T @ dZ1 | defines a helper value, not judged: X is an input, and netgrad derives nothing for data",
        "dY = A2 - Y     | defines a helper value, not judged: Y is a target, and netgrad derives nothing for data",
        "H = A2 - Y      | defines a helper value",
        // The loss and the cost were "not judged: the loss does not depend on L".
        "dL = 1          | defines a helper value, not judged: L is the loss itself, where the backward pass starts (dL/dL is 1)",
        "dJ = 1          | defines a helper value, not judged: J is the cost itself, where the backward pass starts (dJ/dJ is 1)",
    })
    void aDerivativeOfDataIsAHelperThatSaysWhyItIsNotJudged(String line, String expected) throws Exception {
        Network planar = SpecReader.read("planar.nn", Files.readString(DIR.resolve("planar.nn"), StandardCharsets.UTF_8));
        String text = Files.readString(DIR.resolve("planar_course.eq"), StandardCharsets.UTF_8) + line + "\n";
        Report r = EquationChecker.check(planar, SpecReader.readEquations("planar.eq", text, planar, Deriver.derivativeNames(planar)));
        Verdict last = r.verdicts().get(r.verdicts().size() - 1);
        assertEquals(Status.HELPER, last.status());
        assertEquals(expected, last.message());
        assertTrue(r.passed());
    }

    /**
     * Planar's lines with a term far smaller than the gradient added: still not rounding, which
     * differs from the reference by about 1e-15 relative. A relative allowance of 1e-8 accepted them
     * all (a regularizer of lambda 1e-9 left out, say), however right the rest of the line.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // planar's line as written | what the checker must say of it
        "dW1 = 1/m * dZ1 @ X.T + 1e-9 * W1       | differs from dJ/dW1 by 1e-9 * W1",
        "dW2 = 1/m * dZ2 @ A1.T * (1 + 1e-10)    | is off by a constant factor 1.0000000001 from dJ/dW2",
        // No regularizer: a term in the param is not named as one's.
        "dW1 = 1/m * dZ1 @ X.T + 0.35/m * W1     | differs from dJ/dW1 by 0.35/m * W1: a term in W1 (such as the regularizer's) is",
        "db1 = 1/m * sum(dZ1, axis=1) + 1e-11 * b1 + 1e-11 | does not equal dJ/db1",
        "dZ1 = dA1 * (1 - A1^2 + 1e-9)           | has the wrong derivative of tanh",
        "dW1 = (dZ1 @ X.T) / m                   | CORRECT",
        "dW2 = 1/m * (A2 - Y) @ A1.T             | CORRECT",
        "dZ1 = dA1 - dA1 * A1 * A1               | CORRECT",
    })
    void aTermFarSmallerThanTheGradientIsStillAMistake(String line, String expected) throws Exception {
        String course = Files.readString(DIR.resolve("planar_course.eq"), StandardCharsets.UTF_8);
        assertJudged(checkWithLine(spec("planar.nn"), course, line), line, expected);
    }

    /**
     * A dZ2 wrong by a term too small to move the lines after it beyond their rounding: dA1 and dZ1 read it
     * and are right as written, and db1 sums dZ1 over the batch. Their values went on as the user's, each
     * within its allowance of the derivative, and db1, a right line, was "off by a constant factor
     * 1.000000000002" from what had piled up. A right line's values now go on as the derivative it equals.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // planar's course line after dZ2 = A2 - Y + 1e-12 | its verdict | a part of its message
        "dZ2 | WRONG     | does not equal dL/dZ2 or dJ/dZ2",
        "dW2 | INHERITED | right, given dZ2; dZ2 (line 2) is wrong",
        "db2 | INHERITED | right, given dZ2; dZ2 (line 2) is wrong",
        "dA1 | CORRECT   | equals dL/dA1",
        "dZ1 | CORRECT   | equals dL/dZ1",
        "dW1 | CORRECT   | equals dJ/dW1",
        "db1 | CORRECT   | equals dJ/db1",
    })
    void aRightLinesRoundingDoesNotPileUpIntoAnErrorOfALaterRightLine(String name, Status status, String message) throws Exception {
        String course = Files.readString(DIR.resolve("planar_course.eq"), StandardCharsets.UTF_8);
        Report r = checkWithLine(spec("planar.nn"), course, "dZ2 = A2 - Y + 1e-12");
        Verdict v = r.verdicts().stream().filter(x -> x.line().name().equals(name)).findFirst().orElseThrow();
        assertEquals(status, v.status(), v.message());
        assertTrue(v.message().contains(message), v.message());
    }

    /**
     * A derivative that netgrad's printed derivation fuses away (dA2 of a sigmoid output with binary cross-entropy,
     * whose dZ2 is A2 - Y) is still shown as netgrad derives it: the message ended "netgrad derives dA2".
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // a line of a file that starts with it   | what the checker must say of it
        "dA2 = -Y/A2                              | does not equal dL/dA2 or dJ/dA2; netgrad derives dA2 = (1 - Y) / (1 - A2) - Y / A2",
        "dA2 = (1 - Y)/(1 - A2)                   | does not equal dL/dA2 or dJ/dA2; netgrad derives dA2 = (1 - Y) / (1 - A2) - Y / A2",
        "dA2 = -Y/A2 - (1 - Y)/(1 - A2)           | has a term of the wrong sign: -Y / A2 - (1 - Y) / (1 - A2) should be -Y / A2 + (1 - Y) / (1 - A2)",
        "dA2 = -Y/A2 + (1 - Y)/(1 - A2)           | CORRECT",
    })
    void aDerivativeTheDerivationFusesAwayIsShownAsDerived(String line, String expected) throws Exception {
        Network planar = spec("planar.nn");
        Report r = EquationChecker.check(planar, SpecReader.readEquations("eq", line + "\n", planar, Deriver.derivativeNames(planar)));
        assertVerdict(verdict(r, line), expected);
    }

    /** The course's L2-regularized classifier: a wrong term in the param itself is named with its size. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // course_mnist_l2's line as written | what the checker must say of it
        // Named against the regularizer's own term: left out, halved (the cost's lambda/(2m) kept) or written twice;
        // each was "a term in W1 (such as the regularizer's) is missing, doubled or scaled wrong".
        "dW1 = 1/m * dZ1 @ X.T                      | differs from dJ/dW1 by -0.7/m * W1: the regularizer's term 0.7/m * W1 is missing;",
        "dW1 = 1/m * dZ1 @ X.T + 1.4/m * W1         | differs from dJ/dW1 by 0.7/m * W1: it has the regularizer's term 0.7/m * W1 twice;",
        "dW1 = 1/m * dZ1 @ X.T + 0.7/(2*m) * W1     | differs from dJ/dW1 by -0.35/m * W1: its term in W1 is half the regularizer's"
            + " 0.7/m * W1 (the derivative of W1^2 is 2 * W1, which cancels the cost's 1/2)",
        "dW2 = 1/m * dZ2 @ A1.T + 0.7/m * W2 + 0.7/m * W2 | it has the regularizer's term 0.7/m * W2 twice",
        "dW1 = 1/m * dZ1 @ X.T + 0.5/m * W1         | differs from dJ/dW1 by -0.2/m * W1: a term in W1 (such as the regularizer's)",
        "dW1 = 1/m * dZ1 @ X.T + 0.7 * W1           | differs from dJ/dW1 by (0.7 - 0.7/m) * W1: a term 0.7 * W1 is missing its 1/m"
            + " (the regularizer's is 0.7/m * W1)",
        "dW1 = 1/m * dZ1 @ X.T + 0.5 * W1           | differs from dJ/dW1 by (0.5 - 0.7/m) * W1: a term in W1",
        "dW2 = 1/m * dZ2 @ A1.T + 0.7/m * W2 + 0.3 * W2 | differs from dJ/dW2 by 0.3 * W2",
        "dW3 = m * (dZ3 @ A2.T + 0.7 * W3)          | is m^2 * dJ/dW3: off by a factor of m^2",
        "dW1 = (0.7 * W1 + dZ1 @ X.T) / m           | CORRECT",
    })
    void aWrongTermInTheParamItselfIsNamed(String line, String expected) throws Exception {
        Network mnist = spec("course_mnist_l2.nn");
        assertJudged(checkWithLine(mnist, derived(mnist), line), line, expected);
    }

    /**
     * Twenty sigmoid layers of 4 units: the first layer's gradients are about 1e-13 on the random
     * instances, below what was once an absolute allowance for rounding, so every line there passed,
     * right or wrong. Each wrong line is still named, and the derived lines still pass.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the first layer's line as written | what the checker must say of it
        "dW1 = 1/m * dZ1 @ X.T             | CORRECT",
        "dW1 = dZ1 @ X.T                   | the 1/m of the cost's mean is missing",
        "db1 = 1/m * 1/m * sum(dZ1, axis=1) | applies 1/m twice",
        "dW1 = 0 * dZ1 @ X.T               | is 0 on every entry, where dJ/dW1 is not",
        "dW1 = 1/m * 2 * dZ1 @ X.T         | off by a constant factor 2",
        "dW1 = 1/m * dZ1 @ X.T + 1e-18     | does not equal dJ/dW1",
    })
    void smallGradientsOfADeepNetworkAreJudgedAsStrictlyAsLargeOnes(String line, String expected) throws Exception {
        StringBuilder spec = new StringBuilder("network DeepSigmoid {\n  input X[4]\n  target Y[1]\n");
        spec.append("  dense 4 sigmoid\n".repeat(20)).append("  dense 1 sigmoid\n  loss cross_entropy\n}\n");
        Network deep = SpecReader.read("deep.nn", spec.toString());
        Report r = checkWithLine(deep, derived(deep), line);
        assertJudged(r, line, expected);
        assertEquals(expected.equals("CORRECT") ? 0 : 1, r.count(Status.WRONG));
    }

    /**
     * netgrad's line for a batchnorm's dZ1 reads derive's helper derivatives (dZn1_c, dZn1_mean): a
     * user who wrote the backward pass without them is told where they are.
     */
    @Test
    void theRightLineSaysWhereTheDerivativesItReadsAreWhenTheUsersLinesHaveNone() throws Exception {
        Network bn = SpecReader.read("batchnorm.nn", Files.readString(Path.of("samples/batchnorm.nn"), StandardCharsets.UTF_8));
        String wrong = "dZ1 = dZn1 * gamma1 / Zn1_std";
        String full = derived(bn);
        String without = full.lines().filter(l -> !l.matches("dZn1_(std|c|mean) = .*")).collect(Collectors.joining("\n"));
        // Expected: the pointer only where the user's lines lack the names.
        assertTrue(verdict(checkWithLine(bn, without, wrong), wrong).message().endsWith(
                "netgrad derives dZ1 = dZn1_c + dZn1_mean / m (with dZn1_c, dZn1_mean as `netgrad derive` prints them)"));
        assertTrue(verdict(checkWithLine(bn, full, wrong), wrong).message().endsWith(
                "netgrad derives dZ1 = dZn1_c + dZn1_mean / m"));
    }

    /** The verdict on {@code line} in netgrad's own derivation of the spec in {@code specFile}, the line put in place of its own. */
    private static Verdict verdictInDerivation(String specFile, String line) throws Exception {
        Report r = checkWithLine(spec(specFile), derived(spec(specFile)), line);
        return verdict(r, line);
    }

    private static Network spec(String specFile) throws Exception {
        Path file = specFile.startsWith("samples/") ? Path.of(specFile) : DIR.resolve(specFile);
        return SpecReader.read(specFile, Files.readString(file, StandardCharsets.UTF_8));
    }

    /** netgrad's own equations for {@code net}, as derive prints them (loss convention). */
    private static String derived(Network net) {
        return TextPrinter.print(Deriver.derive(net, Convention.LOSS));
    }

    /** Checks the equations {@code base} with {@code line} put in place of the line of its name. */
    private static Report checkWithLine(Network net, String base, String line) throws Exception {
        String name = nameOf(line);
        StringBuilder eq = new StringBuilder();
        for (String written : base.split("\n")) {
            eq.append(written.startsWith(name + " = ") ? line : written).append('\n');
        }
        return EquationChecker.check(net, SpecReader.readEquations("eq", eq.toString(), net, Deriver.derivativeNames(net)));
    }

    private static String nameOf(String line) {
        return line.substring(0, line.indexOf('=')).trim();
    }

    /** The verdict on the line of {@code line}'s name. */
    private static Verdict verdict(Report r, String line) {
        return r.verdicts().stream().filter(x -> x.line().name().equals(nameOf(line))).findFirst().orElseThrow();
    }

    /** {@code expected} is CORRECT, or the whole message of a WRONG verdict. */
    private static void assertVerdict(Verdict v, String expected) {
        if (expected.equals("CORRECT")) {
            assertEquals(Status.CORRECT, v.status(), v.message());
        } else {
            assertEquals(Status.WRONG, v.status(), v.message());
            assertEquals(expected, v.message());
        }
    }

    /** {@code expected} is CORRECT (and the whole check passes), or a part of the message of a WRONG verdict. */
    private static void assertJudged(Report r, String line, String expected) {
        Verdict v = verdict(r, line);
        if (expected.equals("CORRECT")) {
            assertEquals(Status.CORRECT, v.status(), v.message());
            assertTrue(r.passed());
        } else {
            assertEquals(Status.WRONG, v.status(), v.message());
            assertTrue(v.message().contains(expected), v.message());
        }
    }

    /**
     * A per-example value off by a sign or a constant is named against dL/dV, the derivative it is:
     * Y - A2 is -m * dJ/dZ2, which no constant times dJ/dZ2 explains, and was "does not equal".
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // spec | the line as written | what the checker must say of it
        "planar.nn | dZ2 = Y - A2                           | has the wrong sign: it equals -dL/dZ2",
        "planar.nn | dZ2 = 2 * (A2 - Y)                     | is off by a constant factor 2 from dL/dZ2",
        "planar.nn | dZ2 = (Y - A2) / m                     | has the wrong sign: it equals -dJ/dZ2",
        "planar.nn | dZ1 = -dA1 * (1 - A1^2)                | has the wrong sign: it equals -dL/dZ1",
        "planar.nn | dW2 = -1/m * dZ2 @ A1.T                | has the wrong sign: it equals -dJ/dW2",
        "course_deep_dropout.nn | dZ1 = dA1 * mask(A1) * (Z1 > 0) | is off by a constant factor 0.8 from dL/dZ1: the 1/0.8"
            + " of the dropout (A1 = dropout(..., 0.8), line 7 of the spec) is missing",
        // The same keep on every layer: the dropout named is the one whose mask the line reads.
        "course_deep_dropout.nn | dZ2 = dA2 * mask(A2) * (Z2 > 0) / 0.8 / 0.8 | is off by a constant factor 1.25 from dL/dZ2:"
            + " the 1/0.8 of the dropout (A2 = dropout(..., 0.8), line 8 of the spec) is applied twice",
        // The keep multiplied in where inverted dropout divides: off by keep^2.
        "course_deep_dropout.nn | dZ2 = dA2 * mask(A2) * (Z2 > 0) * 0.8 | is off by a constant factor 0.64 from dL/dZ2:"
            + " the line multiplies by 0.8 where the dropout (A2 = dropout(..., 0.8), line 8 of the spec) divides by it:"
            + " inverted dropout scales what it keeps by 1/0.8",
        "samples/dropout.nn | dZ3 = 0.7396 * (A3 - Y)       | is off by a constant factor 0.7396 from dL/dZ3",
        "planar.nn | dZ2 = 0.8 * (A2 - Y)                   | is off by a constant factor 0.8 from dL/dZ2",
        // A keep no dropout on the line's path has: a plain constant, where the 1/0.86 of A1's dropout was named.
        "samples/dropout.nn | dZ3 = 0.86 * (A3 - Y)         | is off by a constant factor 0.86 from dL/dZ3",
        "samples/dropout.nn | dA2 = 0.86 * W3.T @ dZ3       | is off by a constant factor 0.86 from dL/dA2",
        "nested_dropout.nn | dZ3 = 0.8 * (A3 - Y)           | is off by a constant factor 0.8 from dL/dZ3",
    })
    void aSignOrConstantFactorOfAPerExampleValueIsNamedAgainstDl(String spec, String line, String expected) throws Exception {
        Verdict v = verdictInDerivation(spec, line);
        assertEquals(Status.WRONG, v.status(), v.message());
        assertEquals(expected, v.message());
    }

    /**
     * A wrong line stands, for the lines after it, for its right value in the numerator it meant:
     * the one it equals given right inputs, else that of the derivatives it reads, or, reading none,
     * the one nearer its size. Standing for
     * whichever fitted, it let a later line without its 1/m, or with it twice, pass as "right, given".
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // planar's lines as written | the line judged | what the checker must say of it
        "dZ2 = A2 - Y; dA1 = W2.T @ dZ2; dZ1 = dA1 * A1 * (1 - A1); dW1 = dZ1 @ X.T | dW1 | the 1/m of the cost's mean"
            + " is missing on this path. dZ1 is taken as dL/dZ1, without 1/m",
        "dZ2 = (A2 - Y) / m; dA1 = W2.T @ dZ2; dZ1 = dA1 * A1 * (1 - A1); db1 = 1/m * sum(dZ1, axis=1) | db1 | applies"
            + " 1/m twice: it equals 1/m * dJ/db1. The first 1/m is already in dZ1 (line 1), taken as dJ/dZ1",
        "dZ2 = Y - A2; db2 = sum(dZ2, axis=1)                                       | db2 | the 1/m of the cost's mean"
            + " is missing on this path. dZ2 is taken as dL/dZ2",
        "dZ2 = A2 - Y; dA1 = W2.T @ dZ2; dZ1 = dA1 * A1 * (1 - A1); dW1 = 1/m * dZ1 @ X.T | dW1 | INHERITED",
        "dZ2 = (Y - A2) / m; dW2 = dZ2 @ A1.T                                       | dW2 | INHERITED",
        "dZ2 = Y - A2; dA1 = W2.T @ dZ2 / m; dZ1 = dA1 * (1 - A1^2); dW1 = 1/m * dZ1 @ X.T | dW1 | applies 1/m twice:"
            + " it equals 1/m * dJ/dW1. The first 1/m is already in dZ1 (line 1), taken as dJ/dZ1",
    })
    void aLineAfterAWrongOneIsJudgedInTheNumeratorTheWrongOneMeant(String lines, String name, String expected)
            throws Exception {
        Verdict v = planarVerdict(lines, name);
        if (expected.equals("INHERITED")) {
            assertEquals(Status.INHERITED, v.status(), v.message());
        } else {
            assertEquals(Status.WRONG, v.status(), v.message());
            assertTrue(v.message().contains(expected), v.message());
        }
    }

    /**
     * A wrong line that puts in the cost's 1/m itself while reading dL/dZ2 means dJ/dZ1: it is told
     * so, and the lines after it that apply no 1/m of their own are right given it. It was taken as
     * meaning dL/dZ1, as its input is, and dW1 = dZ1 @ X.T was told its 1/m is missing.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // planar's lines after dZ2 = A2 - Y | the line judged | what the checker must say of it
        "dZ1 = 1/m * W2.T @ dZ2 * (1 - A1)^2; dW1 = dZ1 @ X.T | dZ1 | has the wrong derivative of tanh: for A1 = tanh(Z1),"
            + " dZ1 = 1/m * W2.T @ dZ2 * (1 - A1^2). It also mixes the conventions, applying the cost's 1/m too early: dZ2 is"
            + " dL/dZ2, so dZ1 stands for dJ/dZ1 in the lines after it (in the course's notation dZ1 is dL/dZ1, and the 1/m"
            + " enters at the params' lines)",
        "dZ1 = 1/m * W2.T @ dZ2 * (1 - A1)^2; dW1 = dZ1 @ X.T | dW1 | right, given dZ1; dZ1 (line 1) is wrong",
        "dZ1 = 1/m * W2.T @ dZ2 * (1 - A1)^2; db1 = sum(dZ1, axis=1) | db1 | right, given dZ1; dZ1 (line 1) is wrong",
        "dA1 = W2.T @ dZ2 / m; dZ1 = dA1 * A1; dW1 = dZ1 @ X.T | dW1 | right, given dZ1; dZ1 (line 1) is wrong",
        "dZ1 = 1/m * W2.T @ dZ2 * (1 - A1)^2; dW1 = 1/m * dZ1 @ X.T | dW1 | applies 1/m twice: it equals 1/m * dJ/dW1."
            + " The first 1/m is already in dZ1 (line 1), taken as dJ/dZ1; write dW1 without 1/m, or make dZ1 dL/dZ1."
            + " (judged given a right dZ1; dZ1 (line 1) is wrong)",
        "dZ1 = W2.T @ dZ2 * (1 - A1)^2; dW1 = dZ1 @ X.T | dW1 | is d(sum L)/dW1, not dJ/dW1: the 1/m of the cost's mean is"
            + " missing on this path. dZ1 is taken as dL/dZ1, without 1/m; multiply by 1/m here, as in dW1 = 1/m * dZ1 @ X.T."
            + " (judged given a right dZ1; dZ1 (line 1) is wrong)",
    })
    void aWrongLineWithItsOwnOneOverMIsTakenAsDjAndSaysItMixesConventions(String lines, String name, String expected)
            throws Exception {
        Verdict v = planarVerdict("dZ2 = A2 - Y; " + lines, name);
        assertEquals(expected, v.message());
    }

    /**
     * A 1/m applied twice in the cost convention names what the line holding the first would be without it: dL/dZ2
     * for a per-example value, d(sum L)/dZn1 for one that couples the examples. After a batchnorm it said "or make
     * dZn1 dL/dZn1", a numerator such a value has not.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // spec | the line put in place of netgrad's own (convention cost) | what the checker must say of it
        "planar.nn            | dW2 = 1/m * dZ2 @ A1.T | applies 1/m twice: it equals 1/m * dJ/dW2. The first 1/m is already"
            + " in dZ2 (line 2), which is dJ/dZ2; write dW2 without 1/m, or make dZ2 dL/dZ2.",
        "samples/batchnorm.nn | dbeta1 = 1/m * sum(dZn1, axis=1) | applies 1/m twice: it equals 1/m * dJ/dbeta1. The first 1/m"
            + " is already in dZn1 (line 10), which is dJ/dZn1 (the 1/m entered at dZ2, line 6); write dbeta1 without 1/m, or"
            + " make dZn1 d(sum L)/dZn1.",
    })
    void aOneOverMTwiceNamesTheNumeratorWithoutIt(String spec, String line, String expected) throws Exception {
        Network net = spec(spec);
        String base = TextPrinter.print(Deriver.derive(net, Convention.COST)).replaceAll("(?m)\\s*//.*$", "");
        assertTrue(base.contains(nameOf(line) + " = "), base);
        assertVerdict(verdict(checkWithLine(net, base, line), line), expected);
    }

    /**
     * A line right given right inputs names every wrong line behind it, in line order: the ones it reads
     * and those with mistakes of their own that they depend on. It named only the nearest (dW1 named
     * dZ1, though dZ1 was wrong only through dZ2), and two it read in the order the expression read them.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // planar's lines (\\n between them)                                            | the line judged | what the checker must say of it
        "dZ2 = A2 - Y\\ndA1 = W2.T @ dZ2\\ndZ1 = dA1 * A1 * (1 - A1)\\ndW1 = 1/m * dZ1 @ X.T | dW1"
            + " | right, given dZ1; dZ1 (line 3) is wrong",
        "dZ2 = 2 * (A2 - Y)\\ndA1 = W2.T @ dZ2\\ndZ1 = dA1 * (1 - A1^2)\\ndW1 = 1/m * dZ1 @ X.T | dZ1"
            + " | right, given dA1; dZ2 (line 1) and dA1 (line 2) are wrong",
        "dZ2 = 2 * (A2 - Y)\\ndA1 = W2.T @ dZ2\\ndZ1 = dA1 * (1 - A1^2)\\ndW1 = 1/m * dZ1 @ X.T | dW1"
            + " | right, given dZ1; dZ2 (line 1) and dZ1 (line 3) are wrong",
        "dZ2 = 2 * (A2 - Y)\\ndA1 = W2.T @ dZ2\\ndZ1 = dA1 * A1 * (1 - A1)\\ndW1 = 1/m * dZ1 @ X.T | dW1"
            + " | right, given dZ1; dZ2 (line 1) and dZ1 (line 3) are wrong",
        "dZ2 = 2 * (A2 - Y)\\nH = dZ2 / 2\\ndZ1 = W2.T @ dZ2 * A1\\ndW1 = 1/m * (dZ1 + 0 * W2.T @ H) @ X.T | dW1"
            + " | right, given dZ2 and dZ1; dZ2 (line 1) and dZ1 (line 3) are wrong",
        "dZ2 = 2 * (A2 - Y)\\ndA1 = 3 * W2.T @ dZ2\\ndZ1 = dA1 * A1 * (1 - A1)\\ndW1 = 1/m * dZ1 @ X.T | dW1"
            + " | right, given dZ1; dZ2 (line 1), dA1 (line 2) and dZ1 (line 3) are wrong",
    })
    void aLineRightGivenRightInputsNamesEveryWrongLineBehindItInLineOrder(String lines, String name, String expected)
            throws Exception {
        Network planar = SpecReader.read("planar.nn", Files.readString(DIR.resolve("planar.nn"), StandardCharsets.UTF_8));
        Report r = EquationChecker.check(planar, SpecReader.readEquations("planar.eq", lines.replace("\\n", "\n") + "\n",
                planar, Deriver.derivativeNames(planar)));
        Verdict v = r.verdicts().stream().filter(x -> x.line().name().equals(name)).findFirst().orElseThrow();
        assertEquals(expected, v.message());
    }

    /** The verdict on line {@code name} of planar's equations {@code lines} (separated by ';'). */
    private static Verdict planarVerdict(String lines, String name) throws Exception {
        Network planar = SpecReader.read("planar.nn", Files.readString(DIR.resolve("planar.nn"), StandardCharsets.UTF_8));
        Report r = EquationChecker.check(planar, SpecReader.readEquations("planar.eq", lines + "\n", planar,
                Deriver.derivativeNames(planar)));
        return r.verdicts().stream().filter(x -> x.line().name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * A wrong activation derivative is named when the line has no dA1 to read but writes it out
     * (W2.T @ dZ2), as the course's own dZ1 line does, or leaves the derivative out.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // planar's dZ1 after dZ2 = A2 - Y | what the checker must say of it
        "dZ1 = W2.T @ dZ2 * A1 * (1 - A1)     | has the wrong derivative of tanh (W2.T @ dZ2 * A1 * (1 - A1) is sigmoid's): for"
            + " A1 = tanh(Z1), dZ1 = W2.T @ dZ2 * (1 - A1^2)",
        "dZ1 = (W2.T @ dZ2) * (1 - Z1^2)      | has the wrong derivative of tanh (with Z1 where the derivative in terms of"
            + " the output reads A1): for A1 = tanh(Z1), dZ1 = W2.T @ dZ2 * (1 - A1^2)",
        "dZ1 = W2.T @ dZ2 * (1 - A1)^2        | has the wrong derivative of tanh: for A1 = tanh(Z1), dZ1 = W2.T @ dZ2 * (1 - A1^2)",
        "dZ1 = W2.T @ dZ2                     | has the wrong derivative of tanh: for A1 = tanh(Z1), dZ1 = W2.T @ dZ2 * (1 - A1^2)",
        "dZ1 = W2.T @ (A2 - Y) * (1 - A1)     | has the wrong derivative of tanh: for A1 = tanh(Z1), dZ1 = W2.T @ (A2 - Y) * (1 - A1^2)",
        "dZ1 = W2.T @ dZ2 * (1 - tanh(Z1)^2)  | CORRECT",
    })
    void aWrongActivationDerivativeIsNamedWithoutADaLine(String line, String expected) throws Exception {
        assertVerdict(planarVerdict("dZ2 = A2 - Y; " + line, "dZ1"), expected);
    }

    /**
     * A bias before a batchnorm has a gradient that is zero in exact arithmetic, and its rounding
     * noise grows with the loss's scale: with the loss times 1e6 it is about 1e-9, above what was a
     * fixed ceiling of 1e-12 for rounding, and netgrad's own db1 was judged wrong.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the bias's line as written | what the checker must say of it
        "db1 = 1/m * sum(dZ1, axis=1)             | CORRECT",
        "db1 = mean(dZ1, axis=1)                  | CORRECT",
        "db1 = 0 * b1                             | CORRECT",
        "db1 = 1/m * sum(dZ1, axis=1) + 1e-3 * b1 | does not equal dJ/db1",
    })
    void aGradientZeroInExactArithmeticIsJudgedByItsNoiseAtAnyScale(String line, String expected) throws Exception {
        Network net = SpecReader.read("bn.nn", """
                network BiasBeforeBatchnorm {
                  input X[4]; target Y[3]
                  param W1[16, 4]; param b1[16]; param gamma1[16] init ones; param beta1[16]
                  param W2[3, 16]; param b2[3]
                  Z1 = W1 @ X + b1
                  Zn1 = batchnorm(Z1, gamma1, beta1)
                  A1 = relu(Zn1)
                  Z2 = W2 @ A1 + b2
                  loss L = -1e6 * sum(Y * log_softmax(Z2), axis=0)
                  cost J = mean(L)
                }
                """);
        assertJudged(checkWithLine(net, derived(net), line), line, expected);
    }

    /**
     * The course's dA2 = dA2 * D2 / keep_prob, written as one line: the derivative before the
     * dropout, not of its result. It was "does not equal dL/dA3 or dJ/dA3".
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // course_deep_dropout's line as written | what the checker must say of it
        "dA3 = W4.T @ dZ4 * mask(A3) / 0.8     | applies the dropout mask already: it equals dL/dA3 * mask(A3) / 0.8, the"
            + " derivative of relu(Z3) before the dropout. dA3 is the derivative of A3 itself (netgrad derives dA3 ="
            + " W4.T @ dZ4); the mask and the 1/0.8 go in the next line, as in dZ3 = 1.25 * dA3 * mask(A3) * (Z3 > 0).",
        "dA3 = W4.T @ dZ4 * mask(A3)           | applies the dropout mask already: it equals dL/dA3 * mask(A3), the"
            + " derivative of relu(Z3) before the dropout. dA3 is the derivative of A3 itself (netgrad derives dA3 ="
            + " W4.T @ dZ4); the mask and the 1/0.8 go in the next line, as in dZ3 = 1.25 * dA3 * mask(A3) * (Z3 > 0).",
    })
    void aDaLineWithTheDropoutMaskAppliedSaysWhereTheMaskBelongs(String line, String expected) throws Exception {
        Verdict v = verdictInDerivation("course_deep_dropout.nn", line);
        assertEquals(Status.WRONG, v.status(), v.message());
        assertEquals(expected, v.message());
    }

    /**
     * With a cost J = sum(L) no 1/m belongs anywhere: a line with one is named as such, not as
     * "applies 1/m twice. The first 1/m is already in dZ2", which has none.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // planar's line, the cost a sum | what the checker must say of it
        "dW2 = 1/m * dZ2 @ A1.T       | is 1/m * dJ/dW2: the cost J = sum(L) is not a mean, so no 1/m or m belongs in dW2;"
            + " netgrad derives dW2 = dZ2 @ A1.T",
        "dZ2 = (A2 - Y) / m           | is 1/m * dJ/dZ2: the cost J = sum(L) is not a mean, so no 1/m or m belongs in dZ2;"
            + " netgrad derives dZ2 = A2 - Y",
        "db1 = m * sum(dZ1, axis=1)   | is m * dJ/db1: the cost J = sum(L) is not a mean, so no 1/m or m belongs in db1;"
            + " netgrad derives db1 = sum(dZ1, axis=1)",
        "dW1 = m^2 * dZ1 @ X.T        | is m^2 * dJ/dW1: the cost J = sum(L) is not a mean, so no 1/m or m belongs in dW1;"
            + " netgrad derives dW1 = dZ1 @ X.T",
        "dW1 = -dZ1 @ X.T             | has the wrong sign: it equals -dJ/dW1",
    })
    void aFactorOfMUnderASumCostIsNamedWithoutAFirstOneOverM(String line, String expected) throws Exception {
        String spec = Files.readString(DIR.resolve("planar.nn"), StandardCharsets.UTF_8).replace("cost J = mean(L)", "cost J = sum(L)");
        Network net = SpecReader.read("planar_sum.nn", spec);
        Verdict v = verdict(checkWithLine(net, derived(net), line), line);
        assertEquals(Status.WRONG, v.status(), v.message());
        assertEquals(expected, v.message());
    }

    /**
     * Gradients far from 1 (a 300-layer sigmoid network's first layer is about 1e-239): the sums of
     * squares that compare them underflowed to 0 (or overflowed), and a line without its 1/m
     * "equalled" dJ/dW1. Each line is put in place of its own in netgrad's derivation.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // scale in Z1 = scale * (W1 @ X) + b1 | the line as written | what the checker must say of it
        "1e-200 | dW1 = 1/m * 1e-200 * dZ1 @ X.T       | CORRECT",
        "1e-200 | dW1 = 1e-200 * dZ1 @ X.T             | is d(sum L)/dW1, not dJ/dW1: the 1/m of the cost's mean is missing",
        "1e-200 | dW1 = 1/m * 1/m * 1e-200 * dZ1 @ X.T | applies 1/m twice",
        "1e200  | dW1 = 1/m * 1e200 * dZ1 @ X.T        | CORRECT",
        "1e200  | dW1 = 1e200 * dZ1 @ X.T              | is d(sum L)/dW1, not dJ/dW1: the 1/m of the cost's mean is missing",
    })
    void gradientsNearTheEndsOfTheDoublesAreJudgedAsOthers(String scale, String line, String expected) throws Exception {
        Network net = SpecReader.read("tiny.nn", """
                network Tiny {
                  input X[3]
                  target Y[1]
                  param W1[1, 3]
                  param b1[1]
                  Z1 = SCALE * (W1 @ X) + b1
                  A1 = sigmoid(Z1)
                  loss L = -(Y * log(A1) + (1 - Y) * log(1 - A1))
                  cost J = mean(L)
                }
                """.replace("SCALE", scale));
        Verdict v = verdict(checkWithLine(net, derived(net), line), line);
        if (expected.equals("CORRECT")) {
            assertEquals(Status.CORRECT, v.status(), v.message());
        } else {
            assertEquals(Status.WRONG, v.status(), v.message());
            assertTrue(v.message().startsWith(expected), v.message());
        }
    }

    /**
     * Mistakes with a name of their own that were "does not equal": a batch size written for m, the
     * regularizer's 1/m applied twice, a dropout left out of the backward pass, softmax's derivative
     * written as sigmoid's, a batchnorm's dZ without the mean's or the variance's term, a batch size
     * written for m beside a right regularizer term. Each line is put in place of its own in netgrad's derivation of the spec.
     */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        // spec | the line as written | what the checker must say of it
        "course_mnist_l2.nn | dW2 = 1/128 * (dZ2 @ A1.T + 0.7 * W2) | has a fixed 1/128 where 1/m belongs: it is m/128 * dJ/dW2,"
            + " right only for a batch of 128 examples; netgrad derives dW2 = 1/m * dZ2 @ A1.T + 0.7/m * W2",
        "planar.nn          | db2 = 1/400 * sum(dZ2, axis=1)   | has a fixed 1/400 where 1/m belongs: it is m/400 * dJ/db2,"
            + " right only for a batch of 400 examples; netgrad derives db2 = 1/m * sum(dZ2, axis=1)",
        "planar.nn          | dZ2 = (A2 - Y) / 64              | has a fixed 1/64 where 1/m belongs: it is m/64 * dJ/dZ2,"
            + " right only for a batch of 64 examples; netgrad derives dZ2 = A2 - Y",
        "planar.nn          | dZ2 = 0.5 * (A2 - Y)             | is off by a constant factor 0.5 from dL/dZ2",
        "course_mnist_l2.nn | dW3 = 1/m * dZ3 @ A2.T + 0.7/m^2 * W3 | differs from dJ/dW3 by (0.7/m^2 - 0.7/m) * W3: a term"
            + " 0.7/m^2 * W3 has 1/m twice (the regularizer's is 0.7/m * W3); netgrad derives dW3 = 1/m * dZ3 @ A2.T + 0.7/m * W3",
        // Both the mask and the 1/0.8 left out: named both (was "is missing the dropout mask", as for the mask alone).
        "course_deep_dropout.nn | dZ1 = dA1 * (Z1 > 0)         | is missing the dropout mask and its 1/0.8: A1 ="
            + " dropout(relu(Z1), 0.8) keeps only the entries where mask(A1) is 1, scaled by 1/0.8, and the derivative flows"
            + " back through those alone; netgrad derives dZ1 = 1.25 * dA1 * mask(A1) * (Z1 > 0)",
        "course_deep_dropout.nn | dZ1 = dA1 * (Z1 > 0) / 0.8   | is missing the dropout mask: A1 = dropout(relu(Z1), 0.8) keeps"
            + " only the entries where mask(A1) is 1, scaled by 1/0.8, and the derivative flows back through those alone;"
            + " netgrad derives dZ1 = 1.25 * dA1 * mask(A1) * (Z1 > 0)",
        "softmax.nn         | dZ2 = dA2 * A2 * (1 - A2)        | has the wrong derivative of softmax (dA2 * A2 * (1 - A2) is"
            + " sigmoid's): for A2 = softmax(Z2), dZ2 = A2 * (dA2 - sum(dA2 * A2, axis=0))",
        "samples/batchnorm.nn | dZ1 = dZn1 * gamma1 / Zn1_std | leaves out both batch terms, the mean's term -gamma1 / Zn1_std"
            + " * mean(dZn1, axis=1) and the variance's term -gamma1 / Zn1_std * Zn1_hat * mean(dZn1 * Zn1_hat, axis=1), of"
            + " Zn1 = batchnorm(Z1, gamma1, beta1): the batch's mean and variance are computed from every example's Z1, so dZ1"
            + " has a term through each (Zn1_std, Zn1_hat as `netgrad derive` prints them); netgrad derives dZ1 = dZn1_c"
            + " + dZn1_mean / m",
        "samples/batchnorm.nn | dZ1 = gamma1 / Zn1_std * (dZn1 - mean(dZn1, axis=1)) | leaves out the variance's term -gamma1"
            + " / Zn1_std * Zn1_hat * mean(dZn1 * Zn1_hat, axis=1), of Zn1 = batchnorm(Z1, gamma1, beta1): the batch's"
            + " variance is computed from every example's Z1, so dZ1 has a term through it (Zn1_std, Zn1_hat as `netgrad"
            + " derive` prints them); netgrad derives dZ1 = dZn1_c + dZn1_mean / m",
        "samples/batchnorm.nn | dZ1 = gamma1 / Zn1_std * (dZn1 - Zn1_hat * mean(dZn1 * Zn1_hat, axis=1)) | leaves out the"
            + " mean's term -gamma1 / Zn1_std * mean(dZn1, axis=1), of Zn1 = batchnorm(Z1, gamma1, beta1): the batch's mean is"
            + " computed from every example's Z1, so dZ1 has a term through it (Zn1_std as `netgrad derive` prints it);"
            + " netgrad derives dZ1 = dZn1_c + dZn1_mean / m",
        "samples/regularized.nn | dW2 = 1/128 * dZ2 @ A1.T + lambda/m * W2 | has a fixed 1/128 where 1/m belongs in the term"
            + " other than 0.7/m * W2: it is m/128 * (dJ/dW2 - 0.7/m * W2) + 0.7/m * W2, right only for a batch of 128"
            + " examples; netgrad derives dW2 = 1/m * dZ2 @ A1.T + lambda/m * W2",
        // The least batch size named is 2; a constant 1/2 times 1/m is no batch size, whatever the first instance's m.
        "samples/regularized.nn | dW2 = 1/2 * dZ2 @ A1.T + lambda/m * W2 | has a fixed 1/2 where 1/m belongs in the term"
            + " other than 0.7/m * W2: it is m/2 * (dJ/dW2 - 0.7/m * W2) + 0.7/m * W2, right only for a batch of 2"
            + " examples; netgrad derives dW2 = 1/m * dZ2 @ A1.T + lambda/m * W2",
        "samples/regularized.nn | dW2 = 0.5/m * dZ2 @ A1.T + lambda/m * W2 | does not equal dJ/dW2; netgrad derives"
            + " dW2 = 1/m * dZ2 @ A1.T + lambda/m * W2",
        // The course's slip beside a right regularizer term: the other term's 1/m left out, or applied twice (were "does not equal").
        "samples/regularized.nn | dW2 = dZ2 @ A1.T + lambda/m * W2 | is missing the cost's 1/m in the term other than"
            + " 0.7/m * W2: it is m * (dJ/dW2 - 0.7/m * W2) + 0.7/m * W2; netgrad derives dW2 = 1/m * dZ2 @ A1.T + lambda/m * W2",
        "samples/regularized.nn | dW2 = 1/m * 1/m * dZ2 @ A1.T + lambda/m * W2 | applies 1/m twice in the term other than"
            + " 0.7/m * W2: it is 1/m * (dJ/dW2 - 0.7/m * W2) + 0.7/m * W2; netgrad derives dW2 = 1/m * dZ2 @ A1.T + lambda/m * W2",
        // The term in W2 wrong besides: two mistakes, not named as one.
        "samples/regularized.nn | dW2 = 1/128 * dZ2 @ A1.T + 0.5/m * W2 | does not equal dJ/dW2; netgrad derives"
            + " dW2 = 1/m * dZ2 @ A1.T + lambda/m * W2",
        // An m too many in a per-example or a batch-sum value: no 1/m of the cost belongs there, so none is missing (was
        // "is m^2 * dJ/dZ2: off by a factor of m^2, the 1/m of the cost's mean missing and an m multiplied in besides").
        "planar.nn          | dZ2 = m * (A2 - Y)               | is m * dL/dZ2: off by a factor of m, an m multiplied in;"
            + " netgrad derives dZ2 = A2 - Y",
        // the course's batchnorm formula without its 1/m in front
        "samples/batchnorm.nn | dZ1 = Zn1_std^(-1) * (m * dZn1 * gamma1 - sum(dZn1 * gamma1, axis=1) - Zn1_hat * sum(dZn1 * gamma1"
            + " * Zn1_hat, axis=1)) | is m * d(sum L)/dZ1: off by a factor of m, an m multiplied in; netgrad derives dZ1 ="
            + " dZn1_c + dZn1_mean / m",
        // An activation's derivative put in the dA of its output instead of the next line's dZ (was "does not equal").
        "planar.nn          | dA1 = W2.T @ dZ2 * (1 - A1^2)    | applies tanh's derivative already: it equals dZ1 = dA1 * (1 -"
            + " A1^2), where that derivative belongs. dA1 is the derivative of A1 itself: netgrad derives dA1 = W2.T @ dZ2",
        "learner_deep.nn    | dA2 = W3.T @ dZ3 * (Z2 > 0)      | applies relu's derivative already: it equals dZ2 = dA2 * (Z2 >"
            + " 0), where that derivative belongs. dA2 is the derivative of A2 itself: netgrad derives dA2 = W3.T @ dZ3",
        // leaky_relu, no elementwise function of one argument, as well (A2 = leaky_relu(Z2)).
        "one_unit_dropout.nn | dA2 = W7_7.T @ dZ3 * ((Z2 > 0) + 0.01 * (Z2 <= 0)) | applies leaky_relu's derivative already: it"
            + " equals dZ2 = dA2 * ((Z2 > 0) + 0.01 * (Z2 <= 0)), where that derivative belongs. dA2 is the derivative of A2"
            + " itself: netgrad derives dA2 = W7_7.T @ dZ3",
        // A line that cancels itself: no factor makes it right (was "is off by a constant factor 0 from dL/dZ2").
        "planar.nn          | dZ2 = A2 - A2                    | is 0 on every entry, where dL/dZ2 is not",
        // Another activation's derivative, or a factor of A1 that is none, in the dA line (was "does not equal").
        "planar.nn          | dA1 = W2.T @ dZ2 * (Z1 > 0)      | multiplies in (Z1 > 0), which reads Z1: without it the line"
            + " is right. dA1 is the derivative of A1 itself; tanh's derivative belongs in dZ1 = dA1 * (1 - A1^2): netgrad"
            + " derives dA1 = W2.T @ dZ2",
        "planar.nn          | dA1 = W2.T @ dZ2 * A1 * (1 - A1) | multiplies in A1 * (1 - A1), which read A1: without them the"
            + " line is right. dA1 is the derivative of A1 itself; tanh's derivative belongs in dZ1 = dA1 * (1 - A1^2):"
            + " netgrad derives dA1 = W2.T @ dZ2",
        "learner_deep.nn    | dA2 = W3.T @ dZ3 * (1 - A2^2) * (Z2 > 0) | multiplies in (1 - A2^2) * (Z2 > 0), which read Z2"
            + " and A2: without them the line is right. dA2 is the derivative of A2 itself; relu's derivative belongs in"
            + " dZ2 = dA2 * (Z2 > 0): netgrad derives dA2 = W3.T @ dZ3",
        // Half the mean's term is no term left out: it stays "does not equal".
        "samples/batchnorm.nn | dZ1 = gamma1 / Zn1_std * (dZn1 - 0.5 * mean(dZn1, axis=1)) | does not equal d(sum L)/dZ1 or"
            + " dJ/dZ1; netgrad derives dZ1 = dZn1_c + dZn1_mean / m",
    })
    void aMistakeWithANameOfItsOwnIsNamed(String spec, String line, String expected) throws Exception {
        Network net = spec(spec);
        String base = derived(net);
        if (spec.equals("softmax.nn")) {
            base = "dA2 = -Y / A2\n" + base; // the course's dA2 before a softmax, which netgrad's derivation fuses away
        }
        Verdict v = verdict(checkWithLine(net, base, line), line);
        assertEquals(Status.WRONG, v.status(), v.message());
        assertEquals(expected, v.message());
    }

    /**
     * Lines that differ from the derivative only on entries the seeded instances rarely hold, judged
     * on the variants of them ({@link InstanceVariant}). A one-unit dropout's mask left out: the
     * masks were 1 wherever the relu let the entry through (one_unit_dropout), or the examples the
     * mask drops fed the next layers their biases alone, inactive there, so dA1 was 0 wherever the
     * mask was (dropped_one_unit). Both were judged right.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // spec | the line as written | what the checker must say of it
        "one_unit_dropout.nn | dZ3 = 2 * dA3 * (Z3 > 0)            | is missing the dropout mask: A3 = dropout(relu(Z3), 0.5)",
        "one_unit_dropout.nn | dZ3 = 2 * dA3 * mask(A3) * (Z3 > 0) | CORRECT",
        "dropped_one_unit.nn | dZ1 = 2 * dA1 * ((Z1 > 0) + 0.01 * (Z1 <= 0)) | is missing the dropout mask: A1 ="
            + " dropout(leaky_relu(Z1, 0.01), 0.5)",
        "dropped_one_unit.nn | dZ1 = 2 * dA1 * mask(A1) * ((Z1 > 0) + 0.01 * (Z1 <= 0)) | CORRECT",
    })
    void aLineWrongOnlyOnEntriesRandomValuesRarelyGiveIsWrong(String spec, String line, String expected) throws Exception {
        Network net = spec(spec);
        assertJudged(checkWithLine(net, derived(net), line), line, expected);
    }

    /**
     * A bias's gradient before a batchnorm is 0 in exact arithmetic and rounding noise as computed.
     * The noise allowed a line is a thousand times the reference's distance to its nudged twin, at
     * least the rounding its terms' size allows ({@link RoundingErrors}): on the instance with the masks
     * flipped the twin's db2_2 rounded to the reference's very bits, and netgrad's own line, in
     * another order, was judged wrong. A line off by more than rounding stays wrong.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // convention of the other lines | batchnorm_bias_dropout's db2_2 as written | what the checker must say of it
        "LOSS | db2_2 = 1/m * sum(dZ1, axis=1)                           | CORRECT",
        "LOSS | db2_2 = sum(dZ1, axis=1) / m                             | CORRECT",
        "COST | db2_2 = sum(dZ1, axis=1)                                 | CORRECT",
        "LOSS | db2_2 = 1/m * sum(dN1_c, axis=1)                         | does not equal dJ/db2_2",
        "LOSS | db2_2 = 1/m * sum(dN1, axis=1)                           | does not equal dJ/db2_2",
        "LOSS | db2_2 = 1/m * sum(dZ1, axis=1) + 1e-9 * sum(dN1, axis=1) | does not equal dJ/db2_2",
        "COST | db2_2 = sum(dZ1, axis=1) + 1e-9 * sum(dN1, axis=1)       | does not equal dJ/db2_2",
    })
    void aGradientZeroInExactArithmeticIsJudgedByTheSizeOfItsTerms(Convention convention, String line, String expected)
            throws Exception {
        Network net = spec("batchnorm_bias_dropout.nn");
        assertJudged(checkWithLine(net, TextPrinter.print(Deriver.derive(net, convention)), line), line, expected);
    }

    /**
     * A dropout inside a statement's expression, A1 = relu(dropout(Z1, 0.86)) or
     * Z2 = W2 @ dropout(A1, 0.8) + b2, gets the diagnoses of one that is a statement's whole value:
     * its mask left out, its 1/keep left out or applied twice, its mask applied already in the dA of
     * the statement's value (the course's dA1 = dA1 * D1 / keep_prob, which names no value here, the
     * dropout being inside relu). They were "does not equal", or a constant factor with no dropout
     * named. A line wrong for another reason besides is not named as a dropout's mistake. Each line is put in place of its own in netgrad's derivation.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // nested_dropout's line as written | what the checker must say of it
        "dZ1 = dA1 * (Z1 > 0)                           | is missing the dropout mask and its 1/0.86: the dropout in A1 ="
            + " relu(dropout(Z1, 0.86)) keeps only the entries of Z1 where mask(A1) is 1, scaled by 1/0.86, and the derivative flows back"
            + " through those alone; netgrad derives dZ1 = dA1 * (Z1 * mask(A1) / 0.86 > 0) * mask(A1) / 0.86",
        "dZ1 = dA1 * (Z1 > 0) / 0.86                    | is missing the dropout mask: the dropout in A1 = relu(dropout(Z1,"
            + " 0.86)) keeps only the entries of Z1 where mask(A1) is 1, scaled by 1/0.86, and the derivative flows back"
            + " through those alone; netgrad derives dZ1 = dA1 * (Z1 * mask(A1) / 0.86 > 0) * mask(A1) / 0.86",
        "dZ1 = dA1 * (Z1 > 0) * mask(A1)                | is off by a constant factor 0.86 from dL/dZ1: the 1/0.86 of the"
            + " dropout (A1 = relu(dropout(Z1, 0.86)), line 15 of the spec) is missing",
        "dZ1 = dA1 * (Z1 > 0) * mask(A1) / 0.86 / 0.86  | is off by a constant factor 1.162790697674 from dL/dZ1: the"
            + " 1/0.86 of the dropout (A1 = relu(dropout(Z1, 0.86)), line 15 of the spec) is applied twice",
        // relu(Z1 * mask(A1) / 0.86) > 0 where Z1 > 0 and the mask keeps: the mask is in A1, the 1/0.86 is not.
        "dZ1 = dA1 * (A1 > 0)                           | is off by a constant factor 0.86 from dL/dZ1: the 1/0.86 of the"
            + " dropout (A1 = relu(dropout(Z1, 0.86)), line 15 of the spec) is missing",
        "dZ1 = dA1 * (Z1 > 0) * mask(A1) / 0.86         | CORRECT",
        "dA1 = W2.T @ dZ2                               | is missing the dropout mask and its 1/0.8: the dropout in Z2 ="
            + " W2 @ dropout(A1, 0.8) + b2 keeps only the entries of A1 where mask(Z2) is 1, scaled by 1/0.8, and the derivative flows back"
            + " through those alone; netgrad derives dA1 = 1.25 * (W2.T @ dZ2) * mask(Z2)",
        "dA1 = W2.T @ dZ2 * mask(Z2)                    | is off by a constant factor 0.8 from dL/dA1: the 1/0.8 of the"
            + " dropout (Z2 = W2 @ dropout(A1, 0.8) + b2, line 16 of the spec) is missing",
        "dW2 = 1/m * dZ2 @ A1.T                         | is missing the dropout mask: it reads A1 where Z2 = W2 @"
            + " dropout(A1, 0.8) + b2 reads its dropout, A1 * mask(Z2) / 0.8 while training; netgrad derives"
            + " dW2 = 1/m * 1.25 * (dZ2 @ (A1 * mask(Z2)).T)",
        "dW2 = 1/m * dZ2 @ A1.T / 0.8                   | is missing the dropout mask: it reads A1 where Z2 = W2 @"
            + " dropout(A1, 0.8) + b2 reads its dropout, A1 * mask(Z2) / 0.8 while training; netgrad derives"
            + " dW2 = 1/m * 1.25 * (dZ2 @ (A1 * mask(Z2)).T)",
        "dW2 = 1/m * dZ2 @ (A1 * mask(Z2)).T / 0.8 / 0.8 | is off by a constant factor 1.25 from dJ/dW2: the 1/0.8 of the"
            + " dropout (Z2 = W2 @ dropout(A1, 0.8) + b2, line 16 of the spec) is applied twice",
        // The course's dA1 = dA1 * D1 / keep_prob for the dropout inside relu: a value with no name in A1's statement.
        "dA1 = 1.25 * W2.T @ dZ2 * mask(Z2) * mask(A1) / 0.86 | applies the dropout mask already: it equals dL/dA1 *"
            + " mask(A1) / 0.86, dA1 taken back through the dropout but not yet through relu(...), which A1 ="
            + " relu(dropout(Z1, 0.86)) applies after it. dA1 is the derivative of A1 itself (netgrad derives dA1 = 1.25 *"
            + " (W2.T @ dZ2) * mask(Z2)); the mask and the 1/0.86 go in the next line, as in dZ1 = dA1 * (Z1 * mask(A1) /"
            + " 0.86 > 0) * mask(A1) / 0.86.",
        "dA1 = 1.25 * W2.T @ dZ2 * mask(Z2) * mask(A1)  | applies the dropout mask already: it equals dL/dA1 *"
            + " mask(A1), dA1 taken back through the dropout but not yet through relu(...), which A1 ="
            + " relu(dropout(Z1, 0.86)) applies after it. dA1 is the derivative of A1 itself (netgrad derives dA1 = 1.25 *"
            + " (W2.T @ dZ2) * mask(Z2)); the mask and the 1/0.86 go in the next line, as in dZ1 = dA1 * (Z1 * mask(A1) /"
            + " 0.86 > 0) * mask(A1) / 0.86.",
        // Wrong besides the dropout: Z1 for Z1 > 0, the cost's 1/m left out too, a keep that is no dropout's.
        "dZ1 = dA1 * Z1 * mask(A1) / 0.86               | does not equal dL/dZ1 or dJ/dZ1; netgrad derives"
            + " dZ1 = dA1 * (Z1 * mask(A1) / 0.86 > 0) * mask(A1) / 0.86",
        "dW2 = dZ2 @ A1.T                               | does not equal dJ/dW2; netgrad derives"
            + " dW2 = 1/m * 1.25 * (dZ2 @ (A1 * mask(Z2)).T)",
        "dZ1 = dA1 * (Z1 > 0) * mask(A1) / 0.8          | is off by a constant factor 1.075 from dL/dZ1",
        // The course's dA1 with something else wrong: Z2's mask or its 1/0.8 left out, a keep no dropout's, 1/0.86 twice.
        "dA1 = 1.25 * W2.T @ dZ2 * mask(A1) / 0.86      | does not equal dL/dA1 or dJ/dA1; netgrad derives"
            + " dA1 = 1.25 * (W2.T @ dZ2) * mask(Z2)",
        "dA1 = W2.T @ dZ2 * mask(Z2) * mask(A1) / 0.86  | does not equal dL/dA1 or dJ/dA1; netgrad derives"
            + " dA1 = 1.25 * (W2.T @ dZ2) * mask(Z2)",
        "dA1 = 1.25 * W2.T @ dZ2 * mask(Z2) * mask(A1) / 0.8 | does not equal dL/dA1 or dJ/dA1; netgrad derives"
            + " dA1 = 1.25 * (W2.T @ dZ2) * mask(Z2)",
        "dA1 = 1.25 * W2.T @ dZ2 * mask(Z2) * mask(A1) / 0.86 / 0.86 | does not equal dL/dA1 or dJ/dA1; netgrad derives"
            + " dA1 = 1.25 * (W2.T @ dZ2) * mask(Z2)",
    })
    void aDropoutInsideAStatementGetsTheDiagnosesOfOneThatIsItsWholeValue(String line, String expected) throws Exception {
        assertVerdict(verdictInDerivation("nested_dropout.nn", line), expected);
    }

    /**
     * The variance written as mean(Z1^2) - mu^2 is algebraically right, but with Z1 about 10000 it
     * subtracts numbers that agree in their first nine digits: the lines reading it are right but
     * for rounding, and the subtraction and its stable form are named. A line wrong by more than
     * its rounding stays wrong; the same lines pass where Z1 is near 0.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        // spec | a line put in place of batchnorm_variance.eq's own, or none | the line judged | what the checker must say of it
        "batchnorm_offset.nn  |  | dgamma1 | is right but for rounding: it loses about 9 of its 16 digits to cancellation in"
            + " mean(Z1^2, axis=1) - mu^2 (var, line 3), which subtracts numbers that agree in about their first 9 digits;"
            + " write it as mean((Z1 - mu)^2, axis=1), which subtracts before squaring; netgrad derives"
            + " dgamma1 = 1/m * sum(dZn1 * Zn1_hat, axis=1)",
        "batchnorm_offset.nn  |  | dZ1     | is right but for rounding: it loses about 9 of its 16 digits to cancellation in"
            + " mean(Z1^2, axis=1) - mu^2 (var, line 3), which subtracts numbers that agree in about their first 9 digits;"
            + " write it as mean((Z1 - mu)^2, axis=1), which subtracts before squaring; netgrad derives dZ1 = dZn1_c"
            + " + dZn1_mean / m",
        // Wrong by far more than rounding: a variance off by 0.001, a dgamma1 off by a factor 1.00001.
        "batchnorm_offset.nn  | var = mean(Z1^2, axis=1) - mu^2 + 0.001 | dgamma1 | does not equal dJ/dgamma1; netgrad"
            + " derives dgamma1 = 1/m * sum(dZn1 * Zn1_hat, axis=1)",
        "batchnorm_offset.nn  | dgamma1 = 1.00001/m * sum(dZn1 * Zhat, axis=1) | dgamma1 | does not equal dJ/dgamma1;"
            + " netgrad derives dgamma1 = 1/m * sum(dZn1 * Zn1_hat, axis=1)",
        "samples/batchnorm.nn |  | dgamma1 | CORRECT",
        "samples/batchnorm.nn |  | dZ1     | CORRECT",
    })
    void aRightLineThatLosesItsDigitsToCancellationIsToldHowToKeepThem(String specFile, String replaced, String name,
            String expected) throws Exception {
        Network net = spec(specFile);
        String base = Files.readString(DIR.resolve("batchnorm_variance.eq"), StandardCharsets.UTF_8);
        Report r = replaced == null ? EquationChecker.check(net, SpecReader.readEquations("eq", base, net,
                Deriver.derivativeNames(net))) : checkWithLine(net, base, replaced);
        assertVerdict(r.verdicts().stream().filter(x -> x.line().name().equals(name)).findFirst().orElseThrow(), expected);
    }

    /**
     * The line netgrad shows is in the convention of the user's inputs: after a dZ2 that is dJ, the
     * course's dW2 = 1/m * dZ2 @ A1.T would apply 1/m twice.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // planar's lines as written | the line judged | what the checker must say of it
        "dZ2 = (A2 - Y) / m; dW2 = dZ2 @ A1.T + 1      | dW2 | does not equal dJ/dW2; netgrad derives dW2 = dZ2 @ A1.T",
        "dZ2 = A2 - Y; dW2 = 1/m * dZ2 @ A1.T + 1      | dW2 | does not equal dJ/dW2; netgrad derives dW2 = 1/m * dZ2 @ A1.T",
        "dZ2 = (A2 - Y) / m; dZ1 = W2.T @ dZ2 * (1 - A1) | dZ1 | has the wrong derivative of tanh: for A1 = tanh(Z1),"
            + " dZ1 = W2.T @ dZ2 * (1 - A1^2)",
    })
    void theRightLineIsShownInTheConventionOfTheLinesInputs(String lines, String name, String expected) throws Exception {
        Verdict v = planarVerdict(lines, name);
        assertEquals(Status.WRONG, v.status(), v.message());
        assertEquals(expected, v.message());
    }
}
