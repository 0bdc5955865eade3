package dev.netgrad.runtime;

import dev.netgrad.runtime.NetworkTrainer.Layout;

/**
 * What a trainer's standardize applies to inputs, per feature: (x - mean) / std, with the mean and
 * standard deviation of the training data that a params file holds or setStandardization gave;
 * none until one of them gives it.
 */
final class InputStandardization {
    private final Layout layout;
    private final ArgumentChecks checks;
    private double[] mean;
    private double[] std;

    InputStandardization(Layout layout, ArgumentChecks checks) {
        this.layout = layout;
        this.checks = checks;
    }

    boolean present() {
        return mean != null;
    }

    /** The mean per feature, or null without a standardization (as a params file writes it). */
    double[] mean() {
        return mean;
    }

    /** The standard deviation per feature, or null without a standardization. */
    double[] std() {
        return std;
    }

    /** Copies of {@code mean} and {@code std}, checked for the network's inputs. */
    void set(double[] mean, double[] std) {
        checks.standardization("the standardization", mean, std);
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** A params file's {mean, std} (already checked), or null: the file has none. */
    void read(double[][] meanAndStd) {
        mean = meanAndStd == null ? null : meanAndStd[0];
        std = meanAndStd == null ? null : meanAndStd[1];
    }

    /** x standardized, as a new array; refuses a NaN or infinite feature and a standardized value that overflows. */
    double[][] apply(double[][] x) {
        if (mean == null) {
            throw new IllegalStateException(layout.network() + " has no standardization: load a params file saved with one, or call setStandardization");
        }
        int count = checks.finiteInputs(x, "computes standardized values");
        double[][] out = new double[count][layout.inputSize()];
        for (int e = 0; e < count; e++) {
            for (int f = 0; f < layout.inputSize(); f++) {
                out[e][f] = (x[e][f] - mean[f]) / std[f];
                if (Double.isInfinite(out[e][f])) {
                    throw new IllegalArgumentException("x[" + e + "][" + f + "] is " + x[e][f] + ", whose standardized value (x - " + mean[f]
                            + ") / " + std[f] + " overflows to " + out[e][f]);
                }
            }
        }
        return out;
    }
}
