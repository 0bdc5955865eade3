package dev.netgrad.runtime.spark;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;

/**
 * The estimator's trainer param, encoded in JSON as the trainer class's name, as the estimator's own
 * save records it. A CrossValidator or TrainValidationSplit saves the values of its grid's maps
 * through each param's {@link #jsonEncode}, and Spark's default encodes strings, vectors and
 * matrices alone: a grid choosing between two networks could be fitted and not saved.
 */
final class TrainerParam extends Param<TrainerFactory> {
    private static final long serialVersionUID = 1L;

    TrainerParam(Identifiable parent) {
        super(parent, "trainer", "makes the trainer from a seed (setTrainerClass takes a generated trainer class)");
    }

    /** The trainer class's name as a JSON string; a factory that names no class (a lambda) is refused, as a stage's save refuses it. */
    @Override
    public String jsonEncode(TrainerFactory value) {
        return value == null ? "null" : StageFiles.jsonString(StageFiles.trainerClass(value, "the trainer param's value"));
    }

    @Override
    public TrainerFactory jsonDecode(String json) {
        return json.equals("null") ? null : StageFiles.trainerFactory(StageFiles.fromJsonString(json, "a saved trainer param"),
                "a saved trainer param");
    }
}
