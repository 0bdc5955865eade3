package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.GradientSums;
import dev.netgrad.runtime.Trainer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The training loop on the driver. A step: broadcast the params; each partition gives its
 * {@link GradientSums} ({@link PartitionSums}); {@code treeAggregate} adds them; the driver's
 * trainer makes the gradients with the global m ({@link Trainer#gradientsFromSums}: 1/m once,
 * the regularizer once) and steps. What travels per step: the params out, one sum of the
 * params' size back per partition.
 */
final class DataParallelSteps {
    private final JavaRDD<Example> examples;
    private final Trainer driver;
    private final PartitionSums.Plan plan;

    DataParallelSteps(JavaRDD<Example> examples, Trainer driver, PartitionSums.Plan plan) {
        this.examples = examples;
        this.driver = driver;
        this.plan = plan;
    }

    /**
     * Runs {@code steps} steps; returns each step's cost J at the params it started from. A step
     * whose sample drew no row leaves the params as they are and has cost NaN.
     */
    double[] run(int steps) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(examples.context());
        double[] costs = new double[steps];
        for (int step = 0; step < steps; step++) {
            Broadcast<double[][][]> params = context.broadcast(Params.of(driver));
            try {
                GradientSums sums = examples.mapPartitionsWithIndex(new PartitionSums(plan, params, step), true)
                        .treeAggregate(driver.newSums(), GradientSums::add, GradientSums::add);
                if (sums.count() == 0) {
                    costs[step] = Double.NaN;
                    continue;
                }
                costs[step] = driver.gradientsFromSums(sums);
                driver.step();
            } finally {
                params.destroy();
            }
        }
        return costs;
    }
}
