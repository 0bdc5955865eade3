package dev.netgrad.spec;

import dev.netgrad.ir.Shape;

/** An {@code input X[n]} or {@code target Y[k]}: {@code rows} x m. */
public record DataValue(String name, int rows, SourcePos pos) {
    public Shape shape() {
        return Shape.batch(rows);
    }
}
