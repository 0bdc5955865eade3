package dev.netgrad.ir;

import java.util.Optional;

/**
 * The shape of a 2-D value: rows x cols, where either side may be the batch size m.
 * Every value in netgrad is a matrix, as numpy arrays with keepdims=True. A {@link Grid} says
 * that the rows are an image's entries, flattened channel-last: an image value is
 * {@code h x w x c x m} ((h·w·c) x m), a filter bank {@code f x f x c_in x c_out}
 * ((f·f·c_in) x c_out, the course's layout in row-major order).
 */
public record Shape(int rows, int cols, Grid grid) {
    /** Height, width and channels of the rows of an image value or of a filter bank. */
    public record Grid(int h, int w, int c) {
        public Grid {
            if (h < 1 || w < 1 || c < 1 || entries(h, w, c) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bad grid " + h + " x " + w + " x " + c);
            }
        }

        /**
         * The entries of an h x w x c grid, or {@link Long#MAX_VALUE} beyond an int: checked before a
         * grid is made, so that a size the user wrote never wraps around.
         */
        public static long entries(int h, int w, int c) {
            long hw = (long) h * w;
            return hw > Integer.MAX_VALUE ? Long.MAX_VALUE : hw * c;
        }

        /** A count from {@link #entries} in words: the number, or "more than 2147483647" beyond an int. */
        public static String describeEntries(long entries) {
            return entries == Long.MAX_VALUE ? "more than " + Integer.MAX_VALUE : Long.toString(entries);
        }

        public int size() {
            return h * w * c;
        }

        /** The row of pixel (i, j), channel k: {@code (i * w + j) * c + k}. */
        public int row(int i, int j, int k) {
            return (i * w + j) * c + k;
        }

        @Override
        public String toString() {
            return h + " x " + w + " x " + c;
        }
    }

    /** Marks a side whose size is the batch size m, known only when a batch arrives. */
    public static final int M = -1;
    /** The largest size netgrad accepts for one side; bigger specs are almost surely typos. */
    public static final int MAX_SIZE = 1 << 24;

    public static final Shape SCALAR = new Shape(1, 1);

    public Shape {
        if ((rows < 1 && rows != M) || (cols < 1 && cols != M)) {
            throw new IllegalArgumentException("bad shape " + rows + " x " + cols);
        }
        if (grid != null && grid.size() != rows) {
            throw new IllegalArgumentException("grid " + grid + " does not fill " + rows + " rows");
        }
    }

    /** A plain matrix shape. */
    public Shape(int rows, int cols) {
        this(rows, cols, null);
    }

    /** An image value: {@code h x w x c x m}. */
    public static Shape image(int h, int w, int c) {
        Grid g = new Grid(h, w, c);
        return new Shape(g.size(), M, g);
    }

    /** A filter bank {@code f x f x cIn x cOut}. */
    public static Shape filters(int f, int cIn, int cOut) {
        Grid g = new Grid(f, f, cIn);
        return new Shape(g.size(), cOut, g);
    }

    /** An image value: rows that are pixels and channels, one column per example. */
    public boolean isImage() {
        return grid != null && cols == M;
    }

    /** A filter bank: the weights of a convolution. */
    public boolean isFilterBank() {
        return grid != null && cols != M;
    }

    /** The same entries as a plain matrix. */
    public Shape plain() {
        return new Shape(rows, cols);
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
        if (a.grid != null || b.grid != null) {
            return gridBroadcast(a, b);
        }
        Optional<Integer> rows = broadcastSide(a.rows, b.rows);
        Optional<Integer> cols = broadcastSide(a.cols, b.cols);
        if (rows.isEmpty() || cols.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Shape(rows.get(), cols.get()));
    }

    /**
     * An image or filter bank meets an equal shape or a number; an image also meets a c x 1 value
     * that holds one entry per channel, and a 1 x m value that holds one number per example.
     */
    private static Optional<Shape> gridBroadcast(Shape a, Shape b) {
        if (a.equals(b)) {
            return Optional.of(a);
        }
        if (a.grid != null && b.grid != null) {
            return Optional.empty();
        }
        Shape g = a.grid != null ? a : b;
        Shape o = a.grid != null ? b : a;
        boolean perChannel = o.rows == g.grid.c && o.cols == 1;
        boolean perExample = o.rows == 1 && o.cols == M;
        if (o.isScalar() || (g.isImage() && (perChannel || perExample))) {
            return Optional.of(g);
        }
        return Optional.empty();
    }

    /** Whether a value of this shape is one entry per channel of an image of shape {@code image}. */
    public boolean isPerChannelOf(Shape image) {
        return image.isImage() && grid == null && cols == 1 && rows == image.grid.c && !isScalar();
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
        if (grid != null) {
            return grid + " x " + side(cols);
        }
        return side(rows) + " x " + side(cols);
    }
}
