package dev.netgrad.runtime.spark;

import java.util.Map;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;

/**
 * The params only {@link NetgradEstimator} has (how to train), with Spark ML's getters beside
 * them, as {@link ModelParams} has the shared ones. Each getter gives the value set, else the
 * default; {@link #getTrainer()}, whose param has no default, throws Spark's
 * {@code NoSuchElementException} until a trainer is set, as Spark's getters do for such a param.
 */
public interface TrainingParams extends ModelParams {
    Param<TrainerFactory> trainer();

    Param<String> labelCol();

    Param<String> labelKind();

    Param<String> optimizer();

    DoubleParam learningRate();

    DoubleParam beta();

    DoubleParam beta1();

    DoubleParam beta2();

    DoubleParam epsilon();

    IntParam steps();

    DoubleParam sampleFraction();

    LongParam seed();

    Param<Map<String, double[][]>> initialParams();

    default TrainerFactory getTrainer() {
        return getOrDefault(trainer());
    }

    default String getLabelCol() {
        return getOrDefault(labelCol());
    }

    default String getLabelKind() {
        return getOrDefault(labelKind());
    }

    default String getOptimizer() {
        return getOrDefault(optimizer());
    }

    default double getLearningRate() {
        return (Double) getOrDefault(learningRate());
    }

    default double getBeta() {
        return (Double) getOrDefault(beta());
    }

    default double getBeta1() {
        return (Double) getOrDefault(beta1());
    }

    default double getBeta2() {
        return (Double) getOrDefault(beta2());
    }

    default double getEpsilon() {
        return (Double) getOrDefault(epsilon());
    }

    default int getSteps() {
        return (Integer) getOrDefault(steps());
    }

    default double getSampleFraction() {
        return (Double) getOrDefault(sampleFraction());
    }

    default long getSeed() {
        return (Long) getOrDefault(seed());
    }

    /** The params to start from, by name; a copy, so that changing it leaves the estimator's as set. */
    default Map<String, double[][]> getInitialParams() {
        return Params.copied(getOrDefault(initialParams()));
    }
}
