package dev.netgrad.data;

import dev.netgrad.English;
import dev.netgrad.data.CsvReader.Labels;
import dev.netgrad.spec.SourcePos;
import java.util.List;
import java.util.Optional;

/**
 * What a CSV file's header row says: whether the file has a label column (the last), and that
 * column's name, for messages about a label. A header this layout cannot use is refused with a
 * message saying what was expected.
 *
 * @param labelColumn the header's name of the label column; empty without one
 */
record CsvHeader(boolean labelled, String labelColumn) {
    /** Reads the header {@code line} (null: the file is empty), line {@code lineNumber} of the file. */
    static CsvHeader read(String line, int lineNumber, DataLayout layout, Labels labels, CsvErrors errors) throws DataException {
        if (line == null) {
            throw errors.failure(new SourcePos(1, 1), "", "empty file: expected a header row, then one example per row");
        }
        List<CsvField> fields = CsvField.split(line);
        Optional<CsvField> bad = CsvField.firstBadQuote(fields);
        if (bad.isPresent()) {
            throw errors.failure(bad.get().problemPos(lineNumber), line, bad.get().problem());
        }
        if (fields.stream().allMatch(f -> CsvRowParser.NUMBER.matcher(f.text().strip()).matches())) {
            throw errors.failure(new SourcePos(lineNumber, 1), line, "the first row holds only numbers, but it must "
                    + "be a header naming the columns (such as x1,x2,label): add one, or this example would be lost"
                    + ShiftedColumns.columnNumbers(CsvField.names(fields)));
        }
        Optional<String> shifted = ShiftedColumns.problem(CsvField.names(fields));
        if (shifted.isPresent()) {
            throw errors.failure(fields.get(0).pos(lineNumber), line, shifted.get());
        }
        int columns = fields.size();
        int n = layout.featureCount();
        if (columns == n + 1 || (columns == n && labels == Labels.OPTIONAL)) {
            boolean labelled = columns == n + 1;
            Optional<String> labelAsFeature = labelled ? Optional.empty() : ShiftedColumns.labelReadAsFeature(CsvField.names(fields));
            if (labelAsFeature.isPresent()) {
                throw errors.failure(fields.get(columns - 1).pos(lineNumber), line, labelAsFeature.get());
            }
            return new CsvHeader(labelled, fields.get(columns - 1).text().strip());
        }
        throw unusable(fields, line, lineNumber, layout, labels, errors);
    }

    /** Why a header of other columns than the layout's cannot be read, with what was expected. */
    private static DataException unusable(List<CsvField> fields, String line, int lineNumber, DataLayout layout, Labels labels,
            CsvErrors errors) {
        int columns = fields.size();
        int n = layout.featureCount();
        String expected = labels == Labels.REQUIRED
                ? English.count(n, "feature column") + " and a label column"
                : English.count(n, "feature column") + ", optionally followed by a label column";
        CsvField last = fields.get(columns - 1);
        if (columns > 1 && last.text().isBlank() && (columns - 1 == n + 1 || (columns - 1 == n && labels == Labels.OPTIONAL))) {
            // What a spreadsheet's export or a hand-written writer may leave: every line ends in a comma.
            return errors.failure(last.pos(lineNumber), line, "the header ends in a comma, which adds a column without"
                    + " a name: remove the comma at the end of the header and of every row (without it, the header has"
                    + " what is expected: " + expected + ")");
        }
        String found = labels == Labels.REQUIRED && columns > 0
                ? English.count(columns, "column") + " (" + English.count(columns - 1, "feature") + " and a label)"
                : English.count(columns, "column");
        // An image file of other channels: its feature count is the header's columns less the label, when it has one.
        String channels = layout.otherChannels(columns - 1);
        if (channels.isEmpty() && labels == Labels.OPTIONAL) {
            channels = layout.otherChannels(columns);
        }
        return errors.failure(new SourcePos(lineNumber, 1), line, "the header has " + found + ", but "
                + layout.inputDescription() + ": expected " + expected + channels + oneHot(columns, layout)
                + otherSeparator(columns, line));
    }

    /**
     * A header of the features and one column per class (Keras' to_categorical, pandas' get_dummies on the label):
     * the labels written one-hot, where netgrad takes the class index and encodes it itself.
     */
    private static String oneHot(int columns, DataLayout layout) {
        int k = layout.targetRows();
        if (k < 2 || columns != layout.featureCount() + k) {
            return "";
        }
        return " (its last " + k + " columns look like the label one-hot encoded, a column per class of target "
                + layout.targetName() + ": give one label column holding the class index, 0 to " + (k - 1)
                + ", numpy's argmax over those columns; netgrad one-hot encodes it itself)";
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
}
