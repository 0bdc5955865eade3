package dev.netgrad.runtime.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.runtime.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The model's columns and trainer, the estimator in a Pipeline, and the estimator's refusals. */
class NetgradModelTest {
    private static final HandNet.Shape IRIS_LIKE = new HandNet.Shape(4, 6, 3, 0, 1, null);
    private static final HandNet.Shape BINARY = new HandNet.Shape(2, 5, 1, 0, 1, null);
    private static final List<Example> CLASSES = LocalSpark.threeClasses(150, 5);
    private static final List<Example> CIRCLE = LocalSpark.circle(200, 3);

    private static final SparkSession spark = LocalSpark.session();

    @Test
    void classesGetTheMostProbableClassAndTheTrainersProbabilities() {
        Dataset<Row> data = LocalSpark.partitioned(spark, CLASSES, 70, 80);
        NetgradModel model = estimator(IRIS_LIKE).setOptimizer("adam").setLearningRate(0.05).fit(data);
        assertEquals(LabelKind.CLASSES, model.labelKind());
        assertTrue(model.costs()[99] < model.costs()[0] / 3, "training should lower the cost: " + model.costs()[0] + " -> " + model.costs()[99]);

        List<Row> rows = model.setChunkRows(16).transform(data).collectAsList();
        double[][] expected = model.trainer().predict(LocalSpark.features(CLASSES));
        int right = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            double[] probabilities = ((Vector) row.getAs("probability")).toArray();
            assertArrayEquals(expected[i], probabilities, 0.0);
            assertEquals(LabelKind.CLASSES.prediction(expected[i], java.util.Optional.empty()), row.<Double>getAs("prediction"));
            right += row.<Double>getAs("prediction") == CLASSES.get(i).label() ? 1 : 0;
        }
        assertEquals(150, rows.size());
        assertTrue(right >= 135, "training accuracy " + right + "/150");
    }

    /**
     * A network trained on its logits (log_softmax in the loss, no softmax output) predicts logits; the
     * probability column holds their softmax, which Spark's evaluators read (logLoss), not the logits; the raw
     * prediction column the logits, as MultilayerPerceptronClassifier's holds its last layer's.
     */
    @Test
    void classesLogitsGiveTheirSoftmaxAsProbabilities() {
        String spec = """
                network Logits {
                  input X[4]
                  target Y[3]
                  param W1[6, 4] init randn(0.5)
                  param b1[6] init zeros
                  param W2[3, 6] init randn(0.5)
                  param b2[3] init zeros
                  Z1 = W1 @ X + b1
                  A1 = tanh(Z1)
                  Z2 = W2 @ A1 + b2
                  output Z2
                  loss L = -sum(Y * log_softmax(Z2), axis=0)
                  cost J = mean(L)
                }
                """;
        NetgradModel model = new NetgradEstimator().setTrainer(GeneratedTrainers.factory("logits.nn", spec)).setSeed(9)
                .setSteps(5).fit(LocalSpark.partitioned(spark, CLASSES, 70, 80));
        List<Row> rows = model.transform(LocalSpark.partitioned(spark, CLASSES.subList(0, 4), 2, 2)).collectAsList();
        double[][] logits = model.trainer().predict(LocalSpark.features(CLASSES.subList(0, 4)));
        for (int i = 0; i < rows.size(); i++) {
            double[] probabilities = ((Vector) rows.get(i).getAs("probability")).toArray();
            double sum = Math.exp(logits[i][0]) + Math.exp(logits[i][1]) + Math.exp(logits[i][2]);
            for (int k = 0; k < 3; k++) {
                assertEquals(Math.exp(logits[i][k]) / sum, probabilities[k], 1e-15);
            }
            assertEquals(Prediction.CLASS_LOGITS.classOf(logits[i]), rows.get(i).<Double>getAs("prediction"));
            assertArrayEquals(logits[i], ((Vector) rows.get(i).getAs("rawPrediction")).toArray(), 0);
        }
    }

    @Test
    void binaryLabelsGiveZeroOrOneAndTwoProbabilities() {
        NetgradModel model = estimator(BINARY).setLearningRate(0.5).setSteps(20).fit(LocalSpark.partitioned(spark, CIRCLE, 100, 100));
        assertEquals(LabelKind.BINARY, model.labelKind());
        Row first = model.transform(LocalSpark.partitioned(spark, CIRCLE.subList(0, 1), 1)).first();
        double p = model.trainer().predict(new double[][] {CIRCLE.get(0).features()})[0][0];
        assertArrayEquals(new double[] {1 - p, p}, ((Vector) first.getAs("probability")).toArray(), 0.0);
        // A sigmoid's output has no logit beside it: its raw prediction is its probabilities, as a tree's is.
        assertArrayEquals(new double[] {1 - p, p}, ((Vector) first.getAs("rawPrediction")).toArray(), 0.0);
        assertEquals(p >= 0.5 ? 1.0 : 0.0, first.<Double>getAs("prediction"));
    }

    /**
     * Spark's BinaryClassificationEvaluator left at its defaults reads rawPrediction, as a CrossValidator over
     * LogisticRegression uses it; it ranks the rows as the probability column does. Before, the model added no
     * rawPrediction column and the evaluator failed with FIELD_NOT_FOUND.
     */
    @Test
    void sparksDefaultBinaryEvaluatorReadsTheRawPrediction() {
        Dataset<Row> data = LocalSpark.partitioned(spark, CIRCLE.subList(0, 40), 20, 20);
        Dataset<Row> scored = estimator(BINARY).setLearningRate(0.5).setSteps(3).fit(data).transform(data).cache();
        assertEquals(new BinaryClassificationEvaluator().setRawPredictionCol("probability").evaluate(scored),
                new BinaryClassificationEvaluator().evaluate(scored), 0);
        scored.unpersist();
    }

    @Test
    void realLabelsGiveTheOutputAndNoProbabilities() {
        List<Example> real = new ArrayList<>();
        for (Example e : CIRCLE) {
            real.add(new Example(e.features(), 0.25 + 0.5 * e.label()));
        }
        NetgradModel model = estimator(BINARY).setSteps(5).fit(LocalSpark.partitioned(spark, real, 100, 100));
        assertEquals(LabelKind.REAL, model.labelKind());
        Dataset<Row> out = model.transform(LocalSpark.partitioned(spark, real, 100, 100));
        assertEquals(List.of("features", "label", "prediction"), List.of(out.columns()));
        assertEquals(model.trainer().predict(new double[][] {real.get(0).features()})[0][0], out.first().<Double>getAs("prediction"));
    }

    /** Output columns set as a test sets them, and the columns the model then adds. */
    private record OutputColumns(String predictionCol, String probabilityCol, String rawPredictionCol, List<String> added) {
    }

    /**
     * An output column named "" is left out, as Spark ML's classifiers leave it out (LogisticRegression with
     * setProbabilityCol("")): before, the model added a column named "", which no later stage could name, and ""
     * for both was refused as two columns of one name.
     */
    @Test
    void anOutputColumnNamedEmptyIsLeftOutAsSparkMlLeavesItOut() {
        Dataset<Row> data = LocalSpark.partitioned(spark, CIRCLE.subList(0, 20), 10, 10);
        NetgradModel model = estimator(BINARY).setSteps(2).fit(data);
        List<Row> full = model.transform(data).collectAsList();
        List<OutputColumns> cases = List.of(
                new OutputColumns("prediction", "probability", "rawPrediction", List.of("prediction", "probability", "rawPrediction")),
                new OutputColumns("prediction", "", "rawPrediction", List.of("prediction", "rawPrediction")),
                new OutputColumns("", "probability", "", List.of("probability")),
                new OutputColumns("", "", "rawPrediction", List.of("rawPrediction")),
                new OutputColumns("", "", "", List.of()));
        for (OutputColumns c : cases) {
            String what = "predictionCol \"" + c.predictionCol() + "\", probabilityCol \"" + c.probabilityCol() + "\", rawPredictionCol \""
                    + c.rawPredictionCol() + "\"";
            List<String> columns = new ArrayList<>(List.of("features", "label"));
            columns.addAll(c.added());
            NetgradModel set = model.copy(new org.apache.spark.ml.param.ParamMap()).setPredictionCol(c.predictionCol())
                    .setProbabilityCol(c.probabilityCol()).setRawPredictionCol(c.rawPredictionCol());
            Dataset<Row> out = set.transform(data);
            assertEquals(columns, List.of(out.columns()), what);
            List<Row> rows = out.collectAsList();
            for (int i = 0; i < full.size(); i++) {
                for (String column : columns) {
                    assertEquals(full.get(i).<Object>getAs(column), rows.get(i).<Object>getAs(column), what + ", row " + i + ", " + column);
                }
            }
            NetgradEstimator estimator = estimator(BINARY).setPredictionCol(c.predictionCol()).setProbabilityCol(c.probabilityCol())
                    .setRawPredictionCol(c.rawPredictionCol());
            assertEquals(columns, List.of(estimator.transformSchema(data.schema()).fieldNames()), what + ", the estimator's schema");
        }
    }

    @Test
    void aRowWithANonFiniteFeatureIsRefusedNotPredicted() {
        NetgradModel model = estimator(BINARY).setSteps(5).fit(LocalSpark.partitioned(spark, CIRCLE, 100, 100));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            List<Example> rows = List.of(CIRCLE.get(0), new Example(new double[] {bad, 1}, 0));
            Exception e = assertThrows(Exception.class, () -> model.transform(LocalSpark.partitioned(spark, rows, 2)).collectAsList());
            String messages = "";
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages += t.getMessage() + "\n";
            }
            assertTrue(messages.contains("partition 0, row 1: feature 0 of the features column features is " + bad
                    + "; netgrad predicts only from finite features"), messages);
        }
    }

    @Test
    void worksInAPipelineAfterAVectorAssembler() {
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType).add("d", DataTypes.DoubleType).add("species", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        for (Example e : CLASSES) {
            double[] x = e.features();
            rows.add(RowFactory.create(x[0], x[1], x[2], x[3], (int) e.label()));
        }
        Dataset<Row> table = spark.createDataFrame(rows, schema);
        VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"a", "b", "c", "d"}).setOutputCol("features");
        NetgradEstimator estimator = estimator(IRIS_LIKE).setLabelCol("species").setOptimizer("adam").setLearningRate(0.05).setSteps(40);
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {assembler, estimator}).fit(table);
        Dataset<Row> out = fitted.transform(table);
        assertEquals(List.of("a", "b", "c", "d", "species", "features", "prediction", "probability", "rawPrediction"), List.of(out.columns()));
        long right = out.filter("prediction = species").count();
        assertTrue(right >= 130, "pipeline accuracy " + right + "/150");
    }

    @Test
    void theTrainedTrainerCanBeStartedFromAndHasTheModelsParams() {
        NetgradModel model = estimator(BINARY).setSteps(10).fit(LocalSpark.partitioned(spark, CIRCLE, 100, 100));
        Map<String, double[][]> params = model.trainedParams();
        NetgradModel resumed = estimator(BINARY).setSteps(0).setInitialParams(params).fit(LocalSpark.partitioned(spark, CIRCLE, 100, 100));
        for (String name : params.keySet()) {
            assertArrayEquals(params.get(name), resumed.trainer().getParam(name));
        }
        assertEquals(0, resumed.costs().length);
        assertFalse(params.get("W1")[0][0] == new HandNet(9, BINARY).getParam("W1")[0][0]);
    }

    /** As Spark ML's Predictor hands them on: a param set on the estimator is set on the model, a default stays a default. */
    @Test
    void theModelHasTheEstimatorsSetParamsSetAndItsDefaultsAsDefaults() {
        NetgradModel model = estimator(BINARY).setSteps(2).setProbabilityCol("p").fit(LocalSpark.partitioned(spark, CIRCLE, 100, 100));
        assertTrue(model.isSet(model.probabilityCol()));
        assertEquals("p", model.getProbabilityCol());
        assertFalse(model.isSet(model.predictionCol()), "no one set the prediction column");
        assertEquals("prediction", model.getPredictionCol());
        assertFalse(model.isSet(model.rawPredictionCol()));
    }

    /** A way to misuse the estimator and the start of what it says, one per row. */
    private record Refusal(String what, UnaryOperator<NetgradEstimator> setup, List<Example> data, String message) {
    }

    @Test
    void refusesBadSettingsAndDataWithAMessage() {
        List<Example> shortRows = new ArrayList<>(CIRCLE.subList(0, 10));
        shortRows.set(3, new Example(new double[] {1}, 0));
        List<Example> badClass = new ArrayList<>(CLASSES.subList(0, 10));
        badClass.set(4, new Example(CLASSES.get(4).features(), 3));
        List<Example> halfLabel = new ArrayList<>(CIRCLE.subList(0, 10));
        halfLabel.set(2, new Example(CIRCLE.get(2).features(), 0.5));
        List<Example> nanLabel = new ArrayList<>(CIRCLE.subList(0, 10));
        nanLabel.set(6, new Example(CIRCLE.get(6).features(), Double.NaN));
        List<Refusal> refusals = List.of(
                new Refusal("a null or NaN label", e -> e, nanLabel,
                        "1 of 10 rows cannot train HandNet; the first (partition 0, row 6): the label is null or NaN"),
                new Refusal("a features vector of the wrong size", e -> e, shortRows,
                        "1 of 10 rows cannot train HandNet; the first (partition 0, row 3): the features vector has size 1, the network takes 2 inputs"),
                new Refusal("a class index out of range", e -> e.setTrainer(seed -> new HandNet(seed, IRIS_LIKE)), badClass,
                        "1 of 10 rows cannot train HandNet; the first (partition 0, row 4): the label 3.0 is not a class index 0..2"),
                new Refusal("binary labels that are not 0/1", e -> e.setLabelKind("binary"), halfLabel,
                        "1 of 10 rows cannot train HandNet; the first (partition 0, row 2): the label 0.5 is neither 0 nor 1"),
                new Refusal("classes for a one-row target", e -> e.setLabelKind("classes"), CIRCLE,
                        "labelKind classes needs a target of k > 1 rows (one-hot classes); HandNet's target has 1 row: use binary or real"),
                new Refusal("a param the network does not have", e -> e.setInitialParams(Map.of("W9", new double[][] {{1}})), CIRCLE,
                        "initialParams names W9, which HandNet does not have; its params are W1, b1, W2, b2"),
                new Refusal("no rows", e -> e, List.of(), "the dataset has no rows to train HandNet on"),
                new Refusal("no trainer", e -> new NetgradEstimator(), CIRCLE,
                        "no trainer: call setTrainerClass with a generated trainer class, or setTrainer"),
                new Refusal("a missing column", e -> e.setLabelCol("y"), CIRCLE, "there is no label column y; the columns are features, label"),
                new Refusal("an output column that exists", e -> e.setPredictionCol("label"), CIRCLE,
                        "the prediction column label already exists; set another name for it"));
        for (Refusal refusal : refusals) {
            NetgradEstimator estimator = refusal.setup().apply(estimator(BINARY).setSteps(1));
            Dataset<Row> data = LocalSpark.partitioned(spark, refusal.data(), refusal.data().size());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> estimator.fit(data), refusal.what());
            assertEquals(refusal.message(), e.getMessage(), refusal.what());
        }
    }

    /**
     * The partitions' checks finish in any order; the row named is the first bad one in partition
     * order, and where it is, so that the same data gives the same message on every run.
     */
    @Test
    void theFirstBadRowIsTheFirstInPartitionOrderAndSaysWhereItIs() {
        List<Example> rows = new ArrayList<>(CIRCLE.subList(0, 40));
        rows.set(38, new Example(new double[] {Double.NaN, 0}, 0));
        rows.set(33, new Example(new double[] {1, Double.POSITIVE_INFINITY}, 0));
        rows.set(5, new Example(new double[] {1}, 0));
        // Partition 0 is the largest, so the small ones after it tend to be checked first.
        Dataset<Row> data = LocalSpark.partitioned(spark, rows, 32, 0, 2, 6);
        for (int run = 0; run < 3; run++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> estimator(BINARY).setSteps(1).fit(data));
            assertEquals("3 of 40 rows cannot train HandNet; the first (partition 0, row 5): the features vector has size 1,"
                    + " the network takes 2 inputs", e.getMessage(), "run " + run);
        }
    }

    @Test
    void aTrainerClassNeedsASeedConstructor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NetgradEstimator().setTrainerClass(HandNet.class));
        assertEquals("dev.netgrad.runtime.spark.HandNet has no public constructor taking a long seed, as generated trainers have", e.getMessage());
    }

    private static NetgradEstimator estimator(HandNet.Shape shape) {
        return new NetgradEstimator().setTrainer(seed -> new HandNet(seed, shape)).setSeed(9);
    }
}
