package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A spec, an equation file and a CSV file read the same with any of the three line endings: a
 * newline, a carriage return and newline (Windows), a carriage return alone (classic Mac OS). An
 * error in one is at its own line and column, with that line shown, whatever ends the lines.
 */
class LineEndingsTest {
    private static final String SPEC = "src/test/resources/check/planar.nn";

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private static Run netgrad(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code lines} (separated by {@code ;}) written with {@code ending} ("LF", "CRLF" or "CR") after each. */
    private Path file(String name, String lines, String ending) throws IOException {
        String eol = switch (ending) {
            case "LF" -> "\n";
            case "CRLF" -> "\r\n";
            case "CR" -> "\r";
            default -> throw new IllegalArgumentException(ending);
        };
        return Files.writeString(dir.resolve(name), String.join(eol, lines.split(";", -1)) + eol);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # ending | the spec's lines, with an error on line 4 where there is one | exit | what stderr starts with
              LF     | network N {;  input X[2];  target Y[1];  dense 1 sigmoid;  loss cross_entropy;}   | 0 | ''
              CRLF   | network N {;  input X[2];  target Y[1];  dense 1 sigmoid;  loss cross_entropy;}   | 0 | ''
              CR     | network N {;  input X[2];  target Y[1];  dense 1 sigmoid;  loss cross_entropy;}   | 0 | ''
              LF     | network N {;  input X[2];  target Y[1];  dense 1 sigmoud;  loss cross_entropy;}   | 2 | n.nn:4:11: error: unknown activation 'sigmoud'
              CRLF   | network N {;  input X[2];  target Y[1];  dense 1 sigmoud;  loss cross_entropy;}   | 2 | n.nn:4:11: error: unknown activation 'sigmoud'
              CR     | network N {;  input X[2];  target Y[1];  dense 1 sigmoud;  loss cross_entropy;}   | 2 | n.nn:4:11: error: unknown activation 'sigmoud'
              CR     | network N {;  input X[2];  target Y[1];  dense 1 sigmoid +;  loss cross_entropy;} | 2 | n.nn:4:19: error:
            """)
    void aSpecReadsTheSameWithEveryLineEnding(String ending, String lines, int exit, String errStart) throws IOException {
        Path spec = file("n.nn", lines, ending);
        Run run = netgrad("derive", spec.toString());
        assertEquals(exit, run.code(), run.err());
        assertStartsWith(errStart.isEmpty() ? "" : spec.getParent() + "/" + errStart, run.err());
        if (exit != 0) {
            // The source line shown under the message is line 4 alone, its caret under the column.
            String[] shown = run.err().split("\n");
            assertEquals(lines.split(";")[3], shown[1], run.err());
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # ending | the equations' lines | exit | the verdict on stdout, or what stderr starts with
              LF     | dZ2 = A2 - Y;dW2 = 1/m * dZ2 @ A1.T     | 1 | 'e.eq:2: dW2 ok: equals dJ/dW2'
              CRLF   | dZ2 = A2 - Y;dW2 = 1/m * dZ2 @ A1.T     | 1 | 'e.eq:2: dW2 ok: equals dJ/dW2'
              CR     | dZ2 = A2 - Y;dW2 = 1/m * dZ2 @ A1.T     | 1 | 'e.eq:2: dW2 ok: equals dJ/dW2'
              LF     | dZ2 = A2 - Y;dW2 = 1/m * dZ2 @ A1.T +   | 2 | e.eq:2:25: error: expected an expression, found the end of the line
              CRLF   | dZ2 = A2 - Y;dW2 = 1/m * dZ2 @ A1.T +   | 2 | e.eq:2:25: error: expected an expression, found the end of the line
              CR     | dZ2 = A2 - Y;dW2 = 1/m * dZ2 @ A1.T +   | 2 | e.eq:2:25: error: expected an expression, found the end of the line
            """)
    void anEquationFileReadsTheSameWithEveryLineEnding(String ending, String lines, int exit, String start) throws IOException {
        Path eq = file("e.eq", lines, ending);
        Run run = netgrad("check", SPEC, eq.toString());
        assertEquals(exit, run.code(), run.out() + run.err());
        if (exit == 2) {
            assertStartsWith(eq.getParent() + "/" + start, run.err());
            assertEquals(lines.split(";")[1], run.err().split("\n")[1], run.err());
        } else {
            // Line 2 judged as line 2 (its W1 and b1 are missing, hence exit 1).
            assertTrue(run.out().contains(eq.getParent() + "/" + start), run.out());
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # ending | the CSV file's lines | exit | what stderr starts with
              LF     | x1,x2,y;0.5,1,0;1,-2,1;2,3,0     | 0 | ''
              CRLF   | x1,x2,y;0.5,1,0;1,-2,1;2,3,0     | 0 | ''
              CR     | x1,x2,y;0.5,1,0;1,-2,1;2,3,0     | 0 | ''
              LF     | x1,x2,y;0.5,1,0;1,-2x,1;2,3,0   | 2 | d.csv:3:3: error:
              CRLF   | x1,x2,y;0.5,1,0;1,-2x,1;2,3,0   | 2 | d.csv:3:3: error:
              CR     | x1,x2,y;0.5,1,0;1,-2x,1;2,3,0   | 2 | d.csv:3:3: error:
            """)
    void aCsvFileReadsTheSameWithEveryLineEnding(String ending, String lines, int exit, String errStart) throws IOException {
        Path csv = file("d.csv", lines, ending);
        Run run = netgrad("train", SPEC, "--data", csv.toString(), "--epochs", "1");
        assertEquals(exit, run.code(), run.err());
        if (exit == 2) {
            assertStartsWith(csv.getParent() + "/" + errStart, run.err());
            assertEquals(lines.split(";")[2], run.err().split("\n")[1], run.err());
        }
    }

    private static void assertStartsWith(String start, String text) {
        assertEquals(start, text.substring(0, Math.min(start.length(), text.length())), text);
    }
}
