package dev.netgrad.runtime.spark;

import java.io.Serializable;

/**
 * One row of the training data: its features as the trainer takes them and its label as the column holds it.
 * A class, not a record: a fit's cached rows that spill to disk go through the session's serializer, and
 * with Kryo (spark.serializer, as many clusters set it) Spark's Kryo 4 cannot make a record.
 */
final class Example implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] features;
    private final int size;
    private final double label;

    /** A row whose features are {@code features} (null for a null cell). */
    Example(double[] features, double label) {
        this(features, features == null ? -1 : features.length, label);
    }

    private Example(double[] features, int size, double label) {
        this.features = features;
        this.size = size;
        this.label = label;
    }

    /**
     * A row whose features vector has {@code size} entries, not the network's: kept without them, for the
     * check to refuse. A sparse vector of 2^18 entries (HashingTF's default) would take 2 MB a row dense.
     */
    static Example ofOtherSize(int size, double label) {
        return new Example(null, size, label);
    }

    /** The features; null for a null cell or a vector of another size than the network's input. */
    double[] features() {
        return features;
    }

    /** The features vector's size; -1 for a null cell. */
    int size() {
        return size;
    }

    double label() {
        return label;
    }
}
