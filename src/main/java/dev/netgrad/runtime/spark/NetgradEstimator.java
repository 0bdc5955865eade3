package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a netgrad trainer on a {@code Dataset<Row>} with Spark, data-parallel and exact: each
 * step broadcasts the params, every partition returns the sums of its rows (count, loss sum,
 * gradient sums) and the driver adds them, applies the 1/m once with the global m (none for a
 * cost of sum(L)), adds the regularizer once and steps the optimizer. Full batch gives the params
 * one JVM would, whatever the partitioning. Networks whose values couple the examples (batchnorm, a
 * reduction along the examples), or whose penalty has a term that reads m in a way not proved to
 * stay finite as m grows, are refused before any job runs. Saved and loaded as Spark ML's
 * estimators are, alone or in a {@code Pipeline}, when its trainer was set by class (or not yet
 * set).
 */
public final class NetgradEstimator extends Estimator<NetgradModel> implements TrainingParams, MLWritable {
    private static final long serialVersionUID = 1L;
    /** onDivergence's values. */
    static final String ERROR_ON_DIVERGENCE = "error";
    static final String STOP_ON_DIVERGENCE = "stop";
    // Spark's own logging library: a warning goes where the application's Spark warnings go.
    private static final Logger LOG = LoggerFactory.getLogger(NetgradEstimator.class);

    private final String uid;
    private final Param<TrainerFactory> trainer;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> rawPredictionCol;
    private final Param<String> labelKind;
    private final Param<String> optimizer;
    private final DoubleParam learningRate;
    private final DoubleParam beta;
    private final DoubleParam beta1;
    private final DoubleParam beta2;
    private final DoubleParam epsilon;
    private final IntParam steps;
    private final DoubleParam sampleFraction;
    private final LongParam seed;
    private final IntParam chunkRows;
    private final Param<String> handleInvalid;
    private final Param<Map<String, double[][]>> initialParams;
    private final Param<String> onDivergence;

    public NetgradEstimator() {
        this(Identifiable$.MODULE$.randomUID("netgrad"));
    }

    public NetgradEstimator(String uid) {
        this.uid = uid;
        trainer = new TrainerParam(this);
        featuresCol = ModelColumns.featuresCol(this);
        labelCol = new Param<>(this, "labelCol", "the label column: a class index, 0/1 or a real number");
        predictionCol = ModelColumns.predictionCol(this);
        probabilityCol = ModelColumns.probabilityCol(this);
        rawPredictionCol = ModelColumns.rawPredictionCol(this);
        labelKind = new Param<>(this, "labelKind",
                "classes (one-hot of k > 1 rows), binary (0/1), real, or auto: classes for a k-row target, else as the generated trainer's "
                        + "PREDICTION says (binary for a probability or a logit, real for a number); a trainer that does not say: "
                        + "binary when every label is 0 or 1, else real",
                ParamValidators.inArray(List.of("auto", "classes", "binary", "real")));
        optimizer = new Param<>(this, "optimizer", "gd, momentum or adam", ParamValidators.inArray(List.of("gd", "momentum", "adam")));
        learningRate = new DoubleParam(this, "learningRate", "the learning rate (> 0, finite)", PositiveFinite.INSTANCE);
        beta = new DoubleParam(this, "beta", "momentum's beta, in [0, 1)", ParamValidators.inRange(0, 1, true, false));
        beta1 = new DoubleParam(this, "beta1", "adam's beta1, in [0, 1)", ParamValidators.inRange(0, 1, true, false));
        beta2 = new DoubleParam(this, "beta2", "adam's beta2, in [0, 1)", ParamValidators.inRange(0, 1, true, false));
        epsilon = new DoubleParam(this, "epsilon", "adam's epsilon (> 0, finite)", PositiveFinite.INSTANCE);
        steps = new IntParam(this, "steps", "optimizer steps; with sampleFraction 1 each is one full-batch epoch (>= 0)", ParamValidators.gtEq(0));
        sampleFraction = new DoubleParam(this, "sampleFraction",
                "the fraction of rows each step sees: 1 is full batch; below 1, a seeded Bernoulli sample per step whose size is that step's m",
                ParamValidators.inRange(0, 1, false, true));
        seed = new LongParam(this, "seed", "the trainer's seed (its initial params) and the seed of the row samples and dropout masks");
        chunkRows = ModelColumns.chunkRows(this);
        handleInvalid = ModelColumns.handleInvalid(this);
        initialParams = new InitialParamsParam(this);
        onDivergence = new Param<>(this, "onDivergence",
                "error: a step that makes the cost, a gradient or a param infinite or NaN throws TrainingDiverged; stop: fit returns"
                        + " the model of the steps before it (fewer costs than steps), as a CrossValidator over learning rates needs",
                ParamValidators.inArray(List.of(ERROR_ON_DIVERGENCE, STOP_ON_DIVERGENCE)));
        setDefault(featuresCol, "features");
        setDefault(labelCol, "label");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
        setDefault(labelKind, "auto");
        setDefault(optimizer, "gd");
        setDefault(learningRate, 0.01);
        setDefault(beta, 0.9);
        setDefault(beta1, 0.9);
        setDefault(beta2, 0.999);
        setDefault(epsilon, 1e-8);
        setDefault(steps, 100);
        setDefault(sampleFraction, 1.0);
        setDefault(seed, 1L);
        setDefault(chunkRows, 1024);
        setDefault(handleInvalid, ModelColumns.ERROR);
        setDefault(initialParams, Map.of());
        setDefault(onDivergence, ERROR_ON_DIVERGENCE);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<TrainerFactory> trainer() {
        return trainer;
    }

    public Param<String> featuresCol() {
        return featuresCol;
    }

    public Param<String> labelCol() {
        return labelCol;
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

    public Param<String> labelKind() {
        return labelKind;
    }

    public Param<String> optimizer() {
        return optimizer;
    }

    public DoubleParam learningRate() {
        return learningRate;
    }

    public DoubleParam beta() {
        return beta;
    }

    public DoubleParam beta1() {
        return beta1;
    }

    public DoubleParam beta2() {
        return beta2;
    }

    public DoubleParam epsilon() {
        return epsilon;
    }

    public IntParam steps() {
        return steps;
    }

    public DoubleParam sampleFraction() {
        return sampleFraction;
    }

    public LongParam seed() {
        return seed;
    }

    public IntParam chunkRows() {
        return chunkRows;
    }

    /** The model's handleInvalid (fit refuses a row it cannot train on, whatever this says). */
    public Param<String> handleInvalid() {
        return handleInvalid;
    }

    public Param<Map<String, double[][]>> initialParams() {
        return initialParams;
    }

    public Param<String> onDivergence() {
        return onDivergence;
    }

    public String getOnDivergence() {
        return getOrDefault(onDivergence);
    }

    /** Trains a generated trainer class (it has a {@code public (long seed)} constructor). */
    public NetgradEstimator setTrainerClass(Class<? extends Trainer> trainerClass) {
        return setTrainer(TrainerFactory.of(trainerClass));
    }

    public NetgradEstimator setTrainer(TrainerFactory value) {
        if (value == null) {
            throw new IllegalArgumentException("the trainer factory is null; pass seed -> new Iris(seed), or call setTrainerClass");
        }
        return put(trainer, value);
    }

    public NetgradEstimator setFeaturesCol(String value) {
        return put(featuresCol, value);
    }

    public NetgradEstimator setLabelCol(String value) {
        return put(labelCol, value);
    }

    public NetgradEstimator setPredictionCol(String value) {
        return put(predictionCol, value);
    }

    public NetgradEstimator setProbabilityCol(String value) {
        return put(probabilityCol, value);
    }

    public NetgradEstimator setRawPredictionCol(String value) {
        return put(rawPredictionCol, value);
    }

    public NetgradEstimator setLabelKind(String value) {
        return put(labelKind, value);
    }

    public NetgradEstimator setOptimizer(String value) {
        return put(optimizer, value);
    }

    public NetgradEstimator setLearningRate(double value) {
        return put(learningRate, value);
    }

    public NetgradEstimator setBeta(double value) {
        return put(beta, value);
    }

    public NetgradEstimator setBeta1(double value) {
        return put(beta1, value);
    }

    public NetgradEstimator setBeta2(double value) {
        return put(beta2, value);
    }

    public NetgradEstimator setEpsilon(double value) {
        return put(epsilon, value);
    }

    public NetgradEstimator setSteps(int value) {
        return put(steps, value);
    }

    public NetgradEstimator setSampleFraction(double value) {
        return put(sampleFraction, value);
    }

    public NetgradEstimator setSeed(long value) {
        return put(seed, value);
    }

    public NetgradEstimator setChunkRows(int value) {
        return put(chunkRows, value);
    }

    /** "error" (the default), "skip" or "keep", for the model's transform; fit refuses a row it cannot train on regardless. */
    public NetgradEstimator setHandleInvalid(String value) {
        return put(handleInvalid, value);
    }

    /**
     * "error" (the default): a diverged fit throws {@link TrainingDiverged}, whose model() holds the steps done. "stop":
     * fit returns that model, its costs() fewer than the steps, and logs a warning: a CrossValidator or
     * TrainValidationSplit whose grid has a learning rate too large then scores that candidate (from params that are
     * all finite) and goes on, where the exception ended the whole search and lost every other candidate's work.
     */
    public NetgradEstimator setOnDivergence(String value) {
        return put(onDivergence, value);
    }

    /** Params to start from, by name; copied. Checked against the network (names, shapes, finite entries) by {@link #fit}. */
    public NetgradEstimator setInitialParams(Map<String, double[][]> value) {
        return put(initialParams, Params.copied(Params.given(value)));
    }

    @Override
    public NetgradModel fit(Dataset<?> dataset) {
        TrainerFactory factory = factory();
        long trainerSeed = getSeed();
        // The driver's trainer, made once: the schema check may need it (what its output is) before fit does.
        Trainer[] made = new Trainer[1];
        Supplier<Trainer> driverOnce = () -> made[0] != null ? made[0] : (made[0] = made(factory, trainerSeed));
        outputSchema(dataset.schema(), driverOnce);
        if (factory == null) {
            throw new IllegalArgumentException("no trainer: call setTrainerClass with a generated trainer class, or setTrainer");
        }
        Trainer driver = driverOnce.get();
        // Refuse before any job: a coupled network's partition sums do not add up to the batch's.
        driver.batchCoupling().ifPresent(reason -> {
            throw new IllegalArgumentException("cannot train " + driver.networkName() + " data-parallel: " + reason
                    + ". A partition's sums add up to the whole batch's only when every value is per example and the cost is mean(L)"
                    + " or sum(L) plus penalty terms that each stay finite with m infinite, as a partition's pass takes it (0.1 * sum(W1^2), lambda / (2 * m) * sum(W1^2), sum(W1^2) / (1 + 1/m)); train it in one JVM");
        });
        // A target of k > 1 numbers (an image, `target Y[h, w, c]`) would have its label read as a class index, one lit pixel.
        if (driver.targetSize() > 1 && driver.prediction().filter(p -> !p.scoresClasses()).isPresent()) {
            throw new IllegalArgumentException(driver.networkName() + "'s target is " + driver.targetSize() + " numbers a row (an image),"
                    + " which a label column cannot hold: it holds one number a row, a class index one-hot over a target of k > 1"
                    + " classes; give the network a plain target, or train the generated class on the target images in one JVM");
        }
        LabelKind requested = getLabelKind().equals("auto") ? null : LabelKind.named(getLabelKind());
        if (requested != null && requested.mismatch(driver.networkName(), driver.targetSize()) != null) {
            throw new IllegalArgumentException(requested.mismatch(driver.networkName(), driver.targetSize()));
        }
        Params.setNamed(driver, getOrDefault(initialParams));
        driver.useOptimizer(getOptimizer(), getLearningRate(), getBeta(), getBeta1(), getBeta2(), getEpsilon());

        JavaRDD<Example> examples = Columns.examples(dataset, getFeaturesCol(), getLabelCol(), driver.inputSize());
        boolean persist = dataset.storageLevel().equals(StorageLevel.NONE());
        if (persist) {
            examples.persist(StorageLevel.MEMORY_AND_DISK());
        }
        boolean interrupted = false;
        try {
            LabelKind kind = checkData(examples, driver, requested);
            PartitionSums.Plan plan = new PartitionSums.Plan(factory, trainerSeed, getSampleFraction(), getChunkRows(), kind);
            double[] costs;
            try {
                costs = new DataParallelSteps(examples, driver, plan).run(getSteps());
            } catch (DataParallelSteps.Stopped e) {
                interrupted = e.getCause() instanceof InterruptedException;
                NetgradModel before = copyValues(new NetgradModel(uid, factory, trainerSeed, e.paramsBefore, kind, e.costsBefore),
                        ParamMap.empty()).setParent(this);
                String message = e.getMessage() + " The exception's model() holds the params from before that step"
                        + " and the costs of the " + e.costsBefore.length + " steps done.";
                if (e.diverged && getOnDivergence().equals(STOP_ON_DIVERGENCE)) {
                    LOG.warn("{} (onDivergence stop: fit returns the model of the {} steps done)", e.getMessage(), e.costsBefore.length);
                    return before;
                }
                throw e.diverged ? new TrainingDiverged(message, before, e.getCause()) : new TrainingStopped(message, before, e.getCause());
            }
            requireSomeStepSampled(costs);
            NetgradModel model = new NetgradModel(uid, factory, trainerSeed, Params.of(driver), kind, costs);
            // As Spark ML's Predictor: what was set on the estimator is set on the model, its defaults stay defaults
            // (with extractParamMap() as the extra, model.isSet(predictionCol) held for a column nobody named).
            return copyValues(model, ParamMap.empty()).setParent(this);
        } finally {
            try {
                if (persist) {
                    examples.unpersist(false);
                }
            } finally {
                if (interrupted) {
                    // Last, for the caller's loop or executor to see: set before, it would cut short unpersist's wait on Spark.
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Checks every row and resolves {@code auto}: from what a generated trainer says its output is
     * (so a stray 2 among a sigmoid's labels is an error, not a regression), else, for a trainer
     * that does not say, from the labels. Stops on the driver if a row is unusable or there are none.
     */
    private static LabelKind checkData(JavaRDD<Example> examples, Trainer driver, LabelKind requested) {
        LabelKind decided = requested != null ? requested : driver.targetSize() > 1 ? LabelKind.CLASSES
                : driver.prediction().map(p -> LabelKind.of(p, driver.targetSize())).orElse(null);
        DataCheck.Summary summary = DataCheck.run(examples, driver.inputSize(), driver.targetSize(), decided);
        if (summary.rows() == 0) {
            throw new IllegalArgumentException("the dataset has no rows to train " + driver.networkName() + " on");
        }
        if (summary.badRows() > 0) {
            // Only for a label the auto reading refused: a row refused for its features says nothing of labels.
            String why = requested == null && decided == LabelKind.BINARY && summary.firstIsLabel()
                    ? " (" + driver.networkName() + "'s output is read as class 0 or 1, so labelKind auto takes labels 0 or 1;"
                            + " set labelKind real to train it on other numbers)"
                    : "";
            throw new IllegalArgumentException(summary.badRows() + " of " + summary.rows() + " rows cannot train " + driver.networkName()
                    + "; the first " + summary.firstProblem() + why);
        }
        if (decided != null) {
            return decided;
        }
        return summary.allBinary() ? LabelKind.BINARY : LabelKind.REAL;
    }

    /**
     * Refuses a fit none of whose steps sampled a row (each one's cost is NaN then; a non-finite
     * cost of rows throws): its model would be the initial params, trained by nothing.
     */
    private void requireSomeStepSampled(double[] costs) {
        for (double cost : costs) {
            if (!Double.isNaN(cost)) {
                return;
            }
        }
        if (costs.length > 0) {
            throw new IllegalArgumentException("sampleFraction " + getOrDefault(sampleFraction) + " sampled no row in any of the "
                    + costs.length + " steps, so nothing was trained; raise it (a step sees about sampleFraction x rows)");
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(schema, () -> made(factory(), getSeed()));
    }

    /** The trainer param's factory, or null when none was set (a ParamMap can set it to null, bypassing setTrainer). */
    private TrainerFactory factory() {
        return isDefined(trainer) ? getOrDefault(trainer) : null;
    }

    /** The factory's trainer for {@code seed}; a factory that gives none is refused here, not with an NPE further on. */
    private static Trainer made(TrainerFactory factory, long seed) {
        Trainer made = factory.create(seed);
        if (made == null) {
            throw new IllegalArgumentException("the trainer factory gave null for seed " + seed + "; it must return a new trainer");
        }
        return made;
    }

    /** The model's schema on {@code schema}'s columns; {@code driver} makes a trainer when only one can tell what its output is. */
    private StructType outputSchema(StructType schema, Supplier<Trainer> driver) {
        Columns.requireFeatures(schema, getFeaturesCol());
        Columns.requireLabel(schema, getLabelCol());
        return ModelColumns.outputSchema(schema, getPredictionCol(), getProbabilityCol(), getRawPredictionCol(), promisesProbability(driver),
                getHandleInvalid());
    }

    /**
     * Whether the model will add the probability and raw prediction columns: unless labelKind is real, or auto for a
     * trainer whose PREDICTION is a number. A trainer that does not say is decided by its labels,
     * known only after the data check, so the column is promised.
     */
    private boolean promisesProbability(Supplier<Trainer> driver) {
        String kind = getLabelKind();
        if (!kind.equals("auto") || factory() == null) {
            return !kind.equals("real");
        }
        Trainer made = driver.get();
        return made.prediction().map(p -> LabelKind.of(p, made.targetSize()).classifies()).orElse(true);
    }

    @Override
    public NetgradEstimator copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /**
     * As Spark ML's, but initialParams shows each matrix's shape and its first entries: Spark prints a value by its
     * toString, and a {@code double[][]}'s is {@code [[D@1b6d3586}.
     */
    @Override
    public String explainParam(Param<?> param) {
        if (!initialParams.equals(param)) {
            return super.explainParam(param);
        }
        List<String> values = new ArrayList<>();
        if (hasDefault(initialParams)) {
            values.add("default: " + InitialParamsParam.shown(getDefault(initialParams).get()));
        }
        if (isSet(initialParams)) {
            values.add("current: " + InitialParamsParam.shown(get(initialParams).get()));
        }
        return param.name() + ": " + param.doc() + " (" + String.join(", ", values) + ")";
    }

    /**
     * A writer of this estimator's settings: its params, the trainer class and initialParams. Refuses a trainer given
     * as a factory (setTrainer) or an initial param that is null or not rectangular here, before an overwrite() save
     * deletes what its path holds.
     */
    @Override
    public MLWriter write() {
        StageFiles.requireRectangular(Params.given(getOrDefault(initialParams)), "initialParams");
        TrainerFactory factory = factory();
        return new EstimatorFiles.Writer(this, factory == null ? null : StageFiles.trainerClass(factory, "estimator " + uid));
    }

    /** A reader of estimators saved by {@link #write}, as Spark ML's {@code read} (a Pipeline's load calls it). */
    public static MLReader<NetgradEstimator> read() {
        return new EstimatorFiles.Reader();
    }

    /** The estimator saved at {@code path}; its trainer class, if it had one, must be on the class path. */
    public static NetgradEstimator load(String path) {
        return read().load(path);
    }

    /** Spark ML keeps setDefault protected; {@link EstimatorFiles}' reader restores a saved default through this. */
    void restoreDefault(Param<Object> param, Object value) {
        setDefault(param, value);
    }

    private <T> NetgradEstimator put(Param<T> param, T value) {
        set(param, ModelColumns.given(uid, param, value));
        return this;
    }


    /**
     * Refuses a learning rate or epsilon that is not a positive, finite number when it is set, as
     * Spark ML refuses a negative one ({@code ParamValidators.gt(0)} lets Infinity through).
     */
    private static final class PositiveFinite extends scala.runtime.AbstractFunction1<Object, Object> implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        static final PositiveFinite INSTANCE = new PositiveFinite();

        @Override
        public Object apply(Object value) {
            double v = (Double) value;
            return v > 0 && Double.isFinite(v);
        }
    }
}
