package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.junit.jupiter.api.Test;

class SparkDependencyTest {
    private static Artifact artifact(String group, String id, String scope) {
        return new DefaultArtifact(group, id, "4.2.0", scope, "jar", null, new DefaultArtifactHandler("jar"));
    }

    @Test
    void sparkMlOfAnyScalaVersionAndScopeIsEnough() {
        assertTrue(SparkDependency.haveSparkMl(List.of(artifact("org.apache.spark", "spark-mllib_2.13", "provided"))));
        assertTrue(SparkDependency.haveSparkMl(List.of(artifact("org.apache.spark", "spark-mllib_2.12", "compile"))));
    }

    // Spark SQL alone does not have org.apache.spark.ml: the adapter would not compile.
    @Test
    void withoutSparkMlItIsMissing() {
        assertFalse(SparkDependency.haveSparkMl(List.of()));
        assertFalse(SparkDependency.haveSparkMl(List.of(artifact("org.apache.spark", "spark-sql_2.13", "provided"),
                artifact("com.acme", "spark-mllib_2.13", "compile"))));
    }

    @Test
    void theMessageNamesTheDependencyToAdd() {
        assertTrue(SparkDependency.MISSING_SPARK.contains("org.apache.spark:spark-mllib_2.13"));
    }
}
