package dev.netgrad.runtime.spark;

import static dev.netgrad.runtime.spark.DataParallelTrainingTest.assertClose;
import static dev.netgrad.runtime.spark.DataParallelTrainingTest.maxRelativeDifference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.runtime.GradientSums;
import dev.netgrad.runtime.Trainer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The samples' generated trainers on Spark against the same trainers in one JVM. */
class GeneratedTrainerTrainingTest {
    private static final List<Example> PLANAR = GeneratedTrainers.csv("planar.csv");
    private static final List<Example> IRIS = GeneratedTrainers.csv("iris.csv");
    private static final List<Example> DIGITS = GeneratedTrainers.csv("digits.csv");

    private static final SparkSession spark = LocalSpark.session();

    @Test
    void planarOnTwoUnevenPartitionsIsPlanarInOneJvm() {
        // 100 full-batch steps of the course's gd(lr = 1.2), with a 1-row partition beside a 399-row one.
        double[] costs = new double[100];
        Trainer reference = oneJvm("planar.nn", PLANAR, 1, "gd", 1.2, costs);
        NetgradModel model = estimator("planar.nn").setLearningRate(1.2).fit(LocalSpark.partitioned(spark, PLANAR, 1, 399));
        assertClose(costs, model.costs(), 1e-10, "planar costs");
        assertSameParams(reference, model.trainer(), 1e-10);
    }

    @Test
    void irisWithAdamOnUnevenPartitionsIsIrisInOneJvm() {
        double[] costs = new double[100];
        Trainer reference = oneJvm("iris.nn", IRIS, 3, "adam", 0.01, costs);
        NetgradModel model = estimator("iris.nn").setOptimizer("adam").setLearningRate(0.01)
                .fit(LocalSpark.partitioned(spark, IRIS, 50, 100));
        assertClose(costs, model.costs(), 1e-10, "iris costs");
        assertSameParams(reference, model.trainer(), 1e-10);
        assertEquals(LabelKind.CLASSES, model.labelKind());
    }

    /** A convolutional network is per example too: its filters' and channel biases' sums add up across partitions. */
    @Test
    void digitsCnnOnUnevenPartitionsIsTheCnnInOneJvm() {
        List<Example> digits = DIGITS.subList(0, 120);
        double[] costs = new double[5];
        Trainer reference = oneJvm("images/digits_cnn.nn", digits, 10, "adam", 0.003, costs);
        NetgradModel model = estimator("images/digits_cnn.nn").setOptimizer("adam").setLearningRate(0.003).setSteps(5)
                .fit(LocalSpark.partitioned(spark, digits, 7, 64, 49));
        assertClose(costs, model.costs(), 1e-10, "digits CNN costs");
        assertSameParams(reference, model.trainer(), 1e-10);
        assertEquals(LabelKind.CLASSES, model.labelKind());
        List<Row> rows = model.transform(LocalSpark.partitioned(spark, digits.subList(0, 3), 3)).collectAsList();
        for (int i = 0; i < rows.size(); i++) {
            double[] p = model.trainer().predict(new double[][] {digits.get(i).features()})[0];
            assertArrayEquals(p, rows.get(i).<org.apache.spark.ml.linalg.Vector>getAs("probability").toArray(), 1e-15, "row " + i);
        }
    }

    @Test
    void regularizedAddsItsPenaltyOnceWithTheGlobalM() {
        double[] costs = new double[50];
        Trainer reference = oneJvm("regularized.nn", PLANAR, 1, "gd", 0.3, costs);
        NetgradModel model = estimator("regularized.nn").setLearningRate(0.3).setSteps(50)
                .fit(LocalSpark.partitioned(spark, PLANAR, 1, 255, 144));
        assertClose(costs, model.costs(), 1e-10, "regularized costs");
        assertSameParams(reference, model.trainer(), 1e-10);
    }

    @Test
    void dropoutMasksAreSeededPerStepPartitionAndChunk() {
        int[] sizes = {129, 271};
        Dataset<Row> data = LocalSpark.partitioned(spark, PLANAR, sizes);
        NetgradModel once = estimator("dropout.nn").setLearningRate(0.3).setSteps(20).fit(data);
        NetgradModel again = estimator("dropout.nn").setLearningRate(0.3).setSteps(20).fit(data);
        assertArrayEquals(once.costs(), again.costs());

        Trainer net = GeneratedTrainers.create("dropout.nn", 1);
        net.useOptimizer("gd", 0.3, 0.9, 0.9, 0.999, 1e-8);
        double[] costs = new double[20];
        for (int step = 0; step < 20; step++) {
            GradientSums sums = net.newSums();
            int from = 0;
            for (int p = 0; p < sizes.length; p++) {
                List<Example> rows = PLANAR.subList(from, from + sizes[p]);
                net.reseedMasks(Seeds.derive(1, Seeds.MASKS, step, p, 0));
                net.accumulateSums(LocalSpark.features(rows), LocalSpark.targets(rows, 1), sums);
                from += sizes[p];
            }
            costs[step] = net.gradientsFromSums(sums);
            net.step();
        }
        assertClose(costs, once.costs(), 1e-12, "dropout costs");
        assertSameParams(net, once.trainer(), 1e-12);
    }

    /**
     * An image network with a dropout on an image, a strided convolution, a 1 x 1 one and a pool whose window does not
     * divide the image, on partitions of 0, 1, 9 and 14 rows handed over in chunks of 4: each chunk's pass (its own
     * batch size, its own masks) adds to the step's sums, and the 1/m is applied once with the step's 24 rows.
     */
    @Test
    void anImageNetworkWithDropoutTrainsChunkByChunkAsItsSumsSay() {
        TrainerFactory factory = GeneratedTrainers.factory("image dropout", IMAGE_DROPOUT);
        List<Example> data = LocalSpark.threeClasses(24, 3).stream().map(e -> new Example(image(e.features()), e.label())).toList();
        int[] sizes = {0, 1, 9, 14};
        int chunkRows = 4;
        NetgradModel model = new NetgradEstimator().setTrainer(factory).setSeed(1).setOptimizer("adam").setLearningRate(0.01)
                .setSteps(6).setChunkRows(chunkRows).fit(LocalSpark.partitioned(spark, data, sizes));

        Trainer net = factory.create(1);
        net.useOptimizer("adam", 0.01, 0.9, 0.9, 0.999, 1e-8);
        double[] costs = new double[6];
        for (int step = 0; step < costs.length; step++) {
            GradientSums sums = net.newSums();
            int from = 0;
            for (int p = 0; p < sizes.length; p++) {
                for (int chunk = 0; chunk * chunkRows < sizes[p]; chunk++) {
                    List<Example> rows = data.subList(from + chunk * chunkRows, from + Math.min(sizes[p], (chunk + 1) * chunkRows));
                    net.reseedMasks(Seeds.derive(1, Seeds.MASKS, step, p, chunk));
                    net.accumulateSums(LocalSpark.features(rows), LocalSpark.targets(rows, 3), sums);
                }
                from += sizes[p];
            }
            costs[step] = net.gradientsFromSums(sums);
            net.step();
        }
        assertClose(costs, model.costs(), 1e-12, "image dropout costs");
        assertSameParams(net, model.trainer(), 1e-12);
        assertTrue(costs[5] < costs[0], "the cost went from " + costs[0] + " to " + costs[5]);
    }

    /** A 5 x 7 x 2 image (70 entries, channels last) made of a row's features, for IMAGE_DROPOUT. */
    private static double[] image(double[] features) {
        double[] x = new double[70];
        for (int i = 0; i < x.length; i++) {
            x[i] = features[i % features.length] * Math.cos(i) + 0.1 * (i % 7);
        }
        return x;
    }

    private static final String IMAGE_DROPOUT = """
            network ImageDropout {
              input X[5, 7, 2]
              target Y[3]
              param W1[3, 3, 2, 4] init he
              param b1[4]
              Z1 = conv2d(X, W1, stride=2, pad=1) + b1
              A1 = dropout(relu(Z1), 0.7)
              param W2[1, 1, 4, 3]
              param b2[3]
              A2 = tanh(conv2d(A1, W2) + b2)
              P2 = avgpool(A2, 2)                        // 1 x 2 x 3 of the 3 x 4 x 3: its last row is left out
              F2 = flatten(P2)
              param W3[3, 6]
              param b3[3]
              A3 = softmax(W3 @ F2 + b3)
              loss L = -sum(Y * log(A3), axis=0)
              cost J = mean(L)
            }
            """;

    @Test
    void batchnormIsRefusedNamingTheValueThatCouplesTheExamples() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator("batchnorm.nn").fit(LocalSpark.partitioned(spark, IRIS, 150)));
        assertEquals("cannot train BatchNorm data-parallel: " + GeneratedTrainers.create("batchnorm.nn", 1).batchCoupling().orElseThrow()
                + ". A partition's sums add up to the whole batch's only when every value is per example"
                + " and the cost is mean(L) or sum(L) plus penalty terms that each stay finite with m infinite, as a partition's pass takes it (0.1 * sum(W1^2), lambda / (2 * m) * sum(W1^2), sum(W1^2) / (1 + 1/m)); train it in one JVM", e.getMessage());
        assertTrue(e.getMessage().contains("Zn1"), e.getMessage());
    }

    /**
     * A sum of the losses trains with the whole data set's gradient, its parts' sums without 1/m, and a penalty
     * without m is added once, not once per partition: such costs were refused before any job. Each step is the plain
     * generated trainer's whole-batch step, over uneven partitions and empty ones.
     */
    @Test
    void aSumOfTheLossesAndAPenaltyWithoutMTrainAsOneWholeBatch() throws Exception {
        for (String cost : new String[] {"sum(L)", "sum(L) + 0.5 * (sum(W1^2) + sum(W2^2))", "mean(L) + 0.1 * sum(W1^2)",
            "sum(L) + 0.7 / (2 * m) * sum(W1^2) + 0.05 * sum(b1^2)", "mean(L) + (0.1 + 1 / m) * sum(W1^2)"}) {
            trainsAsOneWholeBatch(cost);
        }
    }

    /**
     * A penalty whose factor of m vanishes or tends to a number other than 0 in other ways than one division by m
     * (1 / (m + 1), 1 / (1 + 1/m)) trains on Spark too: each was refused before any job.
     */
    @Test
    void aPenaltyFiniteAtAnInfiniteMTrainsAsOneWholeBatch() throws Exception {
        for (String cost : new String[] {"mean(L) + 0.7 / (m + 1) * sum(W1^2)", "mean(L) + 0.1 * sum(W1^2) / (1 + 1 / m)"}) {
            trainsAsOneWholeBatch(cost);
        }
    }

    /** Planar with the cost {@code cost} on partitions of 0, 1, 250, 0 and 149 rows takes the plain trainer's whole-batch steps. */
    private static void trainsAsOneWholeBatch(String cost) throws Exception {
        String planar = java.nio.file.Files.readString(java.nio.file.Path.of("samples", "planar.nn"));
        String name = "planar with cost " + cost;
        TrainerFactory factory = GeneratedTrainers.factory(name, planar.replaceFirst("cost J = [^\\n]*", "cost J = " + cost));
        // A sum's gradient is about m times its mean's: the learning rate is 1/m of planar's.
        double lr = cost.startsWith("sum") ? 1.2 / PLANAR.size() : 1.2;
        Trainer reference = factory.create(1);
        reference.useOptimizer("gd", lr, 0.9, 0.9, 0.999, 1e-8);
        double[][] x = LocalSpark.features(PLANAR);
        double[][] y = LocalSpark.targets(PLANAR, 1);
        double[] expected = new double[20];
        for (int step = 0; step < expected.length; step++) {
            expected[step] = reference.costAndGradients(x, y);
            reference.step();
        }
        NetgradModel model = new NetgradEstimator().setTrainer(factory).setSeed(1).setLearningRate(lr).setSteps(expected.length)
                .fit(LocalSpark.partitioned(spark, PLANAR, 0, 1, 250, 0, 149));
        assertClose(expected, model.costs(), 1e-10, name + " costs");
        assertSameParams(reference, model.trainer(), 1e-10);
    }

    /** A penalty term that reads m but is not proved divided by it stays refused before any job: no partition's sums could make it. */
    @Test
    void aPenaltyThatReadsMButIsNotDividedByItIsRefused() throws Exception {
        String planar = java.nio.file.Files.readString(java.nio.file.Path.of("samples", "planar.nn"));
        String cost = "mean(L) + 0.001 * m * sum(W1^2)";
        NetgradEstimator estimator = new NetgradEstimator().setTrainer(GeneratedTrainers.factory("planar with cost " + cost,
                planar.replaceFirst("cost J = [^\\n]*", "cost J = " + cost))).setSeed(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator.fit(LocalSpark.partitioned(spark, PLANAR, 200, 200)));
        assertEquals("cannot train Planar data-parallel: the cost J = mean(L) + 0.001 * m * sum(W1^2) adds 0.001 * m * sum(W1^2),"
                + " which reads m in a way not proved to stay finite as m grows, so the parts of a batch cannot add up its gradient."
                + " A partition's sums add up to the whole batch's only when every value is per example and the cost is mean(L) or"
                + " sum(L) plus penalty terms that each stay finite with m infinite, as a partition's pass takes it (0.1 * sum(W1^2), lambda / (2 * m) * sum(W1^2), sum(W1^2) / (1 + 1/m)); train it in one JVM",
                e.getMessage());
    }

    /** A sigmoid's labels are 0 or 1 under auto, from what the trainer says its output is, not from the data. */
    @Test
    void autoReadsTheLabelsAsTheGeneratedTrainerSaysItsOutputIs() {
        List<Example> soft = PLANAR.stream().map(e -> new Example(e.features(), 0.25 + 0.5 * e.label())).toList();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator("planar.nn").setSteps(1).fit(LocalSpark.partitioned(spark, soft, 400)));
        assertTrue(e.getMessage().startsWith("400 of 400 rows cannot train Planar; the first (partition 0, row 0): the label 0.25 is neither 0 nor 1 "
                + "(Planar's output is read as class 0 or 1, so labelKind auto takes labels 0 or 1; set labelKind real"), e.getMessage());
        assertEquals(LabelKind.REAL, estimator("planar.nn").setSteps(1).setLabelKind("real")
                .fit(LocalSpark.partitioned(spark, soft, 400)).labelKind());

        // A regression whose labels happen to be 0 and 1 is still a regression: no class, no probability.
        NetgradEstimator lineEstimator = new NetgradEstimator().setTrainer(GeneratedTrainers.factory("line.nn", LINE)).setSeed(1)
                .setSteps(5);
        NetgradModel line = lineEstimator.fit(LocalSpark.partitioned(spark, PLANAR, 400));
        assertEquals(LabelKind.REAL, line.labelKind());
        Dataset<Row> data = LocalSpark.partitioned(spark, PLANAR, 400);
        List<String> columns = List.of(line.transform(data).columns());
        assertEquals("prediction", columns.get(columns.size() - 1));
        // The estimator's schema, which a Pipeline checks before it fits, is the model's.
        assertEquals(line.transformSchema(data.schema()), lineEstimator.transformSchema(data.schema()));
        assertEquals(estimator("planar.nn").setSteps(1).fit(data).transformSchema(data.schema()),
                estimator("planar.nn").transformSchema(data.schema()));
    }

    /** Trainers made on the test's thread (the driver's), by the counting factory below. */
    private static final AtomicInteger DRIVER_TRAINERS = new AtomicInteger();
    private static volatile Thread countingOn;

    /** fit makes the driver's trainer once, though its schema check asks what the output is (a trainer draws its params when made). */
    @Test
    void fitMakesTheDriversTrainerOnce() {
        GeneratedTrainers.factory("line.nn", LINE);
        countingOn = Thread.currentThread();
        DRIVER_TRAINERS.set(0);
        TrainerFactory counting = seed -> {
            if (Thread.currentThread() == countingOn) {
                DRIVER_TRAINERS.incrementAndGet();
            }
            return GeneratedTrainers.create("line.nn", seed);
        };
        new NetgradEstimator().setTrainer(counting).setSeed(1).setSteps(1).fit(LocalSpark.partitioned(spark, PLANAR, 400));
        countingOn = null;
        assertEquals(1, DRIVER_TRAINERS.get(), "trainers made on the driver by one fit");
    }

    /**
     * A logit is class 1 from 0 and its probability its sigmoid, on Spark as in the trainer's PREDICTION; its raw
     * prediction is (-z, z), as LogisticRegression's margins are.
     */
    @Test
    void aLogitOutputIsClassOneFromZero() {
        NetgradModel model = new NetgradEstimator().setTrainer(GeneratedTrainers.factory("logit.nn", LOGIT)).setSeed(1)
                .setSteps(3).fit(LocalSpark.partitioned(spark, PLANAR, 200, 200));
        assertEquals(LabelKind.BINARY, model.labelKind());
        List<Row> rows = model.transform(LocalSpark.partitioned(spark, PLANAR, 400)).collectAsList();
        int betweenZeroAndHalf = 0;
        for (int i = 0; i < rows.size(); i++) {
            double z = model.trainer().predict(new double[][] {PLANAR.get(i).features()})[0][0];
            betweenZeroAndHalf += z >= 0 && z < 0.5 ? 1 : 0;
            assertEquals(z >= 0 ? 1.0 : 0.0, rows.get(i).<Double>getAs("prediction"), "row " + i + ", logit " + z);
            double[] probability = rows.get(i).<org.apache.spark.ml.linalg.Vector>getAs("probability").toArray();
            assertEquals(1 / (1 + Math.exp(-z)), probability[1], 1e-15, "row " + i);
            assertArrayEquals(new double[] {-z, z}, rows.get(i).<org.apache.spark.ml.linalg.Vector>getAs("rawPrediction").toArray(), 0,
                    "row " + i);
        }
        assertTrue(betweenZeroAndHalf > 0, "no logit in [0, 0.5), where reading it as a probability would be wrong");
    }

    private static final String LINE = """
            network Line {
              input X[2]
              target Y[1]
              dense 1 linear
              loss mse
            }
            """;

    private static final String LOGIT = """
            network Logit {
              input X[2]
              target Y[1]
              param W1[1, 2] init randn(0.01)
              param b1[1]
              Z1 = W1 @ X + b1
              loss L = softplus(Z1) - Y * Z1
              cost J = mean(L)
            }
            """;

    private static NetgradEstimator estimator(String spec) {
        return new NetgradEstimator().setTrainer(GeneratedTrainers.factory(spec)).setSeed(1);
    }

    /** Full-batch training in one JVM with costAndGradients and step; fills {@code costs}. */
    private static Trainer oneJvm(String spec, List<Example> data, int targetSize, String optimizer, double lr, double[] costs) {
        Trainer net = GeneratedTrainers.create(spec, 1);
        net.useOptimizer(optimizer, lr, 0.9, 0.9, 0.999, 1e-8);
        double[][] x = LocalSpark.features(data);
        double[][] y = LocalSpark.targets(data, targetSize);
        for (int step = 0; step < costs.length; step++) {
            costs[step] = net.costAndGradients(x, y);
            net.step();
        }
        return net;
    }

    private static void assertSameParams(Trainer expected, Trainer actual, double tolerance) {
        for (String name : expected.paramNames()) {
            double gap = maxRelativeDifference(expected.getParam(name), actual.getParam(name));
            assertTrue(gap <= tolerance, name + " differs by " + gap + " relative");
        }
    }
}
