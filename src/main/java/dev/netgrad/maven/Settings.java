package dev.netgrad.maven;

import dev.netgrad.diff.Convention;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of the generator reads and writes: the Mojo's parameters, resolved and checked.
 * An empty {@code packageName} means each spec's package comes from its folder. The project's own
 * source roots (never netgrad's output folders) are where a generated class must not exist already. The
 * dependencies' class path (compile scope, not optional: what the module's users get with it) is where the runtime
 * may be already, a module of the same reactor's; for the test goal, the module's own main code (its source roots and
 * class folder) is searched before it. {@code goal} is the goal that runs, whose parameters the messages name.
 */
record Settings(
        Path sourceDirectory,
        List<String> includes,
        List<String> excludes,
        Path outputDirectory,
        Path testOutputDirectory,
        Path equationsDirectory,
        Optional<String> packageName,
        Convention convention,
        boolean generateTests,
        boolean spark,
        List<Path> projectSourceRoots,
        List<Path> projectTestSourceRoots,
        List<Path> dependencyClassPath,
        List<Path> mainCode,
        Goal goal) {

    static final List<String> DEFAULT_INCLUDES = List.of("**/*.nn");

    Settings {
        Objects.requireNonNull(sourceDirectory, "sourceDirectory");
        includes = includes.isEmpty() ? DEFAULT_INCLUDES : List.copyOf(includes);
        excludes = List.copyOf(excludes);
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(testOutputDirectory, "testOutputDirectory");
        Objects.requireNonNull(equationsDirectory, "equationsDirectory");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(convention, "convention");
        projectSourceRoots = List.copyOf(projectSourceRoots);
        projectTestSourceRoots = List.copyOf(projectTestSourceRoots);
        dependencyClassPath = List.copyOf(dependencyClassPath);
        mainCode = List.copyOf(mainCode);
        Objects.requireNonNull(goal, "goal");
    }

    /** Settings of the main goal, {@code generate}, whose parameters its messages name. */
    Settings(Path sourceDirectory, List<String> includes, List<String> excludes, Path outputDirectory, Path testOutputDirectory,
            Path equationsDirectory, Optional<String> packageName, Convention convention, boolean generateTests, boolean spark,
            List<Path> projectSourceRoots, List<Path> projectTestSourceRoots, List<Path> dependencyClassPath, List<Path> mainCode) {
        this(sourceDirectory, includes, excludes, outputDirectory, testOutputDirectory, equationsDirectory, packageName, convention,
                generateTests, spark, projectSourceRoots, projectTestSourceRoots, dependencyClassPath, mainCode, Goal.MAIN);
    }

    /** Settings whose runtime may be in the dependencies' class path alone, not in the module's own main code. */
    Settings(Path sourceDirectory, List<String> includes, List<String> excludes, Path outputDirectory, Path testOutputDirectory,
            Path equationsDirectory, Optional<String> packageName, Convention convention, boolean generateTests, boolean spark,
            List<Path> projectSourceRoots, List<Path> projectTestSourceRoots, List<Path> dependencyClassPath) {
        this(sourceDirectory, includes, excludes, outputDirectory, testOutputDirectory, equationsDirectory, packageName, convention,
                generateTests, spark, projectSourceRoots, projectTestSourceRoots, dependencyClassPath, List.of());
    }

    /** These settings with the dependencies' class path {@code classPath}. */
    Settings withDependencyClassPath(List<Path> classPath) {
        return withRuntimeSearch(mainCode, classPath);
    }

    /**
     * These settings with the module's own main code {@code main} (source roots and class folder: where the test goal
     * finds the runtime the main goal wrote) and the dependencies' class path {@code classPath}, searched in that order.
     */
    Settings withRuntimeSearch(List<Path> main, List<Path> classPath) {
        return new Settings(sourceDirectory, includes, excludes, outputDirectory, testOutputDirectory, equationsDirectory, packageName,
                convention, generateTests, spark, projectSourceRoots, projectTestSourceRoots, classPath, main, goal);
    }

    /** These settings for the goal {@code goal}, whose parameters the messages name. */
    Settings withGoal(Goal goal) {
        return new Settings(sourceDirectory, includes, excludes, outputDirectory, testOutputDirectory, equationsDirectory, packageName,
                convention, generateTests, spark, projectSourceRoots, projectTestSourceRoots, dependencyClassPath, mainCode, goal);
    }

    /** Settings of a module whose dependencies hold no runtime of netgrad's (or are not resolved yet). */
    Settings(Path sourceDirectory, List<String> includes, List<String> excludes, Path outputDirectory, Path testOutputDirectory,
            Path equationsDirectory, Optional<String> packageName, Convention convention, boolean generateTests, boolean spark,
            List<Path> projectSourceRoots, List<Path> projectTestSourceRoots) {
        this(sourceDirectory, includes, excludes, outputDirectory, testOutputDirectory, equationsDirectory, packageName, convention,
                generateTests, spark, projectSourceRoots, projectTestSourceRoots, List.of());
    }
}
