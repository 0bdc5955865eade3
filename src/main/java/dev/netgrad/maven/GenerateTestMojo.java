package dev.netgrad.maven;

import java.io.File;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Generates a trainer class for every {@code .nn} spec of the tests ({@code src/test/nn}), for a project that uses
 * trainers in its tests alone, as {@code generate} does for the main code: the classes go to a test source root,
 * compiled with the tests and never packaged. The runtime they extend is the main code's when the module has one
 * ({@code generate} wrote it in this build, or the class folder or a dependency holds this version's), and is
 * otherwise written beside the test trainers. Parameters are this goal's own, as the compiler's {@code testCompile}
 * has {@code testIncludes} beside {@code compile}'s {@code includes}: a plugin-wide {@code <sourceDirectory>} or
 * {@code <outputDirectory>} is {@code generate}'s alone, and the {@code -D} properties are {@code netgrad.test.*}.
 * {@code -Dmaven.test.skip=true} skips it, as it skips the compiling of the tests.
 */
@Mojo(name = "generate-test", defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES, threadSafe = true,
        requiresDependencyCollection = ResolutionScope.TEST)
public class GenerateTestMojo extends AbstractGenerateMojo {
    /**
     * The folder searched for the tests' specs; a spec's folder below it gives its class's package, as for
     * {@code generate}'s {@code sourceDirectory}. A missing folder holds no specs (with a warning).
     */
    @Parameter(property = "netgrad.test.sourceDirectory", defaultValue = "${project.basedir}/src/test/nn")
    private File testSourceDirectory;

    /**
     * Where the test trainer classes go, in their packages' folders, with the runtime when the main code has none;
     * added to the test source roots, also when generation is skipped. The folder belongs to netgrad, as
     * {@code generate}'s {@code outputDirectory} does: the files netgrad generated there that the build no longer
     * produces are deleted.
     */
    @Parameter(property = "netgrad.test.trainersDirectory",
            defaultValue = "${project.build.directory}/generated-test-sources/netgrad-trainers")
    private File testTrainersDirectory;

    /** Where each test network's derived equations go as Markdown, in the spec's folder. The folder belongs to netgrad. */
    @Parameter(property = "netgrad.test.equationsDirectory", defaultValue = "${project.build.directory}/netgrad-test")
    private File testEquationsDirectory;

    /** Ant-style patterns, relative to {@code testSourceDirectory}, of the specs to read. Default: {@code **}{@code /*.nn}. */
    @Parameter
    private List<String> testIncludes = List.of();

    /** Ant-style patterns of the tests' specs to leave out, relative to {@code testSourceDirectory}. */
    @Parameter
    private List<String> testExcludes = List.of();

    /**
     * The package of every test trainer class, as {@code generate}'s {@code packageName} (a plugin-wide
     * {@code <packageName>} sets both goals'). Unset, a spec's folder is its package.
     */
    @Parameter(property = "netgrad.test.packageName")
    private String packageName;

    /** The numerators of the derivatives, {@code loss} or {@code cost}, as {@code generate}'s {@code convention}. */
    @Parameter(property = "netgrad.test.convention", defaultValue = "loss")
    private String convention;

    /**
     * Skip this goal ({@code -Dnetgrad.test.skip}); {@code -Dnetgrad.skip} skips {@code generate} alone, as the
     * compiler's {@code maven.main.skip} leaves the tests. The output folder is still a test source root.
     * {@code true} or {@code false}: any other value fails the build.
     */
    @Parameter(property = "netgrad.test.skip", defaultValue = "false")
    private String skip;

    /** Maven's own switch that skips compiling the tests (and running them): nothing is generated then. */
    @Parameter(property = "maven.test.skip", readonly = true)
    private String mavenTestSkip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The running execution, whose goal's descriptor says which parameters there are (null in tests that do not set it). */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    /** The build, whose user properties may hold a misspelt -Dnetgrad.* (null in tests that do not set it). */
    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    /** Maven (or the IDE) gives the build context: the file system itself on the command line. */
    @Inject
    public GenerateTestMojo(BuildContext buildContext, RepositorySystem repositorySystem) {
        super(buildContext, repositorySystem);
    }

    /** A Mojo that looks for the runtime in the module's own main code alone. */
    GenerateTestMojo(BuildContext buildContext) {
        this(buildContext, null);
    }

    @Override
    Optional<String> skippedBy() {
        // Read as the compiler's testCompile reads it: true in any case is true, anything else false.
        return Boolean.parseBoolean(mavenTestSkip == null ? null : mavenTestSkip.trim()) ? Optional.of("maven.test.skip")
                : Optional.empty();
    }

    @Override
    Goal goal() {
        return Goal.TEST;
    }

    @Override
    File sourceDirectory() {
        return testSourceDirectory;
    }

    @Override
    List<String> includes() {
        return testIncludes;
    }

    @Override
    List<String> excludes() {
        return testExcludes;
    }

    @Override
    File outputDirectory() {
        return testTrainersDirectory;
    }

    @Override
    File equationsDirectory() {
        return testEquationsDirectory;
    }

    @Override
    File testOutputDirectory() {
        return testTrainersDirectory;
    }

    @Override
    String packageName() {
        return packageName;
    }

    @Override
    String convention() {
        return convention;
    }

    @Override
    String generateTests() {
        return "false";
    }

    @Override
    String spark() {
        return "false";
    }

    @Override
    String skip() {
        return skip;
    }

    @Override
    MavenProject project() {
        return project;
    }

    @Override
    MojoExecution mojoExecution() {
        return mojoExecution;
    }

    @Override
    MavenSession session() {
        return session;
    }
}
