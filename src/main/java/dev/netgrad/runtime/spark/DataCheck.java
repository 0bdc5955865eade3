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
     * from 0) and its problem, whether every label is 0 or 1.
     */
    record Summary(long rows, long badRows, String firstProblem, boolean allBinary) implements Serializable {
        private static final long serialVersionUID = 1L;

        static final Summary EMPTY = new Summary(0, 0, null, true);

        /** This summary of the first {@code rows} rows of {@code partition}, and its next row, {@code example}. */
        Summary with(int partition, Example example, int inputSize, int targetSize, LabelKind kind) {
            String problem = problem(example, inputSize, targetSize, kind);
            boolean binary = example.label() == 0 || example.label() == 1;
            String first = firstProblem != null || problem == null ? firstProblem
                    : "(partition " + partition + ", row " + rows + "): " + problem;
            return new Summary(rows + 1, badRows + (problem == null ? 0 : 1), first, allBinary && binary);
        }

        Summary plus(Summary other) {
            return new Summary(rows + other.rows, badRows + other.badRows, firstProblem != null ? firstProblem : other.firstProblem,
                    allBinary && other.allBinary);
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

    private static String problem(Example example, int inputSize, int targetSize, LabelKind kind) {
        double[] x = example.features();
        if (x == null) {
            return "the features are null";
        }
        if (x.length != inputSize) {
            return "the features vector has size " + x.length + ", the network takes " + inputSize + " inputs";
        }
        for (int j = 0; j < x.length; j++) {
            if (!Double.isFinite(x[j])) {
                return "feature " + j + " is " + x[j];
            }
        }
        if (kind == null) {
            return Double.isFinite(example.label()) ? null : LabelKind.labelProblem(example.label());
        }
        return kind.problem(example.label(), targetSize);
    }
}
