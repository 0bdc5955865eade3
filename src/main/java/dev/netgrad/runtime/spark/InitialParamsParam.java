package dev.netgrad.runtime.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;

/**
 * The estimator's initialParams, encoded in JSON as an object of matrices by name, rows of numbers
 * ({@code {"W1": [[0.5, -0.0], ...]}}). A CrossValidator or TrainValidationSplit saves the values
 * of its grid's maps through each param's {@link #jsonEncode}, and Spark's default takes strings,
 * vectors and matrices alone: a grid over warm starts could be fitted and not saved. A finite
 * number is written as Java's shortest repeatable decimal, which reads back to the same bits (-0.0,
 * subnormals and the largest double included); NaN and the infinities, which JSON has no number
 * for, as Spark's DoubleParam writes them, "NaN", "Inf" and "-Inf" (fit refuses them either way).
 */
final class InitialParamsParam extends Param<Map<String, double[][]>> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    InitialParamsParam(Identifiable parent) {
        super(parent, "initialParams", "params to start from, by name (the others keep the trainer's seeded init)");
    }

    /** The matrices as a JSON object; a null map, matrix or row is refused, as the estimator's own save refuses it. */
    @Override
    public String jsonEncode(Map<String, double[][]> value) {
        StageFiles.requireRectangular(Params.given(value), "initialParams");
        ObjectNode root = JSON.createObjectNode();
        for (Map.Entry<String, double[][]> e : value.entrySet()) {
            ArrayNode rows = root.putArray(e.getKey());
            for (double[] row : e.getValue()) {
                ArrayNode numbers = rows.addArray();
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        numbers.add(v);
                    } else {
                        numbers.add(Double.isNaN(v) ? "NaN" : v > 0 ? "Inf" : "-Inf");
                    }
                }
            }
        }
        return root.toString();
    }

    /** Rows and columns shown of each matrix by {@link #shown}; the others are an ellipsis. */
    private static final int SHOWN_ROWS = 3;
    private static final int SHOWN_COLUMNS = 4;

    /**
     * The matrices for a person to read (explainParams): each by name with its shape and its first rows and columns,
     * as Spark ML shows a matrix param, as {@code {W1: 2 x 3 [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}}; a null matrix or
     * row, which fit refuses, as null.
     */
    static String shown(Map<String, double[][]> value) {
        if (value == null) {
            return "null";
        }
        StringJoiner matrices = new StringJoiner(", ", "{", "}");
        value.forEach((name, m) -> matrices.add(name + ": " + shown(m)));
        return matrices.toString();
    }

    private static String shown(double[][] m) {
        if (m == null) {
            return "null";
        }
        int columns = m.length == 0 || m[0] == null ? 0 : m[0].length;
        StringJoiner rows = new StringJoiner(", ", m.length + " x " + columns + " [", "]");
        for (int r = 0; r < Math.min(m.length, SHOWN_ROWS); r++) {
            if (m[r] == null) {
                rows.add("null");
                continue;
            }
            StringJoiner row = new StringJoiner(", ", "[", "]");
            for (int c = 0; c < Math.min(m[r].length, SHOWN_COLUMNS); c++) {
                row.add(Double.toString(m[r][c]));
            }
            if (m[r].length > SHOWN_COLUMNS) {
                row.add("...");
            }
            rows.add(row.toString());
        }
        if (m.length > SHOWN_ROWS) {
            rows.add("...");
        }
        return rows.toString();
    }

    @Override
    public Map<String, double[][]> jsonDecode(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a saved initialParams is not a JSON object of matrices by name: " + json);
        }
        Map<String, double[][]> named = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            named.put(e.getKey(), matrix(e.getKey(), e.getValue()));
        }
        return named;
    }

    private static double[][] matrix(String name, JsonNode rows) {
        String bad = "a saved initialParams " + name + " is not an array of rows of numbers of one length: " + rows;
        if (!rows.isArray()) {
            throw new IllegalArgumentException(bad);
        }
        double[][] m = new double[rows.size()][];
        for (int r = 0; r < m.length; r++) {
            JsonNode row = rows.get(r);
            if (!row.isArray() || row.size() != rows.get(0).size()) {
                throw new IllegalArgumentException(bad);
            }
            m[r] = new double[row.size()];
            for (int c = 0; c < m[r].length; c++) {
                m[r][c] = number(row.get(c), bad);
            }
        }
        return m;
    }

    private static double number(JsonNode v, String bad) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return switch (v.asText("")) {
            case "NaN" -> Double.NaN;
            case "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException(bad);
        };
    }
}
