package dev.netgrad.maven;

import java.util.Collection;
import org.apache.maven.artifact.Artifact;

/**
 * What the generated gradient tests need on the project's test classpath: JUnit Jupiter's API,
 * which {@code org.junit.jupiter:junit-jupiter} brings with the engine that runs the tests.
 */
final class TestDependencies {
    static final String JUNIT_GROUP = "org.junit.jupiter";
    static final String JUNIT_API = "junit-jupiter-api";

    static final String MISSING_JUNIT = "<generateTests> is on, but JUnit Jupiter is not on the project's test"
            + " classpath, and the generated gradient tests are JUnit tests: add the dependency"
            + " org.junit.jupiter:junit-jupiter with <scope>test</scope> to the pom";

    private TestDependencies() {
    }

    /** Whether the project's dependencies, transitive ones included, hold JUnit Jupiter's API. */
    static boolean haveJUnit(Collection<Artifact> artifacts) {
        return artifacts.stream()
                .anyMatch(a -> JUNIT_GROUP.equals(a.getGroupId()) && JUNIT_API.equals(a.getArtifactId()));
    }
}
