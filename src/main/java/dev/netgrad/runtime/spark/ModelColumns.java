package dev.netgrad.runtime.spark;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The params the estimator and the model share (each holds its own, copied from one to the other by name), and the model's output schema. */
final class ModelColumns {
    private ModelColumns() {
    }

    static Param<String> featuresCol(Identifiable owner) {
        return new Param<>(owner, "featuresCol", "the features column: org.apache.spark.ml.linalg vectors of the network's input size");
    }

    static Param<String> predictionCol(Identifiable owner) {
        return new Param<>(owner, "predictionCol", "the prediction column the model adds: a class index, 0/1 or the output (\"\" adds none)");
    }

    static Param<String> probabilityCol(Identifiable owner) {
        return new Param<>(owner, "probabilityCol", "the class probabilities column the model adds for classes and binary labels (\"\" adds none)");
    }

    static Param<String> rawPredictionCol(Identifiable owner) {
        return new Param<>(owner, "rawPredictionCol", "the raw prediction column the model adds for classes and binary labels, as Spark"
                + " ML's classifiers add it (BinaryClassificationEvaluator reads it): the logits when the output is logits (a binary"
                + " logit z as (-z, z)), else the class probabilities (\"\" adds none)");
    }

    /** What handleInvalid takes, as Spark ML's VectorAssembler and StringIndexer take it. */
    static final String ERROR = "error";
    static final String SKIP = "skip";
    static final String KEEP = "keep";

    static Param<String> handleInvalid(Identifiable owner) {
        return new Param<>(owner, "handleInvalid", "how transform handles a row whose features are null, of another size than the "
                + "network's input or not finite: error (fail, naming the row and its problem), skip (drop the row) or keep (keep "
                + "it, with null in the columns the model adds)", ParamValidators.inArray(List.of(ERROR, SKIP, KEEP)));
    }

    static IntParam chunkRows(Identifiable owner) {
        return new IntParam(owner, "chunkRows", "rows a task passes to the trainer at once (memory per task is bounded by it)", ParamValidators.gt(0));
    }

    /**
     * {@code value}, refused when null with a message naming the param, as Spark refuses an invalid
     * one: Spark's own refusal formats the value, an NPE, and a param without a validator would
     * take the null, to fail far from the call that set it.
     */
    static <T> T given(String uid, Param<T> param, T value) {
        if (value == null) {
            throw new IllegalArgumentException(uid + " parameter " + param.name() + " given no value (null); it takes " + param.doc());
        }
        return value;
    }

    /** A column the model adds, in the order it adds them; what an error calls it. */
    enum Output {
        PREDICTION("prediction"), PROBABILITY("probability"), RAW_PREDICTION("raw prediction");

        final String role;

        Output(String role) {
            this.role = role;
        }
    }

    /**
     * The columns the model adds, in their order, each with its name: the prediction column, and the probability and
     * raw prediction columns when the model classifies. A column named "" is left out, as Spark ML's classifiers leave
     * out an output column set to "" (setProbabilityCol("") to keep only the prediction). The schema and the rows'
     * values both follow it.
     */
    static Map<Output, String> added(String predictionCol, String probabilityCol, String rawPredictionCol, boolean classifies) {
        Map<Output, String> added = new EnumMap<>(Output.class);
        if (!predictionCol.isEmpty()) {
            added.put(Output.PREDICTION, predictionCol);
        }
        if (classifies && !probabilityCol.isEmpty()) {
            added.put(Output.PROBABILITY, probabilityCol);
        }
        if (classifies && !rawPredictionCol.isEmpty()) {
            added.put(Output.RAW_PREDICTION, rawPredictionCol);
        }
        return added;
    }

    /**
     * {@code schema} with the {@link #added} columns, all nullable when {@code handleInvalid} is keep (a kept invalid row
     * has none of them).
     */
    static StructType outputSchema(StructType schema, String predictionCol, String probabilityCol, String rawPredictionCol,
            boolean classifies, String handleInvalid) {
        StructType out = schema;
        Map<Output, String> before = new EnumMap<>(Output.class);
        for (Map.Entry<Output, String> column : added(predictionCol, probabilityCol, rawPredictionCol, classifies).entrySet()) {
            String role = column.getKey().role;
            Columns.requireNew(schema, column.getValue(), role);
            before.forEach((other, name) -> Columns.requireDistinct(other.role, name, role, column.getValue()));
            before.put(column.getKey(), column.getValue());
            out = out.add(column.getValue(), column.getKey() == Output.PREDICTION ? DataTypes.DoubleType : SQLDataTypes.VectorType(),
                    handleInvalid.equals(KEEP));
        }
        return out;
    }
}
