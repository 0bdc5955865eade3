package dev.netgrad.runtime;

import dev.netgrad.runtime.NetworkTrainer.Layout;
import java.util.Objects;

/**
 * A batch's gradients computed in parts (the Spark estimator's partitions): the sums each part's
 * passes add into {@link GradientSums}, and the whole batch's gradients made from the sums. The
 * trainer runs the passes, with the cost's 1/m set to 1 for a part and to 0 for the regularizer
 * alone, and keeps what its buffers hold; this class checks the sums and does their arithmetic.
 */
final class GradientsInParts {
    private final Layout layout;

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

    /** Adds the trainer's batch to {@code sums}: its losses and the gradients its passes left, summed with a 1/m of 1. */
    void addPart(NetworkTrainer trainer, GradientSums sums) {
        double lossSum = lossSum(trainer);
        for (int p = 0; p < layout.paramNames().length; p++) {
            double[] from = trainer.gradientBuffer(p);
            double[] into = sums.gradient(p);
            for (int i = 0; i < into.length; i++) {
                into[i] += from[i];
            }
        }
        sums.addExamples(trainer.m, lossSum);
    }

    /** Makes each gradient buffer, holding the regularizer's gradient alone, the mean of the summed gradients plus it. */
    void addMeans(NetworkTrainer trainer, GradientSums sums) {
        double scale = 1.0 / sums.count();
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
        int l = NetworkTrainer.indexOf(layout.valueNames(), layout.lossName());
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
