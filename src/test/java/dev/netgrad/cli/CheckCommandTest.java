package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckCommandTest {
    private static final String DIR = "src/test/resources/check/";

    private record Run(int code, String out, String err) {
    }

    private static Run check(String eq) {
        return check("planar.nn", eq);
    }

    private static Run check(String spec, String eq) {
        return check(Path.of(DIR + spec), Path.of(DIR + eq));
    }

    private static Run check(Path spec, Path eq) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"check", spec.toString(), eq.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCoursesEquationsPassWithTheirNumerators() {
        Run r = check("planar_course.eq");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("planar_course.eq:2: dZ2 ok: equals dL/dZ2"), r.out());
        assertTrue(r.out().contains("planar_course.eq:3: dW2 ok: equals dJ/dW2"), r.out());
        assertTrue(r.out().contains("every param gradient equals dJ/dP"), r.out());
    }

    /** The messages' dJ/dW1 means the cost C, not the sigmoid output the spec calls J: the summary says so. */
    @Test
    void theSummarySaysWhatJAndLStandForWhenTheNetworkNamesThemOtherwise() {
        Run r = check("cost_named_c.nn", "cost_named_c.eq");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("error: dW1 is d(sum L)/dW1, not dJ/dW1"), r.out());
        assertTrue(r.out().endsWith("check: 1 of 3 lines wrong; in the labels J is the cost C, L the loss E (not the value J)\n"),
                r.out());
    }

    @Test
    void linesThatCannotBeComparedAreNotJudgedNorCountedWrong() {
        // derive's own lines for a loss with 1e308 in it: dZ2 overflows, and the params' lines read it.
        Run r = check("huge_loss.nn", "huge_loss.eq");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("huge_loss.eq:3: dW2 cannot be judged at these values: dZ2 (line 2), which it reads, is "), r.out());
        assertTrue(r.out().endsWith("check: 7 lines, none wrong, but 4 could not be judged at these values (not finite)\n"), r.out());
    }

    /** A line right where a comparison no instance crosses holds, and unknown where not, is not said ok, nor passes. */
    @Test
    void aLineJudgedOnOneSideOfAComparisonIsNotOkAndFails(@TempDir Path dir) throws Exception {
        Path eq = dir.resolve("one_sided.eq");
        Files.writeString(eq, "dZ2 = A2 - Y; dW2 = 1/m * dZ2 @ A1.T; db2 = 1/m * sum(dZ2, axis=1); dA1 = W2.T @ dZ2\n"
                + "dZ1 = dA1 * (1 - A1^2) * (Y < 2)\n"
                + "dW1 = 1/m * dZ1 @ X.T; db1 = 1/m * sum(dZ1, axis=1)\n");
        Run r = check(Path.of(DIR + "planar.nn"), eq);
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("one_sided.eq:2: dZ1 judged only where Y < 2 is true: there it equals dL/dZ1 on every instance,"
                + " but no instance netgrad can make has it false (no input or param moves it), and where it is the line could differ\n"),
                r.out());
        // The lines that read it are right only given it: not "ok: equals dJ/dW1" beside a check that fails.
        assertTrue(r.out().contains("one_sided.eq:3: dW1 ok, given dZ1: equals dJ/dW1; dZ1 (line 2) is judged only on one side of a"
                + " comparison\n"), r.out());
        assertTrue(r.out().endsWith("check: 7 lines, none wrong, but 1 judged only on one side of a comparison, which no instance"
                + " crosses\n"), r.out());
    }

    @Test
    void aDoubledOneOverMFailsWithACompilerStyleMessage() {
        Run r = check("planar_mixed.eq");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("planar_mixed.eq:3:7: error: dW2 applies 1/m twice"), r.out());
        assertTrue(r.out().contains("dW2 = 1/m * dZ2 @ A1.T\n      ^"), r.out());
    }

    /**
     * A factor near the largest double (1.7976931348623157e308/m where 1/m belongs) is wrong, and
     * the check says so; it failed with "internal error: NumberFormatException: Infinite or NaN"
     * when it fitted the factor as a term of the param, infinite, and rounded that for the message.
     * Found by dev.netgrad.PipelineFuzzTest.
     */
    @Test
    void aFactorNearTheLargestDoubleIsJudgedWithoutAnInternalError(@TempDir Path tmp) throws Exception {
        String equations = Files.readString(Path.of("samples/mixed.eq")).replace("db2 = 1/m", "db2 = 1.7976931348623157e308/m");
        Path eq = Files.writeString(tmp.resolve("huge.eq"), equations);
        MainTest.Run r = MainTest.run("check", "samples/planar.nn", eq.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("huge.eq:4:7: error: db2 "), r.out());
    }

    /** "-" reads the equations from standard input (derive | check), named <stdin> in every message. */
    @Test
    void aDashReadsTheEquationsFromStandardInput() throws Exception {
        String equations = Files.readString(Path.of(DIR + "planar_mixed.eq"));
        InputStream before = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setIn(new ByteArrayInputStream(equations.getBytes(StandardCharsets.UTF_8)));
            code = Main.run(new String[] {"check", DIR + "planar.nn", "-"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        } finally {
            System.setIn(before);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, printed);
        assertTrue(printed.contains("<stdin>:3:7: error: dW2 applies 1/m twice"), printed);
        assertEquals(printed, check("planar_mixed.eq").out().replace(DIR + "planar_mixed.eq", "<stdin>"));
    }

    /**
     * "-" with standard input closed when netgrad started ({@code <&-}): the JVM opens its own files on
     * descriptor 0, and check read the JDK's lib/modules as the equations ("too large"). Said as it is, where
     * the system tells (Linux's /proc); an empty standard input is still an empty file.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # standard input | exit | standard error
            <&-              | 2    | '<stdin>: error: cannot read: standard input is closed; pipe the equations in (netgrad derive x.nn | netgrad check x.nn -) or give their file instead of -\n'
            </dev/null       | 1    | ''
            """)
    void aClosedStandardInputIsSaidToBeClosed(String redirection, int exit, String err, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "the system tells descriptors' files in /proc");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "exec \"$0\" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp \"$1\" " + Main.class.getName()
                + " check samples/planar.nn - " + redirection;
        Path errors = dir.resolve("err.txt");
        Process process = new ProcessBuilder("sh", "-c", command, java, System.getProperty("java.class.path"))
                .redirectError(errors.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(exit, process.waitFor());
        assertEquals(err.replace("\\n", "\n"), Files.readString(errors, StandardCharsets.UTF_8));
    }

    /** The equations named first and the network second: said so, with the command the right way round. */
    @Test
    void swappedArgumentsAreNamedBeforeEitherFileIsRead() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"check", DIR + "planar_course.eq", DIR + "planar.nn"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertEquals("netgrad check: error: the network comes first, then your equations: netgrad check " + DIR + "planar.nn "
                + DIR + "planar_course.eq\n", err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    /** A dropout inside a statement, A1 = relu(dropout(Z1, 0.86)): its mask left out is named, as for a whole one. */
    @Test
    void aMaskLeftOutOfADropoutInsideAStatementIsNamed() {
        Run r = check("nested_dropout.nn", "nested_dropout_no_mask.eq");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("nested_dropout_no_mask.eq:10:7: error: dZ1 is missing the dropout mask and its 1/0.86: the"
                + " dropout in A1 = relu(dropout(Z1, 0.86)) keeps only the entries of Z1 where mask(A1) is 1"), r.out());
        assertTrue(r.out().contains("dZ1 = dA1 * (Z1 > 0)\n      ^"), r.out());
        assertTrue(r.out().endsWith("check: 1 of 11 lines wrong, 2 more wrong only through it\n"), r.out());
    }

    @Test
    void aMissingParamGradientFails() {
        Run r = check("planar_partial.eq");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains(DIR + "planar_partial.eq:4:29: error: no line for dW1, dJ/dW1 (4 x 2): every param needs"
                + " its dJ/dP\ndb2 = 1/m * sum(dZ2, axis=1)\n                            ^\n"), r.out());

        assertTrue(r.out().endsWith("check: 3 lines, none wrong, but 2 param gradients missing\n"), r.out());
    }

    /** The summary when only gradients are missing read "check: 0 of 3 lines wrong, 2 param gradients missing". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no equations           | // nothing yet\\n                                  | check: no equations, 4 param gradients missing
            one line               | dZ2 = A2 - Y\\n                                    | check: 1 line, none wrong, but 4 param gradients missing
            a helper and one line  | G = A2 - Y\\ndZ2 = G\\n                             | check: 2 lines, none wrong, but 4 param gradients missing
            one wrong line too     | dZ2 = Y - A2\\n                                    | check: 1 of 1 lines wrong, 4 param gradients missing
            one gradient missing   | dZ2 = A2 - Y; dW2 = 1/m * dZ2 @ A1.T; dZ1 = W2.T @ dZ2 * (1 - A1^2); dW1 = 1/m * dZ1 @ X.T; db1 = 1/m * sum(dZ1, axis=1) | check: 5 lines, none wrong, but 1 param gradient missing
            """)
    void theSummaryCountsMissingGradientsWithoutCallingTheLinesWrong(String what, String text, String summary,
            @TempDir Path dir) throws Exception {
        Path eq = dir.resolve("partial.eq");
        Files.writeString(eq, text.replace("\\n", "\n"));
        Run r = check(Path.of(DIR + "planar.nn"), eq);
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().endsWith(summary + "\n"), r.out());
    }

    /**
     * A param with no line is reported where the file's last equation ends (its last token: not after the comments
     * that follow), the place a line would be added, with that line and a caret.
     * It was a bare "FILE: error: no line for db2" with no line, column or source.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            last line                    | dZ2 = A2 - Y\\n                              | 1:13 | dZ2 = A2 - Y
            trailing comment             | dZ2 = A2 - Y   // dL/dZ2\\n                  | 1:13 | dZ2 = A2 - Y   // dL/dZ2
            block comment after it       | dZ2 = A2 - Y\\n/* later:\\n dW2 */\\n          | 1:13 | dZ2 = A2 - Y
            blank lines after it         | dZ2 = A2 - Y\\n\\n\\n                        | 1:13 | dZ2 = A2 - Y
            no final line break          | // planar\\ndZ2 = A2 - Y                   | 2:13 | dZ2 = A2 - Y
            a line continued in brackets | dZ2 = (A2\\n  - Y)\\n                        | 2:7  | '  - Y)'
            windows line breaks          | dZ2 = A2 - Y\\r\\ndW2 = 1/m * dZ2 @ A1.T\\r\\n | 2:23 | dW2 = 1/m * dZ2 @ A1.T
            two equations on one line    | dZ2 = A2 - Y; dW2 = 1/m * dZ2 @ A1.T\\n      | 1:37 | dZ2 = A2 - Y; dW2 = 1/m * dZ2 @ A1.T
            """)
    void aMissingParamGradientIsReportedWhereTheEquationsEnd(String what, String text, String at, String shown,
            @TempDir Path dir) throws Exception {
        Path eq = dir.resolve("partial.eq");
        Files.writeString(eq, text.replace("\\n", "\n").replace("\\r", "\r"));
        Run r = check(Path.of(DIR + "planar.nn"), eq);
        assertEquals(1, r.code(), r.out() + r.err());
        int column = Integer.parseInt(at.substring(at.indexOf(':') + 1));
        assertTrue(r.out().contains(eq + ":" + at + ": error: no line for db2, dJ/db2 (1 x 1): every param needs its dJ/dP\n"
                + shown + "\n" + " ".repeat(column - 1) + "^\n"), r.out());
    }

    /** A file without equations is one error at 1:1 naming every gradient it needs, not one per param all at 1:1. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            only a comment | // nothing yet\\n | // nothing yet
            empty          | ''                  | ''
            """)
    void aFileWithoutEquationsIsOneErrorNamingEveryGradient(String what, String text, String shown, @TempDir Path dir)
            throws Exception {
        Path eq = dir.resolve("empty.eq");
        Files.writeString(eq, text.replace("\\n", "\n"));
        Run r = check(Path.of(DIR + "planar.nn"), eq);
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals(eq + ":1:1: error: the file has no equations: every param needs its dJ/dP, here dW1 (4 x 2), "
                + "db1 (4 x 1), dW2 (1 x 4), db2 (1 x 1)\n" + shown + "\n^\n"
                + "check: no equations, 4 param gradients missing\n", r.out());
    }

    /**
     * A wrong line's caret points at its right-hand side, where the mistake is, not at the name: it sat
     * at column 1 under every wrong line. One row per kind of verdict that has a caret; the others
     * (ok, right given, a helper) print the line's number alone.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong of its own           | dZ2 = A2 - Y\\ndW2 = 2/m * dZ2 @ A1.T                           | 2:7  | dW2 = 2/m * dZ2 @ A1.T
            a wrong line others read   | dZ2 = 2 * (A2 - Y)\\ndW2 = 2/m * dZ2 @ A1.T                     | 1:7  | dZ2 = 2 * (A2 - Y)
            wrong given a right input  | dZ2 = 2 * (A2 - Y)\\ndW2 = 2/m * dZ2 @ A1.T                     | 2:7  | dW2 = 2/m * dZ2 @ A1.T
            transposed result          | dZ2 = A2 - Y\\ndW2 = 1/m * A1 @ dZ2.T                           | 2:7  | dW2 = 1/m * A1 @ dZ2.T
            wrong axis                 | dZ2 = A2 - Y\\ndb2 = 1/m * sum(dZ2, axis=0)                     | 2:7  | db2 = 1/m * sum(dZ2, axis=0)
            not finite                 | dZ2 = A2 - Y\\ndW2 = 1/m * dZ2 @ (A1.T / (A1.T - A1.T))         | 2:7  | dW2 = 1/m * dZ2 @ (A1.T / (A1.T - A1.T))
            starts with a parenthesis  | dZ2 = A2 - Y\\ndW2 = (2/m) * (dZ2 @ A1.T)                       | 2:7  | dW2 = (2/m) * (dZ2 @ A1.T)
            indented, spaced           | dZ2 = A2 - Y\\n  dW2   =   m * dZ2 @ A1.T                       | 2:13 | '  dW2   =   m * dZ2 @ A1.T'
            right-hand side on a new line | dZ2 = A2 - Y\\ndW2 = (\\n  2/m * dZ2 @ A1.T)                 | 2:7  | dW2 = (
            two equations on one line  | dZ2 = A2 - Y; dW2 = 2/m * dZ2 @ A1.T                           | 1:21 | dZ2 = A2 - Y; dW2 = 2/m * dZ2 @ A1.T
            """)
    void aWrongLinesCaretPointsAtItsRightHandSide(String what, String text, String at, String shown, @TempDir Path dir)
            throws Exception {
        Path eq = dir.resolve("wrong.eq");
        Files.writeString(eq, text.replace("\\n", "\n") + "\n");
        Run r = check(Path.of(DIR + "planar.nn"), eq);
        assertEquals(1, r.code(), r.out() + r.err());
        int column = Integer.parseInt(at.substring(at.indexOf(':') + 1));
        assertTrue(r.out().contains(eq + ":" + at + ": error: "), r.out());
        String diagnostic = r.out().substring(r.out().indexOf(eq + ":" + at + ": error: "));
        String[] rows = diagnostic.split("\n", 4);
        assertEquals(shown, rows[1], r.out());
        assertEquals(" ".repeat(column - 1) + "^", rows[2], r.out());
    }

    @Test
    void linesWrongOnlyThroughAnEarlierLineAreCountedApart() {
        Run r = check("planar_inherited.eq");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("planar_inherited.eq:8: dW1 right, given dZ1; dZ1 (line 7) is wrong\n"), r.out());
        assertTrue(r.out().endsWith("check: 2 of 7 lines wrong, 1 more wrong only through them\n"), r.out());
    }

    @Test
    void aDivisionByAConstantZeroIsBadInputAtItsPlace() {
        Run r = check("planar_divide_by_zero.eq");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("planar_divide_by_zero.eq:3:10: error: division by zero: the divisor is a constant 0\n"
                + "dW1 = W1 / 0\n         ^"), r.err());
    }

    /**
     * check evaluates the network, so a param no Java array holds is refused at its declaration: a filter bank of
     * 2^32 entries was "internal error: ArrayIndexOutOfBoundsException" (its size wrapped around an int to 0), one
     * of 9e10 a NegativeArraySizeException.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2^32 entries | 4, 4, 16384, 16384 | 4, 4, 16384 | 16384 | 4 x 4 x 16384 x 16384 | 4294967296",
        "9e10 entries | 3, 3, 100000, 100000 | 4, 4, 100000 | 1600000 | 3 x 3 x 100000 x 100000 | 90000000000",
    })
    void aParamNoJavaArrayHoldsIsAnErrorAtItsDeclaration(String what, String bank, String image, String rows, String shape,
            String entries, @TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("big.nn"), "network Big {\n"
                + "  input X[" + image + "]\n"
                + "  target Y[1]\n"
                + "  param K[" + bank + "]\n"
                + "  F = flatten(conv2d(X, K, pad=" + (bank.startsWith("3") ? 1 : 0) + "))\n"
                + "  param W[1, " + rows + "]\n"
                + "  loss L = sum((W @ F - Y)^2, axis=0)\n"
                + "  cost J = mean(L)\n"
                + "}\n");
        MainTest.Run derived = MainTest.run("derive", spec.toString());
        assertEquals(0, derived.code(), derived.err());
        Path eq = Files.writeString(dir.resolve("big.eq"), derived.out());
        MainTest.Run r = MainTest.run("check", spec.toString(), eq.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith(spec + ":4:9: error: param K (" + shape + ") has " + entries + " entries, more than a Java"
                + " array can hold: check evaluates the network on random values, so it cannot judge equations of a network this"
                + " large (derive prints its backward pass)\n  param K[" + bank + "]\n        ^"), r.err());
    }
}
