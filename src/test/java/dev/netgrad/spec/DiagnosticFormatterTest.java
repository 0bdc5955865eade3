package dev.netgrad.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticFormatterTest {
    @Test
    void caretSitsUnderTheColumnWithTabsKept() {
        String source = "network N {\n\tZ =\tW @ X\n}\n";
        String out = DiagnosticFormatter.format(List.of(new Diagnostic("n.nn", 2, 8, "boom")), source);
        assertEquals("n.nn:2:8: error: boom\n\tZ =\tW @ X\n\t   \t  ^\n", out);
    }

    @Test
    void eachDiagnosticGetsItsOwnExcerpt() {
        String source = "a\r\nbb\r\n";
        String out = DiagnosticFormatter.format(List.of(new Diagnostic("f", 1, 1, "one"),
                new Diagnostic("f", 2, 3, "two")), source);
        assertEquals("f:1:1: error: one\na\n^\nf:2:3: error: two\nbb\n  ^\n", out);
    }

    @Test
    void longLinesAreShownAsAWindowAroundTheColumn() {
        String line = "x".repeat(5000) + "!" + "y".repeat(5000);
        String out = DiagnosticFormatter.format(List.of(new Diagnostic("f", 1, 5001, "here")), line);
        String[] parts = out.split("\n");
        assertTrue(parts[1].length() < 200, "shown line is short");
        assertEquals(parts[1].indexOf('!'), parts[2].indexOf('^'), "caret under the column");
    }

    @Test
    void diagnosticsWithoutAPlaceHaveNoExcerpt() {
        String out = DiagnosticFormatter.format(List.of(new Diagnostic("f", 0, 0, "somewhere")), "text\n");
        assertEquals("f:0:0: error: somewhere\n", out);
    }

    @Test
    void aLineThatIsNotTextIsNotEchoed() {
        String source = "ok\n\uFFFD\uFFFDx\u0000\n";
        String out = DiagnosticFormatter.format(List.of(new Diagnostic("f", 1, 1, "one"), new Diagnostic("f", 2, 1, "two")), source);
        assertEquals("f:1:1: error: one\nok\n^\nf:2:1: error: two\n", out, "undecodable bytes and NULs would print as garbage");
    }

    @Test
    void controlCharactersAreEscapedInTheLineAndTheMessage() {
        String out = DiagnosticFormatter.format(List.of(new Diagnostic("f\u009b", 1, 3, "bad '\u001b[2J'")),
                "a\u0001b\u001b[31m");
        assertEquals("f\\u009b:1:3: error: bad '\\u001b[2J'\n"
                + "a\\u0001b\\u001b[31m\n"
                + "       ^\n", out, "the caret stays under b, after the six characters of \\u0001");
    }
}
