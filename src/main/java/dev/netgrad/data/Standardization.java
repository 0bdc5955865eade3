package dev.netgrad.data;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import java.util.Objects;

/**
 * Per-feature mean and standard deviation of a training split; {@link #apply} maps features to
 * {@code (x - mean) / std}. A constant feature (up to rounding) has its std kept at 1, so that it
 * becomes 0 (or its rounding noise), not NaN or noise blown up to +-1.
 */
public record Standardization(double[] mean, double[] std) {
    public Standardization {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means but " + std.length + " standard deviations");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * The mean and population standard deviation (as numpy's std) of each column, gathered in one
     * streaming pass with commons-math's numerically stable updates. Refuses columns whose
     * statistics overflow (the readers keep features small enough that they do not).
     */
    public static Standardization fit(double[][] x) throws DataException {
        if (x.length == 0) {
            throw new IllegalArgumentException("no examples to standardize from");
        }
        int n = x[0].length;
        SummaryStatistics[] columns = new SummaryStatistics[n];
        Arrays.setAll(columns, j -> new SummaryStatistics());
        for (double[] row : x) {
            for (int j = 0; j < n; j++) {
                columns[j].addValue(row[j]);
            }
        }
        double[] mean = new double[n];
        double[] std = new double[n];
        for (int j = 0; j < n; j++) {
            mean[j] = columns[j].getMean();
            double sd = Math.sqrt(columns[j].getPopulationVariance());
            if (!Double.isFinite(mean[j]) || !Double.isFinite(sd)) {
                throw DataException.unplaced("cannot standardize feature " + (j + 1) + ": its mean or variance overflows "
                        + "a double (mean " + mean[j] + ", standard deviation " + sd + "); train with smaller features or --raw");
            }
            std[j] = constant(columns[j].getPopulationVariance(), mean[j], x.length) ? 1.0 : sd;
        }
        return new Standardization(mean, std);
    }

    /**
     * Whether a column of {@code n} values is constant up to rounding, by scikit-learn's StandardScaler's rule: its
     * variance within what rounding the values at this mean could make (n eps var + (n mean eps)^2). A column of
     * 0.3 and 0.30000000000000004 has a standard deviation of about 1e-17: divided by it, its rounding noise became
     * a feature of +-1, where the column is one value.
     */
    static boolean constant(double variance, double mean, int n) {
        double eps = Math.ulp(1.0);
        double rounding = n * mean * eps;
        return variance <= n * eps * variance + rounding * rounding;
    }

    public int featureCount() {
        return mean.length;
    }

    /** Standardized copies of the rows; the input is left alone. */
    public double[][] apply(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != mean.length) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, expected " + mean.length);
            }
            out[i] = new double[mean.length];
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = apply(x[i][j], j);
            }
        }
        return out;
    }

    /** Feature {@code j}'s value standardized: {@code (value - mean) / std}, the one formula of every copy and of in place. */
    public double apply(double value, int j) {
        return (value - mean[j]) / std[j];
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardization s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Standardization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
