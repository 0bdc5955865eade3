package dev.netgrad.runtime.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Training on Spark against training in one JVM: full batch gives the same params and costs
 * whatever the partitioning, a mean of per-partition means does not, and sampling, chunking,
 * optimizers, the regularizer and dropout keep their one-JVM meaning.
 */
class DataParallelTrainingTest {
    private static final HandNet.Shape BINARY = new HandNet.Shape(2, 5, 1, 0, 1, null);
    private static final HandNet.Shape REGULARIZED = new HandNet.Shape(2, 5, 1, 0.7, 1, null);
    private static final HandNet.Shape DROPOUT = new HandNet.Shape(2, 8, 1, 0, 0.8, null);
    private static final long SEED = 7;
    private static final int STEPS = 100;

    private static final SparkSession spark = LocalSpark.session();
    private static final List<Example> DATA = LocalSpark.circle(256, 3);

    @Test
    void fullBatchEqualsOneJvmWhateverThePartitioning() {
        OneJvm reference = OneJvm.train(BINARY, "gd", 0.5, STEPS);
        for (int[] sizes : new int[][] {{129, 127}, {1, 255}}) {
            NetgradModel model = estimator(BINARY).setLearningRate(0.5).fit(LocalSpark.partitioned(spark, DATA, sizes));
            assertClose(reference.costs, model.costs(), 1e-10, "costs on partitions " + java.util.Arrays.toString(sizes));
            assertParamsClose(reference.params, model.trainedParams(), 1e-10);
        }
    }

    /**
     * Seven rows however they are laid out: one partition, one row each, more partitions than rows,
     * empty partitions between and at the ends, all but one row on one side. Each fit matches one JVM
     * on the same seven rows (the regularizer's lambda / (2m) included, so a partition's m instead of
     * the global one would show), and fitting a layout again gives the same bits.
     */
    @Test
    void theOneOverMIsTheWholeDataSetsWhateverThePartitionsHold() {
        List<Example> rows = DATA.subList(0, 7);
        OneJvm reference = OneJvm.train(REGULARIZED, "gd", 0.5, 10, rows);
        int[][] layouts = {
            {7},                                // one partition
            {1, 1, 1, 1, 1, 1, 1},              // a row a partition
            {1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0},  // more partitions than rows
            {0, 2, 0, 0, 4, 0, 1, 0},           // empty partitions between and around
            {6, 1},                             // skewed
            {1, 0, 6},                          // skewed the other way, an empty one between
        };
        for (int[] sizes : layouts) {
            String layout = java.util.Arrays.toString(sizes);
            NetgradModel model = estimator(REGULARIZED).setLearningRate(0.5).setSteps(10).fit(LocalSpark.partitioned(spark, rows, sizes));
            assertClose(reference.costs, model.costs(), 1e-10, "costs on partitions " + layout);
            assertParamsClose(reference.params, model.trainedParams(), 1e-10);
        }
        // The same layout again: the same bits, whatever order its tasks end in.
        int[] scattered = layouts[3];
        NetgradModel first = estimator(REGULARIZED).setLearningRate(0.5).setSteps(10).fit(LocalSpark.partitioned(spark, rows, scattered));
        NetgradModel again = estimator(REGULARIZED).setLearningRate(0.5).setSteps(10).fit(LocalSpark.partitioned(spark, rows, scattered));
        assertArrayEquals(first.costs(), again.costs(), 0);
        assertParamsClose(first.trainedParams(), again.trainedParams(), 0);
    }

    @Test
    void emptyPartitionsAddNothing() {
        OneJvm reference = OneJvm.train(BINARY, "gd", 0.5, 20);
        NetgradModel model = estimator(BINARY).setLearningRate(0.5).setSteps(20).fit(LocalSpark.partitioned(spark, DATA, 0, 200, 0, 56));
        assertClose(reference.costs, model.costs(), 1e-10, "costs");
        assertParamsClose(reference.params, model.trainedParams(), 1e-10);
    }

    @Test
    void theRegularizerAndAdamAreAppliedOnceWithTheGlobalM() {
        for (String optimizer : new String[] {"momentum", "adam"}) {
            OneJvm reference = OneJvm.train(REGULARIZED, optimizer, 0.05, 30);
            NetgradModel model = estimator(REGULARIZED).setOptimizer(optimizer).setLearningRate(0.05).setSteps(30)
                    .fit(LocalSpark.partitioned(spark, DATA, 1, 255));
            assertClose(reference.costs, model.costs(), 1e-10, optimizer + " costs");
            assertParamsClose(reference.params, model.trainedParams(), 1e-10);
        }
    }

    @Test
    void aMeanOfPartitionMeansIsNotTheBatchMean() {
        int[] sizes = {1, 255};
        OneJvm reference = OneJvm.train(BINARY, "gd", 0.5, STEPS);
        Map<String, double[][]> blockMeans = blockMeanTraining(sizes);
        NetgradModel model = estimator(BINARY).setLearningRate(0.5).fit(LocalSpark.partitioned(spark, DATA, sizes));

        assertParamsClose(reference.params, model.trainedParams(), 1e-10);
        double gap = maxRelativeDifference(blockMeans.get("W1"), model.trainedParams().get("W1"));
        assertTrue(gap > 1e-2, "the block-mean run should be far from the batch mean, gap " + gap);
    }

    @Test
    void chunksAddUpToTheWholePartition() {
        Dataset<Row> data = LocalSpark.partitioned(spark, DATA, 129, 127);
        NetgradModel whole = estimator(BINARY).setSteps(20).fit(data);
        NetgradModel chunked = estimator(BINARY).setSteps(20).setChunkRows(7).fit(data);
        assertParamsClose(whole.trainedParams(), chunked.trainedParams(), 1e-12);
    }

    /** Trainers made by {@link #aFailedJobKeepsTheStepsDoneBeforeIt}'s factory (local Spark's tasks run in this JVM). */
    private static final java.util.concurrent.atomic.AtomicInteger MADE = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A step whose Spark job fails (here its tasks' trainers throw from the 4th step on; on a cluster, a task
     * failed as often as Spark allows, a cancelled job) stops the fit keeping the steps done, as a diverged
     * one does: the failure came out as Spark's exception, its task's stack trace in its message, and the
     * steps before it were lost.
     */
    @Test
    void aFailedJobKeepsTheStepsDoneBeforeIt() {
        MADE.set(0);
        // The driver's trainer, then one a partition and step: the 8th is made by step 4.
        NetgradEstimator failing = new NetgradEstimator().setSeed(SEED).setSteps(STEPS).setTrainer(seed -> {
            if (MADE.incrementAndGet() > 1 + 2 * 3) {
                throw new IllegalStateException("a task's trainer failed");
            }
            return new HandNet(seed, BINARY);
        });
        TrainingStopped e = assertThrows(TrainingStopped.class, () -> failing.setLearningRate(0.5).fit(LocalSpark.partitioned(spark, DATA, 129, 127)));
        assertFalse(e instanceof TrainingDiverged);
        MADE.set(Integer.MIN_VALUE); // the model's trainer() is made by the same factory
        String message = e.getMessage();
        assertTrue(message.startsWith(new HandNet(SEED, BINARY).networkName() + ": training stopped at step 4: its Spark job failed: Job aborted"),
                message);
        assertTrue(message.contains("java.lang.IllegalStateException: a task's trainer failed"), message);
        assertTrue(message.endsWith(" The exception's model() holds the params from before that step and the costs of the 3 steps done."), message);
        assertFalse(message.contains("\n"), message);
        NetgradModel threeSteps = estimator(BINARY).setLearningRate(0.5).setSteps(3).fit(LocalSpark.partitioned(spark, DATA, 129, 127));
        assertArrayEquals(threeSteps.costs(), e.model().costs(), 0);
        assertParamsClose(threeSteps.trainedParams(), e.model().trainedParams(), 0);
    }

    /** The fitting thread, and what holds step 4's task until the fit has answered, for {@link #anInterruptedFitStopsAndKeepsTheThreadsFlag}. */
    private static volatile Thread fitting;
    private static final java.util.concurrent.CountDownLatch ANSWERED = new java.util.concurrent.CountDownLatch(1);

    /**
     * The thread running fit is interrupted during a step (here by step 4's task, which then waits until the fit has
     * answered, so the job cannot end first): the fit stops keeping the steps done, and the thread's interrupt flag
     * is set again for the caller to see (Spark's wait lets the interrupt out as itself, clearing the flag, and the
     * message read "its Spark job failed: null").
     */
    @Test
    void anInterruptedFitStopsAndKeepsTheThreadsFlag() throws InterruptedException {
        MADE.set(0);
        fitting = Thread.currentThread();
        NetgradEstimator interrupted = new NetgradEstimator().setSeed(SEED).setSteps(STEPS).setTrainer(seed -> {
            if (MADE.incrementAndGet() == 1 + 2 * 3 + 1) {
                fitting.interrupt();
                try {
                    ANSWERED.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new HandNet(seed, BINARY);
        });
        TrainingStopped e;
        boolean flagSet;
        try {
            e = assertThrows(TrainingStopped.class, () -> interrupted.setLearningRate(0.5).fit(LocalSpark.partitioned(spark, DATA, 129, 127)));
            flagSet = Thread.interrupted(); // reads and clears it, for the tests after this one
        } finally {
            ANSWERED.countDown();
        }
        assertTrue(flagSet, "the interrupt flag after the fit stopped");
        assertFalse(e instanceof TrainingDiverged);
        assertEquals(new HandNet(SEED, BINARY).networkName() + ": training stopped at step 4: the thread was interrupted while its Spark job ran."
                + " The exception's model() holds the params from before that step and the costs of the 3 steps done.", e.getMessage());
        MADE.set(Integer.MIN_VALUE);
        NetgradModel threeSteps = estimator(BINARY).setLearningRate(0.5).setSteps(3).fit(LocalSpark.partitioned(spark, DATA, 129, 127));
        assertArrayEquals(threeSteps.costs(), e.model().costs(), 0);
        assertParamsClose(threeSteps.trainedParams(), e.model().trainedParams(), 0);
    }

    @Test
    void aDivergedFitKeepsTheStepsDoneBeforeIt() {
        double lr = 1e200;
        TrainingDiverged e = assertThrows(TrainingDiverged.class,
                () -> estimator(BINARY).setLearningRate(lr).fit(LocalSpark.partitioned(spark, DATA, 129, 127)));
        int done = e.model().costs().length;
        // Expected: the first step moves the params by 1e200 * the gradient, finite; a later one overflows.
        assertTrue(done >= 1 && done < STEPS, "steps done before the failing one: " + done);
        assertTrue(e.getMessage().contains("training stopped at step " + (done + 1)), e.getMessage());
        assertTrue(e.getMessage().contains("the costs of the " + done + " steps done"), e.getMessage());
        OneJvm reference = OneJvm.train(BINARY, "gd", lr, done);
        assertClose(reference.costs, e.model().costs(), 1e-10, "costs before the failing step");
        assertParamsClose(reference.params, e.model().trainedParams(), 1e-10);
    }

    /**
     * onDivergence "stop": fit returns the model the exception would have held (the same costs and params, fewer
     * costs than steps), so a CrossValidator whose grid has a learning rate that diverges scores it and chooses
     * among the rest, where TrainingDiverged ended the whole search. "error", the default, still throws.
     */
    @Test
    void onDivergenceStopReturnsTheStepsDoneAndACrossValidatorGoesOn() {
        Dataset<Row> data = LocalSpark.partitioned(spark, DATA, 129, 127);
        TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> estimator(BINARY).setLearningRate(1e200).fit(data));
        NetgradModel stopped = estimator(BINARY).setLearningRate(1e200).setOnDivergence("stop").fit(data);
        assertArrayEquals(e.model().costs(), stopped.costs(), 0);
        assertParamsClose(e.model().trainedParams(), stopped.trainedParams(), 0);
        assertTrue(stopped.costs().length < STEPS, "costs: " + stopped.costs().length);

        NetgradEstimator estimator = estimator(BINARY).setOnDivergence("stop");
        ParamMap[] grid = new ParamGridBuilder().addGrid(estimator.learningRate(), new double[] {0.5, 1e200}).build();
        CrossValidatorModel chosen = new CrossValidator().setEstimator(estimator).setEstimatorParamMaps(grid)
                .setEvaluator(new BinaryClassificationEvaluator()).setNumFolds(2).setSeed(3).fit(data);
        double[] metrics = chosen.avgMetrics();
        assertTrue(Double.isFinite(metrics[0]) && Double.isFinite(metrics[1]), java.util.Arrays.toString(metrics));
        assertEquals(0.5, ((NetgradEstimator) chosen.bestModel().parent()).getLearningRate(), java.util.Arrays.toString(metrics));
        assertThrows(IllegalArgumentException.class, () -> estimator(BINARY).setOnDivergence("ignore"));
    }

    // Integer.MAX_VALUE as "no chunks": the chunk's arrays grow with the rows seen, where they were
    // made chunkRows long up front and the task ran out of memory.
    @Test
    void aChunkRowsFarBeyondThePartitionIsOneChunk() {
        Dataset<Row> data = LocalSpark.partitioned(spark, DATA, 129, 127);
        NetgradModel whole = estimator(BINARY).setSteps(20).fit(data);
        NetgradModel unbounded = estimator(BINARY).setSteps(20).setChunkRows(Integer.MAX_VALUE).fit(data);
        assertParamsClose(whole.trainedParams(), unbounded.trainedParams(), 0);
    }

    @Test
    void aSampledStepUsesTheCountOfRowsSampledAsItsM() {
        int[] sizes = {129, 127};
        double fraction = 0.3;
        NetgradModel model = estimator(BINARY).setSteps(30).setSampleFraction(fraction).fit(LocalSpark.partitioned(spark, DATA, sizes));

        // Replays the per-step Bernoulli samples in one JVM: same rows, one costAndGradients over their union.
        HandNet net = new HandNet(SEED, BINARY);
        net.useOptimizer("gd", 0.01, 0.9, 0.9, 0.999, 1e-8);
        double[] costs = new double[30];
        for (int step = 0; step < 30; step++) {
            List<Example> batch = new ArrayList<>();
            int from = 0;
            for (int p = 0; p < sizes.length; p++) {
                SplittableRandom sample = new SplittableRandom(Seeds.derive(SEED, Seeds.SAMPLE, step, p));
                for (Example e : DATA.subList(from, from + sizes[p])) {
                    if (sample.nextDouble() < fraction) {
                        batch.add(e);
                    }
                }
                from += sizes[p];
            }
            assertTrue(batch.size() > 40 && batch.size() < 120, "a 30% sample of 256 rows, found " + batch.size());
            costs[step] = net.costAndGradients(LocalSpark.features(batch), LocalSpark.targets(batch, 1));
            net.step();
        }
        assertClose(costs, model.costs(), 1e-10, "sampled costs");
        assertParamsClose(paramsOf(net), model.trainedParams(), 1e-10);
    }

    @Test
    void dropoutMasksDependOnlyOnSeedStepPartitionAndChunk() {
        int[] sizes = {129, 127};
        Dataset<Row> data = LocalSpark.partitioned(spark, DATA, sizes);
        NetgradModel once = estimator(DROPOUT).setSteps(20).setLearningRate(0.3).fit(data);
        NetgradModel again = estimator(DROPOUT).setSteps(20).setLearningRate(0.3).fit(data);
        assertArrayEquals(once.costs(), again.costs());
        assertArrayEquals(once.trainedParams().get("W1"), again.trainedParams().get("W1"));

        // Replays the steps in one JVM, reseeding the masks of each partition's chunk as documented.
        HandNet net = new HandNet(SEED, DROPOUT);
        net.useOptimizer("gd", 0.3, 0.9, 0.9, 0.999, 1e-8);
        double[] costs = new double[20];
        for (int step = 0; step < 20; step++) {
            dev.netgrad.runtime.GradientSums sums = new dev.netgrad.runtime.GradientSums(new int[] {16, 8, 8, 1});
            int from = 0;
            for (int p = 0; p < sizes.length; p++) {
                List<Example> rows = DATA.subList(from, from + sizes[p]);
                net.reseedMasks(Seeds.derive(SEED, Seeds.MASKS, step, p, 0));
                net.accumulateSums(LocalSpark.features(rows), LocalSpark.targets(rows, 1), sums);
                from += sizes[p];
            }
            costs[step] = net.gradientsFromSums(sums);
            net.step();
        }
        assertClose(costs, once.costs(), 1e-12, "dropout costs");
        assertParamsClose(paramsOf(net), once.trainedParams(), 1e-12);

        // The masks are drawn: without dropout the same start gives another cost.
        HandNet.Shape noDropout = new HandNet.Shape(2, 8, 1, 0, 1, null);
        NetgradModel plain = estimator(noDropout).setSteps(1).fit(data);
        assertFalse(plain.costs()[0] == once.costs()[0], "dropout should change the first cost");
    }

    // 40 partitions added through SumTree's groups (what a network whose sums pass
    // SumTree.DIRECT_BYTES gets; SumTreeTest holds that choice): groups of 7 consecutive
    // partitions, each added up in partition order by one task after a shuffle, then the 6 groups
    // on the driver. Expected: the bits of that order exactly, replayed in one JVM, and the
    // driver's collect stage of 6 tasks, not 40.
    @Test
    void manyPartitionsAreAddedInAFixedTreeOfGroups() throws Exception {
        int[] sizes = new int[40];
        for (int p = 0; p < sizes.length; p++) {
            sizes[p] = p % 9 == 4 ? 0 : 7; // a few empty partitions among them
        }
        sizes[39] += DATA.size() - java.util.Arrays.stream(sizes).sum();
        assertEquals(7, SumTree.groupSize(40));
        assertEquals(6, SumTree.groups(40));
        org.apache.spark.api.java.JavaRDD<Example> examples = Columns.examples(LocalSpark.partitioned(spark, DATA, sizes), "features", "label", 2);
        HandNet net = new HandNet(SEED, BINARY);
        PartitionSums.Plan plan = new PartitionSums.Plan(seed -> new HandNet(seed, BINARY), SEED, 1.0, 1000, LabelKind.BINARY);
        org.apache.spark.broadcast.Broadcast<double[][][]> params =
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(Params.of(net));

        List<Integer> collectTasks = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onStageCompleted(org.apache.spark.scheduler.SparkListenerStageCompleted completed) {
                if (completed.stageInfo().name().startsWith("collect at SumTree")) {
                    collectTasks.add(completed.stageInfo().numTasks());
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        dev.netgrad.runtime.GradientSums onSpark;
        try {
            onSpark = SumTree.sum(examples, new PartitionSums(plan, params, 0), net.newSums(), false);
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(listener);
            params.destroy();
        }
        assertEquals(List.of(6), collectTasks);

        dev.netgrad.runtime.GradientSums replayed = net.newSums();
        int from = 0;
        for (int group = 0; group < 6; group++) {
            dev.netgrad.runtime.GradientSums groupSum = null;
            for (int p = group * 7; p < Math.min(40, group * 7 + 7); p++) {
                List<Example> rows = DATA.subList(from, from + sizes[p]);
                from += sizes[p];
                dev.netgrad.runtime.GradientSums part = net.newSums();
                if (!rows.isEmpty()) {
                    net.accumulateSums(LocalSpark.features(rows), LocalSpark.targets(rows, 1), part);
                }
                groupSum = groupSum == null ? part : groupSum.add(part);
            }
            replayed.add(groupSum);
        }
        assertEquals(DATA.size(), onSpark.count());
        assertEquals(replayed.lossSum(), onSpark.lossSum());
        for (int p = 0; p < replayed.params(); p++) {
            assertArrayEquals(replayed.gradient(p), onSpark.gradient(p), "param " + p);
        }
    }

    @Test
    void aNetworkThatCouplesExamplesIsRefusedBeforeAnyJob() {
        HandNet.Shape coupled = new HandNet.Shape(2, 5, 1, 0, 1, "Z1 is normalized with the batch's mean and variance (batchnorm)");
        Dataset<Row> data = LocalSpark.partitioned(spark, DATA, 129, 127);
        Dataset<Row> failsIfRead = spark.createDataFrame(data.javaRDD().map(row -> {
            throw new IllegalStateException("a job ran");
        }), LocalSpark.SCHEMA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> estimator(coupled).fit(failsIfRead));
        assertEquals("cannot train HandNet data-parallel: Z1 is normalized with the batch's mean and variance (batchnorm)."
                + " A partition's sums add up to the whole batch's only when every value is per example"
                + " and the cost is mean(L) or sum(L) plus penalty terms that each stay finite with m infinite, as a partition's pass takes it (0.1 * sum(W1^2), lambda / (2 * m) * sum(W1^2), sum(W1^2) / (1 + 1/m)); train it in one JVM", e.getMessage());
    }

    private static NetgradEstimator estimator(HandNet.Shape shape) {
        return new NetgradEstimator().setTrainer(seed -> new HandNet(seed, shape)).setSeed(SEED).setSteps(STEPS);
    }

    /** What averaging per-partition mean gradients (MLlib's MLP, DL4J's parameter averaging) would train. */
    private static Map<String, double[][]> blockMeanTraining(int[] sizes) {
        HandNet net = new HandNet(SEED, BINARY);
        net.useOptimizer("gd", 0.5, 0.9, 0.9, 0.999, 1e-8);
        HandNet part = new HandNet(SEED, BINARY);
        for (int step = 0; step < STEPS; step++) {
            double[][][] mean = new double[4][][];
            int from = 0;
            for (int size : sizes) {
                List<String> names = net.paramNames();
                names.forEach(n -> part.setParam(n, net.getParam(n)));
                List<Example> rows = DATA.subList(from, from + size);
                part.costAndGradients(LocalSpark.features(rows), LocalSpark.targets(rows, 1));
                for (int p = 0; p < 4; p++) {
                    double[][] g = part.gradient(names.get(p));
                    if (mean[p] == null) {
                        mean[p] = new double[g.length][g[0].length];
                    }
                    for (int r = 0; r < g.length; r++) {
                        for (int c = 0; c < g[r].length; c++) {
                            mean[p][r][c] += g[r][c] / sizes.length;
                        }
                    }
                }
                from += size;
            }
            // Steps with the mean of means, handed over as the sums of one example.
            dev.netgrad.runtime.GradientSums sums = new dev.netgrad.runtime.GradientSums(new int[] {10, 5, 5, 1});
            for (int p = 0; p < 4; p++) {
                int cols = mean[p][0].length;
                for (int r = 0; r < mean[p].length; r++) {
                    for (int c = 0; c < cols; c++) {
                        sums.gradient(p)[r * cols + c] = mean[p][r][c];
                    }
                }
            }
            sums.addExamples(1, 0);
            net.gradientsFromSums(sums);
            net.step();
        }
        return paramsOf(net);
    }

    /** Full-batch training in one JVM with costAndGradients: the reference. */
    private record OneJvm(double[] costs, Map<String, double[][]> params) {
        static OneJvm train(HandNet.Shape shape, String optimizer, double lr, int steps) {
            return train(shape, optimizer, lr, steps, DATA);
        }

        static OneJvm train(HandNet.Shape shape, String optimizer, double lr, int steps, List<Example> data) {
            HandNet net = new HandNet(SEED, shape);
            net.useOptimizer(optimizer, lr, 0.9, 0.9, 0.999, 1e-8);
            double[][] x = LocalSpark.features(data);
            double[][] y = LocalSpark.targets(data, 1);
            double[] costs = new double[steps];
            for (int step = 0; step < steps; step++) {
                costs[step] = net.costAndGradients(x, y);
                net.step();
            }
            return new OneJvm(costs, paramsOf(net));
        }
    }

    private static Map<String, double[][]> paramsOf(HandNet net) {
        Map<String, double[][]> byName = new java.util.LinkedHashMap<>();
        net.paramNames().forEach(n -> byName.put(n, net.getParam(n)));
        return byName;
    }

    static void assertParamsClose(Map<String, double[][]> expected, Map<String, double[][]> actual, double tolerance) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            double gap = maxRelativeDifference(expected.get(name), actual.get(name));
            assertTrue(gap <= tolerance, name + " differs by " + gap + " relative");
        }
    }

    static double maxRelativeDifference(double[][] expected, double[][] actual) {
        double scale = 0;
        double gap = 0;
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                scale = Math.max(scale, Math.abs(expected[r][c]));
                gap = Math.max(gap, Math.abs(expected[r][c] - actual[r][c]));
            }
        }
        return gap / Math.max(scale, Double.MIN_NORMAL);
    }

    static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": steps");
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance * Math.abs(expected[i]),
                    what + " differ at step " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }
}
