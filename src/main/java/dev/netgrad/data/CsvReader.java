package dev.netgrad.data;

import dev.netgrad.runtime.Prediction;
import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.DiagnosticFormatter;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.NotText;
import dev.netgrad.spec.SourcePos;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reads a CSV file of examples: a header row, then one example per row, the features first and
 * (when there is one) the label last. A field may be in double quotes (RFC 4180: {@code "5.0"},
 * a quote inside written {@code ""}), but may not span lines. The file is streamed a line at a time and each row parsed
 * straight into a {@code double[]}, so memory follows the numbers, not the text; a file whose rows
 * cannot fit in the heap is refused before it is read whole. Collects every problem of the file as
 * {@code FILE:LINE:COL: error: ...} and reports them together.
 */
public final class CsvReader implements Closeable {
    /** A plain decimal number; Double.parseDouble alone would also take "NaN", "0x1p3" or "1d". */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * The largest feature magnitude of training data: beyond it, squares summed over the examples
     * can overflow the variance that standardization computes (1e100 squared is 1e200, far from
     * Double.MAX_VALUE even over billions of rows).
     */
    public static final double MAX_TRAINING_FEATURE = 1e100;

    /**
     * How many copies of the parsed rows a training run holds at once: the rows (the split shares
     * them, standardization writes into them) and a full batch's copy in the trainer's buffers.
     */
    static final int TRAINING_COPIES = 2;

    /** A test hook and an escape hatch: the bytes the rows may take, instead of the JVM's max heap. */
    public static final String MEMORY_LIMIT_PROPERTY = "netgrad.memoryLimit";

    /** Rows read before the size of the whole file is estimated from them. */
    private static final int ESTIMATE_AFTER_ROWS = 1000;

    /** Rows between two reports to a {@link Progress}: the clock is read that often, not every row. */
    static final int PROGRESS_EVERY_ROWS = 1024;

    /** Hears how far the reading of a whole file has come. */
    public interface Progress {
        /** {@code rows} read so far, which end {@code bytes} bytes into the file. */
        void rowsRead(int rows, long bytes);
    }

    /** Whether the last column must be a label, or may be absent (as for predictions). */
    public enum Labels { REQUIRED, OPTIONAL }

    /** Rows read together by {@link #next}: their features, labels (when the file has them) and line numbers. */
    public record Rows(String path, double[][] features, Optional<double[]> labels, int[] lines, String[] texts) {
        public int size() {
            return features.length;
        }

        /** An error at feature {@code feature} of row {@code row}, formatted with the row's line. */
        public DataException error(int row, int feature, String message) {
            List<Field> fields = fields(texts[row]);
            SourcePos pos = feature < fields.size() ? fields.get(feature).pos(lines[row]) : new SourcePos(lines[row], 1);
            return new DataException(DiagnosticFormatter.format(Diagnostic.at(path, pos, message), texts[row]).stripTrailing());
        }
    }

    private final String path;
    private final DataLayout layout;
    private final LineSource source;
    private final double maxFeature;
    private final List<String> errors = new ArrayList<>();
    private boolean labelled;
    /** The header's name of the label column (the last), for messages about a label. */
    private String labelColumn = "";
    private boolean stopped;
    private boolean anyRows;
    private Progress progress = (rows, bytes) -> { };

    private CsvReader(String path, Reader reader, DataLayout layout, double maxFeature) {
        this.path = path;
        this.layout = layout;
        this.source = new LineSource(reader, maxLineLength(layout));
        this.maxFeature = maxFeature;
    }

    /** Reads labelled examples for training, refusing features too large to standardize and files too big for the heap. */
    public static Dataset readDataset(Path file, DataLayout layout) throws DataException {
        return readDataset(file, layout, memoryLimit());
    }

    /** {@link #readDataset(Path, DataLayout)} with the bytes the rows' copies may take. */
    public static Dataset readDataset(Path file, DataLayout layout, long memoryLimit) throws DataException {
        return readDataset(file, layout, memoryLimit, (rows, bytes) -> { });
    }

    /** {@link #readDataset(Path, DataLayout, long)}, telling {@code progress} how far it has come. */
    public static Dataset readDataset(Path file, DataLayout layout, long memoryLimit, Progress progress) throws DataException {
        try (CsvReader reader = open(file, layout, Labels.REQUIRED, MAX_TRAINING_FEATURE)) {
            reader.progress = progress;
            long size = sizeOf(file);
            return reader.all(size, memoryLimit / TRAINING_COPIES).dataset(layout.kind());
        }
    }

    /** The whole table of a file. */
    public static CsvTable read(Path file, DataLayout layout, Labels labels) throws DataException {
        try (CsvReader reader = open(file, layout, labels, Double.MAX_VALUE)) {
            return reader.all(sizeOf(file), memoryLimit());
        }
    }

    /** The whole table of a text, as if read from a file named {@code path}. */
    public static CsvTable parse(String path, String text, DataLayout layout, Labels labels) throws DataException {
        double max = labels == Labels.REQUIRED ? MAX_TRAINING_FEATURE : Double.MAX_VALUE;
        try (CsvReader reader = new CsvReader(path, new StringReader(text), layout, max)) {
            reader.header(labels);
            return reader.all(text.length(), memoryLimit());
        }
    }

    /**
     * Opens a file and reads its header, to read its rows a chunk at a time with {@link #next}.
     * Features are held to the bound of training data: a network never saw larger ones.
     */
    public static CsvReader open(Path file, DataLayout layout, Labels labels) throws DataException {
        return open(file, layout, labels, MAX_TRAINING_FEATURE);
    }

    private static CsvReader open(Path file, DataLayout layout, Labels labels, double maxFeature) throws DataException {
        if (Files.isDirectory(file) && !layout.imagesComeAsRows().isEmpty()) {
            throw DataException.cannotRead(file.toString(), "it is a directory" + layout.imagesComeAsRows());
        }
        Reader reader = TextFile.open(file);
        CsvReader csv = new CsvReader(file.toString(), reader, layout, maxFeature);
        try {
            csv.header(labels);
        } catch (DataException | RuntimeException e) {
            csv.close();
            throw e;
        }
        return csv;
    }

    /** The bytes parsed rows may take: the JVM's max heap, or the {@value #MEMORY_LIMIT_PROPERTY} system property. */
    public static long memoryLimit() {
        return Long.getLong(MEMORY_LIMIT_PROPERTY, Runtime.getRuntime().maxMemory());
    }

    /** Whether the file has a label column (decided by its header). */
    public boolean labelled() {
        return labelled;
    }

    @Override
    public void close() {
        source.close();
    }

    /** A row's bytes in memory: the double[] (16-byte header), its reference and its label. */
    static long rowBytes(int features) {
        return 8L * features + 24;
    }

    /** Longer lines are no CSV of this layout (think /dev/zero, a binary file): generous room per field. */
    static int maxLineLength(DataLayout layout) {
        return (int) Math.min(Integer.MAX_VALUE - 16, Math.max(1 << 16, 400L * (layout.featureCount() + 1)));
    }

    /** The size of a regular file, else -1 (a pipe, a device). */
    public static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Up to {@code max} more rows; empty at the end of the file. Stops with every error of the rest of the file. */
    public Optional<Rows> next(int max) throws DataException {
        List<double[]> features = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        while (features.size() < max && errors.isEmpty()) {
            String line = nextLine();
            if (line == null) {
                break;
            }
            if (readRow(line, (row, label) -> {
                features.add(row);
                labels.add(label);
            })) {
                lines.add(source.lineNumber());
                texts.add(line);
            }
        }
        if (!errors.isEmpty()) {
            drain();
            throw failure();
        }
        if (features.isEmpty()) {
            if (!anyRows) {
                throw noExamples();
            }
            return Optional.empty();
        }
        anyRows = true;
        double[] labelArray = labels.stream().mapToDouble(Double::doubleValue).toArray();
        return Optional.of(new Rows(path, features.toArray(new double[0][]), labelled ? Optional.of(labelArray) : Optional.empty(),
                lines.stream().mapToInt(Integer::intValue).toArray(), texts.toArray(new String[0])));
    }

    /** Every row, refusing (before reading them all) rows that would need more than {@code limit} bytes. */
    private CsvTable all(long fileSize, long limit) throws DataException {
        double[][] features = new double[64][];
        double[] labels = new double[64];
        int[] count = {0};
        long rowBytes = rowBytes(layout.featureCount());
        while (!stopped) {
            String line = nextLine();
            if (line == null) {
                break;
            }
            if (count[0] == features.length) {
                features = Arrays.copyOf(features, count[0] * 2);
                labels = Arrays.copyOf(labels, count[0] * 2);
            }
            double[][] x = features;
            double[] y = labels;
            readRow(line, (row, label) -> {
                x[count[0]] = row;
                y[count[0]++] = label;
            });
            if (errors.isEmpty() && (count[0] == ESTIMATE_AFTER_ROWS || count[0] * rowBytes > limit)) {
                checkFits(count[0], fileSize, rowBytes, limit);
            }
            if (count[0] % PROGRESS_EVERY_ROWS == 0 && count[0] > 0 && errors.isEmpty()) {
                progress.rowsRead(count[0], source.bytesConsumed());
            }
        }
        if (!errors.isEmpty()) {
            throw failure();
        }
        if (count[0] == 0) {
            throw noExamples();
        }
        return new CsvTable(Arrays.copyOf(features, count[0]),
                labelled ? Optional.of(Arrays.copyOf(labels, count[0])) : Optional.empty());
    }

    private DataException noExamples() {
        return failure(new SourcePos(source.lineNumber() + 1, 1), "", "no examples: the file has a header row but no data rows");
    }

    /** Refuses a file whose rows (so far, or estimated from the size of the file) need more than {@code limit} bytes. */
    private void checkFits(int rows, long fileSize, long rowBytes, long limit) throws DataException {
        long estimated = rows;
        if (fileSize > 0 && source.charsConsumed() > 0) {
            estimated = Math.max(rows, (long) ((double) rows * fileSize / source.charsConsumed()));
        }
        if (estimated * rowBytes > limit) {
            String about = fileSize > 0 ? "about " : "more than ";
            throw DataException.inFile(path, String.format(Locale.ROOT, "too big to hold in memory: %s%,d rows of %d "
                            + "features need %s, but only %s is available for them; use a smaller file, or "
                            + Heap.LARGER, about, estimated, layout.featureCount(),
                    bytes(estimated * rowBytes), bytes(limit)));
        }
    }

    private static String bytes(long n) {
        if (n < 1L << 20) {
            return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        return n >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", n / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MB", n / (double) (1L << 20));
    }

    /** Reads to the end of the file to report its other errors too, up to the usual limit. */
    private void drain() throws DataException {
        while (!stopped) {
            String line = nextLine();
            if (line == null) {
                return;
            }
            readRow(line, (row, label) -> { });
        }
    }

    /** The next non-blank line, or null at the end of the file (or after a line too long to be a row). */
    private String nextLine() throws DataException {
        while (!stopped) {
            String line = readLine();
            if (line == null) {
                return null;
            }
            if (!line.isBlank()) {
                return line;
            }
        }
        return null;
    }

    private String readLine() throws DataException {
        try {
            String line = source.readLine();
            if (line == null && source.tooLong()) {
                stopped = true;
                failure(new SourcePos(source.lineNumber(), 1), null, "line " + source.lineNumber() + " is longer than "
                        + source.maxLength() + " characters: no CSV row of " + layout.featureCount()
                        + " features is that long (is this a text file?)");
                throw failure();
            }
            Optional<NotText> bad = source.notText();
            if (bad.isPresent()) {
                stopped = true;
                // The line is not shown: its bytes would print as garbage.
                throw failure(bad.get().pos(), null, bad.get().message("a CSV file") + layout.imagesComeAsRows());
            }
            return line;
        } catch (IOException e) {
            throw DataException.cannotRead(path, e);
        }
    }

    /** Decides from the header whether the file has a label column; refuses a header it cannot use. */
    private void header(Labels labels) throws DataException {
        String line = nextLine();
        if (line == null) {
            throw failure(new SourcePos(1, 1), "", "empty file: expected a header row, then one example per row");
        }
        List<Field> fields = fields(line);
        Optional<Field> bad = badQuote(fields);
        if (bad.isPresent()) {
            throw failure(bad.get().problemPos(source.lineNumber()), line, bad.get().problem());
        }
        if (fields.stream().allMatch(f -> NUMBER.matcher(f.text().strip()).matches())) {
            throw failure(new SourcePos(source.lineNumber(), 1), line, "the first row holds only numbers, but it must "
                    + "be a header naming the columns (such as x1,x2,label): add one, or this example would be lost"
                    + ShiftedColumns.columnNumbers(names(fields)));
        }
        Optional<String> shifted = ShiftedColumns.problem(names(fields));
        if (shifted.isPresent()) {
            throw failure(fields.get(0).pos(source.lineNumber()), line, shifted.get());
        }
        int columns = fields.size();
        int n = layout.featureCount();
        if (columns == n + 1 || (columns == n && labels == Labels.OPTIONAL)) {
            labelled = columns == n + 1;
            Optional<String> labelAsFeature = labelled ? Optional.empty() : ShiftedColumns.labelReadAsFeature(names(fields));
            if (labelAsFeature.isPresent()) {
                throw failure(fields.get(columns - 1).pos(source.lineNumber()), line, labelAsFeature.get());
            }
            labelColumn = fields.get(columns - 1).text().strip();
            return;
        }
        String expected = labels == Labels.REQUIRED
                ? count(n, "feature column") + " and a label column"
                : count(n, "feature column") + ", optionally followed by a label column";
        Field last = fields.get(columns - 1);
        if (columns > 1 && last.text().isBlank() && (columns - 1 == n + 1 || (columns - 1 == n && labels == Labels.OPTIONAL))) {
            // What a spreadsheet's export or a hand-written writer may leave: every line ends in a comma.
            throw failure(last.pos(source.lineNumber()), line, "the header ends in a comma, which adds a column without"
                    + " a name: remove the comma at the end of the header and of every row (without it, the header has"
                    + " what is expected: " + expected + ")");
        }
        String found = labels == Labels.REQUIRED && columns > 0
                ? count(columns, "column") + " (" + count(columns - 1, "feature") + " and a label)"
                : count(columns, "column");
        // An image file of other channels: its feature count is the header's columns less the label, when it has one.
        String channels = layout.otherChannels(columns - 1);
        if (channels.isEmpty() && labels == Labels.OPTIONAL) {
            channels = layout.otherChannels(columns);
        }
        throw failure(new SourcePos(source.lineNumber(), 1), line, "the header has " + found + ", but "
                + layout.inputDescription() + ": expected " + expected + channels + otherSeparator(columns, line));
    }

    /** The fields' texts without their surrounding blanks: a header's column names. */
    private static List<String> names(List<Field> fields) {
        return fields.stream().map(f -> f.text().strip()).toList();
    }

    /** A header of one column that holds a ';' or a tab: the file separates its fields with something else than commas. */
    private static String otherSeparator(int columns, String line) {
        if (columns != 1) {
            return "";
        }
        String separator = line.indexOf(';') >= 0 ? "';'" : line.indexOf('\t') >= 0 ? "tabs" : null;
        return separator == null ? "" : " (fields are separated by commas, and this header has none but has " + separator
                + ": save the file with commas)";
    }

    /** "1 column", "3 columns". */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Where a good row goes. */
    private interface RowSink {
        void accept(double[] features, double label);
    }

    /** Parses one data row into the sink; false (with its errors recorded) when the row is bad. */
    private boolean readRow(String line, RowSink sink) throws DataException {
        int lineNumber = source.lineNumber();
        List<Field> fields = fields(line);
        Optional<Field> bad = badQuote(fields);
        if (bad.isPresent()) {
            error(bad.get().problemPos(lineNumber), line, bad.get().problem());
            return false;
        }
        int expected = layout.featureCount() + (labelled ? 1 : 0);
        if (fields.size() != expected) {
            // At the comma before the first field too many, or after the end of the line.
            int at = fields.size() > expected ? Math.max(0, fields.get(expected).start() - 1) : line.length();
            error(new SourcePos(lineNumber, SourcePos.column(line, 0, at)), line, "this row has " + count(fields.size(), "field")
                    + ", but the header has " + expected + decimalCommas(fields, fields.size() - expected));
            return false;
        }
        double[] row = new double[layout.featureCount()];
        boolean ok = true;
        for (int j = 0; j < row.length; j++) {
            Field field = fields.get(j);
            double value = number(field, line, lineNumber, "feature");
            if (Math.abs(value) > maxFeature) {
                error(field.pos(lineNumber), line, "feature " + field.text().strip() + " is too large: features must "
                        + "lie within ±1e100, where their squares, summed over the examples, cannot overflow the variance "
                        + "that standardization computes");
                value = Double.NaN;
            }
            ok &= !Double.isNaN(value);
            row[j] = value;
        }
        double label = labelled ? label(fields.get(expected - 1), line, lineNumber) : 0;
        if (ok && !Double.isNaN(label)) {
            sink.accept(row, label);
            return true;
        }
        return false;
    }

    /** The whole part of a number a decimal comma splits, and its fraction (with an exponent: 1,5E-03). */
    private static final Pattern WHOLE_PART = Pattern.compile("[+-]?\\d+");
    private static final Pattern FRACTION_PART = Pattern.compile("\\d+([eE][+-]?\\d+)?");
    /** The two halves joined by their comma, as one quoted field holds them ("0,158"). */
    private static final Pattern DECIMAL_COMMA_NUMBER = Pattern.compile(WHOLE_PART.pattern() + "," + FRACTION_PART.pattern());

    private static final String DECIMAL_POINT = "netgrad reads a decimal point, as numpy.loadtxt and pandas' read_csv do by default";

    /**
     * A hint for a row of {@code extra} fields too many that look like the halves of numbers written with a
     * decimal comma (0,158 for 0.158, as a German or French locale prints them): at least {@code extra}
     * pairs of a whole part and a fraction side by side, one comma too many per such number. A row whose
     * pairs are all single digits (1,2,0,5) is as likely small integers with one field too many, and gets
     * no hint; nor does a row of too few fields. Empty when the row does not look so.
     */
    static String decimalCommas(List<Field> fields, int extra) {
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
    private double number(Field field, String line, int lineNumber, String what) throws DataException {
        String text = field.text().strip();
        if (!NUMBER.matcher(text).matches()) {
            String shown = text.isEmpty() ? "an empty field" : "'" + text + "'" + invisible(text)
                    + (DECIMAL_COMMA_NUMBER.matcher(text).matches() ? ", with a decimal comma: " + DECIMAL_POINT : "");
            error(field.pos(lineNumber), line, "expected a number as " + what + ", found " + shown);
            return Double.NaN;
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            error(field.pos(lineNumber), line, what + " " + text + " is too large for a double");
            return Double.NaN;
        }
        return value;
    }

    /** The label's value (a class index, 0 or 1, or any number within ±1e100), or NaN after reporting. */
    private double label(Field field, String line, int lineNumber) throws DataException {
        if (layout.kind() != Prediction.NUMBER && isClassName(field.text().strip())) {
            error(field.pos(lineNumber), line, "expected a number as label, found '" + field.text().strip() + "'"
                    + whichColumn() + ": target " + layout.targetName() + " needs " + layout.labelRange()
                    + ", not a class's name; number the classes first, as scikit-learn's LabelEncoder does");
            return Double.NaN;
        }
        double value = number(field, line, lineNumber, "label");
        if (Double.isNaN(value)) {
            return Double.NaN;
        }
        String text = field.text().strip();
        if (layout.kind() == Prediction.NUMBER) {
            if (Math.abs(value) > MAX_TRAINING_FEATURE) {
                // The loss squares the difference from the output: beyond this, the cost overflows.
                error(field.pos(lineNumber), line, "label " + text + " is too large: target " + layout.targetName()
                        + " takes numbers within ±1e100");
                return Double.NaN;
            }
            return value;
        }
        if (value != Math.rint(value)) {
            error(field.pos(lineNumber), line, "label " + text + " is not a class index: target "
                    + layout.targetName() + " needs " + layout.labelRange() + whichColumn());
            return Double.NaN;
        }
        int max = layout.targetRows() == 1 ? 1 : layout.targetRows() - 1;
        if (value < 0 || value > max) {
            String rows = layout.targetRows() == 1 ? "one row" : layout.targetRows() + " rows";
            error(field.pos(lineNumber), line, "label " + text + " is out of range: target "
                    + layout.targetName() + " has " + rows + ", so a label must be " + layout.labelRange() + whichColumn());
            return Double.NaN;
        }
        // +0.0 for a label written -0: a class index, as Dataset.targets and Score compare them.
        return value + 0.0;
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
        return " (the label is the last column" + (labelColumn.isEmpty() ? "" : ", '" + labelColumn + "'") + ")";
    }

    /** Records an error with its line; past {@link Diagnostics#MAX_ERRORS}, stops reading. */
    private void error(SourcePos pos, String line, String message) {
        if (errors.size() >= Diagnostics.MAX_ERRORS) {
            return;
        }
        errors.add(DiagnosticFormatter.format(Diagnostic.at(path, pos, message), line));
        if (errors.size() == Diagnostics.MAX_ERRORS) {
            errors.add(DiagnosticFormatter.format(Diagnostic.at(path, pos, "too many errors (" + Diagnostics.MAX_ERRORS
                    + "); stopping here"), line));
            stopped = true;
        }
    }

    /** Records one more error and gives the exception carrying all of them. */
    private DataException failure(SourcePos pos, String line, String message) {
        error(pos, line, message);
        return failure();
    }

    private DataException failure() {
        return new DataException(String.join("", errors).stripTrailing());
    }

    /**
     * One comma-separated field of {@code line}: its text (without the quotes of a quoted field,
     * {@code ""} read as {@code "}) and the index in the line where that text starts; {@code problem}
     * says why a quoted field is malformed (null when it is not), at index {@code problemAt}. Indices
     * are Java's (chars); a place's column counts code points, and is counted only for an error.
     */
    private record Field(String line, String text, int start, String problem, int problemAt) {
        Field(String line, String text, int start) {
            this(line, text, start, null, 0);
        }

        /** Where the field's text starts, after its leading blanks. */
        SourcePos pos(int lineNumber) {
            int leading = text.length() - text.stripLeading().length();
            return new SourcePos(lineNumber, SourcePos.column(line, 0, start + leading));
        }

        SourcePos problemPos(int lineNumber) {
            return new SourcePos(lineNumber, SourcePos.column(line, 0, problemAt));
        }
    }

    /** The fields of a line as RFC 4180 has them: plain, or in double quotes (a quote inside written twice). */
    private static List<Field> fields(String line) {
        List<Field> fields = new ArrayList<>();
        int start = 0;
        while (true) {
            int open = start;
            while (open < line.length() && (line.charAt(open) == ' ' || line.charAt(open) == '\t')) {
                open++;
            }
            int end;
            if (open < line.length() && line.charAt(open) == '"') {
                int[] after = new int[1];
                fields.add(quoted(line, open, after));
                end = after[0];
            } else {
                end = line.indexOf(',', start) < 0 ? line.length() : line.indexOf(',', start);
                fields.add(new Field(line, line.substring(start, end), start));
            }
            if (end >= line.length()) {
                return fields;
            }
            start = end + 1;
        }
    }

    /** The field whose opening quote is at {@code open}; {@code end[0]} becomes the index of the comma after it (or the line's length). */
    private static Field quoted(String line, int open, int[] end) {
        StringBuilder text = new StringBuilder();
        int i = open + 1;
        while (i < line.length() && !(line.charAt(i) == '"' && !line.startsWith("\"\"", i))) {
            text.append(line.charAt(i));
            i += line.startsWith("\"\"", i) ? 2 : 1;
        }
        if (i >= line.length()) {
            end[0] = line.length();
            return new Field(line, text.toString(), open + 1, "this quoted field is not closed: expected '\"' before the end of "
                    + "the line (a field may not span lines)", open);
        }
        int after = i + 1;
        while (after < line.length() && (line.charAt(after) == ' ' || line.charAt(after) == '\t')) {
            after++;
        }
        int comma = line.indexOf(',', after);
        end[0] = comma < 0 ? line.length() : comma;
        if (after < line.length() && line.charAt(after) != ',') {
            return new Field(line, text.toString(), open + 1, "expected ',' after the closing quote of a field, found '"
                    + Character.toString(line.codePointAt(after)) + "' (a quote inside a quoted field is written twice: \"\")", after);
        }
        return new Field(line, text.toString(), open + 1);
    }

    /** The first malformed quoted field of a line, if any. */
    private static Optional<Field> badQuote(List<Field> fields) {
        return fields.stream().filter(f -> f.problem() != null).findFirst();
    }
}
