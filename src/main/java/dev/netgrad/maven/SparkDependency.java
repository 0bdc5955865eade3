package dev.netgrad.maven;

import java.util.Collection;
import org.apache.maven.artifact.Artifact;

/**
 * What the Spark adapter ({@code <spark>true</spark>}) needs on the project's classpath: Spark ML,
 * which {@code org.apache.spark:spark-mllib_2.13} brings with Spark SQL. Checked before anything is
 * generated, so that its absence is one message rather than a page of javac's "package
 * org.apache.spark.ml.linalg does not exist".
 */
final class SparkDependency {
    static final String SPARK_GROUP = "org.apache.spark";
    static final String MLLIB_PREFIX = "spark-mllib_";

    static final String MISSING_SPARK = "<spark> is on, but Spark ML is not on the project's classpath, and the"
            + " generated adapter compiles against it: add the dependency org.apache.spark:spark-mllib_2.13"
            + " (4.0.1 or later, usually with <scope>provided</scope>) to the pom";

    private SparkDependency() {
    }

    /** Whether the project's dependencies, transitive ones included, hold Spark ML. */
    static boolean haveSparkMl(Collection<Artifact> artifacts) {
        return artifacts.stream()
                .anyMatch(a -> SPARK_GROUP.equals(a.getGroupId()) && a.getArtifactId().startsWith(MLLIB_PREFIX));
    }
}
