package dev.netgrad.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.DiagnosticFormatter;
import java.util.List;

/**
 * Strict JSON (RFC 8259) into Gson's tree, with errors in netgrad's words at their place:
 * {@code FILE:LINE:COL: error: ...}, the source line and a caret. Numbers must be finite doubles:
 * {@code 1e999} is refused where it stands instead of becoming Infinity, and JSON has no NaN.
 * Gson's own parser reports its exception names and reads such numbers silently.
 */
public final class JsonText {
    /** Deeper nesting is no matrix file; the limit keeps the recursion far from the stack's end. */
    static final int MAX_DEPTH = 512;

    private final String path;
    private final String text;
    private int pos;

    private JsonText(String path, String text) {
        this.path = path;
        this.text = text;
    }

    public static JsonElement parse(String path, String text) throws DataException {
        JsonText json = new JsonText(path, text.startsWith("\uFEFF") ? text.substring(1) : text);
        JsonElement root = json.value(0);
        json.skipSpace();
        if (json.pos < json.text.length()) {
            throw json.error(json.pos, "unexpected " + json.found() + " after the JSON value");
        }
        return root;
    }

    private JsonElement value(int depth) throws DataException {
        if (depth > MAX_DEPTH) {
            throw error(pos, "nested more than " + MAX_DEPTH + " levels deep");
        }
        skipSpace();
        if (pos >= text.length()) {
            throw error(pos, "expected a value, found the end of the file");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> new JsonPrimitive(string());
            case 't' -> literal("true", new JsonPrimitive(true));
            case 'f' -> literal("false", new JsonPrimitive(false));
            case 'n' -> literal("null", JsonNull.INSTANCE);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                String hint = text.startsWith("NaN", pos) || text.startsWith("Infinity", pos)
                        ? " (JSON has no NaN or Infinity)" : "";
                throw error(pos, "expected a value (a number, string, array, object, true, false or null), found "
                        + found() + hint);
            }
        };
    }

    private JsonObject object(int depth) throws DataException {
        JsonObject object = new JsonObject();
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return object;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error(pos, "expected a key in double quotes, found " + found());
            }
            int keyAt = pos;
            String key = string();
            if (object.has(key)) {
                throw problem(keyAt, "key \"" + key + "\" appears twice in this object");
            }
            skipSpace();
            expect(':', "':' after the key");
            object.add(key, value(depth + 1));
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == '}') {
                pos++;
                return object;
            } else {
                throw error(pos, "expected ',' or '}' after a value of the object, found " + found());
            }
        }
    }

    private JsonArray array(int depth) throws DataException {
        JsonArray array = new JsonArray();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return array;
        }
        while (true) {
            array.add(value(depth + 1));
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                return array;
            } else {
                throw error(pos, "expected ',' or ']' after an element of the array, found " + found());
            }
        }
    }

    private JsonElement literal(String word, JsonElement value) throws DataException {
        if (!text.startsWith(word, pos)) {
            throw error(pos, "expected a value (a number, string, array, object, true, false or null), found " + found());
        }
        pos += word.length();
        return value;
    }

    private JsonPrimitive number() throws DataException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw error(start, "expected digits in the number, found " + found());
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw error(pos, "expected digits after the decimal point, found " + found());
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error(pos, "expected digits in the exponent, found " + found());
            }
        }
        String literal = text.substring(start, pos);
        double value = Double.parseDouble(literal);
        if (Double.isInfinite(value)) {
            throw problem(start, "number " + literal + " is too large for a double (at most about 1.8e308)");
        }
        return new JsonPrimitive(value);
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private String string() throws DataException {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error(start, "this string is not closed: expected '\"' before the end of the file");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) {
                throw error(pos, "a string may not hold a raw control character (write \\n, \\t or \\u00XX), found "
                        + found());
            }
            if (c == '\\') {
                out.append(escape());
            } else {
                out.append(c);
                pos++;
            }
        }
    }

    private char escape() throws DataException {
        int at = pos;
        pos++;
        char c = peek();
        pos++;
        switch (c) {
            case '"', '\\', '/' -> {
                return c;
            }
            case 'b' -> {
                return '\b';
            }
            case 'f' -> {
                return '\f';
            }
            case 'n' -> {
                return '\n';
            }
            case 'r' -> {
                return '\r';
            }
            case 't' -> {
                return '\t';
            }
            case 'u' -> {
                if (pos + 4 <= text.length() && text.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
                    pos += 4;
                    return (char) Integer.parseInt(text.substring(pos - 4, pos), 16);
                }
                throw error(at, "expected four hex digits after \\u");
            }
            default -> throw error(at, "unknown escape \\" + (c == 0 ? "" : c) + " in a string");
        }
    }

    private void expect(char c, String what) throws DataException {
        if (peek() != c) {
            throw error(pos, "expected " + what + ", found " + found());
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    /** What stands at the position, in the user's terms. */
    private String found() {
        if (pos >= text.length()) {
            return "the end of the file";
        }
        int end = pos;
        while (end < text.length() && end - pos < 12 && Character.isLetterOrDigit(text.charAt(end))) {
            end++;
        }
        return "'" + (end > pos ? text.substring(pos, end) : text.substring(pos, pos + 1)) + "'";
    }

    /** A syntax error: "not valid JSON: " and what was expected. */
    private DataException error(int at, String message) {
        return problem(at, "not valid JSON: " + message);
    }

    private DataException problem(int at, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        Diagnostic d = new Diagnostic(path, line, at - lineStart + 1, message);
        return new DataException(DiagnosticFormatter.format(List.of(d), text).stripTrailing());
    }
}
