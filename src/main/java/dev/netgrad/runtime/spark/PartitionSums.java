package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.GradientSums;
import dev.netgrad.runtime.Trainer;
import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction2;

/**
 * One partition's part of one step: the step's params on a trainer of this task, then the
 * partition's rows (or the step's Bernoulli sample of them) through
 * {@link Trainer#accumulateSums} in chunks of at most {@code chunkRows} rows, so that memory is
 * bounded whatever the partition's size. Gives one {@link GradientSums}: the count, the loss sum
 * and the gradient sums; no mean is taken here, the driver applies the 1/m once.
 * <p>
 * The function of a Spark job ({@code SparkContext.runJob}), and a class of its own rather than a
 * lambda: Spark cleans every closure of a job before running it, and for a lambda written in
 * Spark's own RDD methods (those of {@code treeAggregate} and {@code mapPartitionsWithIndex}) that
 * means parsing the class file of the class that declared it, on every step; a named function is
 * left as it is.
 */
final class PartitionSums extends AbstractFunction2<TaskContext, Iterator<Example>, GradientSums> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The settings that stay the same over the steps of a fit. */
    record Plan(TrainerFactory factory, long seed, double fraction, int chunkRows, LabelKind labels) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final Plan plan;
    private final Broadcast<double[][][]> params;
    private final int step;
    /** The rows a chunk's arrays hold at first; they double as rows come, up to chunkRows. */
    private static final int FIRST_CHUNK_ROWS = 1024;

    PartitionSums(Plan plan, Broadcast<double[][][]> params, int step) {
        this.plan = plan;
        this.params = params;
        this.step = step;
    }

    @Override
    public GradientSums apply(TaskContext task, Iterator<Example> rows) {
        return sums(task.partitionId(), CollectionConverters.asJava(rows));
    }

    /** The sums of partition {@code partition}, whose rows are {@code rows}. */
    GradientSums sums(int partition, java.util.Iterator<Example> rows) {
        Trainer trainer = TaskTrainers.create(plan.factory(), plan.seed());
        Params.set(trainer, params.value());
        int targetSize = trainer.targetSize();
        GradientSums sums = trainer.newSums();
        SplittableRandom sample = plan.fraction() < 1 ? new SplittableRandom(Seeds.derive(plan.seed(), Seeds.SAMPLE, step, partition)) : null;
        // The chunk's arrays grow with the rows seen, up to chunkRows: a chunkRows far beyond the
        // partition (Integer.MAX_VALUE meaning "no chunks") must not allocate it up front.
        double[][] x = new double[Math.min(plan.chunkRows(), FIRST_CHUNK_ROWS)][];
        double[][] y = new double[x.length][];
        // A sparse row's dense features, one array a place in the chunk, made once and refilled chunk after chunk.
        double[][] dense = new double[x.length][];
        int filled = 0;
        int chunk = 0;
        while (rows.hasNext()) {
            Example example = rows.next();
            if (sample != null && !(sample.nextDouble() < plan.fraction())) {
                continue;
            }
            if (filled == x.length) {
                int grown = (int) Math.min(plan.chunkRows(), 2L * x.length);
                x = Arrays.copyOf(x, grown);
                y = Arrays.copyOf(y, grown);
                dense = Arrays.copyOf(dense, grown);
            }
            if (example.isSparse()) {
                if (dense[filled] == null) {
                    dense[filled] = new double[example.size()];
                }
                example.featuresInto(dense[filled]);
                x[filled] = dense[filled];
            } else {
                x[filled] = example.features();
            }
            y[filled] = plan.labels().target(example.label(), targetSize);
            filled++;
            if (filled == plan.chunkRows()) {
                accumulate(trainer, x, y, filled, sums, partition, chunk++);
                filled = 0;
            }
        }
        if (filled > 0) {
            accumulate(trainer, x, y, filled, sums, partition, chunk);
        }
        return sums;
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
