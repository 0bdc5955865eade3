package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.junit.jupiter.api.Test;

class TestDependenciesTest {
    private static Artifact artifact(String group, String id, String scope) {
        return new DefaultArtifact(group, id, "1.0", scope, "jar", null, new DefaultArtifactHandler("jar"));
    }

    @Test
    void junitJupiterApiOnTheTestClasspathIsEnough() {
        assertTrue(TestDependencies.haveJUnit(List.of(artifact("com.acme", "lib", "compile"),
                artifact("org.junit.jupiter", "junit-jupiter-api", "test"))));
    }

    @Test
    void withoutTheJupiterApiJUnitIsMissing() {
        assertFalse(TestDependencies.haveJUnit(List.of()));
        assertFalse(TestDependencies.haveJUnit(List.of(artifact("junit", "junit", "test"),
                artifact("org.junit.jupiter", "junit-jupiter-engine", "test"),
                artifact("org.junit.platform", "junit-platform-commons", "test"))));
    }

    @Test
    void theMessageNamesTheDependencyToAdd() {
        assertTrue(TestDependencies.MISSING_JUNIT.contains("org.junit.jupiter:junit-jupiter with <scope>test</scope>"));
    }
}
