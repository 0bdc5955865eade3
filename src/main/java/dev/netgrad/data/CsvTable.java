package dev.netgrad.data;

import dev.netgrad.runtime.Prediction;
import java.util.Optional;

/** A parsed CSV file: features one example per row, the label column if the file has one, and the header's feature columns. */
public record CsvTable(double[][] features, Optional<double[]> labels, CsvColumns columns) {
    /** The labelled examples, their labels read as {@code kind}; only for tables read with labels required. */
    public Dataset dataset(Prediction kind) {
        return new Dataset(features, labels.orElseThrow(() -> new IllegalStateException("no label column")), kind);
    }
}
