package dev.netgrad.runtime;

import dev.netgrad.runtime.NetworkTrainer.Layout;
import java.util.Arrays;

/**
 * A trainer's params, values and derivatives found by the names its layout gives them (a name the
 * network does not have is refused, the message listing those it has), and copied out of their
 * flat row-major buffers as the arrays getParam, gradient, value, delta, losses and predict return.
 */
final class NamedBuffers {
    private final Layout layout;
    /** Where the output and the losses are in the layout's values. */
    private final int output;
    private final int losses;

    NamedBuffers(Layout layout) {
        this.layout = layout;
        this.output = indexOf(layout.valueNames(), layout.outputName());
        this.losses = indexOf(layout.valueNames(), layout.lossName());
    }

    /** The index of a param in the layout's params. */
    int paramIndex(String name) {
        return find(layout.paramNames(), name, "param", "params");
    }

    /** The index of a value in the layout's values (an input, a target or a statement's result). */
    int valueIndex(String name) {
        return find(layout.valueNames(), name, "value", "values");
    }

    /** The index of a derivative in the layout's deltas. */
    int deltaIndex(String name) {
        return find(layout.deltaNames(), name, "derivative", "derivatives");
    }

    private int find(String[] names, String name, String kind, String kinds) {
        int i = indexOf(names, name);
        if (i < 0) {
            throw new IllegalArgumentException(layout.network() + " has no " + kind + " named " + name + "; its " + kinds + " are " + String.join(", ", names));
        }
        return i;
    }

    /** The index of {@code name} in {@code names}, or -1. */
    static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A copy of param p, r x c. */
    double[][] param(NetworkTrainer trainer, int p) {
        return toRows(trainer.paramBuffer(p), layout.paramRows()[p], layout.paramCols()[p]);
    }

    /** A copy of dJ/dP for param p, r x c. */
    double[][] gradient(NetworkTrainer trainer, int p) {
        return toRows(trainer.gradientBuffer(p), layout.paramRows()[p], layout.paramCols()[p]);
    }

    /** A copy of value v of the batch in the buffers, in the equations' layout. */
    double[][] value(NetworkTrainer trainer, int v) {
        return toRows(trainer.valueBuffer(v), side(layout.valueRows()[v], trainer.m), side(layout.valueCols()[v], trainer.m));
    }

    /** A copy of derivative d of the batch in the buffers, in the equations' layout. */
    double[][] delta(NetworkTrainer trainer, int d) {
        return toRows(trainer.deltaBuffer(d), side(layout.deltaRows()[d], trainer.m), side(layout.deltaCols()[d], trainer.m));
    }

    /** The per-example losses (1 x m) of the batch in the buffers. */
    double[] losses(NetworkTrainer trainer) {
        return Arrays.copyOf(trainer.valueBuffer(losses), trainer.m);
    }

    /** The output of the batch in the buffers, one row per example. */
    double[][] outputRows(NetworkTrainer trainer) {
        int count = trainer.m;
        double[] out = trainer.valueBuffer(output);
        int rows = side(layout.valueRows()[output], count);
        double[][] result = new double[count][rows];
        for (int r = 0; r < rows; r++) {
            for (int e = 0; e < count; e++) {
                result[e][r] = out[r * count + e];
            }
        }
        return result;
    }

    /** A side of a shape: a size, or -1 for the batch size m. */
    private static int side(int size, int m) {
        return size < 0 ? m : size;
    }

    private static double[][] toRows(double[] flat, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }
}
