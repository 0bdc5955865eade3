package dev.netgrad.data;

import static dev.netgrad.English.count;

import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.DiagnosticFormatter;
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

/**
 * Reads a CSV file of examples: a header row, then one example per row, the features first and
 * (when there is one) the label last. A field may be in double quotes (RFC 4180: {@code "5.0"},
 * a quote inside written {@code ""}), but may not span lines. The file is streamed a line at a time and each row parsed
 * straight into a {@code double[]}, so memory follows the numbers, not the text; a file whose rows
 * cannot fit in the heap is refused before it is read whole. Collects every problem of the file as
 * {@code FILE:LINE:COL: error: ...} and reports them together ({@link CsvErrors}). Its parts: {@link
 * CsvField} splits a line into fields, {@link CsvHeader} reads the header row, {@link CsvRowParser}
 * turns a data row into numbers.
 */
public final class CsvReader implements Closeable {
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
            List<CsvField> fields = CsvField.split(texts[row]);
            SourcePos pos = feature < fields.size() ? fields.get(feature).pos(lines[row]) : new SourcePos(lines[row], 1);
            return new DataException(DiagnosticFormatter.format(Diagnostic.at(path, pos, message), texts[row]).stripTrailing());
        }
    }

    private final String path;
    private final DataLayout layout;
    private final LineSource source;
    private final double maxFeature;
    private final CsvErrors errors;
    /** The header's columns, and the parser of the rows under it (both set by {@link #header}). */
    private CsvHeader header;
    private CsvColumns columns;
    private CsvRowParser rows;
    private boolean anyRows;
    private Progress progress = (rows, bytes) -> { };

    private CsvReader(String path, Reader reader, DataLayout layout, double maxFeature) {
        this.path = path;
        this.layout = layout;
        this.source = new LineSource(reader, maxLineLength(layout));
        this.maxFeature = maxFeature;
        this.errors = new CsvErrors(path);
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
        return readTraining(file, layout, memoryLimit, progress).dataset(layout.kind());
    }

    /** {@link #readDataset(Path, DataLayout, long, Progress)} as a table, which keeps the header's columns. */
    public static CsvTable readTraining(Path file, DataLayout layout, long memoryLimit, Progress progress) throws DataException {
        try (CsvReader reader = open(file, layout, Labels.REQUIRED, MAX_TRAINING_FEATURE)) {
            reader.progress = progress;
            long size = sizeOf(file);
            return reader.all(size, memoryLimit / TRAINING_COPIES);
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

    /** The header's feature columns. */
    public CsvColumns columns() {
        return columns;
    }

    /** Whether the file has a label column (decided by its header). */
    public boolean labelled() {
        return header.labelled();
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
        while (features.size() < max && errors.none()) {
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
        if (!errors.none()) {
            drain();
            throw errors.failure();
        }
        if (features.isEmpty()) {
            if (!anyRows) {
                throw noExamples();
            }
            return Optional.empty();
        }
        anyRows = true;
        double[] labelArray = labels.stream().mapToDouble(Double::doubleValue).toArray();
        return Optional.of(new Rows(path, features.toArray(new double[0][]), header.labelled() ? Optional.of(labelArray) : Optional.empty(),
                lines.stream().mapToInt(Integer::intValue).toArray(), texts.toArray(new String[0])));
    }

    /** Every row, refusing (before reading them all) rows that would need more than {@code limit} bytes. */
    private CsvTable all(long fileSize, long limit) throws DataException {
        double[][] features = new double[64][];
        double[] labels = new double[64];
        int[] count = {0};
        long rowBytes = rowBytes(layout.featureCount());
        while (!errors.stopped()) {
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
            if (errors.none() && (count[0] == ESTIMATE_AFTER_ROWS || count[0] * rowBytes > limit)) {
                checkFits(count[0], fileSize, rowBytes, limit);
            }
            if (count[0] % PROGRESS_EVERY_ROWS == 0 && count[0] > 0 && errors.none()) {
                progress.rowsRead(count[0], source.bytesConsumed());
            }
        }
        if (!errors.none()) {
            throw errors.failure();
        }
        if (count[0] == 0) {
            throw noExamples();
        }
        return new CsvTable(Arrays.copyOf(features, count[0]),
                header.labelled() ? Optional.of(Arrays.copyOf(labels, count[0])) : Optional.empty(), columns);
    }

    private DataException noExamples() {
        return errors.failure(new SourcePos(source.lineNumber() + 1, 1), "", "no examples: the file has a header row but no data rows");
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
        while (!errors.stopped()) {
            String line = nextLine();
            if (line == null) {
                return;
            }
            readRow(line, (row, label) -> { });
        }
    }

    /** The next non-blank line, or null at the end of the file (or after a line too long to be a row). */
    private String nextLine() throws DataException {
        while (!errors.stopped()) {
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
                errors.stop();
                errors.failure(new SourcePos(source.lineNumber(), 1), null, "line " + source.lineNumber() + " is longer than "
                        + source.maxLength() + " characters: no CSV row of " + layout.featureCount()
                        + " features is that long (is this a text file?)");
                throw errors.failure();
            }
            Optional<NotText> bad = source.notText();
            if (bad.isPresent()) {
                errors.stop();
                // The line is not shown: its bytes would print as garbage.
                throw errors.failure(bad.get().pos(), null, bad.get().message("a CSV file") + layout.imagesComeAsRows());
            }
            return line;
        } catch (IOException e) {
            throw DataException.cannotRead(path, e);
        }
    }

    /** Decides from the header whether the file has a label column; refuses a header it cannot use. */
    private void header(Labels labels) throws DataException {
        String line = nextLine();
        header = CsvHeader.read(line, source.lineNumber(), layout, labels, errors);
        columns = new CsvColumns(path, line, source.lineNumber(), layout.featureCount());
        rows = new CsvRowParser(layout, header, maxFeature, errors);
    }

    /** Parses one data row into the sink; false (with its errors recorded) when the row is bad. */
    private boolean readRow(String line, CsvRowParser.RowSink sink) {
        return rows.readRow(line, source.lineNumber(), sink);
    }
}
