package dev.netgrad.runtime;

import dev.netgrad.runtime.NetworkTrainer.Batchnorms;
import dev.netgrad.runtime.NetworkTrainer.Layout;
import java.util.Arrays;

/**
 * The statistics of a trainer's batchnorms: each training batch's means and variances, kept until
 * the step that applies its gradients, and their exponentially weighted running averages, which
 * prediction normalizes with and params files hold.
 */
final class BatchnormAverages {
    private final String network;
    private final Batchnorms batchnorms;
    /** Per batchnorm: the running averages that prediction normalizes with (mean 0 and variance 1 before any training step). */
    private final double[][] runningMean;
    private final double[][] runningVariance;
    /** Per batchnorm: the statistics of the batch whose gradients the next step applies. */
    private final double[][] batchMean;
    private final double[][] batchVariance;
    private boolean batchStatisticsCurrent;
    /** The number of examples of the captured batch. */
    private int batchExamples;
    private double momentum = NetworkTrainer.BATCHNORM_MOMENTUM;

    BatchnormAverages(Layout layout, Batchnorms batchnorms) {
        this.network = layout.network();
        this.batchnorms = batchnorms;
        int count = batchnorms.names().length;
        runningMean = new double[count][];
        runningVariance = new double[count][];
        batchMean = new double[count][];
        batchVariance = new double[count][];
        for (int b = 0; b < count; b++) {
            int rows = layout.valueRows()[NamedBuffers.indexOf(layout.valueNames(), batchnorms.meanNames()[b])];
            runningMean[b] = new double[rows];
            runningVariance[b] = new double[rows];
            Arrays.fill(runningVariance[b], 1.0);
            batchMean[b] = new double[rows];
            batchVariance[b] = new double[rows];
        }
    }

    /** The batchnorms' names (the values they assign), in the network's order. */
    String[] names() {
        return batchnorms.names();
    }

    double[] runningMean(int b) {
        return runningMean[b];
    }

    double[] runningVariance(int b) {
        return runningVariance[b];
    }

    double momentum() {
        return momentum;
    }

    /** Refuses a momentum outside [0, 1). */
    void setMomentum(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("the batchnorm momentum must be at least 0 and less than 1, found " + momentum);
        }
        this.momentum = momentum;
    }

    /** Replaces batchnorm b's running mean and variance by copies of checked ones. */
    void setRunning(int b, double[] mean, double[] variance) {
        System.arraycopy(mean, 0, runningMean[b], 0, runningMean[b].length);
        System.arraycopy(variance, 0, runningVariance[b], 0, runningVariance[b].length);
    }

    /** Prediction's batchnorm mean: the running average, in place of the batch's. */
    void useRunningMean(int batchnorm, double[] mean) {
        System.arraycopy(runningMean[batchnorm], 0, mean, 0, runningMean[batchnorm].length);
    }

    /** Prediction's batchnorm {@code sqrt(variance + eps)}: from the running variance, in place of the batch's. */
    void useRunningStd(int batchnorm, double[] std) {
        double[] variance = runningVariance[batchnorm];
        double eps = batchnorms.eps()[batchnorm];
        for (int i = 0; i < variance.length; i++) {
            std[i] = Math.sqrt(variance[i] + eps);
        }
    }

    /** Keeps the batch's means and variances (from the forward pass's buffers) for the next step. */
    void captureBatch(NetworkTrainer trainer, String[] valueNames) {
        for (int b = 0; b < batchnorms.names().length; b++) {
            double[] mean = trainer.valueBuffer(NamedBuffers.indexOf(valueNames, batchnorms.meanNames()[b]));
            double[] std = trainer.valueBuffer(NamedBuffers.indexOf(valueNames, batchnorms.stdNames()[b]));
            double eps = batchnorms.eps()[b];
            for (int i = 0; i < batchMean[b].length; i++) {
                batchMean[b][i] = mean[i];
                // The forward pass sums the m squares before dividing by m, so a finite std comes from a
                // variance of at most MAX_VALUE / m (m >= 2: one example's is 0), whose square does not
                // overflow; a sum that overflowed made the std, and so this variance, infinite.
                batchVariance[b][i] = Math.max(0.0, std[i] * std[i] - eps);
            }
        }
        batchStatisticsCurrent = true;
        batchExamples = trainer.m;
    }

    /** Whether the batch the next step would come from is one example: its variance is 0 (see NetworkTrainer.step). */
    boolean capturedOneExample() {
        return batchStatisticsCurrent && batchnorms.names().length > 0 && batchExamples == 1;
    }

    /**
     * What of the captured batch's statistics is not finite ("the batch variance of Zn1 is
     * Infinity at row 0"), or null. Features finite but huge overflow a variance while the
     * normalized values, and so the cost and gradients, stay finite.
     */
    String nonFiniteBatch() {
        for (int b = 0; batchStatisticsCurrent && b < batchnorms.names().length; b++) {
            for (int i = 0; i < batchMean[b].length; i++) {
                if (!Double.isFinite(batchMean[b][i]) || !Double.isFinite(batchVariance[b][i])) {
                    boolean mean = !Double.isFinite(batchMean[b][i]);
                    return "the batch " + (mean ? "mean" : "variance") + " of " + batchnorms.names()[b] + " is "
                            + (mean ? batchMean[b][i] : batchVariance[b][i]) + " at row " + i;
                }
            }
        }
        return null;
    }

    /** The gradients a step will apply belong to no captured batch (they were summed over parts of one). */
    void forgetBatch() {
        batchStatisticsCurrent = false;
    }

    /** After an optimizer step: the running averages take in the statistics of the batch the step came from. */
    void afterStep() {
        if (batchStatisticsCurrent) {
            updateRunningStatistics();
        }
    }

    /**
     * A convex combination of a finite running statistic and the batch's, which is at most MAX_VALUE / 2 (a
     * sum divided by m >= 2): it cannot round past MAX_VALUE. Not running + (1 - keep) * (batch's - running),
     * whose difference overflows for a running mean near -MAX_VALUE (set or loaded) and a batch's near MAX_VALUE / 2.
     */
    private void updateRunningStatistics() {
        double keep = momentum;
        for (int b = 0; b < batchnorms.names().length; b++) {
            for (int i = 0; i < runningMean[b].length; i++) {
                runningMean[b][i] = keep * runningMean[b][i] + (1 - keep) * batchMean[b][i];
                runningVariance[b][i] = keep * runningVariance[b][i] + (1 - keep) * batchVariance[b][i];
            }
        }
    }

    int index(String name) {
        int b = NamedBuffers.indexOf(batchnorms.names(), name);
        if (b < 0) {
            throw new IllegalArgumentException(network + " has no batchnorm named " + name
                    + (batchnorms.names().length == 0 ? "; it has no batchnorm" : "; its batchnorms are " + String.join(", ", batchnorms.names())));
        }
        return b;
    }

    void check(String what, int b, double[] mean, double[] variance) {
        int rows = runningMean[b].length;
        if (mean == null || variance == null || mean.length != rows || variance.length != rows) {
            throw new IllegalArgumentException(what + " must have " + rows + " means and " + rows + " variances (one per row)");
        }
        for (int i = 0; i < rows; i++) {
            if (!Double.isFinite(mean[i]) || !(variance[i] >= 0) || Double.isInfinite(variance[i])) {
                throw new IllegalArgumentException(what + " at row " + i + " are not a finite mean and a variance of at least 0: "
                        + mean[i] + ", " + variance[i]);
            }
        }
    }
}
