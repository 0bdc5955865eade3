package dev.netgrad.runtime.spark;

import static dev.netgrad.runtime.spark.DataParallelTrainingTest.assertParamsClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.runtime.Trainer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What a careless or hostile caller gets from the estimator and the model: settings refused when
 * they are set, data and params refused by fit, each with a message naming the param or column and
 * the problem (never an NPE, a ClassCastException or Spark's analysis error); and the column types
 * and names that are fine train as the plain ones do.
 */
class HostileSparkInputTest {
    private static final List<Example> CIRCLE = LocalSpark.circle(40, 7);
    private static final HandNet.Shape BINARY = new HandNet.Shape(2, 5, 1, 0, 1, null);

    private static final SparkSession spark = LocalSpark.session();
    /** A network whose target is an image: a label column cannot hold it. */
    private static final String AE = String.join("\n", "network Ae {", "  input X[2, 2, 1]", "  target Y[2, 2, 1]", "  param K[1, 1, 1, 1]",
            "  A = sigmoid(conv2d(X, K))", "  loss L = sum((A - Y)^2, axis=0)", "  cost J = mean(L)", "}", "");

    /** Not a class anyone can make a trainer of, though it has the seed constructor. */
    public abstract static class AbstractNet implements Trainer {
        public AbstractNet(long seed) {
        }
    }

    /** A setting refused as it is set, and the end of what it says (Spark's own words start with the estimator's uid). */
    private record SetterRefusal(String what, Executable set, String messageEnd) {
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void badSettingsAreRefusedWhenSetNamingTheParam() {
        List<SetterRefusal> refusals = List.of(
                // Spark's gt(0) let these through; fit then failed in the optimizer, not naming learningRate.
                new SetterRefusal("an infinite learning rate", () -> planar().setLearningRate(Double.POSITIVE_INFINITY),
                        "parameter learningRate given invalid value Infinity."),
                new SetterRefusal("an infinite epsilon", () -> planar().setEpsilon(Double.POSITIVE_INFINITY),
                        "parameter epsilon given invalid value Infinity."),
                // NPEs: List.of's contains(null), or Spark's own message (value.toString()).
                new SetterRefusal("a null optimizer", () -> planar().setOptimizer(null),
                        "parameter optimizer given no value (null); it takes gd, momentum or adam"),
                new SetterRefusal("a null labelKind", () -> planar().setLabelKind(null),
                        "parameter labelKind given no value (null); it takes classes (one-hot of k > 1 rows), binary (0/1), real, or auto:"
                                + " classes for a k-row target, else as the generated trainer's PREDICTION says (binary for a probability"
                                + " or a logit, real for a number); a trainer that does not say: binary when every label is 0 or 1, else real"),
                new SetterRefusal("a null features column", () -> planar().setFeaturesCol(null),
                        "parameter featuresCol given no value (null); it takes the features column: org.apache.spark.ml.linalg vectors"
                                + " of the network's input size"),
                // The model took it: null named no column, and a null prediction column name was added to the schema.
                new SetterRefusal("a null features column of the model", () -> model().setFeaturesCol(null),
                        "parameter featuresCol given no value (null); it takes the features column: org.apache.spark.ml.linalg vectors"
                                + " of the network's input size"),
                new SetterRefusal("a null prediction column of the model", () -> model().setPredictionCol(null),
                        "parameter predictionCol given no value (null); it takes the prediction column the model adds: a class index,"
                                + " 0/1 or the output (\"\" adds none)"),
                // These were NPEs, at the call or later in fit.
                new SetterRefusal("a null trainer factory", () -> new NetgradEstimator().setTrainer(null),
                        "the trainer factory is null; pass seed -> new Iris(seed), or call setTrainerClass"),
                new SetterRefusal("a null trainer class", () -> new NetgradEstimator().setTrainerClass(null),
                        "the trainer class is null; pass a generated trainer class such as Iris.class"),
                new SetterRefusal("null initialParams", () -> planar().setInitialParams(null),
                        "initialParams is null; an empty map keeps every param's seeded init"),
                // A raw Class gets past the compiler: Long has a public (long) constructor, and fit threw a ClassCastException.
                new SetterRefusal("a class that is not a trainer", () -> new NetgradEstimator().setTrainerClass((Class) Long.class),
                        "java.lang.Long is not a netgrad trainer (it does not implement dev.netgrad.runtime.Trainer);"
                                + " pass a class that netgrad generate or the Maven plugin generated"),
                // Was an IllegalStateException wrapping an InstantiationException, at fit.
                new SetterRefusal("an abstract trainer class", () -> new NetgradEstimator().setTrainerClass(AbstractNet.class),
                        "dev.netgrad.runtime.spark.HostileSparkInputTest$AbstractNet is abstract: no trainer can be made of it;"
                                + " pass a generated trainer class"),
                // Spark's own validators, pinned.
                new SetterRefusal("negative steps", () -> planar().setSteps(-1), "parameter steps given invalid value -1."),
                new SetterRefusal("a NaN learning rate", () -> planar().setLearningRate(Double.NaN), "parameter learningRate given invalid value NaN."),
                new SetterRefusal("a negative learning rate", () -> planar().setLearningRate(-1), "parameter learningRate given invalid value -1.0."),
                new SetterRefusal("sampleFraction 0", () -> planar().setSampleFraction(0), "parameter sampleFraction given invalid value 0.0."),
                new SetterRefusal("sampleFraction above 1", () -> planar().setSampleFraction(1.5), "parameter sampleFraction given invalid value 1.5."),
                new SetterRefusal("a NaN sampleFraction", () -> planar().setSampleFraction(Double.NaN),
                        "parameter sampleFraction given invalid value NaN."),
                new SetterRefusal("chunkRows 0", () -> planar().setChunkRows(0), "parameter chunkRows given invalid value 0."),
                new SetterRefusal("a negative chunkRows", () -> planar().setChunkRows(-3), "parameter chunkRows given invalid value -3."));
        for (SetterRefusal refusal : refusals) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, refusal.set(), refusal.what());
            assertTrue(e.getMessage().endsWith(refusal.messageEnd()), refusal.what() + ": " + e.getMessage());
        }
    }

    /** A fit refused before any step, and all it says. */
    private record FitRefusal(String what, NetgradEstimator estimator, Dataset<Row> data, String message) {
    }

    @Test
    void badDataAndParamsAreRefusedByFitNamingTheColumnOrParam() {
        Dataset<Row> good = LocalSpark.partitioned(spark, CIRCLE, 20, 20);
        Map<String, double[][]> nullW1 = new LinkedHashMap<>();
        nullW1.put("W1", null);
        NetgradEstimator unset = planar();
        List<FitRefusal> refusals = List.of(
                // The hint about labelKind auto was added whatever the problem; here it is the features.
                new FitRefusal("null features", planar(), table(SQLDataTypes.VectorType(), DataTypes.DoubleType,
                        e -> e == CIRCLE.get(3) ? null : Vectors.dense(e.features()), Example::label),
                        "1 of 40 rows cannot train Planar; the first (partition 0, row 3): the features are null"),
                new FitRefusal("a null label (the hint stays: auto read the labels as 0/1)", planar(),
                        table(SQLDataTypes.VectorType(), DataTypes.DoubleType, e -> Vectors.dense(e.features()),
                                e -> e == CIRCLE.get(4) ? null : e.label()),
                        "1 of 40 rows cannot train Planar; the first (partition 0, row 4): the label is null or NaN (Planar's output is read as"
                                + " class 0 or 1, so labelKind auto takes labels 0 or 1; set labelKind real to train it on other numbers)"),
                // Was an NPE in fit's copy.
                new FitRefusal("a null initial param", planar().setInitialParams(nullW1), good,
                        "initialParams W1 is null; leave W1 out to keep its seeded init"),
                // Were the trainer's words, "param W1 ...", not naming initialParams.
                new FitRefusal("an initial param of the wrong shape", planar().setInitialParams(Map.of("W1", new double[][] {{1}})), good,
                        "initialParams W1 must be 4 x 2, found 1 x 1"),
                new FitRefusal("an initial param with rows of different lengths",
                        planar().setInitialParams(Map.of("W1", new double[][] {{1, 2}, {3}, {4, 5}, {6, 7}})), good,
                        "initialParams W1 must be 4 x 2, found rows of different lengths (row 1 has 1)"),
                new FitRefusal("a NaN initial param", planar().setInitialParams(Map.of("b1", new double[][] {{0}, {Double.NaN}, {0}, {0}})), good,
                        "initialParams b1 has a non-finite entry at [1][0]: NaN"),
                // A hand-written trainer's setParam need not check: this one took the NaN, and steps 0 gave a NaN model.
                new FitRefusal("a NaN initial param of a trainer that does not check",
                        hand().setSteps(0).setInitialParams(Map.of("b2", new double[][] {{Double.NaN}})), good,
                        "initialParams b2 has a non-finite entry at [0][0]: NaN"),
                // The schema listed two columns of that name.
                new FitRefusal("the probability column named as the prediction column", planar().setProbabilityCol("prediction"), good,
                        "the prediction and probability columns are both named prediction; set another name for one of them"),
                new FitRefusal("the raw prediction column named as the probability column", planar().setRawPredictionCol("probability"),
                        good, "the probability and raw prediction columns are both named probability; set another name for one of them"),
                new FitRefusal("a raw prediction column that differs from the prediction column by case",
                        planar().setRawPredictionCol("PREDICTION"), good, "the prediction and raw prediction columns are both named"
                                + " prediction but for case (prediction, PREDICTION): Spark reads column names case-insensitively"
                                + " (spark.sql.caseSensitive is false); set another name for one of them"),
                // Were NPEs.
                new FitRefusal("a trainer factory that gives null", new NetgradEstimator().setTrainer(seed -> null), good,
                        "the trainer factory gave null for seed 1; it must return a new trainer"),
                new FitRefusal("the trainer set to null through a ParamMap",
                        (NetgradEstimator) unset.copy(new ParamMap().put(unset.trainer(), null)), good,
                        "no trainer: call setTrainerClass with a generated trainer class, or setTrainer"),
                // Each label was one-hot encoded into the image's 4 entries, a class index lighting one pixel, whatever labelKind said.
                new FitRefusal("an image target", new NetgradEstimator().setTrainer(GeneratedTrainers.factory("ae.nn", AE)).setSteps(1),
                        LocalSpark.partitioned(spark, LocalSpark.threeClasses(30, 3), 15, 15),
                        "Ae's target is 4 numbers a row (an image), which a label column cannot hold: it holds one number a row, a class"
                                + " index one-hot over a target of k > 1 classes; give the network a plain target, or train the generated"
                                + " class on the target images in one JVM"),
                new FitRefusal("an image target, labelKind classes", new NetgradEstimator().setTrainer(GeneratedTrainers.factory("ae.nn", AE))
                        .setSteps(1).setLabelKind("classes"), LocalSpark.partitioned(spark, LocalSpark.threeClasses(30, 3), 15, 15),
                        "Ae's target is 4 numbers a row (an image), which a label column cannot hold: it holds one number a row, a class"
                                + " index one-hot over a target of k > 1 classes; give the network a plain target, or train the generated"
                                + " class on the target images in one JVM"),
                // Pinned: the schema checks.
                new FitRefusal("array<double> features", planar(), table(DataTypes.createArrayType(DataTypes.DoubleType), DataTypes.DoubleType,
                        Example::features, Example::label),
                        "the features column features holds array<double>; it must hold org.apache.spark.ml.linalg vectors (VectorAssembler"
                                + " makes them; the older mllib.linalg vectors do not mix)"),
                new FitRefusal("string features", planar(), table(DataTypes.StringType, DataTypes.DoubleType, e -> "1,2", Example::label),
                        "the features column features holds string; it must hold org.apache.spark.ml.linalg vectors (VectorAssembler"
                                + " makes them; the older mllib.linalg vectors do not mix)"),
                new FitRefusal("string labels", planar(), table(SQLDataTypes.VectorType(), DataTypes.StringType,
                        e -> Vectors.dense(e.features()), e -> String.valueOf(e.label())),
                        "the label column label holds string; it must be numeric (a class index, 0/1 or a real number)"),
                new FitRefusal("boolean labels", planar(), table(SQLDataTypes.VectorType(), DataTypes.BooleanType,
                        e -> Vectors.dense(e.features()), e -> e.label() == 1),
                        "the label column label holds boolean; it must be numeric (a class index, 0/1 or a real number)"),
                // Was Spark's AMBIGUOUS_REFERENCE analysis error (and the model read the first of them).
                new FitRefusal("two features columns", planar(), good.withColumn("copy", good.col("features")).toDF("features", "label", "features"),
                        "the dataset has 2 columns named features, which is to be the features column; rename all but one"),
                // Was Spark's AMBIGUOUS_REFERENCE: Spark resolves names case-insensitively by default (spark.sql.caseSensitive false).
                new FitRefusal("label and Label", planar(), good.withColumn("copy", good.col("label")).toDF("features", "label", "Label"),
                        "the dataset has 2 columns named label but for case (label, Label), which is to be the label column: Spark"
                                + " reads column names case-insensitively (spark.sql.caseSensitive is false); rename all but one"),
                new FitRefusal("a prediction column that differs from an input column by case", planar(),
                        good.withColumn("Prediction", good.col("label")),
                        "the prediction column prediction already exists as Prediction: Spark reads column names case-insensitively"
                                + " (spark.sql.caseSensitive is false); set another name for it"),
                new FitRefusal("prediction and probability columns that differ by case", planar().setProbabilityCol("Prediction"), good,
                        "the prediction and probability columns are both named prediction but for case (prediction, Prediction): Spark"
                                + " reads column names case-insensitively (spark.sql.caseSensitive is false); set another name for one of them"),
                new FitRefusal("a mis-named features column", planar().setFeaturesCol("Features"), good,
                        "there is no features column Features; the columns are features, label"),
                new FitRefusal("sparse vectors of another size", planar(), table(SQLDataTypes.VectorType(), DataTypes.DoubleType,
                        e -> Vectors.sparse(5, new int[] {0}, new double[] {1}), Example::label),
                        "40 of 40 rows cannot train Planar; the first (partition 0, row 0): the features vector has size 5,"
                                + " the network takes 2 inputs"),
                // Returned the initial params as a model, every cost NaN.
                new FitRefusal("a sampleFraction so small that no step samples a row", hand().setSampleFraction(1e-300), good,
                        "sampleFraction 1.0E-300 sampled no row in any of the 3 steps, so nothing was trained; raise it (a step sees"
                                + " about sampleFraction x rows)"),
                new FitRefusal("a dataset of no partitions", planar(),
                        spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).<Row>emptyRDD(), LocalSpark.SCHEMA),
                        "the dataset has no rows to train Planar on"));
        for (FitRefusal refusal : refusals) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> refusal.estimator().fit(refusal.data()),
                    refusal.what());
            assertEquals(refusal.message(), e.getMessage(), refusal.what());
        }
    }

    /** Label columns of any numeric type, sparse vectors and column names that col() would misread all train as the plain ones do. */
    @Test
    void otherNumericLabelsSparseVectorsAndOddColumnNamesTrainAsThePlainOnes() {
        NetgradModel plain = planar().fit(LocalSpark.partitioned(spark, CIRCLE, 20, 20));
        Map<String, NetgradModel> others = new LinkedHashMap<>();
        others.put("long labels", planar().fit(table(SQLDataTypes.VectorType(), DataTypes.LongType,
                e -> Vectors.dense(e.features()), e -> (long) e.label())));
        others.put("decimal labels", planar().fit(table(SQLDataTypes.VectorType(), DataTypes.createDecimalType(10, 2),
                e -> Vectors.dense(e.features()), e -> BigDecimal.valueOf(e.label()))));
        others.put("sparse features", planar().fit(table(SQLDataTypes.VectorType(), DataTypes.DoubleType,
                e -> Vectors.dense(e.features()).toSparse(), Example::label)));
        // col("f.x") is field x of a struct f, and col("f`x") a syntax error: both were Spark analysis errors.
        others.put("a dotted features column", planar().setFeaturesCol("f.x").setLabelCol("l.y")
                .fit(table(SQLDataTypes.VectorType(), DataTypes.DoubleType, e -> Vectors.dense(e.features()), Example::label, "f.x", "l.y")));
        others.put("a backtick in the column names", planar().setFeaturesCol("f`x").setLabelCol("`y`")
                .fit(table(SQLDataTypes.VectorType(), DataTypes.DoubleType, e -> Vectors.dense(e.features()), Example::label, "f`x", "`y`")));
        others.forEach((what, model) -> {
            assertEquals(LabelKind.BINARY, model.labelKind(), what);
            assertArrayEquals(plain.costs(), model.costs(), 0.0, what);
            assertParamsClose(plain.trainedParams(), model.trainedParams(), 0);
        });
    }

    /** With spark.sql.caseSensitive true, columns that differ only by case are other columns, as Spark reads them. */
    @Test
    void columnsThatDifferByCaseAreOtherColumnsWhenTheSessionIsCaseSensitive() {
        Dataset<Row> good = LocalSpark.partitioned(spark, CIRCLE, 20, 20);
        NetgradModel plain = planar().fit(good);
        Dataset<Row> cased = good.withColumn("copy", functions.lit(7.0)).toDF("features", "label", "Label");
        spark.conf().set("spark.sql.caseSensitive", "true");
        try {
            NetgradModel model = planar().setProbabilityCol("Prediction").fit(cased);
            assertArrayEquals(plain.costs(), model.costs(), 0.0);
            assertEquals(List.of("features", "label", "Label", "prediction", "Prediction", "rawPrediction"),
                    List.of(model.transform(cased).schema().fieldNames()));
        } finally {
            spark.conf().unset("spark.sql.caseSensitive");
        }
    }

    /** steps = Integer.MAX_VALUE (train until it diverges) asked for the costs array up front: an OutOfMemoryError before the first step. */
    @Test
    void aHugeNumberOfStepsRunsUntilTheFitDiverges() {
        TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> hand().setLearningRate(1e200).setSteps(Integer.MAX_VALUE)
                .fit(LocalSpark.partitioned(spark, CIRCLE, 20, 20)));
        int done = e.model().costs().length;
        assertTrue(done >= 1 && done < 100, "steps done before the failing one: " + done);
    }

    /** handleInvalid "error", the default: the row's place, its column and its problem, and the other choices. */
    @Test
    void transformNamesTheFeaturesColumnOfARowItCannotPredict() {
        NetgradModel model = planar().setSteps(1).fit(LocalSpark.partitioned(spark, CIRCLE, 20, 20)).setFeaturesCol("f.x");
        String choices = " (handleInvalid \"skip\" drops such rows, \"keep\" gives them a null prediction)";
        Map<String, Dataset<Row>> bad = new LinkedHashMap<>();
        bad.put("partition 0, row 5: the features column f.x is null; netgrad predicts only from features" + choices,
                table(SQLDataTypes.VectorType(), DataTypes.DoubleType, e -> e == CIRCLE.get(5) ? null : Vectors.dense(e.features()),
                        Example::label, "f.x", "label"));
        // One bad row each: with more, which partition's task fails first is a race.
        bad.put("partition 0, row 3: the features column f.x holds a vector of size 3, the network takes 2 inputs" + choices,
                table(SQLDataTypes.VectorType(), DataTypes.DoubleType, e -> e == CIRCLE.get(3) ? Vectors.dense(1, 2, 3)
                        : Vectors.dense(e.features()), Example::label, "f.x", "label"));
        // Was "a row's feature 1 is NaN", naming neither the column nor the row.
        bad.put("partition 1, row 2: feature 1 of the features column f.x is NaN; netgrad predicts only from finite features" + choices,
                table(SQLDataTypes.VectorType(), DataTypes.DoubleType, e -> e == CIRCLE.get(22) ? Vectors.dense(1, Double.NaN)
                        : Vectors.dense(e.features()), Example::label, "f.x", "label"));
        bad.forEach((message, data) -> {
            // Spark runs transform lazily: the refusal is a failed task, at the action.
            Exception e = assertThrows(Exception.class, () -> model.transform(data).collectAsList());
            String messages = "";
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages += t.getMessage() + "\n";
            }
            assertTrue(messages.contains("java.lang.IllegalArgumentException: " + message), messages);
        });
    }

    /**
     * handleInvalid as Spark ML's VectorAssembler and StringIndexer define it: "skip" drops a row whose features
     * cannot be predicted from, "keep" keeps it with nulls in the model's columns; the other rows are
     * predicted as ever. The estimator's setting reaches its model. Before, one such row failed the whole job.
     */
    @Test
    void handleInvalidSkipsOrKeepsARowItCannotPredict() {
        Dataset<Row> good = LocalSpark.partitioned(spark, CIRCLE, 20, 20);
        NetgradModel model = planar().setSteps(1).fit(good);
        List<Example> bad = List.of(CIRCLE.get(5), CIRCLE.get(7), CIRCLE.get(30));
        Dataset<Row> data = table(SQLDataTypes.VectorType(), DataTypes.DoubleType, e -> e == bad.get(0) ? null
                : e == bad.get(1) ? Vectors.dense(Double.POSITIVE_INFINITY, 0) : e == bad.get(2) ? Vectors.dense(1, 2, 3)
                : Vectors.dense(e.features()), Example::label);
        List<Row> expected = model.transform(good).collectAsList();

        List<Row> skipped = model.setHandleInvalid("skip").transform(data).collectAsList();
        assertEquals(37, skipped.size());
        // Chunks of one row: a skipped row is not the partition's end.
        assertEquals(37, ((NetgradModel) model.copy(new ParamMap())).setChunkRows(1).transform(data).collectAsList().size());
        List<Row> kept = ((NetgradModel) model.copy(new ParamMap())).setHandleInvalid("keep").transform(data).collectAsList();
        assertEquals(40, kept.size());
        int k = 0;
        for (int i = 0; i < CIRCLE.size(); i++) {
            Row row = kept.get(i);
            if (bad.contains(CIRCLE.get(i))) {
                assertTrue(row.isNullAt(2) && row.isNullAt(3) && row.isNullAt(4), "row " + i + ": " + row);
                continue;
            }
            assertEquals(expected.get(i).get(2), row.get(2), "row " + i);
            assertEquals(expected.get(i).get(3), row.get(3), "row " + i);
            assertEquals(expected.get(i).get(4), row.get(4), "row " + i);
            assertEquals(expected.get(i).get(2), skipped.get(k).get(2), "row " + i);
            assertEquals(expected.get(i).get(3), skipped.get(k++).get(3), "row " + i);
        }
        // Only "keep" makes the model's columns nullable.
        assertTrue(model.setHandleInvalid("keep").transformSchema(data.schema()).apply("prediction").nullable());
        assertTrue(!model.setHandleInvalid("error").transformSchema(data.schema()).apply("prediction").nullable());

        NetgradModel fromEstimator = planar().setSteps(1).setHandleInvalid("skip").fit(good);
        assertEquals("skip", fromEstimator.getOrDefault(fromEstimator.handleInvalid()));
        assertEquals(37, fromEstimator.transform(data).count());
    }

    @Test
    void handleInvalidTakesErrorSkipOrKeep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model().setHandleInvalid("drop"));
        assertTrue(e.getMessage().endsWith("parameter handleInvalid given invalid value drop."), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> planar().setHandleInvalid(null));
        assertTrue(e.getMessage().endsWith("parameter handleInvalid given no value (null); it takes " + model().handleInvalid().doc()),
                e.getMessage());
        NetgradModel model = model();
        assertEquals("error", model.getOrDefault(model.handleInvalid()));
    }

    /**
     * A features vector of another size than the network's input is refused by its size, never made dense:
     * a sparse one as large as a vector can be (a HashingTF's numFeatures set wrong, say) threw an
     * OutOfMemoryError from the task, and one of HashingTF's default 2^18 took 2 MB a row in fit's cache.
     */
    @Test
    void aVectorOfAnotherSizeIsRefusedByItsSizeNotMadeDense() throws Exception {
        org.apache.spark.ml.linalg.Vector huge = Vectors.sparse(Integer.MAX_VALUE, new int[] {3}, new double[] {1});
        Example row = Columns.example(huge, 1, 2);
        assertEquals(null, row.features());
        assertEquals("(partition 0, row 0): the features vector has size 2147483647, the network takes 2 inputs",
                DataCheck.Summary.EMPTY.with(0, row, 2, 1, LabelKind.BINARY).firstProblem());
        assertArrayEquals(new double[] {0, 1}, Columns.example(Vectors.sparse(2, new int[] {1}, new double[] {1}), 1, 2).features());

        Predictions predictions = new Predictions(seed -> new HandNet(seed, BINARY), 1, Params.of(new HandNet(1, BINARY)), LabelKind.BINARY,
                "features", 0, 1024, "error", java.util.EnumSet.allOf(ModelColumns.Output.class));
        java.util.Iterator<Row> rows = List.of(RowFactory.create(huge, 1.0)).iterator();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> predictions.call(rows).hasNext());
        assertEquals("partition 0, row 0: the features column features holds a vector of size 2147483647, the network takes 2 inputs"
                + " (handleInvalid \"skip\" drops such rows, \"keep\" gives them a null prediction)", e.getMessage());
    }

    /**
     * A wide input given as sparse vectors is cached as their nonzero entries and trains bit for bit as the same
     * rows given dense: each row was cached dense, 2 MB a row at HashingTF's 2^18 features.
     */
    @Test
    void wideSparseRowsAreCachedAsTheirEntriesAndTrainAsDenseOnes() {
        HandNet.Shape wide = new HandNet.Shape(40, 5, 1, 0, 1, null);
        // CIRCLE's two features at 7 and 31 of 40, the rest 0.
        Function<Example, double[]> spread = e -> {
            double[] x = new double[40];
            x[7] = e.features()[0];
            x[31] = e.features()[1];
            return x;
        };
        Function<Example, Object> label = Example::label;
        NetgradEstimator estimator = new NetgradEstimator().setTrainer(seed -> new HandNet(seed, wide)).setSeed(3).setLearningRate(0.5).setSteps(5);
        NetgradModel dense = estimator.fit(table(SQLDataTypes.VectorType(), DataTypes.DoubleType, e -> Vectors.dense(spread.apply(e)), label));
        NetgradModel sparse = estimator.fit(table(SQLDataTypes.VectorType(), DataTypes.DoubleType,
                e -> Vectors.dense(spread.apply(e)).toSparse(), label));
        assertArrayEquals(dense.costs(), sparse.costs(), 0.0);
        assertParamsClose(dense.trainedParams(), sparse.trainedParams(), 0);

        Example cached = Columns.example(Vectors.sparse(1 << 18, new int[] {3, 70_000}, new double[] {0.5, -2}), 1, 1 << 18);
        assertEquals(2, cached.storedEntries());
        assertEquals(-2, cached.feature(70_000));
        assertEquals(0, cached.feature(4));
        // Dense when the entries would take more room than the array: 2 of 2 features set.
        assertFalse(Columns.example(Vectors.sparse(2, new int[] {0, 1}, new double[] {1, 2}), 1, 2).isSparse());
        assertEquals("(partition 0, row 0): feature 70000 is NaN", DataCheck.Summary.EMPTY.with(0,
                Columns.example(Vectors.sparse(1 << 18, new int[] {3, 70_000}, new double[] {0.5, Double.NaN}), 1, 1 << 18), 1 << 18, 1,
                LabelKind.BINARY).firstProblem());
    }

    private static NetgradEstimator planar() {
        return new NetgradEstimator().setTrainer(GeneratedTrainers.factory("planar.nn")).setLearningRate(0.5).setSteps(3);
    }

    /** A model of no training (steps 0), for its setters. */
    private static NetgradModel model() {
        return hand().setSteps(0).fit(LocalSpark.partitioned(spark, CIRCLE, 20, 20));
    }

    private static NetgradEstimator hand() {
        return new NetgradEstimator().setTrainer(seed -> new HandNet(seed, BINARY)).setSteps(3);
    }

    private static Dataset<Row> table(DataType featuresType, DataType labelType, Function<Example, Object> features,
            Function<Example, Object> label) {
        return table(featuresType, labelType, features, label, "features", "label");
    }

    /** CIRCLE as a two-column table of these types and names, in two partitions of 20 rows, as {@code LocalSpark.partitioned(spark, CIRCLE, 20, 20)}. */
    private static Dataset<Row> table(DataType featuresType, DataType labelType, Function<Example, Object> features,
            Function<Example, Object> label, String featuresCol, String labelCol) {
        List<Row> rows = new ArrayList<>();
        for (Example e : CIRCLE) {
            rows.add(RowFactory.create(features.apply(e), label.apply(e)));
        }
        StructType schema = new StructType().add(featuresCol, featuresType).add(labelCol, labelType);
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2), schema);
    }
}
