package dev.netgrad.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.DiagnosticFormatter;
import dev.netgrad.spec.LineBreaks;
import dev.netgrad.spec.NearMiss;
import dev.netgrad.spec.SourcePos;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
    /** Where each key of each object starts, to point at a key the reader of the tree refuses. */
    private final Map<JsonObject, Map<String, Integer>> keyOffsets = new IdentityHashMap<>();
    /** Where each entry of each array starts (4 bytes an entry), to point at an entry the reader of the tree refuses. */
    private final Map<JsonArray, int[]> entryOffsets = new IdentityHashMap<>();
    private int pos;

    private JsonText(String path, String text) {
        this.path = path;
        this.text = text;
    }

    /**
     * The most characters of JSON netgrad reads: an eighth of the memory data may take (a number of
     * the tree takes some 40 bytes for its 10 to 25 characters, and 4 more for its place), within what a String can hold.
     */
    public static int maxChars() {
        return (int) Math.min(Integer.MAX_VALUE - 16, CsvReader.memoryLimit() / 8);
    }

    /** Refuses a text longer than {@link #maxChars} (a reader stops one past it) or with binary bytes in it. */
    static void requireReadable(String path, String text) throws DataException {
        if (text.length() > maxChars()) {
            throw DataException.cannotRead(path, String.format(Locale.ROOT, "the file is too large: more than %,d characters, "
                    + "the most netgrad reads as JSON with this Java heap; " + Heap.LARGER, maxChars()));
        }
        Optional<DataException> binary = TextFile.binary(path, text, "a JSON file");
        if (binary.isPresent()) {
            throw binary.get();
        }
    }

    public static JsonElement parse(String path, String text) throws DataException {
        return document(path, text).root();
    }

    /** The tree, with where its keys stand. */
    public static Document document(String path, String text) throws DataException {
        requireReadable(path, text);
        JsonText json = new JsonText(path, text.startsWith("\uFEFF") ? text.substring(1) : text);
        JsonElement root = json.value(0);
        json.skipSpace();
        if (json.pos < json.text.length()) {
            throw json.error(json.pos, "unexpected " + json.found() + " after the JSON value");
        }
        return new Document(root, json);
    }

    /** A parsed file: its tree, and errors pointing at a key of it. */
    public record Document(JsonElement root, JsonText source) {
        /**
         * Refuses the first key of {@code object} that is not one of {@code known}, at the key, with
         * the known key meant when it is a near miss ("convension").
         */
        public void requireKnownKeys(JsonObject object, List<String> known, String what) throws DataException {
            for (String key : object.keySet()) {
                if (!known.contains(key)) {
                    String meant = NearMiss.nearest(key, known).map(k -> "; did you mean '" + k + "'?")
                            .orElseGet(() -> known.size() == 1 ? "; the only key of " + what + " is \"" + known.get(0) + "\""
                                    : "; the keys of " + what + " are " + known.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", ")));
                    throw atKey(object, key, "unknown key \"" + key + "\"" + meant);
                }
            }
        }

        /**
         * An error at the key {@code key} of {@code object}; one about the whole file
         * ({@code FILE: error: ...}) when the key has no place in it (the object lacks it, or was not parsed here).
         */
        public DataException atKey(JsonObject object, String key, String message) {
            Integer at = source.keyOffsets.getOrDefault(object, Map.of()).get(key);
            return at == null ? DataException.inFile(source.path, message) : source.problem(at, message);
        }

        /**
         * An error at the entry {@code index} of {@code array} (a number of the wrong type, a row that
         * is no array); one about the whole file when the entry has no place in it.
         */
        public DataException atEntry(JsonArray array, int index, String message) {
            int[] at = source.entryOffsets.get(array);
            return at == null || index < 0 || index >= at.length ? DataException.inFile(source.path, message)
                    : source.problem(at[index], message);
        }
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
            keyOffsets.computeIfAbsent(object, o -> new HashMap<>()).put(key, keyAt);
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
        int[] offsets = new int[4];
        while (true) {
            skipSpace();
            if (array.size() == offsets.length) {
                offsets = Arrays.copyOf(offsets, 2 * offsets.length);
            }
            offsets[array.size()] = pos;
            array.add(value(depth + 1));
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                entryOffsets.put(array, Arrays.copyOf(offsets, array.size()));
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
            if (peek() >= '0' && peek() <= '9') {
                throw error(pos, "a number may not start with 0 and another digit (JSON has no leading zeros), found " + found());
            }
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
        return new JsonPrimitive(new JsonNumber(value));
    }

    /**
     * A number of the file: a double, as every number netgrad reads is, shown without the ".0" that
     * Double.toString adds to whole numbers, so that an error echoing a "3" of the file says 3, not 3.0.
     */
    static final class JsonNumber extends Number {
        private static final long serialVersionUID = 1L;
        /** Below 2^53 every whole double is exact as a long. */
        private static final double EXACT_LONGS = 0x1p53;
        private final double value;

        JsonNumber(double value) {
            this.value = value;
        }

        @Override
        public double doubleValue() {
            return value;
        }

        @Override
        public float floatValue() {
            return (float) value;
        }

        @Override
        public long longValue() {
            return (long) value;
        }

        @Override
        public int intValue() {
            return (int) value;
        }

        @Override
        public String toString() {
            boolean whole = value == Math.rint(value) && Math.abs(value) < EXACT_LONGS && !(value == 0 && 1 / value < 0);
            return whole ? Long.toString((long) value) : Double.toString(value);
        }
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
            default -> throw error(at, "unknown escape \\" + (c == 0 ? "" : Character.toString(text.codePointAt(at + 1))) + " in a string");
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
        // A word of up to 12 letters or digits, else one character: code points, never half an emoji.
        int end = pos;
        for (int n = 0; end < text.length() && n < 12 && Character.isLetterOrDigit(text.codePointAt(end)); n++) {
            end += Character.charCount(text.codePointAt(end));
        }
        String shown = end > pos ? text.substring(pos, end) : text.substring(pos, pos + Character.charCount(text.codePointAt(pos)));
        StringBuilder out = new StringBuilder("'");
        for (char ch : shown.toCharArray()) {
            // A control character would act on the terminal the message is printed on, and a line break
            // (a string whose closing quote was lost) would split the message line: escaped, as JsonCursor does.
            out.append(ch < 0x20 || ch == 0x7f ? "\\u" + Integer.toHexString(0x10000 | ch).substring(1) : String.valueOf(ch));
        }
        return out.append('\'').toString();
    }

    /** A syntax error: "not valid JSON: " and what was expected. */
    private DataException error(int at, String message) {
        return problem(at, "not valid JSON: " + message);
    }

    private DataException problem(int at, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (LineBreaks.endsLine(text, i)) {
                line++;
                lineStart = i + 1;
            }
        }
        Diagnostic d = new Diagnostic(path, line, SourcePos.column(text, lineStart, Math.min(at, text.length())), message);
        return new DataException(DiagnosticFormatter.format(List.of(d), text).stripTrailing());
    }
}
