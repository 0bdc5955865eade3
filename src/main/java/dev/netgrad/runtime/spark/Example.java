package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.Kernels;
import java.io.Serializable;
import java.util.Arrays;

/**
 * One row of the training data: its features as the trainer takes them and its label as the column holds it.
 * A sparse features vector that is mostly zeros is kept as its nonzero entries: a fit caches its rows, and
 * HashingTF's 2^18 features would take 2 MB a row dense for the few dozen words a row has; a task makes a
 * chunk's rows dense only while it trains on them ({@link #featuresInto}).
 * A class, not a record: a fit's cached rows that spill to disk go through the session's serializer, and
 * with Kryo (spark.serializer, as many clusters set it) Spark's Kryo 4 cannot make a record.
 */
final class Example implements Serializable {
    private static final long serialVersionUID = 2L;

    /** The features, or, when {@link #indices} is not null, the entries at those indices (the others are 0). */
    private final double[] values;
    private final int[] indices;
    private final int size;
    private final double label;

    /** A row whose features are {@code features} (null for a null cell). */
    Example(double[] features, double label) {
        this(features, null, features == null ? -1 : features.length, label);
    }

    private Example(double[] values, int[] indices, int size, double label) {
        this.values = values;
        this.indices = indices;
        this.size = size;
        this.label = label;
    }

    /**
     * A row of {@code size} features that are 0 but at {@code indices} (ascending, in range), where they are
     * {@code values}; the arrays are kept, not copied.
     */
    static Example sparse(int size, int[] indices, double[] values, double label) {
        return new Example(values, indices, size, label);
    }

    /**
     * A row whose features vector has {@code size} entries, not the network's: kept without them, for the
     * check to refuse.
     */
    static Example ofOtherSize(int size, double label) {
        return new Example(null, null, size, label);
    }

    /** Whether the features are kept as their nonzero entries. */
    boolean isSparse() {
        return indices != null;
    }

    /**
     * The features, dense: the row's own array when it is kept dense, a new one when sparse. Null for a null
     * cell or a vector of another size than the network's.
     */
    double[] features() {
        if (indices == null) {
            return values;
        }
        double[] dense = new double[size];
        featuresInto(dense);
        return dense;
    }

    /** Writes the features of a sparse row ({@link #isSparse}), dense, into {@code row} (of the features' size), zeros included. */
    void featuresInto(double[] row) {
        Arrays.fill(row, 0);
        for (int k = 0; k < indices.length; k++) {
            row[indices[k]] = values[k];
        }
    }

    /** The index of the first feature that is NaN or infinite, or -1; read from the kept entries alone. */
    int firstNotFinite() {
        int k = Kernels.firstNonFinite(values, 0, values.length);
        return k < 0 || indices == null ? k : indices[k];
    }

    /** Feature {@code j} (of a row that has its features). */
    double feature(int j) {
        if (indices == null) {
            return values[j];
        }
        int k = Arrays.binarySearch(indices, j);
        return k < 0 ? 0 : values[k];
    }

    /** How many numbers the row keeps for its features: its size dense, its nonzero entries sparse. */
    int storedEntries() {
        return values == null ? 0 : values.length;
    }

    /** The features vector's size; -1 for a null cell. */
    int size() {
        return size;
    }

    double label() {
        return label;
    }
}
