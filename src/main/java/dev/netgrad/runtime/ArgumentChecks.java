package dev.netgrad.runtime;

import dev.netgrad.runtime.NetworkTrainer.Layout;
import java.util.OptionalDouble;

/**
 * The checks of what a trainer is given, before anything of it is used: the examples' shapes
 * against the network's input and target, a softmax cross-entropy's targets summing to 1,
 * matrices that must be rectangular, of a shape and finite, a standardization's means and
 * standard deviations. Each refusal is an IllegalArgumentException that says what was expected
 * and what was found.
 */
final class ArgumentChecks {
    private final Layout layout;

    ArgumentChecks(Layout layout) {
        this.layout = layout;
    }

    /** The number of examples, once each row of x is seen to hold one value per feature of the input. */
    int inputs(double[][] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("x must hold at least one example (one per row)");
        }
        for (int e = 0; e < x.length; e++) {
            if (x[e] == null || x[e].length != layout.inputSize()) {
                throw new IllegalArgumentException("x[" + e + "] has " + (x[e] == null ? "no" : String.valueOf(x[e].length)) + " values, but "
                        + layout.network() + "'s input " + layout.inputName() + " has " + layout.inputSize() + " (one per feature)");
            }
        }
        return x.length;
    }

    /** The number of examples, once x is seen to fit the network's input with finite features alone (what prediction reads). */
    int finiteInputs(double[][] x) {
        return finiteInputs(x, "predicts");
    }

    /**
     * The number of examples, once x is seen to fit the network's input with finite features alone;
     * {@code doing} ("predicts") says what the network would do with them. A NaN or infinite feature
     * makes a cost or an output that looks like any other, or one NaN among many.
     */
    int finiteInputs(double[][] x, String doing) {
        int count = inputs(x);
        for (int e = 0; e < count; e++) {
            for (int f = 0; f < layout.inputSize(); f++) {
                if (!Double.isFinite(x[e][f])) {
                    throw new IllegalArgumentException("x[" + e + "][" + f + "] is " + x[e][f] + ": " + layout.network() + " " + doing + " from finite features only");
                }
            }
        }
        return count;
    }

    /**
     * The number of examples, once x and y are seen to fit the network, with finite features (as
     * prediction takes them) and finite targets (a NaN target makes a NaN cost, an infinite one a
     * NaN or infinite one); for gradients, a softmax cross-entropy's target rows must also sum to
     * 1 (its cost alone is defined for any target).
     */
    int data(double[][] x, double[][] y, boolean forGradients) {
        String doing = forGradients ? "computes its gradients" : "computes its cost";
        return targets(finiteInputs(x, doing), y, forGradients, doing);
    }

    /**
     * {@link #data} but for the features' and the targets' values: a training step's (see
     * NetworkTrainer.trainStep), which names a non-finite feature or target only once the step has
     * found its cost or a gradient not finite.
     */
    int shapes(double[][] x, double[][] y, boolean forGradients) {
        return targets(inputs(x), y, forGradients, null);
    }

    /**
     * {@code count}, once y is seen to hold that many targets of the network's size (see {@link
     * #data}), each entry finite unless {@code doing} (what the network does with them) is null.
     */
    private int targets(int count, double[][] y, boolean forGradients, String doing) {
        if (layout.targetSize() == 0) {
            return count;
        }
        if (y == null || y.length != count) {
            throw new IllegalArgumentException("x has " + count + " examples (rows) but y has " + (y == null ? "none" : String.valueOf(y.length)));
        }
        for (int e = 0; e < count; e++) {
            if (y[e] == null || y[e].length != layout.targetSize()) {
                throw new IllegalArgumentException("y[" + e + "] has " + (y[e] == null ? "no" : String.valueOf(y[e].length)) + " values, but "
                        + layout.network() + "'s target " + layout.targetName() + " has " + layout.targetSize());
            }
            if (doing != null) {
                requireFinite(y, e, doing);
            }
            if (forGradients && layout.unitSumTarget()) {
                requireUnitSum(y, e);
            }
        }
        return count;
    }

    /**
     * A softmax's cross-entropy is derived as dZ = A - Y, its derivative when the example's target
     * sums to 1 (one-hot, or probabilities); a sum s makes it s A - Y, so the gradients would not be
     * those of the cost. Probabilities written in decimal add up to 1 only to rounding, hence the slack.
     */
    private void requireUnitSum(double[][] y, int e) {
        OptionalDouble sum = NetworkTrainer.sumUnlessOne(y[e]);
        if (sum.isEmpty()) {
            return;
        }
        if (!Double.isFinite(sum.getAsDouble())) {
            requireFinite(y, e, "computes its gradients");
            throw new IllegalArgumentException("y[" + e + "] sums to " + sum.getAsDouble() + ": a softmax's cross-entropy needs targets that sum to 1");
        }
        throw new IllegalArgumentException("y[" + e + "] sums to " + sum.getAsDouble() + ", but " + layout.network() + "'s loss is a softmax's"
                + " cross-entropy, whose derivative A - Y holds only for targets that sum to 1 (one-hot, or probabilities)");
    }

    /** Refuses example e's target unless its every entry is finite, naming the first that is not; {@code doing} as in {@link #finiteInputs}. */
    private void requireFinite(double[][] y, int e, String doing) {
        for (int k = 0; k < y[e].length; k++) {
            if (!Double.isFinite(y[e][k])) {
                throw new IllegalArgumentException("y[" + e + "][" + k + "] is " + y[e][k] + ": " + layout.network() + " " + doing + " from finite targets only");
            }
        }
    }

    /** A rectangular copy of {@code value}, refused with a message naming {@code what} when it is not. */
    static double[][] copyRows(String what, double[][] value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (value.length == 0 || value[0] == null || value[0].length == 0) {
            throw new IllegalArgumentException(what + " is empty");
        }
        double[][] out = new double[value.length][];
        for (int r = 0; r < value.length; r++) {
            if (value[r] == null || value[r].length != value[0].length) {
                throw new IllegalArgumentException(what + " is not rectangular: row " + r + " differs in length from row 0");
            }
            out[r] = value[r].clone();
        }
        return out;
    }

    /** A param's new value as a flat row-major copy, refused unless it is rows x cols with finite entries. */
    static double[] flatten(String what, double[][] value, int rows, int cols) {
        double[][] copy = copyRows(what, value);
        if (copy.length != rows || copy[0].length != cols) {
            throw new IllegalArgumentException(what + " must be " + rows + " x " + cols + ", found " + copy.length + " x " + copy[0].length);
        }
        double[] flat = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (!Double.isFinite(copy[r][c])) {
                    throw new IllegalArgumentException(what + " has a non-finite entry at [" + r + "][" + c + "]: " + copy[r][c]);
                }
                flat[r * cols + c] = copy[r][c];
            }
        }
        return flat;
    }

    /** Refuses an entry at (row, col) of a rows x cols matrix unless both are in range and the value is finite. */
    static void entry(String what, int row, int col, double value, int rows, int cols) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IllegalArgumentException(what + " is " + rows + " x " + cols + ": it has no entry at [" + row + "][" + col + "]");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " takes finite entries alone, not " + value + " at [" + row + "][" + col + "]");
        }
    }

    /** Refuses a standardization unless it has a finite mean and a positive, finite standard deviation per input feature. */
    void standardization(String what, double[] mean, double[] std) {
        if (mean == null || std == null || mean.length != layout.inputSize() || std.length != layout.inputSize()) {
            throw new IllegalArgumentException(what + " must have " + layout.inputSize() + " means and " + layout.inputSize()
                    + " standard deviations (one per feature of " + layout.inputName() + ")");
        }
        for (int f = 0; f < mean.length; f++) {
            if (!Double.isFinite(mean[f]) || !(std[f] > 0) || Double.isInfinite(std[f])) {
                throw new IllegalArgumentException(what + " of feature " + f + " is not a finite mean and a positive standard deviation: "
                        + mean[f] + ", " + std[f]);
            }
        }
    }
}
