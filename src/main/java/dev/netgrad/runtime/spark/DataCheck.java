package dev.netgrad.runtime.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * One pass over the training rows before any step: counts them, finds rows a step could not
 * use (features of the wrong size or not finite, labels that are not of the kind) and whether
 * every label is 0 or 1 (to resolve {@code labelKind auto}). Bad rows stop the fit on the
 * driver with a message, not as a failed task deep in a step.
 */
final class DataCheck {

    /**
     * What the pass found: rows, unusable rows, the first of them (its partition and its row there,
     * from 0) and its problem, whether that problem is its label's (its features were fine), whether
     * every label is 0 or 1. A class, not a record: a task's summary comes back through the session's
     * serializer, and with Kryo (spark.serializer, as many clusters set it) Spark's Kryo 4 cannot make a
     * record, so every fit failed in its first job.
     */
    static final class Summary implements Serializable {
        private static final long serialVersionUID = 1L;

        static final Summary EMPTY = new Summary(0, 0, null, false, true);

        private final long rows;
        private final long badRows;
        private final String firstProblem;
        private final boolean firstIsLabel;
        private final boolean allBinary;

        Summary(long rows, long badRows, String firstProblem, boolean firstIsLabel, boolean allBinary) {
            this.rows = rows;
            this.badRows = badRows;
            this.firstProblem = firstProblem;
            this.firstIsLabel = firstIsLabel;
            this.allBinary = allBinary;
        }

        long rows() {
            return rows;
        }

        long badRows() {
            return badRows;
        }

        String firstProblem() {
            return firstProblem;
        }

        boolean firstIsLabel() {
            return firstIsLabel;
        }

        boolean allBinary() {
            return allBinary;
        }

        /** This summary of the first {@code rows} rows of {@code partition}, and its next row, {@code example}. */
        Summary with(int partition, Example example, int inputSize, int targetSize, LabelKind kind) {
            String problem = featuresProblem(example, inputSize);
            boolean labelBad = false;
            if (problem == null) {
                problem = labelProblem(example.label(), targetSize, kind);
                labelBad = problem != null;
            }
            boolean binary = example.label() == 0 || example.label() == 1;
            if (firstProblem != null || problem == null) {
                return new Summary(rows + 1, badRows + (problem == null ? 0 : 1), firstProblem, firstIsLabel, allBinary && binary);
            }
            return new Summary(rows + 1, badRows + 1, "(partition " + partition + ", row " + rows + "): " + problem, labelBad,
                    allBinary && binary);
        }

        Summary plus(Summary other) {
            boolean mine = firstProblem != null;
            return new Summary(rows + other.rows, badRows + other.badRows, mine ? firstProblem : other.firstProblem,
                    mine ? firstIsLabel : other.firstIsLabel, allBinary && other.allBinary);
        }
    }

    private DataCheck() {
    }

    /**
     * Checks every row against the network's sizes and {@code kind} (null: only the features and
     * finite labels). The partitions' summaries are added on the driver in partition order, not in
     * the order their tasks end, so that the first problem is the same on every run.
     */
    static Summary run(JavaRDD<Example> examples, int inputSize, int targetSize, LabelKind kind) {
        List<Summary> parts = examples.mapPartitionsWithIndex((partition, rows) -> {
            Summary s = Summary.EMPTY;
            while (rows.hasNext()) {
                s = s.with(partition, rows.next(), inputSize, targetSize, kind);
            }
            return List.of(s).iterator();
        }, false).collect();
        Summary total = Summary.EMPTY;
        for (Summary part : parts) {
            total = total.plus(part);
        }
        return total;
    }

    private static String featuresProblem(Example example, int inputSize) {
        if (example.size() < 0) {
            return "the features are null";
        }
        if (example.size() != inputSize) {
            return "the features vector has size " + example.size() + ", the network takes " + inputSize + " inputs";
        }
        int j = example.firstNotFinite();
        return j < 0 ? null : "feature " + j + " is " + example.feature(j);
    }

    private static String labelProblem(double label, int targetSize, LabelKind kind) {
        if (kind == null) {
            return Double.isFinite(label) ? null : LabelKind.labelProblem(label);
        }
        return kind.problem(label, targetSize);
    }
}
