package dev.netgrad.maven;

import java.io.File;
import java.util.List;
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
 * Generates a Java trainer class for every {@code .nn} spec, and the derived equations of each
 * network as Markdown. Every problem of every spec is logged as {@code path:line:col: error:
 * message} before the build fails, and nothing is written then. Outputs are written only when
 * their bytes change, so an unchanged project recompiles nothing; files in the output folders that
 * the build no longer produces (the class of a renamed or deleted network) are deleted.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true,
        requiresDependencyCollection = ResolutionScope.TEST)
public class GenerateMojo extends AbstractGenerateMojo {
    /**
     * The folder searched for specs. A spec's folder below it gives the package of its class
     * ({@code com/acme/Foo.nn} gives {@code com.acme}). A missing folder holds no specs (with a
     * warning); a file is an error, and so is a folder below it whose name matches the includes.
     */
    @Parameter(property = "netgrad.sourceDirectory", defaultValue = "${project.basedir}/src/main/nn")
    private File sourceDirectory;

    /**
     * Where the trainer classes go, one per spec, in its package's folders and named after its
     * network ({@code com/acme/Iris.java}), with the runtime they share (package
     * {@code dev.netgrad.runtime}) unless a dependency of compile scope, such as another module of the
     * build with trainers, holds it already. Added to the compile source roots, also when generation is
     * skipped. The folder belongs to netgrad: the files netgrad generated there that the build no
     * longer produces are deleted (any other file is left, with a warning).
     */
    @Parameter(property = "netgrad.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/netgrad")
    private File outputDirectory;

    /**
     * Where each network's derived equations go as Markdown, in the spec's folder and named after
     * the network: {@code src/main/nn/com/acme/Iris.nn} gives
     * {@code target/netgrad/com/acme/Iris.md}. The folder belongs to netgrad, as
     * {@code outputDirectory} does.
     */
    @Parameter(property = "netgrad.equationsDirectory", defaultValue = "${project.build.directory}/netgrad")
    private File equationsDirectory;

    /**
     * Ant-style patterns, relative to {@code sourceDirectory}, of the specs to read ({@code **}
     * any folders, {@code *} any name within one folder). Default: {@code **}{@code /*.nn}. A pattern
     * with a {@code ..} folder is an error: to read specs from another folder, set {@code sourceDirectory}.
     * Upper and lower case are told apart, as in Maven's own patterns: a file they match only in another
     * case ({@code Iris.NN}) is not read, and a warning names it; includes that find no spec where the
     * folder holds {@code .nn} files get a warning too.
     */
    @Parameter
    private List<String> includes = List.of();

    /** Ant-style patterns of specs to leave out, relative to {@code sourceDirectory}, such as {@code drafts/**}. */
    @Parameter
    private List<String> excludes = List.of();

    /**
     * The package of every generated class. Unset, a spec's folder under {@code sourceDirectory}
     * is its package, and a spec right in {@code sourceDirectory} goes to {@code netgrad.generated},
     * since a class in Java's unnamed package cannot be imported. A folder that is not a Java
     * package name ({@code my-nets}, {@code class}) is an error that says so, as is a package in
     * {@code java} or in netgrad's runtime, {@code dev.netgrad.runtime}, which is written beside.
     */
    @Parameter(property = "netgrad.packageName")
    private String packageName;

    /**
     * The numerators of the derivatives the generated classes compute and the Markdown shows:
     * {@code loss} (the course's: dL for per-example values, dJ for params) or {@code cost} (dJ
     * everywhere). The param gradients are equal up to rounding: the 1/m enters at another place, so
     * the last bits, and after many steps the params' last bits, may differ.
     */
    @Parameter(property = "netgrad.convention", defaultValue = "loss")
    private String convention;

    /**
     * Also write a JUnit test per network ({@code IrisGradientTest} for {@code Iris}) into
     * {@code testOutputDirectory}, added to the test source roots; the project then needs the test
     * dependency {@code org.junit.jupiter:junit-jupiter}. It checks the network as {@code netgrad
     * gradcheck} does, by the same rule (the runtime's {@code FiniteDifferences}): on 16 seeded random
     * examples (targets of the kind the loss expects: one-hot for a softmax, 0/1 for a sigmoid, reals
     * otherwise; dropout masks fixed so that every pass sees the same ones), with every param moved
     * off its initial value, it compares each param's derived gradient with centred finite differences
     * of the cost (each entry p moved by {@code 1e-6 max(1, |p|)}); a param whose relative difference
     * {@code |g - g_fd| / (|g| + |g_fd|)} is not below 1e-7 fails unless {@code |g - g_fd|} is within
     * the differences' own error (their rounding and, by Richardson's rule, their truncation). It
     * fails too when no param was compared with something other than zeros, or when every param
     * passed only within that error, and names on stderr the params that did. A param with more than
     * 40 entries is checked on a seeded sample of 40. So {@code mvn test} proves the maths of your own
     * specs. {@code true} or {@code false}: any other value fails the build.
     */
    @Parameter(property = "netgrad.generateTests", defaultValue = "false")
    private String generateTests;

    /**
     * Where the gradient tests go when {@code generateTests} is on. The folder belongs to
     * netgrad, as {@code outputDirectory} does.
     */
    @Parameter(property = "netgrad.testOutputDirectory",
            defaultValue = "${project.build.directory}/generated-test-sources/netgrad")
    private File testOutputDirectory;

    /**
     * Also write the Spark adapter (package {@code dev.netgrad.runtime.spark}: a Spark ML Estimator
     * and Model that train the generated trainers data-parallel) beside the runtime. It compiles
     * against the project's own Spark 4 ({@code spark-sql_2.13} and {@code spark-mllib_2.13},
     * usually {@code provided}); nothing of netgrad is needed at run time. {@code true} or
     * {@code false}: any other value fails the build.
     */
    @Parameter(property = "netgrad.spark", defaultValue = "false")
    private String spark;

    /**
     * Skip generation ({@code mvn package -Dnetgrad.skip}). The output folder is still a compile
     * source root, so the classes an earlier build generated are compiled as before. {@code true}
     * or {@code false} ({@code -Dnetgrad.skip} alone is true): any other value, such as a misspelt
     * {@code ture}, fails the build rather than quietly not skipping.
     */
    @Parameter(property = "netgrad.skip", defaultValue = "false")
    private String skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The running execution, whose goal's descriptor says which parameters there are (null in tests that do not set it). */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    /** The build, whose user properties (the command line's -D) may hold a misspelt -Dnetgrad.* (null in tests that do not set it). */
    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    /** Maven (or the IDE) gives the build context: the file system itself on the command line. */
    @Inject
    public GenerateMojo(BuildContext buildContext, RepositorySystem repositorySystem) {
        super(buildContext, repositorySystem);
    }

    /** A Mojo that does not look for the runtime among the dependencies. */
    GenerateMojo(BuildContext buildContext) {
        this(buildContext, null);
    }

    @Override
    Goal goal() {
        return Goal.MAIN;
    }

    @Override
    File sourceDirectory() {
        return sourceDirectory;
    }

    @Override
    List<String> includes() {
        return includes;
    }

    @Override
    List<String> excludes() {
        return excludes;
    }

    @Override
    File outputDirectory() {
        return outputDirectory;
    }

    @Override
    File equationsDirectory() {
        return equationsDirectory;
    }

    @Override
    File testOutputDirectory() {
        return testOutputDirectory;
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
        return generateTests;
    }

    @Override
    String spark() {
        return spark;
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
