package dev.netgrad.data;

import dev.netgrad.English;
import dev.netgrad.runtime.Prediction;
import dev.netgrad.spec.DiagnosticFormatter;
import dev.netgrad.spec.SourcePos;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Parses a data row of a CSV file into its features and label, as its header and the network's
 * layout say: a plain decimal number per field, features within a bound, a label the target takes.
 * Every problem of a row is recorded with its field's place; a bad row gives no example.
 */
final class CsvRowParser {
    /** A plain decimal number; Double.parseDouble alone would also take "NaN", "0x1p3" or "1d". */
    static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** The whole part of a number a decimal comma splits, and its fraction (with an exponent: 1,5E-03). */
    private static final Pattern WHOLE_PART = Pattern.compile("[+-]?\\d+");
    private static final Pattern FRACTION_PART = Pattern.compile("\\d+([eE][+-]?\\d+)?");
    /** The two halves joined by their comma, as one quoted field holds them ("0,158"). */
    private static final Pattern DECIMAL_COMMA_NUMBER = Pattern.compile(WHOLE_PART.pattern() + "," + FRACTION_PART.pattern());

    private static final String DECIMAL_POINT = "netgrad reads a decimal point, as numpy.loadtxt and pandas' read_csv do by default";

    /** Where a good row goes. */
    interface RowSink {
        void accept(double[] features, double label);
    }

    private final DataLayout layout;
    private final CsvHeader header;
    private final double maxFeature;
    private final CsvErrors errors;

    CsvRowParser(DataLayout layout, CsvHeader header, double maxFeature, CsvErrors errors) {
        this.layout = layout;
        this.header = header;
        this.maxFeature = maxFeature;
        this.errors = errors;
    }

    /** Parses line {@code lineNumber} into the sink; false (with its errors recorded) when the row is bad. */
    boolean readRow(String line, int lineNumber, RowSink sink) {
        return plainRow(line, sink) || fullRow(line, lineNumber, sink);
    }

    /**
     * A row of plain numbers alone (no blank, no quote), each one in range, as most rows of a large file are: read in
     * one pass over the line, where splitting it into fields and matching each against {@link #NUMBER} made reading
     * a file 5 - 10 times slower than training an epoch on it. False, having recorded and sent nothing, for any
     * other row, which {@link #fullRow} reads (and says what is wrong with): this path takes only rows that one
     * takes, giving the same values, bit for bit (Double.parseDouble of the same text; an integer of up to 15 digits
     * exactly).
     */
    boolean plainRow(String line, RowSink sink) {
        int features = layout.featureCount();
        int fieldCount = features + (header.labelled() ? 1 : 0);
        double[] row = new double[features];
        double label = 0;
        int start = 0;
        for (int field = 0; field < fieldCount; field++) {
            int end = plainNumberEnd(line, start);
            boolean last = field == fieldCount - 1;
            if (end < 0 || (last ? end != line.length() : end == line.length() || line.charAt(end) != ',')) {
                return false;
            }
            double value = plainNumber(line, start, end);
            if (field < features) {
                if (!(Math.abs(value) <= maxFeature)) {
                    return false;
                }
                row[field] = value;
            } else {
                label = acceptedLabel(value);
                if (Double.isNaN(label)) {
                    return false;
                }
            }
            start = end + 1;
        }
        sink.accept(row, label);
        return true;
    }

    /** The index just past the plain number ({@link #NUMBER}) that starts at {@code start}, or -1 when none does. */
    static int plainNumberEnd(String line, int start) {
        int i = start;
        int n = line.length();
        if (i < n && (line.charAt(i) == '+' || line.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        for (; i < n && isDigit(line.charAt(i)); i++) {
            digits++;
        }
        if (i < n && line.charAt(i) == '.') {
            for (i++; i < n && isDigit(line.charAt(i)); i++) {
                digits++;
            }
        }
        if (digits == 0) {
            return -1;
        }
        if (i < n && (line.charAt(i) == 'e' || line.charAt(i) == 'E')) {
            i++;
            if (i < n && (line.charAt(i) == '+' || line.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            for (; i < n && isDigit(line.charAt(i)); i++) {
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return -1;
            }
        }
        return i;
    }

    // NUMBER's \d is ASCII's digits alone, as Java's patterns have it without UNICODE_CHARACTER_CLASS.
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The plain number {@code line[start, end)}: an integer of up to 15 digits is summed exactly (below 2^53, as
     * Double.parseDouble rounds it: not at all; a minus zero stays -0.0), anything else is Double.parseDouble's.
     */
    static double plainNumber(String line, int start, int end) {
        boolean negative = line.charAt(start) == '-';
        int first = negative || line.charAt(start) == '+' ? start + 1 : start;
        if (end - first > 15) {
            return Double.parseDouble(line.substring(start, end));
        }
        long whole = 0;
        for (int i = first; i < end; i++) {
            char c = line.charAt(i);
            if (!isDigit(c)) {
                return Double.parseDouble(line.substring(start, end));
            }
            whole = whole * 10 + (c - '0');
        }
        return negative ? -(double) whole : whole;
    }

    /**
     * The label {@code value} as a row keeps it, when the target takes it: a number within ±1e100 (the loss squares
     * the difference from the output: beyond this, the cost overflows), or a class index the target has (+0.0 for a
     * label written -0, as Dataset.targets and Score compare them). NaN, recording nothing, when not: the one rule
     * of both readings, {@link #label} saying why.
     */
    private double acceptedLabel(double value) {
        if (layout.kind() == Prediction.NUMBER) {
            return Math.abs(value) <= CsvReader.MAX_TRAINING_FEATURE ? value : Double.NaN;
        }
        return value == Math.rint(value) && value >= 0 && value <= largestClassIndex() ? value + 0.0 : Double.NaN;
    }

    /** 1 for a target of one row (a 0/1 label), k - 1 for k rows. */
    private int largestClassIndex() {
        return layout.targetRows() == 1 ? 1 : layout.targetRows() - 1;
    }

    /** {@link #readRow} field by field, for any row: recording every problem with its place. */
    boolean fullRow(String line, int lineNumber, RowSink sink) {
        List<CsvField> fields = CsvField.split(line);
        Optional<CsvField> bad = CsvField.firstBadQuote(fields);
        if (bad.isPresent()) {
            errors.add(bad.get().problemPos(lineNumber), line, bad.get().problem());
            return false;
        }
        int expected = layout.featureCount() + (header.labelled() ? 1 : 0);
        if (fields.size() != expected) {
            // At the comma before the first field too many, or after the end of the line.
            int at = fields.size() > expected ? Math.max(0, fields.get(expected).start() - 1) : line.length();
            errors.add(new SourcePos(lineNumber, SourcePos.column(line, 0, at)), line, "this row has "
                    + English.count(fields.size(), "field") + ", but the header has " + expected
                    + decimalCommas(fields, fields.size() - expected));
            return false;
        }
        double[] row = new double[layout.featureCount()];
        boolean ok = true;
        for (int j = 0; j < row.length; j++) {
            CsvField field = fields.get(j);
            double value = number(field, line, lineNumber, "feature");
            if (Math.abs(value) > maxFeature) {
                errors.add(field.pos(lineNumber), line, "feature " + field.text().strip() + " is too large: features must "
                        + "lie within ±1e100, where their squares, summed over the examples, cannot overflow the variance "
                        + "that standardization computes");
                value = Double.NaN;
            }
            ok &= !Double.isNaN(value);
            row[j] = value;
        }
        double label = header.labelled() ? label(fields.get(expected - 1), line, lineNumber) : 0;
        if (ok && !Double.isNaN(label)) {
            sink.accept(row, label);
            return true;
        }
        return false;
    }

    /**
     * A hint for a row of {@code extra} fields too many that look like the halves of numbers written with a
     * decimal comma (0,158 for 0.158, as a German or French locale prints them): at least {@code extra}
     * pairs of a whole part and a fraction side by side, one comma too many per such number. A row whose
     * pairs are all single digits (1,2,0,5) is as likely small integers with one field too many, and gets
     * no hint; nor does a row of too few fields. Empty when the row does not look so.
     */
    static String decimalCommas(List<CsvField> fields, int extra) {
        if (extra <= 0) {
            return "";
        }
        int pairs = 0;
        String first = null;
        boolean aLongerFraction = false;
        for (int i = 0; i + 1 < fields.size(); i++) {
            String whole = fields.get(i).text();
            String fraction = fields.get(i + 1).text();
            if (WHOLE_PART.matcher(whole).matches() && FRACTION_PART.matcher(fraction).matches()) {
                pairs++;
                first = first != null ? first : whole + "," + fraction;
                aLongerFraction |= fraction.length() > 1;
                i++;
            }
        }
        if (pairs < extra || !aLongerFraction) {
            return "";
        }
        return "; the file seems to use a decimal comma (" + first + " for " + first.replace(',', '.') + "): " + DECIMAL_POINT;
    }

    /**
     * What a field holds that shows as a space or as nothing ({@code "2\u00a0"}, pasted from a web page, quoted
     * as '2 '), by its code point; empty when it holds none.
     */
    private static String invisible(String text) {
        OptionalInt blank = text.codePoints().filter(cp -> cp != ' ' && DiagnosticFormatter.showsBlank(cp)).findFirst();
        return blank.isEmpty() ? ""
                : String.format(Locale.ROOT, " (it holds U+%04X, which shows as a space or as nothing)", blank.getAsInt());
    }

    /** The field's value, or NaN after reporting why it is no usable number. */
    private double number(CsvField field, String line, int lineNumber, String what) {
        String text = field.text().strip();
        if (!NUMBER.matcher(text).matches()) {
            String shown = text.isEmpty() ? "an empty field" : "'" + text + "'" + invisible(text)
                    + (DECIMAL_COMMA_NUMBER.matcher(text).matches() ? ", with a decimal comma: " + DECIMAL_POINT : "");
            errors.add(field.pos(lineNumber), line, "expected a number as " + what + ", found " + shown);
            return Double.NaN;
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            errors.add(field.pos(lineNumber), line, what + " " + text + " is too large for a double");
            return Double.NaN;
        }
        return value;
    }

    /** The label's value (a class index, 0 or 1, or any number within ±1e100), or NaN after reporting. */
    private double label(CsvField field, String line, int lineNumber) {
        if (layout.kind() != Prediction.NUMBER && isClassName(field.text().strip())) {
            errors.add(field.pos(lineNumber), line, "expected a number as label, found '" + field.text().strip() + "'"
                    + whichColumn() + ": target " + layout.targetName() + " needs " + layout.labelRange()
                    + ", not a class's name; number the classes first, as scikit-learn's LabelEncoder does");
            return Double.NaN;
        }
        double value = number(field, line, lineNumber, "label");
        if (Double.isNaN(value)) {
            return Double.NaN;
        }
        double accepted = acceptedLabel(value);
        if (Double.isNaN(accepted)) {
            refusedLabel(value, field.text().strip(), field.pos(lineNumber), line);
        }
        return accepted;
    }

    /** Reports why {@link #acceptedLabel} refuses the label {@code value}, written {@code text}. */
    private void refusedLabel(double value, String text, SourcePos pos, String line) {
        if (layout.kind() == Prediction.NUMBER) {
            errors.add(pos, line, "label " + text + " is too large: target " + layout.targetName() + " takes numbers within ±1e100");
        } else if (value != Math.rint(value)) {
            errors.add(pos, line, "label " + text + " is not a class index: target "
                    + layout.targetName() + " needs " + layout.labelRange() + whichColumn());
        } else {
            String rows = layout.targetRows() == 1 ? "one row" : layout.targetRows() + " rows";
            errors.add(pos, line, "label " + text + " is out of range: target "
                    + layout.targetName() + " has " + rows + ", so a label must be " + layout.labelRange() + whichColumn());
        }
    }

    /** A label written as a word (setosa, Iris-setosa, yes, M); NaN and Infinity are refused as numbers are. */
    private static boolean isClassName(String text) {
        return !text.isEmpty() && Character.isLetter(text.codePointAt(0)) && !text.matches("(?i)nan|inf|infinity");
    }

    /**
     * Which column the label was read from: a file whose label comes first (or that has an id column)
     * gives a feature's value here, so the message names the column, as its header does.
     */
    private String whichColumn() {
        String labelColumn = header.labelColumn();
        return " (the label is the last column" + (labelColumn.isEmpty() ? "" : ", '" + labelColumn + "'") + ")";
    }
}
