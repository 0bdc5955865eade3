package dev.netgrad.runtime.spark;

import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;

/**
 * The params {@link NetgradEstimator} and {@link NetgradModel} both have, with the getters Spark
 * ML's own stages give ({@code getFeaturesCol()} beside {@code featuresCol()} and
 * {@code setFeaturesCol}), as Spark's {@code HasFeaturesCol}-style traits do. Each getter gives the
 * value set, else the default. (Spark's {@code Params}, spelled in full: this package has a
 * {@code Params} of its own, a trainer's params as one array.)
 */
public interface ModelParams extends org.apache.spark.ml.param.Params {
    Param<String> featuresCol();

    Param<String> predictionCol();

    Param<String> probabilityCol();

    Param<String> rawPredictionCol();

    IntParam chunkRows();

    Param<String> handleInvalid();

    default String getFeaturesCol() {
        return getOrDefault(featuresCol());
    }

    default String getPredictionCol() {
        return getOrDefault(predictionCol());
    }

    default String getProbabilityCol() {
        return getOrDefault(probabilityCol());
    }

    default String getRawPredictionCol() {
        return getOrDefault(rawPredictionCol());
    }

    default int getChunkRows() {
        return (Integer) getOrDefault(chunkRows());
    }

    default String getHandleInvalid() {
        return getOrDefault(handleInvalid());
    }
}
