package dev.netgrad.spec;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Prints diagnostics as compilers do: {@code path:line:col: error: message}, then the source line
 * and a caret under the column. Columns count Unicode code points from 1, in every file netgrad
 * reads (an emoji is one column, as in rustc), and the caret sits under the character the column
 * names as a terminal shows the line. Tabs before the column are copied into the caret line so the
 * caret lines up in any tab width. A source line that is not text (a NUL, undecodable bytes: a binary
 * file) is not shown: it would print as garbage, and the message says where the bytes are.
 *
 * <p>The caret is padded for the charset the diagnostic will be written in: a character that charset
 * cannot encode is printed by the stream's encoder as one {@code ?} (as javac's lines show under
 * {@code LC_ALL=C}), one cell wide whatever its width in Unicode. The line is left as it is rather than
 * written with such characters escaped: the message line above it, quoting the same characters, goes
 * through the same encoder, and the two then show them alike; the file's column still says where.
 */
public final class DiagnosticFormatter {
    /** Longer source lines (in code points) are shown as a window around the column. */
    static final int MAX_SHOWN = 160;
    private static final int CONTEXT = 60;
    private static final String ELLIPSIS = "...";

    /**
     * The charset of the stream the diagnostics formatted on this thread (and the threads it starts)
     * will be written to, when a caller said so with {@link #writingIn}. Diagnostics are formatted
     * deep in the readers (specs, CSV, JSON), long before the stream they end on is at hand.
     */
    private static final InheritableThreadLocal<Charset> OUTPUT = new InheritableThreadLocal<>();

    private DiagnosticFormatter() {
    }

    /**
     * A failure said at {@code place}: {@code PLACE: error: MESSAGE}, the one form of every message that
     * reports a failure (gcc's and rustc's), whatever the place: {@code FILE:LINE:COL} for a diagnostic,
     * {@code FILE} for a whole file, {@code netgrad VERB} for the verb's command line or its run,
     * {@code netgrad} before any verb. What became of the work (interrupted, saved elsewhere) is no failure.
     */
    public static String error(String place, String message) {
        return place + ": error: " + message;
    }

    /**
     * Runs {@code work} with every diagnostic it formats without naming a charset (on this thread and
     * the threads it starts) padded for output in {@code charset}: what the command line does with
     * the charset of its error stream.
     */
    public static <T> T writingIn(Charset charset, Supplier<T> work) {
        Charset before = OUTPUT.get();
        OUTPUT.set(charset);
        try {
            return work.get();
        } finally {
            if (before == null) {
                OUTPUT.remove();
            } else {
                OUTPUT.set(before);
            }
        }
    }

    /**
     * The charset set by {@link #writingIn}, else the console's (what System.out and System.err write
     * in, as a Maven build's log does).
     */
    static Charset outputCharset() {
        Charset charset = OUTPUT.get();
        return charset == null ? consoleCharset(System::getProperty) : charset;
    }

    /**
     * The charset System.err itself writes in, which is what the terminal expects: {@code
     * stderr.encoding} from Java 19 on (the console's, or the locale's), {@code sun.stderr.encoding}
     * where Java 17 sets it (a Windows console), else the default charset (the locale's on Java 17).
     * Not the default charset alone: from Java 18 on that is UTF-8 whatever the locale, and under
     * {@code LC_ALL=C} the user's characters would reach the terminal as UTF-8 bytes, where a
     * PrintWriter over System.err had written them as {@code ?}. The command line writes both its
     * streams in it: a diagnostic is formatted for one charset, and Java gives stdout the same one.
     */
    public static Charset consoleCharset(UnaryOperator<String> properties) {
        for (String property : List.of("stderr.encoding", "sun.stderr.encoding")) {
            String name = properties.apply(property);
            if (name != null && !name.isEmpty()) {
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException unsupported) {
                    // An encoding this JVM does not have (System.err then falls back as well): the next.
                }
            }
        }
        return Charset.defaultCharset();
    }

    /** Every diagnostic with its source line and caret, for output in {@link #outputCharset()}. */
    public static String format(List<Diagnostic> diagnostics, String sourceText) {
        return format(diagnostics, sourceText, outputCharset());
    }

    /** Every diagnostic with its source line and a caret placed for output in {@code output}. */
    public static String format(List<Diagnostic> diagnostics, String sourceText, Charset output) {
        int lastLine = diagnostics.stream().mapToInt(Diagnostic::line).max().orElse(0);
        int[] lineStarts = lineStarts(sourceText, lastLine);
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            out.append(escape(d.toString())).append('\n');
            if (d.line() >= 1 && d.line() <= lineStarts.length) {
                appendExcerpt(out, line(sourceText, lineStarts, d.line()), Math.max(1, d.column()), output);
            }
        }
        return out.toString();
    }

    /** One diagnostic with its source line given alone (as a reader that streams its file keeps it); null for none. */
    public static String format(Diagnostic d, String sourceLine) {
        return format(d, sourceLine, outputCharset());
    }

    /** One diagnostic with its source line given alone, the caret placed for output in {@code output}. */
    public static String format(Diagnostic d, String sourceLine, Charset output) {
        StringBuilder out = new StringBuilder(escape(d.toString())).append('\n');
        if (d.line() >= 1 && sourceLine != null) {
            appendExcerpt(out, sourceLine, Math.max(1, d.column()), output);
        }
        return out.toString();
    }

    /**
     * Where each line starts, up to {@code lastLine} (a 10 MB file need not be indexed whole); line 1
     * after a byte-order mark, which is no column.
     */
    private static int[] lineStarts(String text, int lastLine) {
        int[] starts = new int[16];
        starts[0] = text.startsWith("\uFEFF") ? 1 : 0;
        int count = 1;
        for (int i = 0; i < text.length() && count <= lastLine; i++) {
            if (!LineBreaks.endsLine(text, i)) {
                continue;
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = i + 1;
        }
        return Arrays.copyOf(starts, count);
    }

    private static String line(String text, int[] starts, int line) {
        int start = starts[line - 1];
        int end = line < starts.length ? starts[line] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, Math.max(start, end));
    }

    /**
     * The text with every control character but newline and tab written as {@code \u001b}: a
     * message quoting a user's file must not drive the terminal it is printed on.
     */
    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && needsEscape(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(escape(c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Whether a code point shows as a space or as nothing: white space, a space separator (a no-break
     * space) or a format character (a zero-width space), as pasted from a web page. Quoted, it shows
     * nothing of what it is, so a message names it by its code point.
     */
    public static boolean showsBlank(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.getType(cp) == Character.FORMAT;
    }

    /**
     * A file's name as a message names it: {@link #escape}d, and its line breaks too, so that a file named
     * {@code "a\nb.nn"} cannot split the {@code FILE:LINE:COL: error:} line in two (or print a name of its choosing).
     */
    public static String escapeName(String name) {
        return escape(name).replace("\n", escape('\n'));
    }

    /**
     * Whether a character would act on a terminal rather than show: C0 and C1 controls (but tab),
     * bidi overrides, and the line and paragraph separators U+2028 and U+2029, which some terminals,
     * editors and log viewers break a line at (a CSV cell quoted in an error would split its line).
     */
    public static boolean needsEscape(char c) {
        return c != '\t' && (Character.isISOControl(c) || (c >= '\u2028' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069'));
    }

    /** {@code \u001b} for ESC. */
    public static String escape(char c) {
        return String.format(java.util.Locale.ROOT, "\\u%04x", (int) c);
    }

    /**
     * The line and a caret line under it. {@code column} counts code points, so the window of a long
     * line is cut at code points (never inside a surrogate pair) and the caret is padded by what the
     * terminal shows before it: a tab copied, an escaped control character's text, one cell for a
     * character {@code output} cannot encode (its {@code ?}), and each other character's cells
     * ({@link TerminalWidth}: two for CJK and most emoji).
     */
    private static void appendExcerpt(StringBuilder out, String line, int column, Charset output) {
        if (line.chars().anyMatch(c -> NotText.isNotText((char) c))) {
            return;
        }
        int length = line.codePointCount(0, line.length());
        int at = Math.min(column - 1, length);
        int from = 0;
        int to = length;
        if (length > MAX_SHOWN) {
            from = Math.max(0, at - CONTEXT);
            to = Math.min(length, from + 2 * CONTEXT);
        }
        String prefix = from > 0 ? ELLIPSIS : "";
        int begin = line.offsetByCodePoints(0, from);
        int caretAt = line.offsetByCodePoints(begin, at - from);
        int end = line.offsetByCodePoints(caretAt, to - at);
        StringBuilder shown = new StringBuilder(prefix);
        StringBuilder caret = new StringBuilder(prefix);
        // A charset that only decodes names no stream netgrad writes to; pad as for Unicode then.
        CharsetEncoder encoder = output.canEncode() ? output.newEncoder() : null;
        for (int i = begin; i < end; ) {
            int c = line.codePointAt(i);
            boolean escaped = Character.isBmpCodePoint(c) && needsEscape((char) c);
            String text = escaped ? escape((char) c) : Character.toString(c);
            shown.append(text);
            if (i < caretAt) {
                caret.append(c == '\t' ? "\t" : " ".repeat(escaped ? text.length() : cells(c, text, encoder)));
            }
            i += Character.charCount(c);
        }
        shown.append(to < length ? ELLIPSIS : "");
        out.append(shown).append('\n').append(caret).append("^\n");
    }

    /**
     * The cells {@code c} takes once encoded: one for the {@code ?} the stream's encoder writes for a
     * character it cannot encode (a lone surrogate in any charset), else its terminal width.
     */
    private static int cells(int c, String text, CharsetEncoder encoder) {
        return encoder != null && !encoder.canEncode(text) ? 1 : TerminalWidth.of(c);
    }
}
