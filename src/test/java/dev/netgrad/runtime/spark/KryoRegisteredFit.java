package dev.netgrad.runtime.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Fits that hand to Spark's serializer everything a fit can: a whole fit of sparse rows (cached, and spilled to
 * disk in the JVM of its own), its model's transform, a sampled fit of rows persisted to disk, and a fit over
 * 40 partitions (the sum tree's shuffle). Run by
 * {@link KryoRegistrationRequiredTest} in a JVM of its own, whose one SparkContext runs Kryo with every class
 * required registered, and in the tests' shared session, for the same numbers.
 */
final class KryoRegisteredFit {
    /** 10 features of which 2 are set (CIRCLE's two at 3 and 8): rows that a fit caches sparse. */
    static final HandNet.Shape WIDE = new HandNet.Shape(10, 5, 1, 0, 1, null);

    /** What starts a line of results among whatever else the JVM prints. */
    static final String RESULT = "= ";

    private KryoRegisteredFit() {
    }

    /** Runs the fits in a session of its own, with registration required, and prints their costs, one line a fit. */
    public static void main(String[] args) throws IOException {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("netgrad-kryo")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                // Storage memory so small that the fit's cached rows go to disk, through the serializer.
                .config("spark.memory.fraction", "0.0001")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .config("spark.kryo.registrationRequired", "true")
                .config("spark.kryo.registrator", args.length > 1 ? args[1] : NetgradKryoRegistrator.class.getName())
                .getOrCreate();
        try {
            fits(spark, Path.of(args[0])).forEach(line -> System.out.println(RESULT + line));
        } finally {
            spark.stop();
        }
    }

    /** The costs of each fit, as text: the same bits give the same lines. */
    static List<String> fits(SparkSession spark, Path dir) throws IOException {
        // A file, as a user's data comes: a dataset made from a list in the driver would itself need java.util.ArrayList registered.
        Path file = dir.resolve("circle.svm");
        StringBuilder svm = new StringBuilder();
        for (Example e : LocalSpark.circle(200, 3)) {
            svm.append((int) e.label()).append(" 4:").append(e.features()[0]).append(" 9:").append(e.features()[1]).append('\n');
        }
        Files.writeString(file, svm);
        Dataset<Row> data = spark.read().format("libsvm").option("numFeatures", "10").load(file.toString()).repartition(3);
        NetgradEstimator estimator = new NetgradEstimator().setTrainer(seed -> new HandNet(seed, WIDE)).setSeed(5).setLearningRate(0.5)
                .setSteps(4);
        List<String> costs = new ArrayList<>();
        NetgradModel model = estimator.fit(data);
        costs.add("fit " + Arrays.toString(model.costs()));
        costs.add("transform " + model.transform(data).select("prediction").collectAsList());
        Dataset<Row> onDisk = data.persist(StorageLevel.DISK_ONLY());
        try {
            costs.add("sampled, on disk " + Arrays.toString(estimator.setSampleFraction(0.5).fit(onDisk).costs()));
        } finally {
            onDisk.unpersist(true);
        }
        costs.add("40 partitions " + Arrays.toString(estimator.setSampleFraction(1).setChunkRows(7).fit(data.repartition(40)).costs()));
        return costs;
    }
}
