package dev.netgrad.data;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Headers that would shift every column of a CSV file by one without a word, told by their column
 * names: the row numbers pandas' {@code to_csv} and R's {@code write.csv} write by default (a first
 * column without a name), and a label column first (MNIST's {@code label,pixel0,...}). Read as they
 * are, the first column would be a feature and the last feature the label, which a regression takes
 * whatever it holds, and a classifier too when that feature holds small whole numbers (an image's
 * corner pixel, 0 in nearly every example).
 */
final class ShiftedColumns {
    /** Names of a label column. */
    private static final Set<String> LABEL_NAMES = Set.of("label", "labels", "target", "targets", "class", "classes",
            "category");

    private ShiftedColumns() {
    }

    /** Why the header of these column names (stripped) shifts the columns, at its first column; empty when it does not. */
    static Optional<String> problem(List<String> names) {
        if (names.size() < 2) {
            return Optional.empty();
        }
        String first = names.get(0);
        String last = names.get(names.size() - 1);
        if (first.isEmpty() || first.equals("Unnamed: 0")) {
            String what = first.isEmpty() ? "has no name" : "is named 'Unnamed: 0', pandas' name for a column without one";
            return Optional.of("the first column " + what + ": it looks like the row numbers that pandas' to_csv and R's "
                    + "write.csv write by default, which would be read as a feature; write the file without them "
                    + "(to_csv(..., index=False), write.csv(..., row.names=FALSE)), or name the column if it is a feature");
        }
        if (isLabel(first) && !isLabel(last)) {
            return Optional.of("the first column is named '" + first + "', as a label column is, but the label is read "
                    + "from the last column ('" + last + "'), and every other column is a feature: move '" + first
                    + "' to the end (pandas: df[[c for c in df.columns if c != '" + first + "'] + ['" + first + "']])");
        }
        return Optional.empty();
    }

    /**
     * For a file of as many columns as the network has features, read without a label (predict's): when its
     * last column is named as a label column is, a feature column is missing and the label would be read as
     * the last feature, so says so; else empty.
     */
    static Optional<String> labelReadAsFeature(List<String> names) {
        String last = names.get(names.size() - 1);
        if (!isLabel(last)) {
            return Optional.empty();
        }
        return Optional.of("the last column is named '" + last + "', as a label column is, but the file has "
                + names.size() + " columns, as many as the network's features, so it would be read as the last "
                + "feature: is a feature column missing? (a file to predict from holds every feature column, "
                + "optionally followed by the label)");
    }

    private static boolean isLabel(String name) {
        return LABEL_NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * For a first row of numbers, which is no header: when it is 0,1,2,..., pandas' header for columns
     * without names ({@code DataFrame(array).to_csv(...)}), which cannot be told from an example, says so
     * and how to name them; else empty.
     */
    static String columnNumbers(List<String> names) {
        for (int j = 0; j < names.size(); j++) {
            if (!names.get(j).equals(Integer.toString(j))) {
                return "";
            }
        }
        return " (0,1,2,... is the header pandas writes for columns without names: name them before writing, "
                + "df.columns = [...], or write header=False and add a header line)";
    }
}
