package dev.netgrad.data;

import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.DiagnosticFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The feature columns a CSV file's header names, and where they stand. Features are read by position, as
 * numpy reads them, so params trained on one file take another's columns for their own: a file to predict
 * from (or to go on training from {@code --init}) whose columns stand in other places than in the data the
 * params were trained on (another order; one added or left out) is refused, as scikit-learn refuses feature
 * names other than those seen in fit; one whose columns have other names in the same places is warned of.
 */
public final class CsvColumns {
    /** The training columns a message lists before it says how many there are in all. */
    private static final int LISTED = 8;
    private static final String BY_POSITION = "netgrad reads features by position, not by name, as numpy does, so ";

    private final String path;
    private final String line;
    private final int lineNumber;
    private final List<CsvField> fields;
    private final int features;

    CsvColumns(String path, String line, int lineNumber, int features) {
        this.path = path;
        this.line = line;
        this.lineNumber = lineNumber;
        this.fields = CsvField.split(line);
        this.features = features;
    }

    /** The feature columns' names, as the header writes them (without quotes and surrounding blanks). */
    public List<String> names() {
        return CsvField.names(fields.subList(0, features));
    }

    /**
     * Refuses, at the first column that stands elsewhere, feature columns that name a column of {@code trained}
     * at another place: the columns of the data the params of {@code params} (a file's name, or {@code --init}
     * and its name) were trained on, when they are known. Columns in another order, or shifted by one added or
     * left out, are surely not the features the params were trained on.
     */
    public void requireTrainedOn(List<String> trained, String params) throws DataException {
        List<String> names = names();
        for (int i = 0; i < trained.size() && i < names.size(); i++) {
            int was = trained.indexOf(names.get(i));
            if (was >= 0 && !trained.get(i).equals(names.get(i))) {
                String message = "column " + shown(names.get(i)) + " is feature " + (i + 1) + " here, but feature " + (was + 1)
                        + " in the data " + DiagnosticFormatter.escapeName(params) + " was trained on: " + BY_POSITION + "the network would take it for "
                        + "another feature; give the columns in the training order: " + listed(trained);
                throw new DataException(DiagnosticFormatter.format(Diagnostic.at(path, fields.get(i).pos(lineNumber), message), line)
                        .stripTrailing());
            }
        }
    }

    /**
     * A warning, when the feature columns have other names than {@code trained} in the same places (a renamed
     * column may hold the same feature, or another): what the first one is named, here and in training.
     */
    public Optional<String> renamed(List<String> trained, String params) {
        List<String> names = names();
        for (int i = 0; i < trained.size() && i < names.size(); i++) {
            if (!trained.get(i).equals(names.get(i))) {
                int others = (int) IntStream.range(i, names.size()).filter(j -> !trained.get(j).equals(names.get(j)))
                        .count();
                return Optional.of("feature column " + (i + 1) + " of " + DiagnosticFormatter.escapeName(path) + " is "
                        + shown(names.get(i)) + ", but " + shown(trained.get(i)) + " in the data " + DiagnosticFormatter.escapeName(params) + " was trained on"
                        + (others > 1 ? " (" + (others - 1) + " more have other names too)" : "") + ": "
                        + BY_POSITION + "each column is taken for the training data's column in its place (" + listed(trained)
                        + ")");
            }
        }
        return Optional.empty();
    }

    private static String shown(String name) {
        return "'" + DiagnosticFormatter.escape(name) + "'";
    }

    /** "a, b, c", or the first few and how many in all. */
    private static String listed(List<String> names) {
        List<String> shown = names.stream().limit(LISTED).map(DiagnosticFormatter::escape).toList();
        return String.join(", ", shown) + (names.size() > LISTED ? ", ... (" + names.size() + " columns)" : "");
    }
}
