package dev.netgrad.runtime;

import java.io.Serializable;
import java.util.Objects;

/**
 * Sums over some examples of a batch: their count, the sum of their losses and, per param, the
 * sum of their gradients d(sum L)/dP (row-major r x c). Parts computed apart add up exactly as one
 * pass over all the rows would, up to the order of the additions; no mean is ever taken here.
 */
public final class GradientSums implements Serializable {
    private static final long serialVersionUID = 1L;

    private long count;
    private double lossSum;
    private final double[][] gradients;

    /** Zero sums for params of the given sizes (rows times columns each). */
    public GradientSums(int[] paramSizes) {
        Objects.requireNonNull(paramSizes, "paramSizes is null");
        gradients = new double[paramSizes.length][];
        for (int p = 0; p < paramSizes.length; p++) {
            if (paramSizes[p] < 0) {
                throw new IllegalArgumentException("paramSizes[" + p + "] is " + paramSizes[p] + ": a param's size is not negative");
            }
            gradients[p] = new double[paramSizes[p]];
        }
    }

    /** Examples summed so far. */
    public long count() {
        return count;
    }

    /** sum_i L(i) over those examples. */
    public double lossSum() {
        return lossSum;
    }

    /** The running sum d(sum L)/dP of param p (in the trainer's param order), row-major; live, not a copy. */
    public double[] gradient(int p) {
        return gradients[p];
    }

    /** The number of params. */
    public int params() {
        return gradients.length;
    }

    /** Adds the sums of {@code examples} more examples whose losses add up to {@code losses}. */
    public void addExamples(long examples, double losses) {
        if (examples < 0) {
            throw new IllegalArgumentException("examples is " + examples + ": a count of examples is not negative");
        }
        count += examples;
        lossSum += losses;
    }

    /** Adds another part's sums into these (a partition's, on Spark's driver); returns this. */
    public GradientSums add(GradientSums other) {
        Objects.requireNonNull(other, "other is null");
        if (other.gradients.length != gradients.length) {
            throw new IllegalArgumentException("sums of " + other.gradients.length + " params added to sums of " + gradients.length);
        }
        for (int p = 0; p < gradients.length; p++) {
            double[] into = gradients[p];
            double[] from = other.gradients[p];
            if (from.length != into.length) {
                throw new IllegalArgumentException("param " + p + " has " + from.length + " entries in one part and " + into.length + " in the other");
            }
            for (int k = 0; k < into.length; k++) {
                into[k] += from[k];
            }
        }
        count += other.count;
        lossSum += other.lossSum;
        return this;
    }
}
