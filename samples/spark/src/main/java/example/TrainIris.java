package example;

import dev.netgrad.runtime.spark.NetgradEstimator;
import dev.netgrad.runtime.spark.NetgradModel;
import example.nets.Iris;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Trains the generated Iris trainer on Spark: the CSV read by Spark's own reader, the four
 * measurements assembled into a vector and standardized, then full-batch Adam over three
 * partitions. Arguments: the CSV, and the master (none under spark-submit, which sets it).
 */
public final class TrainIris {
    private TrainIris() {
    }

    public static void main(String[] args) {
        SparkSession.Builder builder = SparkSession.builder().appName("netgrad-iris").config("spark.ui.enabled", "false");
        if (args.length > 1) {
            builder.master(args[1]);
        }
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            Dataset<Row> iris = spark.read().option("header", true).option("inferSchema", true).csv(args[0]).repartition(3);
            VectorAssembler assemble = new VectorAssembler()
                    .setInputCols(new String[] {"sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"})
                    .setOutputCol("measurements");
            StandardScaler standardize = new StandardScaler().setInputCol("measurements").setOutputCol("features").setWithMean(true);
            NetgradEstimator train = new NetgradEstimator()
                    .setTrainerClass(Iris.class)
                    .setOptimizer("adam")
                    .setLearningRate(0.01)
                    .setSteps(300)
                    .setSeed(1);
            PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {assemble, standardize, train}).fit(iris);

            NetgradModel model = (NetgradModel) pipeline.stages()[2];
            double[] costs = model.costs();
            long right = pipeline.transform(iris).filter("prediction = label").count();
            System.out.printf(Locale.ROOT, "%d partitions, %d steps: cost %.4f -> %.4f%n", iris.rdd().getNumPartitions(), costs.length,
                    costs[0], costs[costs.length - 1]);
            System.out.printf(Locale.ROOT, "training accuracy %.4f (%d of %d)%n", right / (double) iris.count(), right, iris.count());
            // The trained one-machine trainer: W1 is 10 x 4.
            System.out.println("W1 is " + model.trainer().paramRows("W1") + " x " + model.trainer().paramCols("W1"));
        } finally {
            spark.stop();
        }
    }
}
