package dev.netgrad.ir;

import java.util.Optional;

/**
 * The shape of a 2-D value: rows x cols, where either side may be the batch size m.
 * Every value in netgrad is a matrix, as numpy arrays with keepdims=True.
 */
public record Shape(int rows, int cols) {
    /** Marks a side whose size is the batch size m, known only when a batch arrives. */
    public static final int M = -1;
    /** The largest size netgrad accepts for one side; bigger specs are almost surely typos. */
    public static final int MAX_SIZE = 1 << 24;

    public static final Shape SCALAR = new Shape(1, 1);

    public Shape {
        if ((rows < 1 && rows != M) || (cols < 1 && cols != M)) {
            throw new IllegalArgumentException("bad shape " + rows + " x " + cols);
        }
    }

    public static Shape column(int rows) {
        return new Shape(rows, 1);
    }

    public static Shape batch(int rows) {
        return new Shape(rows, M);
    }

    public boolean isScalar() {
        return rows == 1 && cols == 1;
    }

    public boolean hasBatchSide() {
        return rows == M || cols == M;
    }

    public Shape transpose() {
        return new Shape(cols, rows);
    }

    /** The shape of an elementwise result under 2-D numpy broadcasting, if the pair is compatible. */
    public static Optional<Shape> broadcast(Shape a, Shape b) {
        Optional<Integer> rows = broadcastSide(a.rows, b.rows);
        Optional<Integer> cols = broadcastSide(a.cols, b.cols);
        if (rows.isEmpty() || cols.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Shape(rows.get(), cols.get()));
    }

    private static Optional<Integer> broadcastSide(int a, int b) {
        if (a == b) {
            return Optional.of(a);
        }
        if (a == 1) {
            return Optional.of(b);
        }
        if (b == 1) {
            return Optional.of(a);
        }
        return Optional.empty();
    }

    /** The concrete number of rows for a batch of {@code m} examples. */
    public int rows(int m) {
        return rows == M ? m : rows;
    }

    public int cols(int m) {
        return cols == M ? m : cols;
    }

    public static String side(int n) {
        return n == M ? "m" : Integer.toString(n);
    }

    @Override
    public String toString() {
        return side(rows) + " x " + side(cols);
    }
}
