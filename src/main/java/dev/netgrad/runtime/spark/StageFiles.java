package dev.netgrad.runtime.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netgrad.runtime.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A saved estimator or model, in the folder layout of Spark ML's own stages, so that a saved
 * {@code Pipeline} or {@code PipelineModel} holding one loads again: {@code metadata/}, one JSON
 * line (class, timestamp, sparkVersion, uid, paramMap, defaultParamMap, as Spark writes them, and
 * netgrad's own fields: the trainer class, the seed, the label kind, a model's forward pass); {@code data/}, Parquet rows
 * of params by name (the model's trained params, the estimator's initialParams); {@code costs/},
 * the model's cost at every step. The trainer is saved by its class's name: a factory given as a
 * lambda names nothing that could make it again. JSON goes through Spark's own Jackson.
 */
final class StageFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StructType LINE = new StructType().add("value", DataTypes.StringType, false);
    private static final StructType MATRICES = new StructType().add("index", DataTypes.IntegerType, false)
            .add("name", DataTypes.StringType, false).add("rows", DataTypes.IntegerType, false)
            .add("cols", DataTypes.IntegerType, false).add("values", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    private static final StructType COSTS = new StructType().add("costs", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

    private StageFiles() {
    }

    /**
     * The name of the trainer class that {@code factory} makes, which a saved stage records;
     * refuses a factory that names no class (a lambda given to setTrainer).
     */
    static String trainerClass(TrainerFactory factory, String stage) {
        if (factory instanceof TrainerFactory.ByConstructor byClass) {
            return byClass.trainerClass().getName();
        }
        throw new UnsupportedOperationException("cannot save " + stage + ": its trainer was given as a factory (setTrainer), which names"
                + " no class to make it again on load; set it with setTrainerClass (a generated trainer class) to save it");
    }

    /** {@code text} as a JSON string. */
    static String jsonString(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    /** The JSON string {@code json}, refused as a saved stage's value at {@code path} when it is not one. */
    static String fromJsonString(String json, String path) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node.isTextual()) {
                return node.asText();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // said below, as any other value that is not a JSON string
        }
        throw new IllegalArgumentException(path + ": " + json + " is not a JSON string");
    }

    /** Writes {@code stage}'s metadata line into {@code path/metadata}: its params but those in {@code leftOut}, and {@code extra}. */
    static void writeMetadata(Params stage, String path, SparkSession spark, Set<String> leftOut, Map<String, Object> extra) {
        ObjectNode root = JSON.createObjectNode();
        root.put("class", stage.getClass().getName());
        root.put("timestamp", System.currentTimeMillis());
        root.put("sparkVersion", spark.version());
        root.put("uid", stage.uid());
        ObjectNode set = root.putObject("paramMap");
        ObjectNode defaults = root.putObject("defaultParamMap");
        for (Param<?> param : stage.params()) {
            if (leftOut.contains(param.name())) {
                continue;
            }
            if (stage.isSet(param)) {
                set.set(param.name(), encoded(param, stage.getOrDefault(param)));
            }
            if (stage.hasDefault(param)) {
                defaults.set(param.name(), encoded(param, stage.getDefault(param).get()));
            }
        }
        extra.forEach((name, value) -> root.set(name, JSON.valueToTree(value)));
        spark.createDataFrame(List.of(RowFactory.create(root.toString())), LINE).coalesce(1).write().text(path + "/metadata");
    }

    /** The metadata line of the stage saved at {@code path}, refused unless it is of class {@code expected}. */
    static JsonNode readMetadata(String path, SparkSession spark, Class<?> expected) {
        String line = spark.read().text(path + "/metadata").first().getString(0);
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + " holds no stage Spark ML saved: its metadata is not JSON (" + e.getOriginalMessage() + ")");
        }
        String saved = root.path("class").asText("");
        if (!saved.equals(expected.getName())) {
            throw new IllegalArgumentException(path + " holds a " + (saved.isEmpty() ? "stage of no class" : saved) + ", not a "
                    + expected.getSimpleName() + "; load it with its own class's load");
        }
        return root;
    }

    /**
     * Gives a loaded stage the params its metadata saved: the defaults, then the values, each list
     * decoded and checked ({@link #params}) before any is set. Values go through Params' public
     * {@code set}; defaults through {@code setDefault}, which Spark's Params keeps protected, so the
     * stage passes its own ({@code model::setDefault}) from its reader.
     */
    @SuppressWarnings("unchecked")
    static void restoreParams(Params stage, JsonNode metadata, String path, BiConsumer<Param<Object>, Object> setDefault) {
        List<ParamPair<?>> defaults = params(stage, metadata, "defaultParamMap", path);
        List<ParamPair<?>> values = params(stage, metadata, "paramMap", path);
        for (ParamPair<?> pair : defaults) {
            setDefault.accept((Param<Object>) pair.param(), pair.value());
        }
        for (ParamPair<?> pair : values) {
            stage.set((Param<Object>) pair.param(), pair.value());
        }
    }

    /** The params {@code paramMap} or {@code defaultParamMap} of {@code metadata} sets on {@code stage}, decoded and checked as its setters check them. */
    static List<ParamPair<?>> params(Params stage, JsonNode metadata, String field, String path) {
        List<ParamPair<?>> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : metadata.path(field).properties()) {
            if (!stage.hasParam(e.getKey())) {
                throw new IllegalArgumentException(path + " sets " + e.getKey() + ", which " + stage.getClass().getSimpleName()
                        + " does not have");
            }
            pairs.add(decoded(stage.getParam(e.getKey()), e.getValue(), stage.uid(), path));
        }
        return pairs;
    }

    /** The class that trains, named by the metadata's trainerClass (null when it names none: an estimator saved before setTrainerClass). */
    static TrainerFactory trainerFactory(JsonNode metadata, String path) {
        JsonNode name = metadata.path("trainerClass");
        if (name.isMissingNode() || name.isNull()) {
            return null;
        }
        return trainerFactory(name.asText(), path);
    }

    /** The factory of the trainer class named {@code className}, saved in {@code path}; refused, naming both, when it is not on the class path. */
    @SuppressWarnings("unchecked")
    static TrainerFactory trainerFactory(String className, String path) {
        Class<?> found;
        try {
            found = Class.forName(className, false, loader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(path + " was saved with the trainer " + className + ", which is not on the class path;"
                    + " add the generated class to the job");
        }
        // Unchecked: TrainerFactory.of refuses, by name, a class that is not a trainer.
        return TrainerFactory.of((Class<? extends Trainer>) found);
    }

    /**
     * Writes params by name (in their order) as Parquet rows into {@code path}; refuses, naming it, a
     * matrix that is null or not rectangular (an estimator's initialParams, which fit would refuse too).
     */
    static void writeMatrices(Map<String, double[][]> named, String path, SparkSession spark, String what) {
        requireRectangular(named, what);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, double[][]> e : named.entrySet()) {
            double[][] m = e.getValue();
            int cols = m.length == 0 ? 0 : m[0].length;
            List<Double> values = new ArrayList<>();
            for (double[] row : m) {
                for (double v : row) {
                    values.add(v);
                }
            }
            rows.add(RowFactory.create(rows.size(), e.getKey(), m.length, cols, values));
        }
        spark.createDataFrame(rows, MATRICES).coalesce(1).write().parquet(path);
    }

    /** Refuses, naming it, a matrix that is null or whose rows are null or differ in length: no saved form holds it. */
    static void requireRectangular(Map<String, double[][]> named, String what) {
        for (Map.Entry<String, double[][]> e : named.entrySet()) {
            double[][] m = e.getValue();
            int cols = m == null || m.length == 0 || m[0] == null ? 0 : m[0].length;
            for (int r = 0; m != null && r < m.length; r++) {
                if (m[r] == null || m[r].length != cols) {
                    m = null;
                }
            }
            if (m == null) {
                throw new IllegalArgumentException("cannot save " + what + " " + e.getKey() + ": it is null or its rows differ in length");
            }
        }
    }

    /** The params {@link #writeMatrices} wrote into {@code path}, by name in their order. */
    static Map<String, double[][]> readMatrices(String path, SparkSession spark) {
        Map<String, double[][]> named = new LinkedHashMap<>();
        for (Row row : spark.read().schema(MATRICES).parquet(path).orderBy("index").collectAsList()) {
            int rows = row.getInt(2);
            int cols = row.getInt(3);
            List<Double> values = row.getList(4);
            if (rows < 0 || cols < 0 || values.size() != (long) rows * cols) {
                throw new IllegalArgumentException(path + " is damaged: " + row.getString(1) + " is " + rows + " x " + cols + " but holds "
                        + values.size() + " values");
            }
            double[][] m = new double[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    m[r][c] = values.get(r * cols + c);
                }
            }
            named.put(row.getString(1), m);
        }
        return named;
    }

    /**
     * The saved trained params of a model of {@code trainer}'s network, in its order; refuses params
     * of another network (other names or shapes: a model saved from another spec, or a class generated
     * again from a changed one) or with an entry that is not finite.
     */
    static double[][][] trainedParams(Map<String, double[][]> saved, Trainer trainer, String path) {
        String network = trainer.networkName() + " (" + trainer.getClass().getName() + ")";
        if (!List.copyOf(saved.keySet()).equals(trainer.paramNames())) {
            throw new IllegalArgumentException(path + " holds the params " + String.join(", ", saved.keySet()) + ", but " + network
                    + " has " + String.join(", ", trainer.paramNames()) + ": the model was saved from another network");
        }
        double[][][] params = new double[saved.size()][][];
        int p = 0;
        for (Map.Entry<String, double[][]> e : saved.entrySet()) {
            String name = e.getKey();
            double[][] m = e.getValue();
            int rows = trainer.paramRows(name);
            int cols = trainer.paramCols(name);
            int savedCols = m.length == 0 ? 0 : m[0].length;
            if (m.length != rows || savedCols != cols) {
                throw new IllegalArgumentException(path + " holds " + name + " as " + m.length + " x " + savedCols + ", but " + network
                        + "'s " + name + " is " + rows + " x " + cols + ": the model was saved from another network");
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (!Double.isFinite(m[r][c])) {
                        throw new IllegalArgumentException(path + " is damaged: " + name + " has a non-finite entry at [" + r + "][" + c
                                + "]: " + m[r][c]);
                    }
                }
            }
            params[p++] = m;
        }
        return params;
    }

    static void writeCosts(double[] costs, String path, SparkSession spark) {
        List<Double> values = new ArrayList<>();
        for (double cost : costs) {
            values.add(cost);
        }
        spark.createDataFrame(List.of(RowFactory.create(values)), COSTS).coalesce(1).write().parquet(path);
    }

    static double[] readCosts(String path, SparkSession spark) {
        List<Double> values = spark.read().schema(COSTS).parquet(path).first().getList(0);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @SuppressWarnings("unchecked")
    private static JsonNode encoded(Param<?> param, Object value) {
        try {
            return JSON.readTree(((Param<Object>) param).jsonEncode(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Spark encoded " + param.name() + " as text that is not JSON", e);
        }
    }

    /** The value {@code json} gives {@code param}, refused as its setter refuses a bad one (null included). */
    @SuppressWarnings("unchecked")
    private static ParamPair<?> decoded(Param<?> param, JsonNode json, String uid, String path) {
        Param<Object> p = (Param<Object>) param;
        Object value;
        try {
            value = json.isNull() ? null : p.jsonDecode(json.toString());
        } catch (RuntimeException | scala.NotImplementedError e) {
            throw new IllegalArgumentException(path + " gives " + param.name() + " the value " + json + ", which it cannot take: " + e.getMessage());
        }
        return new ParamPair<>(p, ModelColumns.given(uid, p, value));
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : StageFiles.class.getClassLoader();
    }
}
