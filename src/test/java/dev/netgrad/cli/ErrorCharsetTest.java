package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.spec.DiagnosticFormatter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line writing its errors in a charset that cannot encode the user's line (LC_ALL=C, a
 * Latin-1 locale, on Java 17): each such character prints as one {@code ?}, and the caret is still
 * under the character the column names, counted in what is printed.
 */
class ErrorCharsetTest {
    private static final String SPEC = """
            network P {
              input X[2]
              target Y[1]
              param W[1, 2]
              Z = W @ X
              loss L = (Z - Y)^2
              cost J = mean(L)
            }
            """;

    @TempDir
    Path dir;

    // Each case: the charset, the verb, the file (a spec's line 5 replaced, or an equation file checked
    // against SPEC), the error line, the line as printed and the caret line (<TAB> a tab).
    @ParameterizedTest(name = "{0} {1}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            US-ASCII   | show  | nn | `  Z = /*😀中*/ W @ @ X`  | f.nn:5:18: error: expected an expression, found '@' | `  Z = /*??*/ W @ @ X`  | `                 ^`
            US-ASCII   | show  | nn | `  Z = /*é́*/ W @ @ X`    | f.nn:5:18: error: expected an expression, found '@' | `  Z = /*??*/ W @ @ X`  | `                 ^`
            US-ASCII   | show  | nn | `<TAB>Z = /*中*/ W @ Q`   | f.nn:5:16: error: undefined name 'Q'                | `<TAB>Z = /*?*/ W @ Q`  | `<TAB>              ^`
            ISO-8859-1 | show  | nn | `  Z = /*é中*/ W @ @ X`   | f.nn:5:18: error: expected an expression, found '@' | `  Z = /*é?*/ W @ @ X`  | `                 ^`
            US-ASCII   | check | eq | `dW = /*中文*/ 1/m * dZ @ @ X.T` | f.eq:1:24: error: expected an expression, found '@' | `dW = /*??*/ 1/m * dZ @ @ X.T` | `                       ^`
            """)
    void theCaretIsUnderTheColumnAsTheErrorStreamPrintsTheLine(String charsetName, String verb, String kind, String text,
            String error, String printed, String caret) throws IOException {
        Charset charset = Charset.forName(charsetName);
        text = text.replace("<TAB>", "\t");
        Path spec = Files.writeString(dir.resolve("f.nn"), kind.equals("nn") ? SPEC.replace("  Z = W @ X", text) : SPEC);
        String[] args = kind.equals("nn") ? new String[] {verb, spec.toString()}
                : new String[] {verb, spec.toString(), Files.writeString(dir.resolve("f.eq"), text + "\n").toString()};
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, charset), new PrintStream(err, true, charset),
                charset);
        String expected = dir + "/" + error + "\n" + printed.replace("<TAB>", "\t") + "\n" + caret.replace("<TAB>", "\t") + "\n";
        assertEquals(expected, err.toString(charset), charsetName + " " + verb + " " + text);
        assertEquals(Main.USAGE, code);
    }

    /** check prints a wrong equation's line and caret on standard output, written in the same charset. */
    @Test
    void aWrongEquationOnStandardOutputHasItsCaretUnderTheColumnToo() throws IOException {
        String equations = Files.readString(Path.of("src/test/resources/check/planar_mixed.eq"))
                .replace("dW2 = 1/m * dZ2 @ A1.T", "/*\u4E2D\u6587*/ dW2 = 1/m * dZ2 @ A1.T");
        Path eq = Files.writeString(dir.resolve("mixed.eq"), equations);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"check", "src/test/resources/check/planar.nn", eq.toString()},
                new PrintStream(out, true, StandardCharsets.US_ASCII), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
        String printed = out.toString(StandardCharsets.US_ASCII);
        assertEquals(1, code, printed);
        assertTrue(printed.contains(eq + ":3:14: error: dW2 applies 1/m twice"), printed);
        assertTrue(printed.contains("\n/*??*/ dW2 = 1/m * dZ2 @ A1.T\n             ^\n"), printed);
    }

    // Each case: stderr.encoding (Java 19 on), sun.stderr.encoding (Java 17 on a Windows console), what
    // main writes in ("default": the default charset). "-" is a property not set.
    @ParameterizedTest(name = "stderr.encoding {0}, sun.stderr.encoding {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            US-ASCII   | -          | US-ASCII
            ISO-8859-1 | UTF-8      | ISO-8859-1
            -          | ISO-8859-1 | ISO-8859-1
            no-such    | ISO-8859-1 | ISO-8859-1
            no-such    | -          | default
            -          | -          | default
            """)
    void mainWritesInTheCharsetOfTheErrorStream(String stderrEncoding, String sunStderrEncoding, String expected) {
        java.util.Map<String, String> properties = new java.util.HashMap<>();
        properties.put("stderr.encoding", stderrEncoding.equals("-") ? null : stderrEncoding);
        properties.put("sun.stderr.encoding", sunStderrEncoding.equals("-") ? null : sunStderrEncoding);
        assertEquals(expected.equals("default") ? Charset.defaultCharset() : Charset.forName(expected),
                DiagnosticFormatter.consoleCharset(properties::get));
    }

    /**
     * The command line as Java 19 and later start it under LC_ALL=C: the default charset UTF-8, the
     * error stream's US-ASCII. The line reaches the terminal as the error stream writes it, its CJK
     * character a {@code ?}, the caret under the column in those cells; not as UTF-8 bytes.
     */
    @Test
    void theCommandLineWritesInTheErrorStreamsCharsetNotTheDefault() throws Exception {
        Path spec = Files.writeString(dir.resolve("f.nn"), SPEC.replace("  Z = W @ X", "  Z = /*\u4E2D*/ W @ @ X"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-Dstderr.encoding=US-ASCII", "-Dstdout.encoding=US-ASCII",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "show", spec.toString());
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        byte[] err = p.getErrorStream().readAllBytes();
        assertEquals(Main.USAGE, p.waitFor(), new String(err, StandardCharsets.UTF_8));
        String expected = spec + ":5:17: error: expected an expression, found '@'\n  Z = /*?*/ W @ @ X\n                ^\n";
        assertArrayEquals(expected.getBytes(StandardCharsets.US_ASCII), err, new String(err, StandardCharsets.UTF_8));
    }
}
