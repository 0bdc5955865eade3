package dev.netgrad.runtime.spark;

import static dev.netgrad.runtime.spark.DataParallelTrainingTest.assertParamsClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * Saving and loading as Spark ML users do: a model and an estimator through write().save and load,
 * alone and inside a Pipeline or PipelineModel, Spark's overwrite rule, and the refusals of what
 * cannot be saved or loaded. Before, neither was MLWritable: a PipelineModel holding a model could
 * not be saved at all.
 */
class SavedStagesTest {
    private static final HandNet.Shape BINARY = new HandNet.Shape(2, 5, 1, 0, 1, null);
    private static final List<Example> CIRCLE = LocalSpark.circle(40, 7);
    private static final SparkSession spark = LocalSpark.session();

    @TempDir
    Path folder;

    /** A trainer class loadable by name, as a generated one is. */
    public static final class Circle extends HandNet {
        public Circle(long seed) {
            super(seed, BINARY);
        }
    }

    /** Another network: a hidden layer of 7, not 5. */
    public static final class WiderCircle extends HandNet {
        public WiderCircle(long seed) {
            super(seed, new HandNet.Shape(2, 7, 1, 0, 1, null));
        }
    }

    /** Circle as a generated class says what it computes: a tanh layer, then a sigmoid. */
    public static final class TanhCircle extends HandNet {
        public TanhCircle(long seed) {
            super(seed, BINARY);
        }

        @Override
        public List<String> forwardPass() {
            return List.of("Z1 = W1 @ X + b1", "A1 = tanh(Z1)", "Z2 = W2 @ A1 + b2", "A2 = sigmoid(Z2)");
        }
    }

    /** The class generated again from a spec that changed only the activation: the same params' names and shapes. */
    public static final class ReluCircle extends HandNet {
        public ReluCircle(long seed) {
            super(seed, BINARY);
        }

        @Override
        public List<String> forwardPass() {
            return List.of("Z1 = W1 @ X + b1", "A1 = relu(Z1)", "Z2 = W2 @ A1 + b2", "A2 = sigmoid(Z2)");
        }
    }

    /** The class generated again from a spec that renamed a value only: the same network. */
    public static final class RenamedCircle extends HandNet {
        public RenamedCircle(long seed) {
            super(seed, BINARY);
        }

        @Override
        public List<String> forwardPass() {
            return List.of("Z1 = W1 @ X + b1", "H1 = tanh(Z1)", "Z2 = W2 @ H1 + b2", "A2 = sigmoid(Z2)");
        }
    }

    /**
     * A model is saved with the forward pass it was trained through, and a class that computes another (relu where
     * tanh trained it: the same names and shapes) is refused on load, naming the first line that differs; before, it
     * loaded and predicted through another network without a word. Values only renamed load, and so does a model
     * saved before models recorded their forward pass, or by a trainer that does not say it.
     */
    @Test
    void aModelIsRefusedByAClassOfAnotherForwardPass() throws IOException {
        Dataset<Row> data = LocalSpark.partitioned(spark, CIRCLE, 20, 20);
        NetgradModel model = estimator().setTrainerClass(TanhCircle.class).setSteps(1).fit(data);
        String tanh = folder.resolve("tanh").toString();
        model.write().save(tanh);
        assertParamsClose(model.trainedParams(), NetgradModel.load(tanh).trainedParams(), 0);
        String relu = copyEditingMetadata(tanh, "relu", TanhCircle.class.getName(), ReluCircle.class.getName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetgradModel.load(relu));
        assertEquals(relu + " was trained through another forward pass than HandNet (" + ReluCircle.class.getName() + ")'s now:"
                + " line 2 of it was 'A1 = tanh(Z1)', where the class has 'A1 = relu(Z1)'; the params fit by names and shapes, but"
                + " the network they make is not the one trained: fit the model again, or load it with the class it was trained by",
                e.getMessage());
        String renamed = copyEditingMetadata(tanh, "renamed", TanhCircle.class.getName(), RenamedCircle.class.getName());
        assertParamsClose(model.trainedParams(), NetgradModel.load(renamed).trainedParams(), 0);
        String damaged = copyEditingMetadata(tanh, "damaged", "\"forward\":[\"Z1", "\"forward\":[1,\"Z1");
        e = assertThrows(IllegalArgumentException.class, () -> NetgradModel.load(damaged));
        assertTrue(e.getMessage().startsWith(damaged + " is damaged: its metadata's forward should be an array of the lines"), e.getMessage());

        // Circle does not say what it computes: its save records none, and any class of the same params loads it.
        String old = folder.resolve("old").toString();
        estimator().setSteps(1).fit(data).write().save(old);
        String unsaid = copyEditingMetadata(old, "unsaid", Circle.class.getName(), ReluCircle.class.getName());
        assertEquals(ReluCircle.class, NetgradModel.load(unsaid).trainer().getClass());
    }

    @Test
    void aModelLoadsAsItWasSaved() throws IOException {
        Dataset<Row> data = LocalSpark.partitioned(spark, CIRCLE, 20, 20);
        NetgradModel model = estimator().fit(data).setPredictionCol("guess").setHandleInvalid("keep").setChunkRows(7);
        String path = folder.resolve("model").toString();
        model.write().save(path);

        NetgradModel loaded = NetgradModel.load(path);
        assertEquals(model.uid(), loaded.uid());
        assertEquals(LabelKind.BINARY, loaded.labelKind());
        assertArrayEquals(model.costs(), loaded.costs(), 0);
        assertParamsClose(model.trainedParams(), loaded.trainedParams(), 0);
        assertEquals(model.extractParamMap().toString(), loaded.extractParamMap().toString().replace(loaded.uid(), model.uid()));
        for (Param<?> p : model.params()) {
            assertEquals(model.getOrDefault(p), loaded.getOrDefault(p), p.name());
            // A value set stays set, a default stays a default: the loader restores each map as itself.
            assertEquals(model.isSet(p), loaded.isSet(p), p.name() + " is set");
            assertEquals(model.hasDefault(p), loaded.hasDefault(p), p.name() + " has a default");
        }
        assertEquals(model.transform(data).collectAsList(), loaded.transform(data).collectAsList());
    }

    @Test
    void anEstimatorLoadsWithItsSettingsTrainerAndInitialParams() throws IOException {
        Dataset<Row> data = LocalSpark.partitioned(spark, CIRCLE, 20, 20);
        NetgradEstimator estimator = estimator().setOptimizer("adam").setLearningRate(0.05).setSeed(11).setSampleFraction(0.5)
                .setLabelKind("binary").setInitialParams(Map.of("b2", new double[][] {{0.25}}));
        String path = folder.resolve("estimator").toString();
        estimator.write().save(path);

        NetgradEstimator loaded = NetgradEstimator.load(path);
        assertEquals(estimator.uid(), loaded.uid());
        for (Param<?> p : estimator.params()) {
            if (!p.name().equals("trainer") && !p.name().equals("initialParams")) {
                assertEquals(estimator.getOrDefault(p), loaded.getOrDefault(p), p.name());
            }
            assertEquals(estimator.isSet(p), loaded.isSet(p), p.name() + " is set");
            assertEquals(estimator.hasDefault(p), loaded.hasDefault(p), p.name() + " has a default");
        }
        assertArrayEquals(new double[][] {{0.25}}, loaded.getOrDefault(loaded.initialParams()).get("b2"));
        // A save from before initialParamsSet was written: initialParams holding a matrix loads as set.
        String olderPath = copyEditingMetadata(path, "older", ",\"initialParamsSet\":true", "");
        try (Stream<Path> files = Files.walk(Path.of(olderPath, "metadata"))) {
            assertTrue(files.filter(f -> f.getFileName().toString().startsWith("part-")).allMatch(f -> !read(f).contains("initialParamsSet")));
        }
        NetgradEstimator older = NetgradEstimator.load(olderPath);
        assertEquals(true, older.isSet(older.initialParams()), "an older save's initialParams is set");
        assertArrayEquals(new double[][] {{0.25}}, older.getInitialParams().get("b2"));
        NetgradModel fromOriginal = estimator.fit(data);
        NetgradModel fromLoaded = loaded.fit(data);
        assertArrayEquals(fromOriginal.costs(), fromLoaded.costs(), 0);
        assertParamsClose(fromOriginal.trainedParams(), fromLoaded.trainedParams(), 0);
        // An estimator with no trainer yet saves and loads too (a pipeline's template).
        new NetgradEstimator().write().save(folder.resolve("bare").toString());
        NetgradEstimator bare = NetgradEstimator.load(folder.resolve("bare").toString());
        assertTrue(!bare.isDefined(bare.trainer()));
        // initialParams left at its default loads as the default ({}), not as set to {}.
        assertEquals(false, bare.isSet(bare.initialParams()), "initialParams is set");
        assertEquals(Map.of(), bare.getInitialParams());
    }

    @Test
    void aPipelineAndItsFittedModelSaveAndLoad() throws IOException {
        Dataset<Row> data = LocalSpark.partitioned(spark, CIRCLE, 20, 20).withColumnRenamed("features", "raw");
        VectorAssembler assemble = new VectorAssembler().setInputCols(new String[] {"raw"}).setOutputCol("features");
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assemble, estimator()});
        PipelineModel fitted = pipeline.fit(data);
        String modelPath = folder.resolve("pipeline-model").toString();
        fitted.write().save(modelPath);
        assertEquals(fitted.transform(data).collectAsList(), PipelineModel.load(modelPath).transform(data).collectAsList());

        String pipelinePath = folder.resolve("pipeline").toString();
        pipeline.write().save(pipelinePath);
        PipelineModel refitted = Pipeline.load(pipelinePath).fit(data);
        assertArrayEquals(((NetgradModel) fitted.stages()[1]).costs(), ((NetgradModel) refitted.stages()[1]).costs(), 0);
    }

    @Test
    void savingOverAPathNeedsOverwriteAsSparkMlSays() throws IOException {
        Dataset<Row> data = LocalSpark.partitioned(spark, CIRCLE, 20, 20);
        String path = folder.resolve("model").toString();
        estimator().setSteps(1).fit(data).write().save(path);
        NetgradModel second = estimator().setSteps(2).fit(data);
        IOException e = assertThrows(IOException.class, () -> second.write().save(path));
        assertTrue(e.getMessage().contains("already exists. To overwrite it, please use write.overwrite().save(path)"), e.getMessage());
        assertEquals(1, NetgradModel.load(path).costs().length);
        second.write().overwrite().save(path);
        assertEquals(2, NetgradModel.load(path).costs().length);
    }

    /**
     * An estimator whose initialParams no save can hold (a null matrix) is refused by write(), before Spark's
     * overwrite deletes what the path holds. Before, the refusal came from saveImpl, after the delete and after
     * the metadata was written: the good save was lost, and the path held a stage that would not load.
     */
    @Test
    void anEstimatorThatCannotBeSavedLeavesThePathAsItWas() throws IOException {
        String path = folder.resolve("estimator").toString();
        estimator().setSteps(3).write().save(path);
        Map<String, double[][]> nullW1 = new HashMap<>();
        nullW1.put("W1", null);
        NetgradEstimator unsaveable = estimator().setInitialParams(nullW1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> unsaveable.write().overwrite().save(path));
        assertEquals("cannot save initialParams W1: it is null or its rows differ in length", e.getMessage());
        assertEquals(3, NetgradEstimator.load(path).getSteps());
        Path fresh = folder.resolve("fresh");
        assertThrows(IllegalArgumentException.class, () -> unsaveable.write().save(fresh.toString()));
        assertTrue(!Files.exists(fresh), "nothing written at " + fresh);
    }

    /** A save or load refused, and all it says (PATH stands for the stage's folder). */
    private record Refusal(String what, Class<? extends Exception> type, Executable act, String message) {
    }

    @Test
    void whatCannotBeSavedOrLoadedIsRefusedNamingWhy() throws IOException {
        Dataset<Row> data = LocalSpark.partitioned(spark, CIRCLE, 20, 20);
        String model = folder.resolve("model").toString();
        estimator().setSteps(1).fit(data).write().save(model);
        String estimator = folder.resolve("estimator").toString();
        estimator().write().save(estimator);
        String wider = copyEditingMetadata(model, "wider", Circle.class.getName(), WiderCircle.class.getName());
        String missing = copyEditingMetadata(model, "missing", Circle.class.getName(), "example.nets.Gone");
        String noKind = copyEditingMetadata(model, "no-kind", "\"labelKind\":\"binary\"", "\"labelKind\":\"maybe\"");
        Map<String, double[][]> nullW1 = new HashMap<>();
        nullW1.put("W1", null);
        NetgradModel byLambda = new NetgradEstimator().setTrainer(seed -> new HandNet(seed, BINARY)).setSteps(1).fit(data);
        String uid = byLambda.uid();
        List<Refusal> refusals = List.of(
                new Refusal("a model whose trainer is a lambda", UnsupportedOperationException.class, () -> byLambda.write(),
                        "cannot save model " + uid + ": its trainer was given as a factory (setTrainer), which names no class to make"
                                + " it again on load; set it with setTrainerClass (a generated trainer class) to save it"),
                new Refusal("an estimator whose trainer is a lambda", UnsupportedOperationException.class,
                        () -> new NetgradEstimator(uid).setTrainer(seed -> new HandNet(seed, BINARY)).write(),
                        "cannot save estimator " + uid + ": its trainer was given as a factory (setTrainer), which names no class to"
                                + " make it again on load; set it with setTrainerClass (a generated trainer class) to save it"),
                new Refusal("an estimator loaded as a model", IllegalArgumentException.class, () -> NetgradModel.load(estimator),
                        estimator + " holds a dev.netgrad.runtime.spark.NetgradEstimator, not a NetgradModel; load it with its own class's load"),
                new Refusal("a model loaded as an estimator", IllegalArgumentException.class, () -> NetgradEstimator.load(model),
                        model + " holds a dev.netgrad.runtime.spark.NetgradModel, not a NetgradEstimator; load it with its own class's load"),
                // A class generated again from a changed spec: its W1 is 7 x 2 now.
                new Refusal("a model of another network", IllegalArgumentException.class, () -> NetgradModel.load(wider),
                        wider + " holds W1 as 5 x 2, but HandNet (" + WiderCircle.class.getName() + ")'s W1 is 7 x 2: the model was saved"
                                + " from another network"),
                // The setter takes it (fit refuses it); the save was an NPE.
                new Refusal("an estimator with a null initial param", IllegalArgumentException.class,
                        () -> estimator().setInitialParams(nullW1).write().save(folder.resolve("null-w1").toString()),
                        "cannot save initialParams W1: it is null or its rows differ in length"),
                new Refusal("a model whose metadata lacks a label kind", IllegalArgumentException.class, () -> NetgradModel.load(noKind),
                        noKind + " is damaged: its metadata needs a seed (a whole number) and a labelKind (classes, binary or real)"),
                new Refusal("a model whose trainer class is gone", IllegalArgumentException.class, () -> NetgradModel.load(missing),
                        missing + " was saved with the trainer example.nets.Gone, which is not on the class path; add the generated class"
                                + " to the job"));
        for (Refusal refusal : refusals) {
            Exception e = assertThrows(refusal.type(), refusal.act(), refusal.what());
            assertEquals(refusal.message(), e.getMessage(), refusal.what());
        }
    }

    /**
     * A CrossValidator choosing between two networks, as a grid over LogisticRegression's regParam chooses: its
     * maps hold trainer factories, which Spark saves by each param's jsonEncode. Before, the trainer param had
     * Spark's default one, which takes strings, vectors and matrices alone: the save failed ("The default
     * jsonEncode only supports string, vector and matrix").
     */
    @Test
    void aCrossValidatorOverTrainersSavesAndLoads() throws IOException {
        NetgradEstimator estimator = estimator();
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(estimator.trainer(), JavaConverters.asScalaBuffer(List.of(
                        TrainerFactory.of(Circle.class), TrainerFactory.of(WiderCircle.class))).toList())
                .build();
        CrossValidator validator = new CrossValidator().setEstimator(estimator).setEstimatorParamMaps(grid)
                .setEvaluator(new BinaryClassificationEvaluator()).setNumFolds(2).setSeed(3);
        String path = folder.resolve("validator").toString();
        validator.write().save(path);

        ParamMap[] loaded = CrossValidator.load(path).getEstimatorParamMaps();
        assertEquals(2, loaded.length);
        for (int i = 0; i < grid.length; i++) {
            NetgradEstimator loadedEstimator = (NetgradEstimator) CrossValidator.load(path).getEstimator();
            assertEquals(grid[i].apply(estimator.trainer()), loaded[i].apply(loadedEstimator.trainer()), "map " + i);
        }
        CrossValidatorModel chosen = validator.fit(LocalSpark.partitioned(spark, CIRCLE, 20, 20));
        assertEquals(2, chosen.avgMetrics().length);

        // A factory that names no class is refused as the estimator's own save refuses it.
        ParamMap[] lambdas = new ParamGridBuilder().addGrid(estimator.trainer(), JavaConverters.asScalaBuffer(
                List.<TrainerFactory>of(Circle::new)).toList()).build();
        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
                () -> validator.copy(new ParamMap()).setEstimatorParamMaps(lambdas).write().save(folder.resolve("lambda").toString()));
        assertTrue(refused.getMessage().contains("setTrainerClass"), refused.getMessage());
    }

    /**
     * A CrossValidator over warm starts (a grid over initialParams), directly and over a Pipeline holding the
     * estimator: fitted, saved, loaded, each map's matrices back bit for bit (-0.0, a subnormal, the largest
     * double, a decimal with no short form), and the loaded validator fits to the same metrics and best params.
     * Before, initialParams had Spark's default jsonEncode and the save failed ("The default jsonEncode only
     * supports string, vector and matrix").
     */
    @Test
    void aCrossValidatorOverInitialParamsSavesAndLoadsBitForBit() throws IOException {
        Dataset<Row> data = LocalSpark.partitioned(spark, CIRCLE, 20, 20);
        NetgradEstimator estimator = estimator();
        Map<String, double[][]> plain = Map.of("b2", new double[][] {{0.25}});
        Map<String, double[][]> extremes = new java.util.LinkedHashMap<>();
        extremes.put("b2", new double[][] {{-0.0}});
        extremes.put("b1", new double[][] {{Double.MIN_VALUE}, {Double.MAX_VALUE / 1e300}, {0.1 + 0.2}, {-Double.MIN_NORMAL}, {1e-300}});
        Map<String, double[][]> huge = Map.of("b2", new double[][] {{-Double.MAX_VALUE}});
        ParamMap[] grid = new ParamGridBuilder().addGrid(estimator.initialParams(),
                JavaConverters.asScalaBuffer(List.of(plain, extremes)).toList()).build();
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {estimator});
        for (PipelineStage held : List.of(estimator, pipeline)) {
            String what = held.getClass().getSimpleName();
            CrossValidator validator = new CrossValidator().setEstimator((org.apache.spark.ml.Estimator<?>) held)
                    .setEstimatorParamMaps(grid).setEvaluator(new BinaryClassificationEvaluator()).setNumFolds(2).setSeed(3);
            CrossValidatorModel chosen = validator.fit(data);
            String path = folder.resolve("validator-" + what).toString();
            validator.write().save(path);
            chosen.write().save(path + "-model");

            CrossValidator loaded = CrossValidator.load(path);
            NetgradEstimator loadedEstimator = (NetgradEstimator) (held == pipeline
                    ? ((Pipeline) loaded.getEstimator()).getStages()[0] : loaded.getEstimator());
            for (int i = 0; i < grid.length; i++) {
                assertSameBits(grid[i].apply(estimator.initialParams()), loaded.getEstimatorParamMaps()[i].apply(loadedEstimator.initialParams()),
                        what + " map " + i);
                assertSameBits(grid[i].apply(estimator.initialParams()),
                        CrossValidatorModel.load(path + "-model").getEstimatorParamMaps()[i].apply(loadedEstimator.initialParams()),
                        what + " model's map " + i);
            }
            CrossValidatorModel again = loaded.fit(data);
            assertArrayEquals(chosen.avgMetrics(), again.avgMetrics(), 0, what);
            assertEquals(chosen.transform(data).collectAsList(), again.transform(data).collectAsList(), what);
        }
        // Beyond the grid, every finite extreme and the non-finite numbers (which fit refuses, naming them) come back.
        Map<String, double[][]> odd = new java.util.LinkedHashMap<>(huge);
        odd.put("W2", new double[][] {{Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, 4.9e-324}});
        odd.put("none", new double[0][]);
        Param<Map<String, double[][]>> p = estimator.initialParams();
        assertSameBits(odd, p.jsonDecode(p.jsonEncode(odd)), "odd");
        Map<String, double[][]> ragged = Map.of("W1", new double[][] {{1, 2}, {3}});
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> p.jsonEncode(ragged));
        assertEquals("cannot save initialParams W1: it is null or its rows differ in length", refused.getMessage());
    }

    /** The same names in the same order, and matrices of the same bits. */
    private static void assertSameBits(Map<String, double[][]> expected, Map<String, double[][]> actual, String what) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), what);
        expected.forEach((name, m) -> {
            assertEquals(m.length, actual.get(name).length, what + " " + name);
            for (int r = 0; r < m.length; r++) {
                long[] bits = java.util.Arrays.stream(m[r]).mapToLong(Double::doubleToRawLongBits).toArray();
                assertArrayEquals(bits, java.util.Arrays.stream(actual.get(name)[r]).mapToLong(Double::doubleToRawLongBits).toArray(),
                        what + " " + name + " row " + r);
            }
        });
    }

    private static NetgradEstimator estimator() {
        return new NetgradEstimator().setTrainerClass(Circle.class).setLearningRate(0.5).setSteps(5);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A copy of the stage saved at {@code path} whose metadata has {@code to} for {@code from} (a trainer class changed since, say). */
    private String copyEditingMetadata(String path, String name, String from, String to) throws IOException {
        Path copy = folder.resolve(name);
        try (Stream<Path> files = Files.walk(Path.of(path))) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(Path.of(path).relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().endsWith(".crc")) {
                    // The checksums would refuse the edited metadata.
                    String text = file.getParent().getFileName().toString().equals("metadata") && file.getFileName().toString().startsWith("part-")
                            ? Files.readString(file).replace(from, to) : null;
                    if (text != null) {
                        Files.writeString(target, text);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
        }
        return copy.toString();
    }
}
