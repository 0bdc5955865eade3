package dev.netgrad.runtime.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The local Spark of the test JVM, and data sets laid out in partitions of chosen sizes. */
final class LocalSpark {
    static final StructType SCHEMA = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);

    private LocalSpark() {
    }

    /**
     * The one local Spark of this JVM, shared by the test classes: started by the first that asks
     * (later calls get the same session), stopped by Spark's own shutdown hook when the JVM ends.
     */
    static SparkSession session() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("netgrad-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    /** 2-feature rows labelled 1 inside a circle of radius^2 1.5, else 0. */
    static List<Example> circle(int rows, long seed) {
        Random random = new Random(seed);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            double a = random.nextDouble() * 4 - 2;
            double b = random.nextDouble() * 4 - 2;
            examples.add(new Example(new double[] {a, b}, a * a + b * b < 1.5 ? 1 : 0));
        }
        return examples;
    }

    /** 4-feature rows of 3 classes around three centres. */
    static List<Example> threeClasses(int rows, long seed) {
        Random random = new Random(seed);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int k = i % 3;
            double[] x = new double[4];
            for (int j = 0; j < 4; j++) {
                x[j] = (j == k ? 2 : 0) + random.nextGaussian() * 0.7;
            }
            examples.add(new Example(x, k));
        }
        return examples;
    }

    /** The examples as a data frame whose partitions hold exactly {@code sizes} rows, in order. */
    static Dataset<Row> partitioned(SparkSession spark, List<Example> examples, int... sizes) {
        List<List<Row>> parts = new ArrayList<>();
        int from = 0;
        for (int size : sizes) {
            List<Row> part = new ArrayList<>();
            for (Example e : examples.subList(from, from + size)) {
                part.add(RowFactory.create(Vectors.dense(e.features()), e.label()));
            }
            parts.add(part);
            from += size;
        }
        if (from != examples.size()) {
            throw new IllegalArgumentException("the sizes add up to " + from + ", not " + examples.size());
        }
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(parts, sizes.length).flatMap(List::iterator);
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** The features of the examples, one row each. */
    static double[][] features(List<Example> examples) {
        return examples.stream().map(Example::features).toArray(double[][]::new);
    }

    /** The targets of the examples: one-hot of k for k > 1, else the label. */
    static double[][] targets(List<Example> examples, int k) {
        LabelKind kind = k > 1 ? LabelKind.CLASSES : LabelKind.BINARY;
        return examples.stream().map(e -> kind.target(e.label(), k)).toArray(double[][]::new);
    }
}
