package dev.netgrad.data;

import dev.netgrad.runtime.Prediction;
import java.util.Arrays;
import java.util.Objects;

/**
 * Examples one per row: {@code features[i]} holds example i's n features and {@code labels[i]}
 * its label as {@code kind} reads it: a class index, 0 or 1, or a number.
 */
public record Dataset(double[][] features, double[] labels, Prediction kind) {
    public Dataset {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(kind, "kind");
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " feature rows but " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }

    public int featureCount() {
        return features.length == 0 ? 0 : features[0].length;
    }

    /** The examples at the given row indices, in that order. */
    public Dataset rows(int[] indices) {
        double[][] x = new double[indices.length][];
        double[] y = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            x[i] = features[indices[i]].clone();
            y[i] = labels[indices[i]];
        }
        return new Dataset(x, y, kind);
    }

    /** The examples at the given row indices, in that order, sharing their feature rows with this data set. */
    Dataset sharing(int[] indices) {
        double[][] x = new double[indices.length][];
        double[] y = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            x[i] = features[indices[i]];
            y[i] = labels[indices[i]];
        }
        return new Dataset(x, y, kind);
    }

    /**
     * The target matrix the trainer takes, m x k: one-hot rows when the target has k > 1 rows
     * (the labels are class indices), the label itself when it has one.
     */
    public double[][] targets(int k) {
        return targets(k, 0, labels.length);
    }

    /** The rows {@code from} (inclusive) to {@code to} (exclusive) of {@link #targets(int)}. */
    public double[][] targets(int k, int from, int to) {
        double[][] y = new double[to - from][k];
        for (int i = from; i < to; i++) {
            if (k == 1) {
                y[i - from][0] = labels[i];
            } else {
                y[i - from][(int) labels[i]] = 1.0;
            }
        }
        return y;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && Arrays.deepEquals(features, d.features) && Arrays.equals(labels, d.labels)
                && kind == d.kind;
    }

    @Override
    public int hashCode() {
        return (31 * Arrays.deepHashCode(features) + Arrays.hashCode(labels)) * 31 + kind.ordinal();
    }

    @Override
    public String toString() {
        return "Dataset[" + size() + " examples x " + featureCount() + " features]";
    }
}
