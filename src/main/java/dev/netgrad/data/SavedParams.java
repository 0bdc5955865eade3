package dev.netgrad.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Trained params (each r x c, in the equations' layout), the running statistics of the network's
 * batchnorms (by the value each assigns; none when it has no batchnorm, or when a file of params
 * alone was read) and the standardization the network was trained with (none when it was trained
 * on raw features).
 */
public record SavedParams(String network, Map<String, double[][]> params, Map<String, RunningStatistics> batchnorm,
                          Optional<Standardization> standardization) {
    public SavedParams {
        Objects.requireNonNull(network, "network");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        batchnorm = Collections.unmodifiableMap(new LinkedHashMap<>(batchnorm));
        Objects.requireNonNull(standardization, "standardization");
    }

    /** Params of a network without batchnorm (or params alone). */
    public SavedParams(String network, Map<String, double[][]> params, Optional<Standardization> standardization) {
        this(network, params, Map.of(), standardization);
    }

    /** The features the network takes: standardized when it was trained that way. */
    public double[][] prepare(double[][] rawFeatures) {
        return standardization.map(s -> s.apply(rawFeatures)).orElse(rawFeatures);
    }
}
