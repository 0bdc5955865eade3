package dev.netgrad.maven;

import java.util.Collection;
import java.util.function.Predicate;
import org.apache.maven.artifact.Artifact;

/**
 * What the generated sources need on the project's classpath, checked before anything is generated
 * so that a missing dependency is one message rather than a page of javac's "package ... does not
 * exist": JUnit Jupiter's API for the gradient tests ({@code org.junit.jupiter:junit-jupiter} brings
 * it with the engine that runs them), and Spark ML for the Spark adapter ({@code
 * org.apache.spark:spark-mllib_2.13} brings it with Spark SQL).
 */
final class Dependencies {
    static final String JUNIT_GROUP = "org.junit.jupiter";
    static final String JUNIT_API = "junit-jupiter-api";
    static final String SPARK_GROUP = "org.apache.spark";
    static final String MLLIB_PREFIX = "spark-mllib_";

    static final String MISSING_JUNIT = "<generateTests> is on, but JUnit Jupiter is not on the project's test"
            + " classpath, and the generated gradient tests are JUnit tests: add the dependency"
            + " org.junit.jupiter:junit-jupiter with <scope>test</scope> to the pom";

    static final String MISSING_SPARK = "<spark> is on, but Spark ML is not on the project's classpath, and the"
            + " generated adapter compiles against it: add the dependency org.apache.spark:spark-mllib_2.13"
            + " (4.0.1 or later, usually with <scope>provided</scope>) to the pom";

    private Dependencies() {
    }

    /** Whether the project's dependencies, transitive ones included, hold JUnit Jupiter's API. */
    static boolean haveJUnit(Collection<Artifact> artifacts) {
        return any(artifacts, JUNIT_GROUP, JUNIT_API::equals);
    }

    /** Whether the project's dependencies, transitive ones included, hold Spark ML (of any Scala version). */
    static boolean haveSparkMl(Collection<Artifact> artifacts) {
        return any(artifacts, SPARK_GROUP, id -> id.startsWith(MLLIB_PREFIX));
    }

    private static boolean any(Collection<Artifact> artifacts, String group, Predicate<String> artifactId) {
        return artifacts.stream().anyMatch(a -> group.equals(a.getGroupId()) && artifactId.test(a.getArtifactId()));
    }
}
