package dev.netgrad.runtime.spark;

import java.io.Serializable;

/** One row of the training data: its features as the trainer takes them and its label as the column holds it. */
record Example(double[] features, double label) implements Serializable {
}
