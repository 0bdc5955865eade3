package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.GradientSums;
import java.io.Serializable;
import org.apache.spark.TaskContext;
import scala.runtime.AbstractFunction2;

/**
 * {@link PartitionSums} as the function of a Spark job: one {@link GradientSums} per partition,
 * handed to {@code SparkContext.runJob} directly. A class of its own rather than a lambda: Spark
 * cleans every closure of a job before running it, and for a lambda written in Spark's own RDD
 * methods (those of {@code treeAggregate} and {@code mapPartitionsWithIndex}) that means parsing
 * the class file of the class that declared it, on every step; a named function is left as it is.
 */
final class PartitionJob extends AbstractFunction2<TaskContext, scala.collection.Iterator<Example>, GradientSums>
        implements Serializable {
    private static final long serialVersionUID = 1L;

    private final PartitionSums sums;

    PartitionJob(PartitionSums sums) {
        this.sums = sums;
    }

    @Override
    public GradientSums apply(TaskContext task, scala.collection.Iterator<Example> rows) {
        java.util.Iterator<Example> javaRows = new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Example next() {
                return rows.next();
            }
        };
        return sums.call(task.partitionId(), javaRows).next();
    }
}
