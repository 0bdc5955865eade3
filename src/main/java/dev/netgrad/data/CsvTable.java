package dev.netgrad.data;

import java.util.Optional;

/** A parsed CSV file: features one example per row, and the label column if the file has one. */
public record CsvTable(double[][] features, Optional<int[]> labels) {
    /** The labelled examples; only for tables read with labels required. */
    public Dataset dataset() {
        return new Dataset(features, labels.orElseThrow(() -> new IllegalStateException("no label column")));
    }
}
