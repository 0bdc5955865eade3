package dev.netgrad.runtime.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

/**
 * How a {@link NetgradEstimator} is saved and loaded, in the folder Spark ML lays out for a stage
 * ({@link StageFiles}): its params in the metadata line, the trainer by its class's name and
 * initialParams as data.
 */
final class EstimatorFiles {
    private EstimatorFiles() {
    }

    /** The params saved outside Spark's paramMap: the trainer (by its class's name) and initialParams (as data). */
    private static final Set<String> NOT_IN_PARAM_MAP = Set.of("trainer", "initialParams");

    /**
     * The metadata key saying whether initialParams was set, so that a loaded estimator reports it set or left at
     * its default ({}) as the saved one did, as Spark's paramMap and defaultParamMap do for the other params.
     */
    private static final String INITIAL_PARAMS_SET = "initialParamsSet";

    static final class Writer extends MLWriter {
        private final NetgradEstimator estimator;
        private final String trainerClass;

        Writer(NetgradEstimator estimator, String trainerClass) {
            this.estimator = estimator;
            this.trainerClass = trainerClass;
        }

        @Override
        public void saveImpl(String path) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("trainerClass", trainerClass);
            extra.put(INITIAL_PARAMS_SET, estimator.isSet(estimator.initialParams()));
            StageFiles.writeMetadata(estimator, path, sparkSession(), NOT_IN_PARAM_MAP, extra);
            StageFiles.writeMatrices(Params.given(estimator.getOrDefault(estimator.initialParams())), path + "/data", sparkSession(),
                    "initialParams");
        }
    }

    static final class Reader extends MLReader<NetgradEstimator> {
        @Override
        public NetgradEstimator load(String path) {
            JsonNode metadata = StageFiles.readMetadata(path, sparkSession(), NetgradEstimator.class);
            NetgradEstimator estimator = new NetgradEstimator(metadata.path("uid").asText());
            StageFiles.restoreParams(estimator, metadata, path, estimator::restoreDefault);
            TrainerFactory factory = StageFiles.trainerFactory(metadata, path);
            if (factory != null) {
                estimator.setTrainer(factory);
            }
            Map<String, double[][]> initial = StageFiles.readMatrices(path + "/data", sparkSession());
            // A save before this key was written set initialParams when it held any matrix.
            JsonNode wasSet = metadata.path(INITIAL_PARAMS_SET);
            if (wasSet.isMissingNode() ? !initial.isEmpty() : wasSet.asBoolean()) {
                estimator.setInitialParams(initial);
            }
            return estimator;
        }
    }
}
