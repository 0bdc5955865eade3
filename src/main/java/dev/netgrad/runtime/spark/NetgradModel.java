package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.Trainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A trained network: adds a prediction column (a class index, 0/1 or the output) and, for
 * classes and binary labels, probability and raw prediction vector columns to a {@code Dataset<Row>}; hands back
 * the trained trainer for use in one JVM ({@link #trainer}). Saved and loaded as Spark ML's models
 * are ({@code model.write().overwrite().save(path)}, {@code NetgradModel.load(path)}), alone or in a
 * {@code PipelineModel}, when its trainer was set by class.
 */
public final class NetgradModel extends Model<NetgradModel> implements ModelParams, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final TrainerFactory factory;
    private final long seed;
    private final double[][][] params;
    private final LabelKind labelKind;
    private final double[] costs;
    private final Param<String> featuresCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> rawPredictionCol;
    private final IntParam chunkRows;
    private final Param<String> handleInvalid;

    NetgradModel(String uid, TrainerFactory factory, long seed, double[][][] params, LabelKind labelKind, double[] costs) {
        this.uid = uid;
        this.factory = factory;
        this.seed = seed;
        this.params = params;
        this.labelKind = labelKind;
        this.costs = costs;
        featuresCol = ModelColumns.featuresCol(this);
        predictionCol = ModelColumns.predictionCol(this);
        probabilityCol = ModelColumns.probabilityCol(this);
        rawPredictionCol = ModelColumns.rawPredictionCol(this);
        chunkRows = ModelColumns.chunkRows(this);
        handleInvalid = ModelColumns.handleInvalid(this);
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
        setDefault(chunkRows, 1024);
        setDefault(handleInvalid, ModelColumns.ERROR);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> featuresCol() {
        return featuresCol;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public Param<String> rawPredictionCol() {
        return rawPredictionCol;
    }

    public IntParam chunkRows() {
        return chunkRows;
    }

    public Param<String> handleInvalid() {
        return handleInvalid;
    }

    public NetgradModel setFeaturesCol(String value) {
        set(featuresCol, ModelColumns.given(uid, featuresCol, value));
        return this;
    }

    public NetgradModel setPredictionCol(String value) {
        set(predictionCol, ModelColumns.given(uid, predictionCol, value));
        return this;
    }

    public NetgradModel setProbabilityCol(String value) {
        set(probabilityCol, ModelColumns.given(uid, probabilityCol, value));
        return this;
    }

    public NetgradModel setRawPredictionCol(String value) {
        set(rawPredictionCol, ModelColumns.given(uid, rawPredictionCol, value));
        return this;
    }

    public NetgradModel setChunkRows(int value) {
        set(chunkRows, value);
        return this;
    }

    /** "error" (the default), "skip" or "keep": what transform does with a row it cannot predict from ({@link #handleInvalid}). */
    public NetgradModel setHandleInvalid(String value) {
        set(handleInvalid, ModelColumns.given(uid, handleInvalid, value));
        return this;
    }

    /** A new trainer holding the trained params, for prediction, saving or more training in one JVM. */
    public Trainer trainer() {
        Trainer trainer = factory.create(seed);
        Params.set(trainer, params);
        return trainer;
    }

    /** The trained params by name, in the network's order; copies. */
    public Map<String, double[][]> trainedParams() {
        return paramsOf(trainer());
    }

    private static Map<String, double[][]> paramsOf(Trainer trainer) {
        Map<String, double[][]> byName = new LinkedHashMap<>();
        for (String name : trainer.paramNames()) {
            byName.put(name, trainer.getParam(name));
        }
        return byName;
    }

    /** The cost J of every step, at the params the step started from (NaN for a step whose sample drew no row). */
    public double[] costs() {
        return costs.clone();
    }

    /** What the labels were taken to be: classes, binary or real. */
    public LabelKind labelKind() {
        return labelKind;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType schema = transformSchema(dataset.schema(), true);
        List<String> inputs = List.of(dataset.schema().fieldNames());
        String features = getFeaturesCol();
        Predictions predictions = new Predictions(factory, seed, params, labelKind, features, inputs.indexOf(features),
                getChunkRows(), getHandleInvalid(), ModelColumns.added(getPredictionCol(), getProbabilityCol(), getRawPredictionCol(),
                labelKind.classifies()).keySet());
        return dataset.toDF().mapPartitions(predictions, Encoders.row(schema));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Columns.requireFeatures(schema, getFeaturesCol());
        return ModelColumns.outputSchema(schema, getPredictionCol(), getProbabilityCol(), getRawPredictionCol(), labelKind.classifies(),
                getHandleInvalid());
    }

    /**
     * A writer of this model: its params, trainer class, seed, label kind, forward pass, trained params and costs.
     * Refuses a model whose trainer was given as a factory (setTrainer), which names no class to load.
     */
    @Override
    public MLWriter write() {
        return new Writer(this, StageFiles.trainerClass(factory, "model " + uid));
    }

    /** A reader of models saved by {@link #write}, as Spark ML's {@code read} (a PipelineModel's load calls it). */
    public static MLReader<NetgradModel> read() {
        return new Reader();
    }

    /**
     * The model saved at {@code path}; its trainer class must be on the class path and have the saved params' names and
     * shapes, and compute the forward pass they were trained through (values renamed aside): a class generated again
     * from a spec that changed an activation is refused, naming the first line that differs. A model saved before
     * models recorded their forward pass loads without that check.
     */
    public static NetgradModel load(String path) {
        return read().load(path);
    }

    private static final class Writer extends MLWriter {
        private final NetgradModel model;
        private final String trainerClass;

        Writer(NetgradModel model, String trainerClass) {
            this.model = model;
            this.trainerClass = trainerClass;
        }

        @Override
        public void saveImpl(String path) {
            Trainer trainer = model.trainer();
            Map<String, Object> extra = new LinkedHashMap<>(Map.of("trainerClass", trainerClass, "seed", model.seed,
                    "labelKind", model.labelKind.paramName()));
            // The forward pass the params were trained through, which load checks the class's against (none from a trainer that does not say).
            if (!trainer.forwardPass().isEmpty()) {
                extra.put("forward", trainer.forwardPass());
            }
            StageFiles.writeMetadata(model, path, sparkSession(), Set.of(), extra);
            StageFiles.writeMatrices(paramsOf(trainer), path + "/data", sparkSession(), "the trained param");
            StageFiles.writeCosts(model.costs, path + "/costs", sparkSession());
        }
    }

    private static final class Reader extends MLReader<NetgradModel> {
        @Override
        public NetgradModel load(String path) {
            com.fasterxml.jackson.databind.JsonNode metadata = StageFiles.readMetadata(path, sparkSession(), NetgradModel.class);
            TrainerFactory factory = StageFiles.trainerFactory(metadata, path);
            if (factory == null) {
                throw new IllegalArgumentException(path + " is damaged: its metadata names no trainer class");
            }
            String kindName = metadata.path("labelKind").asText("");
            if (!metadata.path("seed").canConvertToLong() || !List.of("classes", "binary", "real").contains(kindName)) {
                throw new IllegalArgumentException(path + " is damaged: its metadata needs a seed (a whole number) and a labelKind"
                        + " (classes, binary or real)");
            }
            long seed = metadata.path("seed").asLong();
            LabelKind kind = LabelKind.named(kindName);
            Trainer trainer = factory.create(seed);
            double[][][] params = StageFiles.trainedParams(StageFiles.readMatrices(path + "/data", sparkSession()), trainer, path);
            ForwardPasses.requireSame(ForwardPasses.saved(metadata, path), trainer, path);
            NetgradModel model = new NetgradModel(metadata.path("uid").asText(), factory, seed, params, kind,
                    StageFiles.readCosts(path + "/costs", sparkSession()));
            StageFiles.restoreParams(model, metadata, path, model::setDefault);
            return model;
        }
    }

    @Override
    public NetgradModel copy(ParamMap extra) {
        NetgradModel copy = new NetgradModel(uid, factory, seed, params, labelKind, costs);
        return copyValues(copy, extra).setParent(parent());
    }
}
