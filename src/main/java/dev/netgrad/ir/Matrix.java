package dev.netgrad.ir;

import java.util.Arrays;

/** A dense row-major matrix of doubles: the values the evaluator computes with. */
public record Matrix(int rows, int cols, double[] data) {
    /** The most entries a Java array holds (the JVM refuses a few short of Integer.MAX_VALUE). */
    public static final int MAX_ENTRIES = Integer.MAX_VALUE - 8;

    public Matrix {
        if (rows < 1 || cols < 1 || data.length != (long) rows * cols) {
            throw new IllegalArgumentException("bad matrix " + rows + " x " + cols + " with " + data.length + " entries");
        }
    }

    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols, new double[entries(rows, cols)]);
    }

    /**
     * rows * cols, the length of a rows x cols matrix's array. One that no Java array can hold is
     * refused as the JVM refuses such an array, with an OutOfMemoryError: the int product wrapped
     * around, to a negative size or to a short array that the first write ran past.
     */
    public static int entries(int rows, int cols) {
        long n = (long) rows * cols;
        if (n > MAX_ENTRIES) {
            throw new OutOfMemoryError("a " + rows + " x " + cols + " matrix has " + n + " entries, more than a Java array can hold");
        }
        return (int) n;
    }

    public static Matrix scalar(double v) {
        return new Matrix(1, 1, new double[] {v});
    }

    public static Matrix of(double[][] rowsData) {
        int r = rowsData.length;
        int c = rowsData[0].length;
        double[] d = new double[entries(r, c)];
        for (int i = 0; i < r; i++) {
            if (rowsData[i].length != c) {
                throw new IllegalArgumentException("ragged matrix: row " + i + " has " + rowsData[i].length + " entries, expected " + c);
            }
            System.arraycopy(rowsData[i], 0, d, i * c, c);
        }
        return new Matrix(r, c, d);
    }

    public double get(int r, int c) {
        return data[r * cols + c];
    }

    public void set(int r, int c, double v) {
        data[r * cols + c] = v;
    }

    /** A new matrix, the transpose of this one. */
    public Matrix transposed() {
        double[] out = new double[data.length];
        // In tiles, so that the writes down the result's columns stay in the cache.
        for (int r0 = 0; r0 < rows; r0 += TILE) {
            int r1 = Math.min(rows, r0 + TILE);
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int c1 = Math.min(cols, c0 + TILE);
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        out[c * rows + r] = data[r * cols + c];
                    }
                }
            }
        }
        return new Matrix(cols, rows, out);
    }

    private static final int TILE = 32;

    /** The entry that broadcasting maps to (r, c) of a larger result. */
    public double broadcastGet(int r, int c) {
        return data[(rows == 1 ? 0 : r) * cols + (cols == 1 ? 0 : c)];
    }

    public double[][] toArray() {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data, i * cols, out[i], 0, cols);
        }
        return out;
    }

    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    /** Whether every entry is finite: no infinity, no NaN. */
    public boolean isFinite() {
        for (double v : data) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    public boolean sameShape(Matrix o) {
        return rows == o.rows && cols == o.cols;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix other && sameShape(other) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return rows + "x" + cols + Arrays.deepToString(toArray());
    }
}
