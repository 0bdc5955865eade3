package dev.netgrad.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Just enough of a JSON reader for params files, as strict as RFC 8259 and as the command line's
 * reader (dev.netgrad.data.JsonText, which the same inputs test against): numbers as the RFC
 * writes them and finite, no NaN, no comments, no trailing commas, no key twice in an object, no
 * raw control character in a string, only JSON's four whitespace characters. Every error names
 * the line and column (in code points, as that reader counts), and says what was expected and what
 * was found, in that reader's words.
 */
final class JsonCursor {
    /** Deeper nesting is no params file; the limit keeps the recursion far from the stack's end. */
    static final int MAX_DEPTH = 512;

    private final String where;
    private final String text;
    private int pos;

    JsonCursor(String where, String text) {
        this.where = where;
        // A byte order mark (an editor's, on Windows) is no text: the command line's reader skips it too.
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The UTF-8 text of {@code file}, refused when longer than {@code maxBytes}: reading stops one
     * byte past it, so that /dev/zero or a huge file of something else cannot fill the heap.
     */
    static JsonCursor open(Path file, long maxBytes, String what) throws IOException {
        String where = file.toString();
        if (Files.isDirectory(file)) {
            throw new IOException(where + ": not a valid params file: it is a directory");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (bytes.length > maxBytes) {
            throw new IOException(where + ": not a valid params file: larger than " + maxBytes + " bytes, far more than " + what + " take");
        }
        if (looksLikeUtf16(bytes)) {
            // Its NULs decode as UTF-8: named here, it is not taken for JSON with a stray NUL or for a binary file.
            int bad = firstNulOrMark(bytes);
            JsonCursor before = new JsonCursor(where, new String(bytes, 0, bad, StandardCharsets.UTF_8));
            throw before.error(before.text.length(), "not UTF-8 text: UTF-16 (a NUL byte every other byte; Windows PowerShell's >"
                    + " writes it), at byte offset " + bad + "; save it as UTF-8");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return new JsonCursor(where, StandardCharsets.UTF_8.newDecoder().decode(in).toString());
        } catch (CharacterCodingException e) {
            // The decoder stops at the first bad byte; the text before it is good UTF-8, so its place has a line and column.
            int bad = in.position();
            JsonCursor before = new JsonCursor(where, new String(bytes, 0, bad, StandardCharsets.UTF_8));
            IOException notText = before.error(before.text.length(), "not UTF-8 text (a binary file?): byte 0x"
                    + Integer.toHexString(0x100 | bytes[bad] & 0xff).substring(1).toUpperCase(java.util.Locale.ROOT) + " at byte offset " + bad + " is no UTF-8");
            notText.initCause(e);
            throw notText;
        }
    }

    /** How many bytes from the start (after a byte-order mark) {@link #looksLikeUtf16} looks at. */
    private static final int UTF16_SAMPLE = 64;

    /**
     * Whether the file is UTF-16 (Windows PowerShell's {@code >}, an editor's "Unicode"): after its
     * byte-order mark (FF FE or FE FF), if any, every other byte of its first {@link #UTF16_SAMPLE}
     * is a NUL and the others are not, in either byte order. A private copy of the command line's
     * test (dev.netgrad.spec.NotText.looksLikeUtf16, over the same bytes), so that both name such a
     * file alike: this package is copied beside generated classes and uses java.base alone.
     */
    static boolean looksLikeUtf16(byte[] bytes) {
        int from = hasUtf16Mark(bytes) ? 2 : 0;
        int to = Math.min(bytes.length, from + UTF16_SAMPLE);
        if (to - from < 4) {
            return false;
        }
        for (int parity = 0; parity < 2; parity++) {
            boolean alternates = true;
            for (int i = from; i < to && alternates; i++) {
                alternates = (bytes[i] == 0) == ((i - from) % 2 == parity);
            }
            if (alternates) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasUtf16Mark(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE || bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF);
    }

    /** Where a UTF-16 file stops being UTF-8: its byte-order mark, else its first NUL. */
    private static int firstNulOrMark(byte[] bytes) {
        int at = 0;
        while (!hasUtf16Mark(bytes) && at < bytes.length && bytes[at] != 0) {
            at++;
        }
        return at;
    }

    /** Where the cursor stands, for {@link #error(int, String)}. */
    int position() {
        blanks();
        return pos;
    }

    void expect(char ch) throws IOException {
        if (!skip(ch)) {
            throw error("expected '" + ch + "', found " + found());
        }
    }

    boolean skip(char ch) {
        blanks();
        if (pos < text.length() && text.charAt(pos) == ch) {
            pos++;
            return true;
        }
        return false;
    }

    /** {@code null} when it stands next, false when something else does. */
    boolean skipNull() throws IOException {
        blanks();
        if (!text.startsWith("null", pos)) {
            return false;
        }
        pos += 4;
        return true;
    }

    void end() throws IOException {
        blanks();
        if (pos != text.length()) {
            throw error("unexpected " + found() + " after the JSON value");
        }
    }

    /** A key of an object, refused when the object already had it ({@code seen} holds the keys read so far). */
    String key(Set<String> seen) throws IOException {
        blanks();
        int at = pos;
        if (pos >= text.length() || text.charAt(pos) != '"') {
            throw error("expected a key in double quotes, found " + found());
        }
        String key = string();
        if (!seen.add(key)) {
            throw error(at, "key \"" + key + "\" appears twice in this object");
        }
        return key;
    }

    String string() throws IOException {
        expect('"');
        int start = pos - 1;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error(start, "this string is not closed: expected '\"' before the end of the file");
            }
            char ch = text.charAt(pos);
            if (ch == '"') {
                pos++;
                return out.toString();
            }
            if (ch < 0x20) {
                throw error("a string may not hold a raw control character (write \\n, \\t or \\u00XX), found " + found());
            }
            if (ch == '\\') {
                out.append(escape());
            } else {
                out.append(ch);
                pos++;
            }
        }
    }

    private char escape() throws IOException {
        int at = pos++;
        char escaped = pos < text.length() ? text.charAt(pos) : 0;
        pos++;
        if (escaped == 'u') {
            if (pos + 4 <= text.length() && isHex(text, pos, pos + 4)) {
                pos += 4;
                return (char) Integer.parseInt(text.substring(pos - 4, pos), 16);
            }
            throw error(at, "expected four hex digits after \\u");
        }
        int k = "\"\\/bfnrt".indexOf(escaped);
        if (k < 0 || escaped == 0) {
            throw error(at, "unknown escape \\" + (escaped == 0 ? "" : Character.toString(text.codePointAt(at + 1))) + " in a string");
        }
        return "\"\\/\b\f\n\r\t".charAt(k);
    }

    // Not Integer.parseInt's judgement alone: it takes a sign, "+1ab".
    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if ("0123456789abcdefABCDEF".indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A number as RFC 8259 writes it, {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}, and finite. */
    double number() throws IOException {
        blanks();
        int start = pos;
        if (peek() == '-') {
            pos++;
            if (!isDigit(peek())) {
                throw error(start, "expected digits in the number, found " + found());
            }
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("a number may not start with 0 and another digit (JSON has no leading zeros), found " + found());
            }
        } else if (!digits()) {
            String hint = text.startsWith("NaN", pos) || text.startsWith("Infinity", pos) ? " (JSON has no NaN or Infinity)" : "";
            throw error("expected a number, found " + found() + hint);
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw error("expected digits after the decimal point, found " + found());
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("expected digits in the exponent, found " + found());
            }
        }
        String literal = text.substring(start, pos);
        double value = Double.parseDouble(literal);
        if (Double.isInfinite(value)) {
            throw error(start, "number " + literal + " is too large for a double (at most about 1.8e308)");
        }
        return value;
    }

    private boolean digits() {
        int start = pos;
        while (isDigit(peek())) {
            pos++;
        }
        return pos > start;
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    /** An array of rows of numbers; rectangularity is checked by the caller. */
    double[][] matrix() throws IOException {
        List<double[]> rows = new ArrayList<>();
        expect('[');
        if (!skip(']')) {
            do {
                rows.add(vector());
            } while (skip(','));
            expect(']');
        }
        return rows.toArray(new double[0][]);
    }

    /**
     * Whether the value ahead opens three arrays or more, {@code [[[}: a filter bank given nested, f x f
     * x c_in x c_out, not as rows. Reads nothing.
     */
    boolean nestedAhead() {
        int at = position();
        for (int level = 0; level < 3; level++) {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (at >= text.length() || text.charAt(at) != '[') {
                return false;
            }
            at++;
        }
        return true;
    }

    /** An array of arrays of rows of numbers, f x f x c_in x c_out; their lengths are checked by the caller. */
    double[][][][] nested() throws IOException {
        List<double[][][]> out = new ArrayList<>();
        expect('[');
        if (!skip(']')) {
            do {
                List<double[][]> columns = new ArrayList<>();
                expect('[');
                if (!skip(']')) {
                    do {
                        columns.add(matrix());
                    } while (skip(','));
                    expect(']');
                }
                out.add(columns.toArray(new double[0][][]));
            } while (skip(','));
            expect(']');
        }
        return out.toArray(new double[0][][][]);
    }

    /** {@code [1.0, 2.0, ...]}. */
    double[] vector() throws IOException {
        List<Double> values = new ArrayList<>();
        expect('[');
        if (!skip(']')) {
            do {
                values.add(number());
            } while (skip(','));
            expect(']');
        }
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** Skips the value of a key of the file's object, one level below it (the depths are the command line's reader's). */
    void skipValue() throws IOException {
        skipValue(1);
    }

    private void skipValue(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep");
        }
        blanks();
        if (pos >= text.length()) {
            throw error("expected a value, found the end of the file");
        }
        char ch = text.charAt(pos);
        if (ch == '"') {
            string();
        } else if (ch == '{' || ch == '[') {
            char close = ch == '{' ? '}' : ']';
            Set<String> keys = new HashSet<>();
            pos++;
            if (!skip(close)) {
                do {
                    if (ch == '{') {
                        key(keys);
                        expect(':');
                    }
                    skipValue(depth + 1);
                } while (skip(','));
                expect(close);
            }
        } else if (text.startsWith("true", pos) || text.startsWith("null", pos)) {
            pos += 4;
        } else if (text.startsWith("false", pos)) {
            pos += 5;
        } else {
            number();
        }
    }

    IOException error(String message) {
        return error(pos, message);
    }

    /** An error at {@code at}, a {@link #position()} read before. */
    IOException error(int at, String message) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(at, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        // Columns count code points (an emoji is one), as the command line's reader and the spec lexer count.
        int column = Character.codePointCount(text, lineStart, end) + 1;
        return new IOException(where + ":" + line + ":" + column + ": not a valid params file: " + message);
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    /** What stands at the cursor, as the command line's reader says it: a word, one character, or the end of the file. */
    private String found() {
        if (pos >= text.length()) {
            return "the end of the file";
        }
        // A word of up to 12 letters or digits, else one character: code points, never half an emoji.
        int end = pos;
        for (int n = 0; end < text.length() && n < 12 && Character.isLetterOrDigit(text.codePointAt(end)); n++) {
            end += Character.charCount(text.codePointAt(end));
        }
        String shown = end > pos ? text.substring(pos, end) : text.substring(pos, pos + Character.charCount(text.codePointAt(pos)));
        StringBuilder out = new StringBuilder("'");
        for (char ch : shown.toCharArray()) {
            // A control character would act on the terminal the message is printed on.
            out.append(ch < 0x20 || ch == 0x7f ? "\\u" + Integer.toHexString(0x10000 | ch).substring(1) : String.valueOf(ch));
        }
        return out.append('\'').toString();
    }

    /** JSON's whitespace: space, tab, newline, carriage return, and nothing else (no form feed, no no-break space). */
    private void blanks() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }
}
