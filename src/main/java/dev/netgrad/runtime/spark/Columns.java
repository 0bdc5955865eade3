package dev.netgrad.runtime.spark;

import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
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
    }

    /** The features and labels of the rows, partition by partition as the dataset has them. */
    static JavaRDD<Example> examples(Dataset<?> dataset, String featuresCol, String labelCol) {
        return dataset.select(column(featuresCol), column(labelCol).cast(DataTypes.DoubleType))
                .toJavaRDD()
                .map(row -> new Example(row.isNullAt(0) ? null : ((Vector) row.get(0)).toArray(), row.isNullAt(1) ? Double.NaN : row.getDouble(1)));
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
        return schema.apply(name);
    }
}
