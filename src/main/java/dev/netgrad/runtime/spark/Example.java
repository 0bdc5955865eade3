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
    private final double label;

    Example(double[] features, double label) {
        this.features = features;
        this.label = label;
    }

    double[] features() {
        return features;
    }

    double label() {
        return label;
    }
}
