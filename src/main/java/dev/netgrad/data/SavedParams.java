package dev.netgrad.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Trained params (each r x c, in the equations' layout) and the standardization the network was
 * trained with; none when it was trained on raw features.
 */
public record SavedParams(String network, Map<String, double[][]> params, Optional<Standardization> standardization) {
    public SavedParams {
        Objects.requireNonNull(network, "network");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Objects.requireNonNull(standardization, "standardization");
    }

    /** The features the network takes: standardized when it was trained that way. */
    public double[][] prepare(double[][] rawFeatures) {
        return standardization.map(s -> s.apply(rawFeatures)).orElse(rawFeatures);
    }
}
