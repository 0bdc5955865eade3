package dev.netgrad.data;

import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.DiagnosticFormatter;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.SourcePos;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a CSV file of examples: a header row, then one example per row, the features first and
 * (when there is one) the label last. Collects every problem of the file as
 * {@code FILE:LINE:COL: error: ...} and reports them together.
 */
public final class CsvReader {
    /** A plain decimal number; Double.parseDouble alone would also take "NaN", "0x1p3" or "1d". */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** Whether the last column must be a label, or may be absent (as for predictions). */
    public enum Labels { REQUIRED, OPTIONAL }

    private final DataLayout layout;
    private final Diagnostics diagnostics;
    private boolean labelled;

    private CsvReader(String path, DataLayout layout) {
        this.layout = layout;
        this.diagnostics = new Diagnostics(path);
    }

    /** Reads labelled examples for training. */
    public static Dataset readDataset(Path file, DataLayout layout) throws DataException {
        return read(file, layout, Labels.REQUIRED).dataset();
    }

    public static CsvTable read(Path file, DataLayout layout, Labels labels) throws DataException {
        return parse(file.toString(), readText(file), layout, labels);
    }

    public static CsvTable parse(String path, String text, DataLayout layout, Labels labels) throws DataException {
        CsvReader reader = new CsvReader(path, layout);
        CsvTable table;
        try {
            table = reader.table(text, labels);
        } catch (Diagnostics.TooManyErrors stop) {
            table = null;
        }
        if (reader.diagnostics.hasErrors()) {
            List<Diagnostic> found = reader.diagnostics.sorted();
            throw new DataException(DiagnosticFormatter.format(found, text).stripTrailing());
        }
        return table;
    }

    private static String readText(Path file) throws DataException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw DataException.inFile(file.toString(), "not a text file (invalid UTF-8)");
        } catch (IOException e) {
            throw DataException.inFile(file.toString(), "cannot read: " + describe(e));
        }
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private CsvTable table(String text, Labels labels) {
        List<String> lines = lines(text);
        int header = firstNonBlank(lines, 0);
        if (header < 0) {
            diagnostics.error(new SourcePos(1, 1), "empty file: expected a header row, then one example per row");
            return null;
        }
        if (!checkHeader(lines.get(header), header + 1, labels)) {
            return null;
        }
        List<double[]> features = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        for (int i = header + 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                readRow(lines.get(i), i + 1, features, classes);
            }
        }
        if (features.isEmpty() && !diagnostics.hasErrors()) {
            diagnostics.error(new SourcePos(header + 2, 1), "no examples: the file has a header row but no data rows");
        }
        int[] labelArray = classes.stream().mapToInt(Integer::intValue).toArray();
        return new CsvTable(features.toArray(new double[0][]), labelled ? Optional.of(labelArray) : Optional.empty());
    }

    private static List<String> lines(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
        lines.replaceAll(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        return lines;
    }

    private static int firstNonBlank(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    /** Decides from the header whether the file has a label column; false when it cannot be used. */
    private boolean checkHeader(String line, int lineNumber, Labels labels) {
        int columns = fields(line).size();
        int n = layout.featureCount();
        if (columns == n + 1) {
            labelled = true;
            return true;
        }
        if (columns == n && labels == Labels.OPTIONAL) {
            labelled = false;
            return true;
        }
        String expected = labels == Labels.REQUIRED
                ? n + " feature columns and a label column"
                : n + " feature columns, optionally followed by a label column";
        String found = labels == Labels.REQUIRED && columns > 0
                ? columns + " columns (" + (columns - 1) + " features and a label)"
                : columns + " columns";
        diagnostics.error(new SourcePos(lineNumber, 1), "the header has " + found + ", but input "
                + layout.inputName() + " has " + n + " rows: expected " + expected);
        return false;
    }

    private void readRow(String line, int lineNumber, List<double[]> features, List<Integer> classes) {
        List<Field> fields = fields(line);
        int expected = layout.featureCount() + (labelled ? 1 : 0);
        if (fields.size() != expected) {
            int column = fields.size() > expected ? fields.get(expected).column() - 1 : line.length() + 1;
            diagnostics.error(new SourcePos(lineNumber, Math.max(1, column)), "this row has " + fields.size()
                    + " fields, but the header has " + expected);
            return;
        }
        double[] row = new double[layout.featureCount()];
        boolean ok = true;
        for (int j = 0; j < row.length; j++) {
            Double value = number(fields.get(j), lineNumber, "feature");
            ok &= value != null;
            row[j] = value == null ? 0 : value;
        }
        Integer label = labelled ? label(fields.get(expected - 1), lineNumber) : Integer.valueOf(0);
        if (ok && label != null) {
            features.add(row);
            classes.add(label);
        }
    }

    private Double number(Field field, int lineNumber, String what) {
        String text = field.text().strip();
        if (!NUMBER.matcher(text).matches()) {
            String shown = text.isEmpty() ? "an empty field" : "'" + text + "'";
            diagnostics.error(field.pos(lineNumber), "expected a number as " + what + ", found " + shown);
            return null;
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            diagnostics.error(field.pos(lineNumber), what + " " + text + " is too large for a double");
            return null;
        }
        return value;
    }

    private Integer label(Field field, int lineNumber) {
        Double value = number(field, lineNumber, "label");
        if (value == null) {
            return null;
        }
        String text = field.text().strip();
        if (value != Math.rint(value)) {
            diagnostics.error(field.pos(lineNumber), "label " + text + " is not a class index: target "
                    + layout.targetName() + " needs " + layout.labelRange());
            return null;
        }
        int max = layout.targetRows() == 1 ? 1 : layout.targetRows() - 1;
        if (value < 0 || value > max) {
            String rows = layout.targetRows() == 1 ? "one row" : layout.targetRows() + " rows";
            diagnostics.error(field.pos(lineNumber), "label " + text + " is out of range: target "
                    + layout.targetName() + " has " + rows + ", so a label must be " + layout.labelRange());
            return null;
        }
        return value.intValue();
    }

    /** One comma-separated field and the column where it starts. */
    private record Field(String text, int column) {
        SourcePos pos(int line) {
            int leading = text.length() - text.stripLeading().length();
            return new SourcePos(line, column + leading);
        }
    }

    private static List<Field> fields(String line) {
        List<Field> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ',') {
                fields.add(new Field(line.substring(start, i), start + 1));
                start = i + 1;
            }
        }
        return fields;
    }
}
