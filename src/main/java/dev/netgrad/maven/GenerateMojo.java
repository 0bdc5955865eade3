package dev.netgrad.maven;

import dev.netgrad.diff.Convention;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates a Java trainer class for every {@code .nn} spec, and the derived equations of each
 * network as Markdown. Every problem of every spec is logged as {@code path:line:col: error:
 * message} before the build fails. Outputs are written only when their bytes change, so an
 * unchanged project recompiles nothing.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {
    /** The folder searched for specs; a spec's folder below it gives its package. */
    @Parameter(property = "netgrad.sourceDirectory", defaultValue = "${project.basedir}/src/main/nn")
    private File sourceDirectory;

    /** Where the trainer classes go; added to the project's compile source roots. */
    @Parameter(property = "netgrad.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/netgrad")
    private File outputDirectory;

    /** Where the derived equations go, as {@code <folder of the spec>/<Network>.md}. */
    @Parameter(property = "netgrad.equationsDirectory", defaultValue = "${project.build.directory}/netgrad")
    private File equationsDirectory;

    /** Ant-style patterns, relative to {@code sourceDirectory}, of the specs to read; default {@code **}{@code /*.nn}. */
    @Parameter
    private List<String> includes = List.of();

    /** Ant-style patterns of specs to leave out, relative to {@code sourceDirectory}. */
    @Parameter
    private List<String> excludes = List.of();

    /**
     * The package of every generated class. Unset: each spec's folder under
     * {@code sourceDirectory}, and {@code netgrad.generated} for specs at its root.
     */
    @Parameter(property = "netgrad.packageName")
    private String packageName;

    /** The numerator of the equations in the Markdown: {@code loss} (the course's) or {@code cost}. */
    @Parameter(property = "netgrad.convention", defaultValue = "loss")
    private String convention;

    /** Also write a JUnit 5 gradient check per network, added to the test source roots. */
    @Parameter(property = "netgrad.generateTests", defaultValue = "false")
    private boolean generateTests;

    /** Where the gradient checks go when {@code generateTests} is on. */
    @Parameter(property = "netgrad.testOutputDirectory",
            defaultValue = "${project.build.directory}/generated-test-sources/netgrad")
    private File testOutputDirectory;

    /** Skip generation; the output folder is still compiled, from what an earlier build left there. */
    @Parameter(property = "netgrad.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        // Before any early return: a skipped run must still compile what an earlier run generated.
        project.addCompileSourceRoot(outputDirectory.getPath());
        if (generateTests) {
            project.addTestCompileSourceRoot(testOutputDirectory.getPath());
        }
        if (skip) {
            getLog().info("netgrad: generation skipped (netgrad.skip)");
            return;
        }
        Outcome outcome = run(settings());
        if (outcome.failed()) {
            outcome.errorLines().forEach(getLog()::error);
            throw new MojoFailureException("netgrad: " + count(outcome.errorCount(), "error")
                    + " in the specs under " + sourceDirectory + " (see the messages above)");
        }
        logSummary(outcome);
    }

    private Outcome run(Settings settings) throws MojoExecutionException {
        try {
            return new Generation(settings).run();
        } catch (IOException e) {
            throw new MojoExecutionException("netgrad: cannot read specs or write outputs: " + e, e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("netgrad: " + e.getMessage(), e);
        }
    }

    private Settings settings() throws MojoFailureException {
        return new Settings(path(sourceDirectory), orEmpty(includes), orEmpty(excludes), path(outputDirectory),
                path(testOutputDirectory), path(equationsDirectory), configuredPackage(), parseConvention(),
                generateTests);
    }

    private Optional<String> configuredPackage() throws MojoFailureException {
        if (packageName == null || packageName.isBlank()) {
            return Optional.empty();
        }
        String name = packageName.trim();
        Optional<String> problem = PackageNames.problem(name);
        if (problem.isPresent()) {
            throw new MojoFailureException("netgrad: <packageName> " + problem.get());
        }
        return Optional.of(name);
    }

    private Convention parseConvention() throws MojoFailureException {
        String value = convention == null ? "loss" : convention.trim().toLowerCase(Locale.ROOT);
        return Convention.of(value).orElseThrow(
                () -> new MojoFailureException("netgrad: <convention> must be loss or cost, not '" + convention + "'"));
    }

    private void logSummary(Outcome outcome) {
        if (outcome.specCount() == 0) {
            getLog().info("netgrad: no specs in " + sourceDirectory);
            return;
        }
        getLog().info("netgrad: " + count(outcome.specCount(), "spec") + ", "
                + count(outcome.written().size(), "file") + " written, " + outcome.unchanged().size() + " unchanged");
        outcome.written().forEach(file -> getLog().debug("netgrad: wrote " + file));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static Path path(File file) {
        return file.toPath();
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
