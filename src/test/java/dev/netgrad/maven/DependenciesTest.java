package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.junit.jupiter.api.Test;

class DependenciesTest {
    private static Artifact artifact(String group, String id, String scope) {
        return new DefaultArtifact(group, id, "4.2.0", scope, "jar", null, new DefaultArtifactHandler("jar"));
    }

    @Test
    void junitJupiterApiOnTheTestClasspathIsEnough() {
        assertTrue(Dependencies.haveJUnit(List.of(artifact("com.acme", "lib", "compile"),
                artifact("org.junit.jupiter", "junit-jupiter-api", "test"))));
    }

    @Test
    void withoutTheJupiterApiJUnitIsMissing() {
        assertFalse(Dependencies.haveJUnit(List.of()));
        assertFalse(Dependencies.haveJUnit(List.of(artifact("junit", "junit", "test"),
                artifact("org.junit.jupiter", "junit-jupiter-engine", "test"),
                artifact("org.junit.platform", "junit-platform-commons", "test"))));
    }

    @Test
    void theJUnitMessageNamesTheDependencyToAdd() {
        assertTrue(Dependencies.MISSING_JUNIT.contains("org.junit.jupiter:junit-jupiter with <scope>test</scope>"));
    }

    @Test
    void sparkMlOfAnyScalaVersionAndScopeIsEnough() {
        assertTrue(Dependencies.haveSparkMl(List.of(artifact("org.apache.spark", "spark-mllib_2.13", "provided"))));
        assertTrue(Dependencies.haveSparkMl(List.of(artifact("org.apache.spark", "spark-mllib_2.12", "compile"))));
    }

    // Spark SQL alone does not have org.apache.spark.ml: the adapter would not compile.
    @Test
    void withoutSparkMlItIsMissing() {
        assertFalse(Dependencies.haveSparkMl(List.of()));
        assertFalse(Dependencies.haveSparkMl(List.of(artifact("org.apache.spark", "spark-sql_2.13", "provided"),
                artifact("com.acme", "spark-mllib_2.13", "compile"))));
    }

    @Test
    void theSparkMessageNamesTheDependencyToAdd() {
        assertTrue(Dependencies.MISSING_SPARK.contains("org.apache.spark:spark-mllib_2.13"));
    }
}
