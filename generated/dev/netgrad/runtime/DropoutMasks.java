package dev.netgrad.runtime;

import dev.netgrad.runtime.NetworkTrainer.Layout;
import java.util.Map;

/**
 * A trainer's dropout keep-masks: drawn fresh for every batch, or fixed by the caller (to compare
 * with another implementation's gradients, say) until cleared.
 */
final class DropoutMasks {
    private final Layout layout;
    /** Per dropout, the mask the caller fixed, or null while masks are drawn. */
    private double[][][] fixedMasks;

    DropoutMasks(Layout layout) {
        this.layout = layout;
    }

    /**
     * Fixes the masks after checking that each is rectangular, of 0s and 1s, and that every dropout
     * has one: the passes scale a kept entry by 1 / keep, so any other value (a keep probability, a
     * NaN) would give the values and gradients of no mask.
     */
    void fix(Map<String, double[][]> masks) {
        double[][][] fixed = new double[layout.maskNames().length][][];
        for (Map.Entry<String, double[][]> e : masks.entrySet()) {
            int k = NamedBuffers.indexOf(layout.maskNames(), e.getKey());
            if (k < 0) {
                throw new IllegalArgumentException(layout.network() + " has no dropout mask named " + e.getKey()
                        + (layout.maskNames().length == 0 ? "; it has no dropout" : "; its masks are " + String.join(", ", layout.maskNames())));
            }
            fixed[k] = ArgumentChecks.copyRows("the mask of " + e.getKey(), e.getValue());
            requireZeroOrOne(e.getKey(), fixed[k]);
            int rows = layout.maskRows()[k];
            if (rows >= 0 && fixed[k].length != rows) {
                // Refused here, not at the first batch it meets: an image's mask has a row per entry of its h x w x c.
                throw new IllegalArgumentException("the mask of " + e.getKey() + " has " + fixed[k].length + " rows, but "
                        + e.getKey() + " has " + rows + " entries an example: a keep-mask has a row per entry and a column per example");
            }
        }
        for (int k = 0; k < layout.maskNames().length; k++) {
            if (fixed[k] == null) {
                throw new IllegalArgumentException("setMasks needs a mask for every dropout of " + layout.network() + ": " + layout.maskNames()[k] + " is missing");
            }
        }
        fixedMasks = fixed;
    }

    private static void requireZeroOrOne(String name, double[][] mask) {
        for (int r = 0; r < mask.length; r++) {
            for (int c = 0; c < mask[r].length; c++) {
                if (mask[r][c] != 0 && mask[r][c] != 1) {
                    throw new IllegalArgumentException("the mask of " + name + " has " + mask[r][c] + " at [" + r + "][" + c
                            + "]: a keep-mask holds 0 (dropped) or 1 (kept)");
                }
            }
        }
    }

    void clear() {
        fixedMasks = null;
    }

    /** Fills the trainer's mask buffers for its batch of m examples: the fixed masks, or masks drawn from {@code draws}. */
    void prepare(NetworkTrainer trainer, RandomDraws draws) {
        for (int k = 0; k < layout.maskNames().length; k++) {
            double[] mask = trainer.maskBuffer(k);
            int rows = side(layout.maskRows()[k], trainer.m);
            int cols = side(layout.maskCols()[k], trainer.m);
            if (fixedMasks != null) {
                double[][] fixed = fixedMasks[k];
                if (fixed.length != rows || fixed[0].length != cols) {
                    throw new IllegalArgumentException("the fixed mask of " + layout.maskNames()[k] + " is " + fixed.length + " x "
                            + fixed[0].length + ", but this batch needs " + rows + " x " + cols);
                }
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(fixed[r], 0, mask, r * cols, cols);
                }
            } else {
                double keep = layout.maskKeep()[k];
                for (int i = 0; i < rows * cols; i++) {
                    mask[i] = draws.uniform() < keep ? 1.0 : 0.0;
                }
            }
        }
    }

    /** A side of a shape: a size, or -1 for the batch size m. */
    private static int side(int size, int m) {
        return size < 0 ? m : size;
    }
}
