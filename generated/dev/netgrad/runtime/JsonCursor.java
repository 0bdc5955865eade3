package dev.netgrad.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Just enough of a JSON reader for params files; every error names the line and column. */
final class JsonCursor {
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
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (bytes.length > maxBytes) {
            throw new IOException(where + ": not a valid params file: larger than " + maxBytes + " bytes, far more than " + what + " take");
        }
        try {
            return new JsonCursor(where, StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            // The decoder's own message is "Input length = 3".
            throw new IOException(where + ": not a valid params file: not UTF-8 text (a binary file?)", e);
        }
    }

    /** Where the cursor stands, for {@link #error(int, String)}. */
    int position() {
        blanks();
        return pos;
    }

    void expect(char ch) throws IOException {
        if (!skip(ch)) {
            throw error("expected '" + ch + "'");
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

    void end() throws IOException {
        blanks();
        if (pos != text.length()) {
            throw error("unexpected text after the end");
        }
    }

    String string() throws IOException {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != '"') {
            char ch = text.charAt(pos++);
            if (ch == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char escaped = text.charAt(pos++);
                if (escaped == 'u' && pos + 4 <= text.length()) {
                    try {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException e) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                } else {
                    int k = "\"\\/bfnrt".indexOf(escaped);
                    if (k < 0) {
                        throw error("bad escape \\" + escaped);
                    }
                    out.append("\"\\/\b\f\n\r\t".charAt(k));
                }
            } else {
                out.append(ch);
            }
        }
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        pos++;
        return out.toString();
    }

    double number() throws IOException {
        blanks();
        int start = pos;
        while (pos < text.length() && "+-.0123456789eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a number");
        }
        try {
            return Double.parseDouble(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("bad number " + text.substring(start, Math.min(text.length(), start + 30)));
        }
    }

    /** An array of rows of numbers; rectangularity is checked by the caller. */
    double[][] matrix() throws IOException {
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        expect('[');
        if (!skip(']')) {
            do {
                java.util.List<Double> row = new java.util.ArrayList<>();
                expect('[');
                if (!skip(']')) {
                    do {
                        row.add(number());
                    } while (skip(','));
                    expect(']');
                }
                double[] values = new double[row.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = row.get(i);
                }
                rows.add(values);
            } while (skip(','));
            expect(']');
        }
        return rows.toArray(new double[0][]);
    }

    /** {@code [1.0, 2.0, ...]}. */
    double[] vector() throws IOException {
        java.util.List<Double> values = new java.util.ArrayList<>();
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

    void skipValue() throws IOException {
        blanks();
        if (pos >= text.length()) {
            throw error("expected a value");
        }
        char ch = text.charAt(pos);
        if (ch == '"') {
            string();
        } else if (ch == '{' || ch == '[') {
            char close = ch == '{' ? '}' : ']';
            pos++;
            if (!skip(close)) {
                do {
                    if (ch == '{') {
                        string();
                        expect(':');
                    }
                    skipValue();
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
        int column = 1;
        for (int i = 0; i < Math.min(at, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new IOException(where + ":" + line + ":" + column + ": not a valid params file: " + message);
    }

    private void blanks() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
