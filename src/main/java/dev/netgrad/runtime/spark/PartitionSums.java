package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.GradientSums;
import dev.netgrad.runtime.Trainer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * One partition's part of one step: the step's params on a trainer of this task, then the
 * partition's rows (or the step's Bernoulli sample of them) through
 * {@link Trainer#accumulateSums} in chunks of at most {@code chunkRows} rows, so that memory is
 * bounded whatever the partition's size. Gives one {@link GradientSums}: the count, the loss sum
 * and the gradient sums; no mean is taken here, the driver applies the 1/m once.
 */
final class PartitionSums implements Function2<Integer, Iterator<Example>, Iterator<GradientSums>> {
    private static final long serialVersionUID = 1L;

    /** The settings that stay the same over the steps of a fit. */
    record Plan(TrainerFactory factory, long seed, double fraction, int chunkRows, LabelKind labels) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final Plan plan;
    private final Broadcast<double[][][]> params;
    private final int step;

    PartitionSums(Plan plan, Broadcast<double[][][]> params, int step) {
        this.plan = plan;
        this.params = params;
        this.step = step;
    }

    @Override
    public Iterator<GradientSums> call(Integer partition, Iterator<Example> rows) {
        Trainer trainer = plan.factory().create(plan.seed());
        Params.set(trainer, params.value());
        int targetSize = trainer.targetSize();
        GradientSums sums = trainer.newSums();
        SplittableRandom sample = plan.fraction() < 1 ? new SplittableRandom(Seeds.derive(plan.seed(), Seeds.SAMPLE, step, partition)) : null;
        double[][] x = new double[plan.chunkRows()][];
        double[][] y = new double[plan.chunkRows()][];
        int filled = 0;
        int chunk = 0;
        while (rows.hasNext()) {
            Example example = rows.next();
            if (sample != null && !(sample.nextDouble() < plan.fraction())) {
                continue;
            }
            x[filled] = example.features();
            y[filled] = plan.labels().target(example.label(), targetSize);
            filled++;
            if (filled == x.length) {
                accumulate(trainer, x, y, filled, sums, partition, chunk++);
                filled = 0;
            }
        }
        if (filled > 0) {
            accumulate(trainer, x, y, filled, sums, partition, chunk);
        }
        return List.of(sums).iterator();
    }

    /** Adds a chunk's sums; its dropout masks depend only on (seed, step, partition, chunk). */
    private void accumulate(Trainer trainer, double[][] x, double[][] y, int rows, GradientSums sums, int partition, int chunk) {
        trainer.reseedMasks(Seeds.derive(plan.seed(), Seeds.MASKS, step, partition, chunk));
        if (rows == x.length) {
            trainer.accumulateSums(x, y, sums);
        } else {
            trainer.accumulateSums(Arrays.copyOf(x, rows), Arrays.copyOf(y, rows), sums);
        }
    }
}
