package dev.netgrad.data;

import java.util.Objects;

/**
 * A batchnorm's running averages, one entry per row: of its batches' means and of their variances
 * (dividing by m, as the forward pass does). Prediction normalizes with them.
 */
public record RunningStatistics(double[] mean, double[] variance) {
    public RunningStatistics {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(variance, "variance");
        if (mean.length != variance.length) {
            throw new IllegalArgumentException(mean.length + " means but " + variance.length + " variances");
        }
        mean = mean.clone();
        variance = variance.clone();
    }
}
