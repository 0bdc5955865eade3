package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertTrue(printed.contains(eq + ":3:8: error: dW2 applies 1/m twice"), printed);
        assertTrue(printed.contains("\n/*??*/ dW2 = 1/m * dZ2 @ A1.T\n       ^\n"), printed);
    }
}
