package dev.netgrad.runtime.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The getters Spark ML users call ({@code getFeaturesCol()} and the like): each gives the default
 * until its setter is called, then the value set. No Spark session: params need none.
 */
class ParamGettersTest {
    /** A getter, its default, its setter and a value other than the default. */
    private record Getter<S>(String name, Function<S, Object> get, Object byDefault, BiConsumer<S, Object> set, Object value) {
    }

    private static final List<Getter<NetgradEstimator>> ESTIMATOR = List.of(
            new Getter<>("featuresCol", NetgradEstimator::getFeaturesCol, "features", (e, v) -> e.setFeaturesCol((String) v), "x"),
            new Getter<>("labelCol", NetgradEstimator::getLabelCol, "label", (e, v) -> e.setLabelCol((String) v), "y"),
            new Getter<>("predictionCol", NetgradEstimator::getPredictionCol, "prediction", (e, v) -> e.setPredictionCol((String) v), "p"),
            new Getter<>("probabilityCol", NetgradEstimator::getProbabilityCol, "probability", (e, v) -> e.setProbabilityCol((String) v), "q"),
            new Getter<>("rawPredictionCol", NetgradEstimator::getRawPredictionCol, "rawPrediction",
                    (e, v) -> e.setRawPredictionCol((String) v), "r"),
            new Getter<>("labelKind", NetgradEstimator::getLabelKind, "auto", (e, v) -> e.setLabelKind((String) v), "binary"),
            new Getter<>("optimizer", NetgradEstimator::getOptimizer, "gd", (e, v) -> e.setOptimizer((String) v), "adam"),
            new Getter<>("learningRate", NetgradEstimator::getLearningRate, 0.01, (e, v) -> e.setLearningRate((Double) v), 0.5),
            new Getter<>("beta", NetgradEstimator::getBeta, 0.9, (e, v) -> e.setBeta((Double) v), 0.5),
            new Getter<>("beta1", NetgradEstimator::getBeta1, 0.9, (e, v) -> e.setBeta1((Double) v), 0.8),
            new Getter<>("beta2", NetgradEstimator::getBeta2, 0.999, (e, v) -> e.setBeta2((Double) v), 0.99),
            new Getter<>("epsilon", NetgradEstimator::getEpsilon, 1e-8, (e, v) -> e.setEpsilon((Double) v), 1e-6),
            new Getter<>("steps", NetgradEstimator::getSteps, 100, (e, v) -> e.setSteps((Integer) v), 7),
            new Getter<>("sampleFraction", NetgradEstimator::getSampleFraction, 1.0, (e, v) -> e.setSampleFraction((Double) v), 0.25),
            new Getter<>("seed", NetgradEstimator::getSeed, 1L, (e, v) -> e.setSeed((Long) v), 42L),
            new Getter<>("chunkRows", NetgradEstimator::getChunkRows, 1024, (e, v) -> e.setChunkRows((Integer) v), 3),
            new Getter<>("handleInvalid", NetgradEstimator::getHandleInvalid, "error", (e, v) -> e.setHandleInvalid((String) v), "skip"),
            new Getter<>("onDivergence", NetgradEstimator::getOnDivergence, "error", (e, v) -> e.setOnDivergence((String) v), "stop"));

    private static final List<Getter<NetgradModel>> MODEL = List.of(
            new Getter<>("featuresCol", NetgradModel::getFeaturesCol, "features", (m, v) -> m.setFeaturesCol((String) v), "x"),
            new Getter<>("predictionCol", NetgradModel::getPredictionCol, "prediction", (m, v) -> m.setPredictionCol((String) v), "p"),
            new Getter<>("probabilityCol", NetgradModel::getProbabilityCol, "probability", (m, v) -> m.setProbabilityCol((String) v), "q"),
            new Getter<>("rawPredictionCol", NetgradModel::getRawPredictionCol, "rawPrediction", (m, v) -> m.setRawPredictionCol((String) v),
                    "r"),
            new Getter<>("chunkRows", NetgradModel::getChunkRows, 1024, (m, v) -> m.setChunkRows((Integer) v), 3),
            new Getter<>("handleInvalid", NetgradModel::getHandleInvalid, "error", (m, v) -> m.setHandleInvalid((String) v), "keep"));

    @Test
    void estimatorGettersGiveTheDefaultThenTheValueSet() {
        for (Getter<NetgradEstimator> getter : ESTIMATOR) {
            NetgradEstimator estimator = new NetgradEstimator();
            assertEquals(getter.byDefault(), getter.get().apply(estimator), getter.name() + " by default");
            getter.set().accept(estimator, getter.value());
            assertEquals(getter.value(), getter.get().apply(estimator), getter.name() + " once set");
        }
    }

    @Test
    void modelGettersGiveTheDefaultThenTheValueSet() {
        for (Getter<NetgradModel> getter : MODEL) {
            NetgradModel model = new NetgradModel("model", seed -> null, 1L, new double[0][][], LabelKind.BINARY, new double[0]);
            assertEquals(getter.byDefault(), getter.get().apply(model), getter.name() + " by default");
            getter.set().accept(model, getter.value());
            assertEquals(getter.value(), getter.get().apply(model), getter.name() + " once set");
        }
    }

    @Test
    void theTrainerHasNoDefaultAndIsTheFactorySet() {
        NetgradEstimator estimator = new NetgradEstimator();
        assertThrows(NoSuchElementException.class, estimator::getTrainer);
        TrainerFactory factory = seed -> new HandNet(seed, new HandNet.Shape(4, 6, 3, 0, 1, null));
        estimator.setTrainer(factory);
        assertEquals(factory, estimator.getTrainer());
    }

    @Test
    void initialParamsAreACopyEachWay() {
        NetgradEstimator estimator = new NetgradEstimator();
        assertEquals(Map.of(), estimator.getInitialParams());
        double[][] w = {{1, 2}, {3, 4}};
        estimator.setInitialParams(Map.of("W1", w));
        w[0][0] = 99;
        double[][] got = estimator.getInitialParams().get("W1");
        assertArrayEquals(new double[] {1, 2}, got[0], "the setter copied");
        got[0][1] = 99;
        assertArrayEquals(new double[] {1, 2}, estimator.getInitialParams().get("W1")[0], "the getter copies");
    }

    /**
     * explainParams, which a Spark ML user reads to see a stage's settings, shows initialParams' matrices by shape
     * and first entries, and the trainer by its class (Spark prints a value's toString: a double[][] printed as
     * [[D@1b6d3586, a trainer class's factory as a record of it).
     */
    @Test
    void explainParamsShowsInitialParamsAndTheTrainerClassReadably() {
        NetgradEstimator estimator = new NetgradEstimator().setTrainerClass(SavedStagesTest.Circle.class)
                .setInitialParams(Map.of("W1", new double[][] {{1, 2}, {3, -0.5}}));
        String explained = estimator.explainParams();
        assertTrue(explained.contains("initialParams: params to start from, by name (the others keep the trainer's seeded init)"
                + " (default: {}, current: {W1: 2 x 2 [[1.0, 2.0], [3.0, -0.5]]})"), explained);
        assertTrue(explained.contains("trainer: makes the trainer from a seed (setTrainerClass takes a generated trainer class)"
                + " (current: new dev.netgrad.runtime.spark.SavedStagesTest$Circle(seed))"), explained);
        // A large matrix is cut after 3 rows and 4 columns; a copy's param explains the same as the original's.
        NetgradEstimator large = new NetgradEstimator().setInitialParams(Map.of("b1", new double[5][7]));
        assertEquals("initialParams: params to start from, by name (the others keep the trainer's seeded init) (default: {}, current:"
                + " {b1: 5 x 7 [[0.0, 0.0, 0.0, 0.0, ...], [0.0, 0.0, 0.0, 0.0, ...], [0.0, 0.0, 0.0, 0.0, ...], ...]})",
                large.copy(new org.apache.spark.ml.param.ParamMap()).explainParam(large.initialParams()));
        NetgradEstimator other = new NetgradEstimator();
        assertThrows(IllegalArgumentException.class, () -> other.explainParam(estimator.initialParams()),
                "another estimator's param is refused, as Spark refuses it");
    }
}
