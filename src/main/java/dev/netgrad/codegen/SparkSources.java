package dev.netgrad.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spark adapter, the package {@code dev.netgrad.runtime.spark}: ordinary Java compiled and
 * tested with netgrad against a provided Spark, whose sources are also packaged as resources so
 * that {@code generate --spark} and the plugin's {@code <spark>} write them out verbatim beside the
 * runtime. The user's project compiles them against its own Spark; a Spark job then carries no
 * netgrad artifact and none of the tool's dependencies.
 */
public final class SparkSources {
    /** The adapter's package. */
    public static final String PACKAGE = "dev.netgrad.runtime.spark";

    /** The adapter's files, in a fixed order; a test holds the list to the package's folder. */
    static final List<String> FILES = List.of("AdapterVersion.java", "Columns.java", "DataCheck.java", "DataParallelSteps.java", "EstimatorFiles.java", "Example.java", "ForwardPasses.java", "InitialParamsParam.java",
            "LabelKind.java", "ModelColumns.java", "ModelParams.java", "NetgradEstimator.java", "NetgradKryoRegistrator.java",
            "NetgradModel.java", "Params.java", "PartitionSums.java", "Predictions.java", "Seeds.java", "StageFiles.java",
            "SumTree.java", "TaskTrainers.java", "TrainerFactory.java", "TrainerParam.java", "TrainingDiverged.java", "TrainingParams.java",
            "TrainingStopped.java", "package-info.java");

    /** The adapter's class that tells it apart from another version's, as the runtime's RuntimeVersion does. */
    public static final String VERSION_CLASS = "AdapterVersion";

    /** Where the pom copies the adapter's sources among the resources. */
    private static final String RESOURCES = "/dev/netgrad/codegen/runtime/spark/";

    private static final VersionMark MARK = new VersionMark(PACKAGE, VERSION_CLASS, FILES, SparkSources::read);

    private SparkSources() {
    }

    /** The adapter's sources by their path under a source root ({@code dev/netgrad/runtime/spark/NetgradEstimator.java}). */
    public static Map<String, String> files() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String file : FILES) {
            out.put(PACKAGE.replace('.', '/') + "/" + file, read(file));
        }
        return out;
    }

    /**
     * The text that tells this version's adapter from another's, by the source path of the class that holds it:
     * {@code dev/netgrad/runtime/spark/AdapterVersion.java} and its digest, as written in that source (and so in its class).
     */
    public static Map<String, String> versionMarks() {
        return MARK.mark();
    }

    /** The SHA-256 of the adapter's sources but {@link #VERSION_CLASS}'s, as {@code AdapterVersion.SHA_256} says it is computed. */
    static String digest() {
        return MARK.digest();
    }

    private static String read(String file) {
        try (InputStream in = SparkSources.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("netgrad is missing its resource " + RESOURCES + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
