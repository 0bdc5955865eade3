package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.GradientSums;
import dev.netgrad.runtime.Trainer;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The training loop on the driver. A step: broadcast the params; one Spark job in which each
 * partition gives its {@link GradientSums} ({@link PartitionSums}), added up in a fixed order
 * ({@link SumTree}); the driver's trainer makes the gradients with the global m
 * ({@link Trainer#gradientsFromSums}: 1/m once, or none for a sum(L), the regularizer once) and steps. What travels per step: the params out, one sum of the
 * params' size back from each partition (to the driver, or beyond 16 partitions to its group's task).
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
     * A step made the cost, a gradient or a param non-finite ({@code diverged}), or its Spark job
     * failed: the params it started from and the costs of the steps before it.
     */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final boolean diverged;
        final transient double[][][] paramsBefore;
        final double[] costsBefore;

        Stopped(boolean diverged, String message, double[][][] paramsBefore, double[] costsBefore, Throwable cause) {
            super(message, cause);
            this.diverged = diverged;
            this.paramsBefore = paramsBefore;
            this.costsBefore = costsBefore;
        }
    }

    /**
     * Runs {@code steps} steps; returns each step's cost J at the params it started from. A step
     * whose sample drew no row leaves the params as they are and has cost NaN. A step that makes
     * the cost, a gradient or a param non-finite, or whose Spark job fails, throws {@link Stopped}.
     */
    double[] run(int steps) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(examples.context());
        // Grown as steps are done, not made `steps` long up front: setSteps(Integer.MAX_VALUE) (train
        // until it diverges) would ask for 16 GB before the first step.
        double[] costs = new double[Math.min(steps, 1024)];
        for (int step = 0; step < steps; step++) {
            if (step == costs.length) {
                costs = Arrays.copyOf(costs, (int) Math.min(steps, 2L * costs.length));
            }
            double[][][] before = Params.of(driver);
            Broadcast<double[][][]> params = context.broadcast(before);
            try {
                GradientSums sums = sums(params, step, before, costs);
                if (sums.count() == 0) {
                    costs[step] = Double.NaN;
                    continue;
                }
                double cost = driver.gradientsFromSums(sums);
                if (!Double.isFinite(cost)) {
                    // As a trainer in one JVM stops (its trainStep): the step does not move the params.
                    throw new Stopped(true, driver.networkName() + ": training stopped at step " + (step + 1) + ": the cost is "
                            + cost + ". The learning rate may be too large, or the data may hold huge values.",
                            before, Arrays.copyOf(costs, step), null);
                }
                costs[step] = cost;
                try {
                    driver.step();
                } catch (IllegalStateException e) {
                    // The optimizer's own check: a gradient or a param it would write is not finite.
                    throw new Stopped(true, e.getMessage(), before, Arrays.copyOf(costs, step), e);
                }
            } finally {
                params.destroy();
            }
        }
        return costs;
    }

    /**
     * The step's sums over every partition. A job that fails (a task failed as often as Spark allows,
     * the job cancelled) stops the fit keeping the steps done: a failure at step 900 loses none of 899.
     */
    private GradientSums sums(Broadcast<double[][][]> params, int step, double[][][] before, double[] costs) {
        try {
            // In a fixed order, whatever order the tasks end in: the same bits every run.
            return SumTree.sum(examples, new PartitionSums(plan, params, step), driver.newSums());
        } catch (Exception e) {
            String stopped = driver.networkName() + ": training stopped at step " + (step + 1);
            if (e instanceof InterruptedException) {
                // Spark's wait for the job lets the interrupt out as itself, which clears the thread's flag: fit sets it
                // again once it has cleaned up (a flag set before would cut short its own waits on Spark).
                throw new Stopped(false, stopped + ": the thread was interrupted while its Spark job ran.", before, Arrays.copyOf(costs, step), e);
            }
            // Scala throws SparkException, a checked one, undeclared; its message carries the task's stack trace after the first line.
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getName());
            throw new Stopped(false, stopped + ": its Spark job failed: " + why, before, Arrays.copyOf(costs, step), e);
        }
    }
}
