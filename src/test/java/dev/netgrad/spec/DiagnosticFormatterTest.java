package dev.netgrad.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /**
     * A column counts code points; the caret is padded by the cells a terminal gives what comes
     * before it: two for 😀 (two chars in Java) and for 中, none for a combining accent, a tab copied,
     * the text of an escaped control character.
     */
    static Stream<Arguments> columnsAndCarets() {
        String emojis = "\uD83D\uDE00".repeat(300);
        String window = "\uD83D\uDE00".repeat(120);
        return Stream.of(
                // what | line | column | the line shown | the caret line
                Arguments.of("after an emoji", "a\uD83D\uDE00b", 3, "a\uD83D\uDE00b", "   ^"),
                Arguments.of("after two CJK characters", "\u4E2D\u6587x", 3, "\u4E2D\u6587x", "    ^"),
                Arguments.of("after a combining accent", "e\u0301x", 3, "e\u0301x", " ^"),
                Arguments.of("after tabs and an emoji", "\t\uD83D\uDE00\tx", 4, "\t\uD83D\uDE00\tx", "\t  \t^"),
                Arguments.of("after an escaped control character and an emoji", "\u001b\uD83D\uDE00x", 3,
                        "\\u001b\uD83D\uDE00x", "        ^"),
                Arguments.of("at the end of a line of emoji", "\uD83D\uDE00\uD83D\uDE00", 3, "\uD83D\uDE00\uD83D\uDE00", "    ^"),
                Arguments.of("beyond the end of the line", "\uD83D\uDE00", 9, "\uD83D\uDE00", "  ^"),
                // 149 code points before the caret: the window starts 60 before it and shows 120, cut
                // between emoji on both sides (178 and 418 chars in; cuts at 89 and 209 chars, the
                // column taken as chars, would split an emoji on both sides).
                Arguments.of("a long line of emoji cut into a window", emojis, 150, "..." + window + "...",
                        "..." + " ".repeat(120) + "^"),
                // The window starts at the emoji, 60 code points before the caret: 2 cells and 59.
                Arguments.of("a long line whose window starts at an emoji", "x".repeat(100) + "\uD83D\uDE00" + "y".repeat(200),
                        161, "...\uD83D\uDE00" + "y".repeat(119) + "...", "..." + " ".repeat(61) + "^"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columnsAndCarets")
    void caretSitsUnderTheCodePointTheColumnCounts(String what, String line, int column, String shown, String caret) {
        String out = DiagnosticFormatter.format(List.of(new Diagnostic("f", 1, column, "here")), line);
        assertEquals("f:1:" + column + ": error: here\n" + shown + "\n" + caret + "\n", out, what);
    }

    private static final Charset ASCII = StandardCharsets.US_ASCII;
    private static final Charset LATIN1 = StandardCharsets.ISO_8859_1;

    /**
     * Output in a charset that cannot encode every character (LC_ALL=C, a Latin-1 locale): the
     * stream's encoder prints each such code point as one {@code ?}, one cell wide whatever its width
     * in Unicode, and the caret is padded by what is printed. The line shown is what the stream
     * writes, encoded and decoded again. A precomposed é takes one cell printed or replaced, so its
     * cases put a wide character beside it.
     */
    static Stream<Arguments> caretsInACharsetThatCannotEncodeTheLine() {
        return Stream.of(
                // what | charset | line | column | the line printed | the caret line
                Arguments.of("ASCII: after two CJK characters", ASCII, "\u4E2D\u6587x", 3, "??x", "  ^"),
                Arguments.of("ASCII: after an emoji (two chars, one ?)", ASCII, "a\uD83D\uDE00b", 3, "a?b", "  ^"),
                Arguments.of("ASCII: after a combining accent", ASCII, "e\u0301x", 3, "e?x", "  ^"),
                Arguments.of("ASCII: after an accented letter and a CJK character", ASCII, "\u00E9\u4E2Dx", 3, "??x", "  ^"),
                Arguments.of("ASCII: after a tab and a CJK character", ASCII, "\t\u4E2D\tx", 4, "\t?\tx", "\t \t^"),
                Arguments.of("ASCII: after an escaped control character and a CJK character", ASCII, "\u001b\u4E2Dx", 3,
                        "\\u001b?x", "       ^"),
                Arguments.of("ASCII: the window of a long line starting at a CJK character", ASCII,
                        "x".repeat(100) + "\u4E2D" + "y".repeat(200), 161, "...?" + "y".repeat(119) + "...", "..." + " ".repeat(60) + "^"),
                Arguments.of("Latin-1: after two CJK characters", LATIN1, "\u4E2D\u6587x", 3, "??x", "  ^"),
                Arguments.of("Latin-1: after an accented letter and an emoji", LATIN1, "\u00E9\uD83D\uDE00x", 3, "\u00E9?x", "  ^"),
                Arguments.of("Latin-1: after a combining accent", LATIN1, "e\u0301x", 3, "e?x", "  ^"),
                Arguments.of("Latin-1: after an accented letter and a CJK character", LATIN1, "\u00E9\u4E2Dx", 3, "\u00E9?x", "  ^"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caretsInACharsetThatCannotEncodeTheLine")
    void caretSitsUnderTheColumnAsTheCharsetPrintsTheLine(String what, Charset charset, String line, int column,
            String printed, String caret) {
        Diagnostic d = new Diagnostic("f", 1, column, "here");
        String expected = "f:1:" + column + ": error: here\n" + printed + "\n" + caret + "\n";
        assertEquals(expected, printedIn(charset, DiagnosticFormatter.format(List.of(d), line, charset)), what);
        assertEquals(expected, printedIn(charset, DiagnosticFormatter.format(d, line, charset)), what + ", the line given alone");
    }

    /** What a stream writing in {@code charset} shows of {@code text}: each code point it cannot encode as {@code ?}. */
    private static String printedIn(Charset charset, String text) {
        return new String(text.getBytes(charset), charset);
    }

    /** Neither can reach the caret from a file (decoding makes U+FFFD of a bad byte); both are safe if they do. */
    @Test
    void aLoneSurrogateTakesTheCellOfItsQuestionMarkAndANulLineIsNotShownInAnyCharset() {
        Diagnostic d = new Diagnostic("f", 1, 3, "here");
        for (Charset charset : List.of(StandardCharsets.UTF_8, ASCII, LATIN1)) {
            assertEquals("f:1:3: error: here\na?b\n  ^\n", printedIn(charset, DiagnosticFormatter.format(d, "a\uD800b", charset)),
                    charset.name());
            assertEquals("f:1:3: error: here\n", DiagnosticFormatter.format(d, "a\u0000b", charset), charset.name());
        }
    }

    /** The command line sets its stream's charset once; readers format on the threads they start (a deep parse's own stack). */
    @Test
    void writingInSetsTheCharsetForThisThreadAndTheThreadsItStarts() throws InterruptedException {
        List<Diagnostic> d = List.of(new Diagnostic("f", 1, 2, "here"));
        AtomicReference<String> onAnotherThread = new AtomicReference<>();
        String here = DiagnosticFormatter.writingIn(ASCII, () -> {
            Thread other = new Thread(() -> onAnotherThread.set(DiagnosticFormatter.format(d, "\u4E2Dx")));
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return DiagnosticFormatter.format(d, "\u4E2Dx");
        });
        assertEquals("f:1:2: error: here\n\u4E2Dx\n ^\n", here);
        assertEquals(here, onAnotherThread.get());
        assertEquals(DiagnosticFormatter.format(d, "\u4E2Dx", Charset.defaultCharset()), DiagnosticFormatter.format(d, "\u4E2Dx"),
                "outside, the default charset again");
    }

    /**
     * Outside {@link DiagnosticFormatter#writingIn} (a Maven build's log) the caret is placed for the
     * console's charset, which from Java 19 on is stderr.encoding and not the default (UTF-8 there).
     * Set here as such a JVM sets it; the default charset of this JVM is left as it is.
     */
    @Test
    void outsideWritingInTheCaretIsPlacedForTheConsolesCharset() {
        List<Diagnostic> d = List.of(new Diagnostic("f", 1, 2, "here"));
        String before = System.getProperty("stderr.encoding");
        System.setProperty("stderr.encoding", "US-ASCII");
        try {
            assertEquals("f:1:2: error: here\n\u4E2Dx\n ^\n", DiagnosticFormatter.format(d, "\u4E2Dx"));
        } finally {
            if (before == null) {
                System.clearProperty("stderr.encoding");
            } else {
                System.setProperty("stderr.encoding", before);
            }
        }
    }

    @Test
    void charactersThatWouldActOnATerminalOrBreakALineAreEscaped() {
        // expectation: character -> escaped as \\uXXXX
        Object[][] cases = {
            {'\u001b', true},   // ESC: cursor moves, colours, titles
            {'\u0085', true},   // NEL, a C1 control
            {'\u2028', true},   // line separator: some viewers break the line there
            {'\u2029', true},   // paragraph separator
            {'\u202e', true},   // right-to-left override
            {'\u2067', true},   // right-to-left isolate
            {'\t', false},
            {'a', false},
            {'\u00e9', false},
            {'\u4e2d', false},
            {'\u2027', false},  // hyphenation point, just before the separators
        };
        for (Object[] c : cases) {
            char ch = (char) c[0];
            assertEquals(c[1], DiagnosticFormatter.needsEscape(ch), String.format("U+%04X", (int) ch));
            assertEquals((boolean) c[1] ? String.format("x\\u%04xy", (int) ch) : "x" + ch + "y", DiagnosticFormatter.escape("x" + ch + "y"));
        }
    }
}
