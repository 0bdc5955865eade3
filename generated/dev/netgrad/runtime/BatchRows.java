package dev.netgrad.runtime;

/**
 * A batch as the rows it was given (one example a row) and the buffer that holds it in the passes'
 * layout, one column per example ({@code columns[f * count + e]} is feature f of example e). The
 * copy into columns may wait: a matrix product whose B is these columns (the first layer's
 * {@code W1 @ X}, or {@code X.T} in its gradient {@code dZ1 @ X.T}) reads the rows straight into its
 * panels ({@link MatrixProducts}), so for a trainer whose input only products read the batch moves
 * twice, row by row into the two products' panels, rather than three times (into X, then from X into
 * each product's panels), and no core reads columns that the other core has just written. Anything
 * else that reads the columns must first call {@link #fill}.
 *
 * <p>The rows are the example arrays themselves, picked when the batch is set: what is read later is
 * what they hold then, so the caller must not change them until the batch has been used.
 */
final class BatchRows {
    /** The batch's rows, picked in the order of the batch's examples; grown, never per step. */
    private double[][] rows = new double[0][];
    private int count;
    private int width;
    /** The buffer the rows go to as columns (width x count), or null before the first batch. */
    private double[] columns;
    /** Whether the columns hold this batch's rows. */
    private boolean inColumns;
    /** The copy into columns, shared by groups of eight examples (one object for every batch: no allocation). */
    private final EntryRange copyIntoColumns = this::groupsIntoColumns;

    /**
     * The batch is rows {@code from .. from + count - 1} of data (through {@code order}, when not
     * null) and goes to {@code columns}; nothing is copied yet.
     */
    void set(double[][] data, int[] order, int from, int count, int width, double[] columns) {
        if (rows.length < count) {
            rows = new double[count][];
        }
        for (int e = 0; e < count; e++) {
            rows[e] = data[order == null ? from + e : order[from + e]];
        }
        this.count = count;
        this.width = width;
        this.columns = columns;
        this.inColumns = false;
    }

    /** Whether {@code buffer} is this batch's columns, not filled yet: a product must read the rows instead. */
    boolean pending(double[] buffer) {
        return buffer == columns && !inColumns;
    }

    /** Copies the rows into the columns, unless they are there already; a wide batch is shared with the product helpers. */
    void fill(MatrixProducts products) {
        if (inColumns || columns == null) {
            return;
        }
        // Per feature, a group's eight loads and stores cost a few nanoseconds: a quarter of an exp call.
        products.forEntries((count + 7) / 8, Math.max(1, width / 4), copyIntoColumns);
        inColumns = true;
    }

    /**
     * Groups {@code fromGroup .. toGroup - 1} of eight examples into the columns: eight rows read side
     * by side, so that each feature's eight entries fill one cache line of the columns and the eight
     * row arrays stay in registers.
     */
    private void groupsIntoColumns(int fromGroup, int toGroup) {
        double[] out = columns;
        int n = count;
        int e = fromGroup * 8;
        int end = Math.min(n, toGroup * 8);
        for (; e + 7 < end; e += 8) {
            eightIntoColumns(e, out, e, n);
        }
        for (; e < end; e++) {
            oneIntoColumn(e, out, e, n);
        }
    }

    /**
     * Examples {@code e .. e + 7}, feature f to {@code out[o + f * stride .. + 7]}: the step shared by
     * the copy into columns and the copy into a product's panels.
     */
    private void eightIntoColumns(int e, double[] out, int o, int stride) {
        double[] r0 = rows[e];
        double[] r1 = rows[e + 1];
        double[] r2 = rows[e + 2];
        double[] r3 = rows[e + 3];
        double[] r4 = rows[e + 4];
        double[] r5 = rows[e + 5];
        double[] r6 = rows[e + 6];
        double[] r7 = rows[e + 7];
        for (int f = 0; f < width; f++) {
            int d = o + f * stride;
            out[d] = r0[f];
            out[d + 1] = r1[f];
            out[d + 2] = r2[f];
            out[d + 3] = r3[f];
            out[d + 4] = r4[f];
            out[d + 5] = r5[f];
            out[d + 6] = r6[f];
            out[d + 7] = r7[f];
        }
    }

    /**
     * {@link #eightIntoColumns} for sixteen examples: a panel 16 examples wide gets whole rows of 128
     * bytes, where two passes of eight wrote half of each and came back for the other half (the
     * mlp's X at batch 32: 9 against 14.5 us in a harness cycling over 50 batches; at batch 128, 44
     * against 51 - 62).
     */
    private void sixteenIntoColumns(int e, double[] out, int o, int stride) {
        double[] r0 = rows[e];
        double[] r1 = rows[e + 1];
        double[] r2 = rows[e + 2];
        double[] r3 = rows[e + 3];
        double[] r4 = rows[e + 4];
        double[] r5 = rows[e + 5];
        double[] r6 = rows[e + 6];
        double[] r7 = rows[e + 7];
        double[] r8 = rows[e + 8];
        double[] r9 = rows[e + 9];
        double[] r10 = rows[e + 10];
        double[] r11 = rows[e + 11];
        double[] r12 = rows[e + 12];
        double[] r13 = rows[e + 13];
        double[] r14 = rows[e + 14];
        double[] r15 = rows[e + 15];
        for (int f = 0; f < width; f++) {
            int d = o + f * stride;
            out[d] = r0[f];
            out[d + 1] = r1[f];
            out[d + 2] = r2[f];
            out[d + 3] = r3[f];
            out[d + 4] = r4[f];
            out[d + 5] = r5[f];
            out[d + 6] = r6[f];
            out[d + 7] = r7[f];
            out[d + 8] = r8[f];
            out[d + 9] = r9[f];
            out[d + 10] = r10[f];
            out[d + 11] = r11[f];
            out[d + 12] = r12[f];
            out[d + 13] = r13[f];
            out[d + 14] = r14[f];
            out[d + 15] = r15[f];
        }
    }

    /** Example e, feature f to {@code out[o + f * stride]}: a group's examples left over from eights. */
    private void oneIntoColumn(int e, double[] out, int o, int stride) {
        double[] row = rows[e];
        for (int f = 0; f < width; f++) {
            out[o + f * stride] = row[f];
        }
    }

    /**
     * Panels {@code from .. to - 1} of B = the columns (width x count: B(q, j) is feature q of example
     * j) for a product's kernel, as {@link MatrixProducts} lays them out: the examples j0 .. j0 + w -
     * 1 of panel s (j0 = s * panelWidth, w = min(panelWidth, count - j0)) feature after feature from
     * {@code j0 * width} on. The same entries as packing the filled columns.
     */
    private void packColumns(double[] panels, int panelWidth, int from, int to) {
        for (int s = from; s < to; s++) {
            int j0 = s * panelWidth;
            int w = Math.min(panelWidth, count - j0);
            int o = j0 * width;
            int c = 0;
            for (; c + 15 < w; c += 16) {
                sixteenIntoColumns(j0 + c, panels, o + c, w);
            }
            for (; c + 7 < w; c += 8) {
                eightIntoColumns(j0 + c, panels, o + c, w);
            }
            for (; c < w; c++) {
                oneIntoColumn(j0 + c, panels, o + c, w);
            }
        }
    }

    /**
     * Panels {@code from .. to - 1} of B = the columns' transpose (count x width: B(q, j) is feature
     * j of example q), laid out as {@link #packColumns} lays B out: the features j0 .. j0 + w - 1 of
     * panel s, example after example, each a piece of one row. Eight rows at a time, each read once
     * from start to end into its piece of every panel, so that each panel takes the eight pieces
     * together (1 kB with pieces of 16) where one row at a time wrote a piece to each of the panels
     * in turn, 16 kB apart (the mlp's X.T at batch 128: 49 against 63 - 98 us in a harness cycling
     * over 50 batches). Panel by panel, each panel reading a piece of every row, a batch not in the
     * core's caches came in a cache line at a time, far from where the last one was (the wide
     * network's X.T, 256 x 784: 355 - 403 us a step on each thread).
     */
    private void packTransposed(double[] panels, int panelWidth, int from, int to) {
        int k = count;
        int p = width;
        for (int q = 0; q < k; q += 8) {
            int group = Math.min(8, k - q);
            for (int s = from; s < to; s++) {
                int j0 = s * panelWidth;
                int w = Math.min(panelWidth, p - j0);
                int o = j0 * k + q * w;
                for (int r = 0; r < group; r++) {
                    System.arraycopy(rows[q + r], j0, panels, o + r * w, w);
                }
            }
        }
    }

    /**
     * Whether B (k x p, B(q, j) = columns[q * bRow + j * bCol]) is the columns ({@link #packColumns})
     * or their transpose ({@link #packTransposed}) whole, so that its panels can be read from the rows.
     */
    boolean fitsPanels(int bRow, int bCol, int k, int p) {
        return isColumns(bRow, bCol, k, p) || isTransposed(bRow, bCol, k, p);
    }

    private boolean isColumns(int bRow, int bCol, int k, int p) {
        return bRow == count && bCol == 1 && k == width && p == count;
    }

    private boolean isTransposed(int bRow, int bCol, int k, int p) {
        return bRow == 1 && bCol == count && k == count && p == width;
    }

    /**
     * Panels {@code from .. to - 1} of B (as {@link #fitsPanels} takes it) from the rows: {@link
     * #packColumns} or {@link #packTransposed}. (With one example of one feature the two are the same
     * 1 x 1 matrix.)
     */
    void pack(double[] panels, int panelWidth, int bRow, int bCol, int k, int p, int from, int to) {
        if (isColumns(bRow, bCol, k, p)) {
            packColumns(panels, panelWidth, from, to);
        } else if (isTransposed(bRow, bCol, k, p)) {
            packTransposed(panels, panelWidth, from, to);
        } else {
            throw new IllegalStateException("B (" + k + " x " + p + ") is neither the batch's columns (" + width + " x " + count + ") nor their transpose");
        }
    }
}
