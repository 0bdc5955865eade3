package dev.netgrad.spec;

import dev.netgrad.ir.Shape;

/**
 * An {@code input X[n]} or {@code target Y[k]}: {@code rows} x m; or an image
 * {@code input X[h, w, c]}: h x w x c x m, {@code rows} = h·w·c ({@code grid} is null for a plain value).
 */
public record DataValue(String name, int rows, Shape.Grid grid, SourcePos pos) {
    public DataValue {
        if (grid != null && grid.size() != rows) {
            throw new IllegalArgumentException("image " + grid + " does not have " + rows + " rows");
        }
    }

    public DataValue(String name, int rows, SourcePos pos) {
        this(name, rows, null, pos);
    }

    public Shape shape() {
        return grid == null ? Shape.batch(rows) : Shape.image(grid.h(), grid.w(), grid.c());
    }
}
