package dev.netgrad.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Examples one per row: {@code features[i]} holds example i's n features and {@code labels[i]}
 * its class index (0 or 1 for a one-row target).
 */
public record Dataset(double[][] features, int[] labels) {
    public Dataset {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
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
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            x[i] = features[indices[i]].clone();
            y[i] = labels[indices[i]];
        }
        return new Dataset(x, y);
    }

    /**
     * The target matrix the trainer takes, m x k: one-hot rows when the target has k > 1 rows,
     * the label itself (0 or 1) when it has one.
     */
    public double[][] targets(int k) {
        double[][] y = new double[labels.length][k];
        for (int i = 0; i < labels.length; i++) {
            if (k == 1) {
                y[i][0] = labels[i];
            } else {
                y[i][labels[i]] = 1.0;
            }
        }
        return y;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && Arrays.deepEquals(features, d.features) && Arrays.equals(labels, d.labels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(features) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "Dataset[" + size() + " examples x " + featureCount() + " features]";
    }
}
