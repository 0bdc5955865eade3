package dev.netgrad.runtime;

import dev.netgrad.runtime.NetworkTrainer.Layout;
import java.util.Objects;

/**
 * A batch's gradients computed in parts (the Spark estimator's partitions): the sums each part's
 * passes add into {@link GradientSums}, and the whole batch's gradients made from the sums. The
 * trainer runs the passes, with the cost's 1/m set to 1 for a part and to 0 for the penalty
 * alone, and keeps what its buffers hold; this class checks the sums and does their arithmetic.
 */
final class GradientsInParts {
    private final Layout layout;
    /** The penalty's gradients of the part being added, per param (null until a network with a batch penalty sums a part). */
    private double[][] penalty;

    GradientsInParts(Layout layout) {
        this.layout = layout;
    }

    /** Zero sums sized for the network's params, in their order. */
    GradientSums newSums() {
        int[] sizes = new int[layout.paramNames().length];
        for (int p = 0; p < sizes.length; p++) {
            sizes[p] = layout.paramRows()[p] * layout.paramCols()[p];
        }
        return new GradientSums(sizes);
    }

    /** Refuses a network whose examples are coupled, whose parts' sums would not add up, and sums of another network. */
    void checkPart(GradientSums sums) {
        if (layout.batchCoupling() != null) {
            throw new IllegalStateException(layout.network() + " cannot sum gradients over parts of a batch: " + layout.batchCoupling());
        }
        checkShapes(sums);
    }

    /** Refuses sums of another network and sums of no example, which have no mean. */
    void checkWhole(GradientSums sums) {
        checkShapes(sums);
        if (sums.count() <= 0) {
            throw new IllegalArgumentException("the sums hold no examples");
        }
    }

    private void checkShapes(GradientSums sums) {
        Objects.requireNonNull(sums, "sums is null");
        if (sums.params() != layout.paramNames().length) {
            throw new IllegalArgumentException("sums of " + sums.params() + " params given to " + layout.network() + ", which has "
                    + layout.paramNames().length);
        }
        for (int p = 0; p < layout.paramNames().length; p++) {
            if (sums.gradient(p).length != layout.paramRows()[p] * layout.paramCols()[p]) {
                throw new IllegalArgumentException("the sums of " + layout.paramNames()[p] + " have " + sums.gradient(p).length + " entries, not "
                        + layout.paramRows()[p] * layout.paramCols()[p]);
            }
        }
    }

    /**
     * Keeps the gradients in the trainer's buffers, the penalty's terms without m alone, for
     * {@link #addPart} to take out of the part's gradients.
     */
    void keepPenalty(NetworkTrainer trainer) {
        if (penalty == null) {
            penalty = new double[layout.paramNames().length][];
        }
        for (int p = 0; p < penalty.length; p++) {
            double[] from = trainer.gradientBuffer(p);
            if (penalty[p] == null || penalty[p].length != from.length) {
                penalty[p] = new double[from.length];
            }
            System.arraycopy(from, 0, penalty[p], 0, from.length);
        }
    }

    /**
     * Adds the trainer's batch to {@code sums}: its losses and the gradients its passes left, summed
     * with a 1/m of 1 and m infinite, less the penalty's terms without m where the network has such
     * terms ({@link #keepPenalty} kept them just before).
     */
    void addPart(NetworkTrainer trainer, GradientSums sums) {
        double lossSum = lossSum(trainer);
        for (int p = 0; p < layout.paramNames().length; p++) {
            double[] from = trainer.gradientBuffer(p);
            double[] into = sums.gradient(p);
            if (layout.batchPenalty()) {
                double[] kept = penalty[p];
                for (int i = 0; i < into.length; i++) {
                    into[i] += from[i] - kept[i];
                }
            } else {
                for (int i = 0; i < into.length; i++) {
                    into[i] += from[i];
                }
            }
        }
        sums.addExamples(trainer.m, lossSum);
    }

    /**
     * Makes each gradient buffer, holding the penalty's gradient alone, {@code scale} (1/m of the
     * whole batch for a mean of the losses, 1 for their sum) times the summed gradients plus it.
     */
    void addScaled(NetworkTrainer trainer, GradientSums sums, double scale) {
        for (int p = 0; p < layout.paramNames().length; p++) {
            double[] g = trainer.gradientBuffer(p);
            double[] from = sums.gradient(p);
            for (int i = 0; i < from.length; i++) {
                g[i] = scale * from[i] + g[i];
            }
        }
    }

    /** sum(L) over the trainer's loss buffer, summed in the order the generated cost sums it. */
    double lossSum(NetworkTrainer trainer) {
        int l = NamedBuffers.indexOf(layout.valueNames(), layout.lossName());
        double[] losses = trainer.valueBuffer(l);
        int cells = side(layout.valueRows()[l], trainer.m) * side(layout.valueCols()[l], trainer.m);
        double sum = 0.0;
        for (int i = 0; i < cells; i++) {
            sum += losses[i];
        }
        return sum;
    }

    /** A side of a shape: a size, or -1 for the batch size m. */
    private static int side(int size, int m) {
        return size < 0 ? m : size;
    }
}
