package dev.netgrad.runtime.spark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The columns the estimator reads and the model writes: checks on a schema, and the rows as {@link Example}s. */
final class Columns {
    private Columns() {
    }

    /** Refuses a schema without a features column of Spark ML vectors. */
    static void requireFeatures(StructType schema, String featuresCol) {
        StructField field = field(schema, featuresCol, "features");
        if (!field.dataType().equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException("the features column " + featuresCol + " holds " + field.dataType().simpleString()
                    + "; it must hold org.apache.spark.ml.linalg vectors (VectorAssembler makes them; the older mllib.linalg vectors do not mix)");
        }
    }

    /** Refuses a schema without a numeric label column. */
    static void requireLabel(StructType schema, String labelCol) {
        StructField field = field(schema, labelCol, "label");
        if (!(field.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("the label column " + labelCol + " holds " + field.dataType().simpleString()
                    + "; it must be numeric (a class index, 0/1 or a real number)");
        }
    }

    /** Refuses an output column that the input already has. */
    static void requireNew(StructType schema, String column, String what) {
        if (Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("the " + what + " column " + column + " already exists; set another name for it");
        }
        // Spark would add it beside the other, and any later reference to either is ambiguous.
        List<String> other = named(schema.fieldNames(), column);
        if (!other.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " column " + column + " already exists as " + other.get(0) + ": "
                    + CASE_INSENSITIVE + "; set another name for it");
        }
    }

    /** Refuses two output columns, the {@code what} column {@code column} and the {@code otherWhat} one {@code other}, that Spark could not tell apart. */
    static void requireDistinct(String what, String column, String otherWhat, String other) {
        if (column.equals(other)) {
            throw new IllegalArgumentException("the " + what + " and " + otherWhat + " columns are both named " + column
                    + "; set another name for one of them");
        }
        if (!named(new String[] {other}, column).isEmpty()) {
            throw new IllegalArgumentException("the " + what + " and " + otherWhat + " columns are both named " + column.toLowerCase(Locale.ROOT)
                    + " but for case (" + column + ", " + other + "): " + CASE_INSENSITIVE + "; set another name for one of them");
        }
    }

    /**
     * The features and labels of the rows, partition by partition as the dataset has them. A vector of
     * another size than {@code inputSize} is not made dense: the check refuses it by its size.
     */
    static JavaRDD<Example> examples(Dataset<?> dataset, String featuresCol, String labelCol, int inputSize) {
        return dataset.select(column(featuresCol), column(labelCol).cast(DataTypes.DoubleType))
                .toJavaRDD()
                .map(row -> example(row.isNullAt(0) ? null : (Vector) row.get(0), row.isNullAt(1) ? Double.NaN : row.getDouble(1), inputSize));
    }

    /**
     * The row as a fit caches it: a sparse vector whose nonzero entries take less room than its dense
     * array (12 bytes an entry, index and value, against 8 a feature) stays sparse.
     */
    static Example example(Vector features, double label, int inputSize) {
        if (features != null && features.size() != inputSize) {
            return Example.ofOtherSize(features.size(), label);
        }
        if (features instanceof SparseVector sparse && 3L * sparse.indices().length < 2L * sparse.size()) {
            // Spark ML keeps a SparseVector's indices ascending and in range (its constructor checks).
            return Example.sparse(sparse.size(), sparse.indices().clone(), sparse.values().clone(), label);
        }
        return new Example(features == null ? null : features.toArray(), label);
    }

    /**
     * The top-level column of that exact name: quoted, since col() reads {@code a.b} as field b of a
     * struct a (VectorAssembler's output may be named "f.x") and refuses an unpaired backtick.
     */
    private static Column column(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    private static StructField field(StructType schema, String name, String what) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("there is no " + what + " column " + name + "; the columns are " + String.join(", ", schema.fieldNames()));
        }
        // After a join, say: Spark's select would call the name ambiguous, and the model would read the first.
        long named = Arrays.stream(schema.fieldNames()).filter(name::equals).count();
        if (named > 1) {
            throw new IllegalArgumentException("the dataset has " + named + " columns named " + name + ", which is to be the " + what
                    + " column; rename all but one");
        }
        List<String> others = named(schema.fieldNames(), name);
        if (!others.isEmpty()) {
            throw new IllegalArgumentException("the dataset has " + (others.size() + 1) + " columns named " + name.toLowerCase(Locale.ROOT)
                    + " but for case (" + name + ", " + String.join(", ", others) + "), which is to be the " + what + " column: "
                    + CASE_INSENSITIVE + "; rename all but one");
        }
        return schema.apply(name);
    }

    private static final String CASE_INSENSITIVE = "Spark reads column names case-insensitively (spark.sql.caseSensitive is false)";

    /**
     * The names other than {@code name} that Spark's analyzer reads as {@code name}: those equal to it but for case
     * when the session's spark.sql.caseSensitive is false, Spark's default (its resolver compares with equalsIgnoreCase).
     */
    private static List<String> named(String[] names, String name) {
        if (caseSensitive()) {
            return List.of();
        }
        return Arrays.stream(names).filter(n -> !n.equals(name) && n.equalsIgnoreCase(name)).collect(Collectors.toList());
    }

    /** spark.sql.caseSensitive of the active session; false, Spark's default, when there is none (checks on a schema alone). */
    private static boolean caseSensitive() {
        SparkSession session;
        try {
            session = SparkSession.active();
        } catch (IllegalStateException none) {
            return false;
        }
        return Boolean.parseBoolean(session.conf().get("spark.sql.caseSensitive", "false"));
    }
}
