package dev.netgrad.codegen;

/**
 * Saving and loading params, as fixed Java source for every generated class. The format is JSON
 * written by hand (the class depends on java.base alone):
 * <pre>
 * {
 *   "network": "Planar",
 *   "params": {
 *     "W1": [[-0.0041, 0.0012], ...],
 *     ...
 *   }
 * }
 * </pre>
 * Matrices are arrays of rows; numbers are printed with {@code Double.toString}, which parses back
 * to the same double. Other top-level keys are ignored when loading, so a file may carry more.
 */
final class ParamsSource {
    private ParamsSource() {
    }

    static final String SOURCE = """
            class Params {
                /**
                 * Writes the params as JSON ({"network": ..., "params": {"W1": [[...], ...], ...}}), atomically:
                 * to a temporary file in the same folder, then moved over {@code file}.
                 */
                public void save(Path file) throws IOException {
                    StringBuilder json = new StringBuilder();
                    json.append("{\\n  \\"network\\": ").append(quote(NETWORK)).append(",\\n  \\"params\\": {");
                    for (int p = 0; p < PARAM_NAMES.length; p++) {
                        json.append(p == 0 ? "\\n    " : ",\\n    ").append(quote(PARAM_NAMES[p])).append(": [");
                        double[] w = paramBuffer(p);
                        for (int r = 0; r < PARAM_ROWS[p]; r++) {
                            json.append(r == 0 ? "[" : ", [");
                            for (int c = 0; c < PARAM_COLS[p]; c++) {
                                double v = w[r * PARAM_COLS[p] + c];
                                if (!Double.isFinite(v)) {
                                    throw new IllegalStateException("cannot save " + PARAM_NAMES[p] + ": it has a non-finite entry (" + v + ")");
                                }
                                json.append(c == 0 ? "" : ", ").append(Double.toString(v));
                            }
                            json.append(']');
                        }
                        json.append(']');
                    }
                    json.append("\\n  }\\n}\\n");
                    writeAtomically(file, json.toString());
                }

                /**
                 * Reads params written by {@link #save}. A file that is not such JSON is refused with an
                 * IOException; one for another network, or with a missing, extra or misshapen param, with an
                 * IllegalArgumentException. Nothing changes unless every param is read. Resets the optimizer.
                 */
                public void load(Path file) throws IOException {
                    String where = file.toString();
                    JsonCursor json = new JsonCursor(where, Files.readString(file, StandardCharsets.UTF_8));
                    String network = null;
                    Map<String, double[][]> found = new LinkedHashMap<>();
                    json.expect('{');
                    if (!json.skip('}')) {
                        do {
                            String key = json.string();
                            json.expect(':');
                            if (key.equals("network")) {
                                network = json.string();
                            } else if (key.equals("params")) {
                                readParams(json, found);
                            } else {
                                json.skipValue();
                            }
                        } while (json.skip(','));
                        json.expect('}');
                    }
                    json.end();
                    if (network == null) {
                        throw new IOException(where + ": not a netgrad params file: it has no \\"network\\" entry");
                    }
                    if (!network.equals(NETWORK)) {
                        throw new IllegalArgumentException(where + " holds params of the network " + network + ", not of " + NETWORK);
                    }
                    double[][] values = new double[PARAM_NAMES.length][];
                    for (Map.Entry<String, double[][]> e : found.entrySet()) {
                        int p = indexOf(PARAM_NAMES, e.getKey());
                        if (p < 0) {
                            throw new IllegalArgumentException(where + " has a param " + e.getKey() + ", which " + NETWORK + " does not have");
                        }
                        values[p] = flatten("param " + e.getKey() + " in " + where, e.getValue(), PARAM_ROWS[p], PARAM_COLS[p]);
                    }
                    for (int p = 0; p < PARAM_NAMES.length; p++) {
                        if (values[p] == null) {
                            throw new IllegalArgumentException(where + " has no param " + PARAM_NAMES[p]);
                        }
                    }
                    for (int p = 0; p < PARAM_NAMES.length; p++) {
                        System.arraycopy(values[p], 0, paramBuffer(p), 0, values[p].length);
                    }
                    resetOptimizer();
                }

                private static void readParams(JsonCursor json, Map<String, double[][]> found) throws IOException {
                    json.expect('{');
                    if (json.skip('}')) {
                        return;
                    }
                    do {
                        String name = json.string();
                        json.expect(':');
                        if (found.put(name, json.matrix()) != null) {
                            throw json.error("the param " + name + " appears twice");
                        }
                    } while (json.skip(','));
                    json.expect('}');
                }

                private static void writeAtomically(Path file, String text) throws IOException {
                    Path target = file.toAbsolutePath();
                    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
                    try {
                        Files.write(temp, text.getBytes(StandardCharsets.UTF_8));
                        try {
                            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                        } catch (AtomicMoveNotSupportedException e) {
                            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    } finally {
                        Files.deleteIfExists(temp);
                    }
                }

                private static String quote(String s) {
                    StringBuilder out = new StringBuilder("\\"");
                    for (int i = 0; i < s.length(); i++) {
                        char ch = s.charAt(i);
                        if (ch == '"' || ch == '\\\\') {
                            out.append('\\\\').append(ch);
                        } else if (ch < 0x20) {
                            out.append(String.format("\\\\u%04x", (int) ch));
                        } else {
                            out.append(ch);
                        }
                    }
                    return out.append('"').toString();
                }

                /** Just enough of a JSON reader for params files; every error names the line and column. */
                private static final class JsonCursor {
                    private final String where;
                    private final String text;
                    private int pos;

                    JsonCursor(String where, String text) {
                        this.where = where;
                        this.text = text;
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
                            if (ch == '\\\\') {
                                if (pos >= text.length()) {
                                    break;
                                }
                                char escaped = text.charAt(pos++);
                                if (escaped == 'u' && pos + 4 <= text.length()) {
                                    try {
                                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                                    } catch (NumberFormatException e) {
                                        throw error("bad \\\\u escape");
                                    }
                                    pos += 4;
                                } else {
                                    int k = "\\"\\\\/bfnrt".indexOf(escaped);
                                    if (k < 0) {
                                        throw error("bad escape \\\\" + escaped);
                                    }
                                    out.append("\\"\\\\/\\b\\f\\n\\r\\t".charAt(k));
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
                        int line = 1;
                        int column = 1;
                        for (int i = 0; i < Math.min(pos, text.length()); i++) {
                            if (text.charAt(i) == '\\n') {
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
            }
            """;
}
