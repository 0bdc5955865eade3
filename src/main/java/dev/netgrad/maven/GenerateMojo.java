package dev.netgrad.maven;

import static dev.netgrad.English.count;

import dev.netgrad.IoReason;
import dev.netgrad.diff.Convention;
import dev.netgrad.spec.Diagnostic;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.RepositoryUtils;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.sonatype.plexus.build.incremental.BuildContext;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * Generates a Java trainer class for every {@code .nn} spec, and the derived equations of each
 * network as Markdown. Every problem of every spec is logged as {@code path:line:col: error:
 * message} before the build fails, and nothing is written then. Outputs are written only when
 * their bytes change, so an unchanged project recompiles nothing; files in the output folders that
 * the build no longer produces (the class of a renamed or deleted network) are deleted.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true,
        requiresDependencyCollection = ResolutionScope.TEST)
public class GenerateMojo extends AbstractMojo {
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

    private final BuildContext buildContext;

    /** What resolves the dependencies' files, in a reactor its modules' own (null in tests that do not set it). */
    private final RepositorySystem repositorySystem;

    /** Maven (or the IDE) gives the build context: the file system itself on the command line. */
    @Inject
    public GenerateMojo(BuildContext buildContext, RepositorySystem repositorySystem) {
        this.buildContext = buildContext;
        this.repositorySystem = repositorySystem;
    }

    /** A Mojo that does not look for the runtime among the dependencies. */
    GenerateMojo(BuildContext buildContext) {
        this(buildContext, null);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (mojoExecution != null) {
            UnknownParameters.warnings(mojoExecution, project).forEach(getLog()::warn);
            if (session != null) {
                UnknownParameters.propertyWarnings(mojoExecution, session.getUserProperties()).forEach(getLog()::warn);
            }
        }
        // Read strictly before anything is done: a misspelt value must not quietly mean false.
        boolean skipping = new Switch("skip", "netgrad.skip").isOn(skip);
        boolean withTests = new Switch("generateTests", "netgrad.generateTests").isOn(generateTests);
        boolean withSpark = new Switch("spark", "netgrad.spark").isOn(spark);
        List<Folders.Kept> kept = keptFolders();
        // Before any early return: a skipped run must still compile what an earlier run generated.
        project.addCompileSourceRoot(outputDirectory.getPath());
        // With the tests off, their folder of an earlier build stays a test root: the compiler then sees
        // the tests this build deletes go, and deletes their classes; with no test root at all it
        // compiles nothing, and surefire went on running the old tests' classes.
        if (withTests || testOutputDirectory.isDirectory()
                && Folders.testOutputProblem(path(testOutputDirectory), path(outputDirectory)).isEmpty()) {
            project.addTestCompileSourceRoot(testOutputDirectory.getPath());
        }
        if (skipping) {
            getLog().info("netgrad: generation skipped (netgrad.skip)");
            if (sourceDirectory.isDirectory() && !outputDirectory.isDirectory()) {
                // After mvn clean nothing is left to compile, and javac's "package ... does not exist" would not say why.
                getLog().warn("netgrad: generation skipped (netgrad.skip), and no earlier build left trainers in " + outputDirectory
                        + ": code that uses them will not compile until a build without netgrad.skip generates them");
            }
            return;
        }
        Optional<String> others = mojoExecution == null ? Optional.empty() : OtherExecutions.problem(mojoExecution, project);
        if (others.isPresent()) {
            throw new MojoFailureException("netgrad: " + others.get());
        }
        Settings settings = settings(kept, withTests, withSpark);
        if (buildContext.isIncremental() && !buildContext.hasDelta(sourceDirectory)) {
            getLog().debug("netgrad: no spec changed since the IDE's last build");
            return;
        }
        // Resolved once the build is known to generate: an IDE's incremental build with no spec changed (each save
        // in Eclipse) resolved every dependency's file for nothing.
        Outcome outcome = run(settings.withDependencyClassPath(dependencyClassPath()));
        mark(outcome);
        outcome.warnings().forEach(warning -> getLog().warn("netgrad: " + warning));
        if (outcome.failed()) {
            outcome.errorLines().forEach(getLog()::error);
            throw new MojoFailureException("netgrad: " + count(outcome.errorCount(), "error")
                    + " in the specs under " + sourceDirectory + " (see the messages above)");
        }
        outcome.notes().forEach(note -> getLog().info("netgrad: " + note));
        logSummary(outcome);
    }

    private Outcome run(Settings settings) throws MojoExecutionException {
        try {
            return new Generation(settings, new BuildContextSink(buildContext)).run();
        } catch (IOException e) {
            throw new MojoExecutionException(failure(e), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("netgrad: " + e.getMessage(), e);
        }
    }

    /**
     * What the build's failure says of {@code e}: netgrad's own message ({@code cannot write FILE: REASON})
     * says whether it was a read or a write; a JDK's exception is said in words after that it was one or the other.
     */
    static String failure(IOException e) {
        return "netgrad: " + (e instanceof BuildFileException ? e.getMessage()
                : "cannot read specs or write outputs: " + describe(e));
    }

    /**
     * The JDK's file-system exceptions say the path and a reason apart (a NoSuchFileException only the
     * path), so both are said in words, never as the exception's class name; any other says a reason alone.
     */
    static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + IoReason.of(e);
        }
        return IoReason.of(e);
    }

    // Error markers on the specs, for an IDE; Maven's command-line context would only log each
    // error a second time, in a format of its own. The column is the diagnostic's: code points.
    private void mark(Outcome outcome) {
        if (buildContext instanceof DefaultBuildContext) {
            return;
        }
        outcome.specs().forEach(spec -> buildContext.removeMessages(spec.toFile()));
        for (Diagnostic d : outcome.diagnostics()) {
            buildContext.addMessage(new File(d.path()), d.line(), d.column(), d.message(),
                    BuildContext.SEVERITY_ERROR, null);
        }
    }

    private Settings settings(List<Folders.Kept> kept, boolean withTests, boolean withSpark) throws MojoFailureException {
        Optional<String> problem = Folders.sourceDirectoryProblem(path(sourceDirectory));
        problem = problem.or(() -> PathPattern.listProblem("includes", "include", includes));
        problem = problem.or(() -> PathPattern.listProblem("excludes", "exclude", excludes));
        problem = problem.or(() -> Folders.outputProblem("outputDirectory", path(outputDirectory), kept, outputs()));
        problem = problem.or(() -> Folders.outputProblem("equationsDirectory", path(equationsDirectory), kept,
                outputs()));
        problem = problem.or(() -> Folders.outputProblem("testOutputDirectory", path(testOutputDirectory), kept,
                outputs()));
        problem = problem.or(() -> Folders.outputFileProblem("outputDirectory", path(outputDirectory)));
        problem = problem.or(() -> Folders.outputFileProblem("equationsDirectory", path(equationsDirectory)));
        if (withTests) {
            problem = problem.or(() -> Folders.testOutputProblem(path(testOutputDirectory), path(outputDirectory)));
            problem = problem.or(() -> Folders.outputFileProblem("testOutputDirectory", path(testOutputDirectory)));
        }
        if (problem.isPresent()) {
            throw new MojoFailureException("netgrad: " + problem.get());
        }
        if (withTests && !Dependencies.haveJUnit(project.getArtifacts())) {
            throw new MojoFailureException("netgrad: " + Dependencies.MISSING_JUNIT);
        }
        if (withSpark && !Dependencies.haveSparkMl(project.getArtifacts())) {
            throw new MojoFailureException("netgrad: " + Dependencies.MISSING_SPARK);
        }
        return new Settings(path(sourceDirectory), orEmpty(includes), orEmpty(excludes), path(outputDirectory),
                path(testOutputDirectory), path(equationsDirectory), configuredPackage(), parseConvention(),
                withTests, withSpark, ownRoots(project.getCompileSourceRoots()), ownRoots(project.getTestCompileSourceRoots()));
    }

    /**
     * The files of the dependencies that the module's users get with it (compile scope, not optional), in class-path
     * order: a module of the reactor by its jar, or its class folder before it is packaged. The goal runs before Maven
     * resolves the compile class path, and asking Maven for it would fail {@code mvn generate-sources} in a reactor whose
     * modules are not installed: each is resolved here, and one that cannot be is left out (javac reports it).
     */
    private List<Path> dependencyClassPath() {
        if (repositorySystem == null || session == null) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            if (!Artifact.SCOPE_COMPILE.equals(artifact.getScope()) || artifact.isOptional()) {
                continue;
            }
            if (artifact.getFile() != null) {
                files.add(artifact.getFile().toPath());
                continue;
            }
            ArtifactRequest request = new ArtifactRequest(RepositoryUtils.toArtifact(artifact), project.getRemoteProjectRepositories(), null);
            try {
                File file = repositorySystem.resolveArtifact(session.getRepositorySession(), request).getArtifact().getFile();
                if (file != null) {
                    files.add(file.toPath());
                }
            } catch (ArtifactResolutionException e) {
                getLog().debug("netgrad: " + artifact + " not resolved: " + e.getMessage());
            }
        }
        return files;
    }

    // The project's own folders, which netgrad's clean-up of its output folders must never reach.
    private List<Folders.Kept> keptFolders() {
        List<Folders.Kept> kept = new ArrayList<>();
        kept.add(new Folders.Kept("the project's folder", project.getBasedir().toPath()));
        kept.add(new Folders.Kept("the specs' folder", path(sourceDirectory), Folders.Guard.INPUTS));
        kept.add(new Folders.Kept("the build folder", Path.of(project.getBuild().getDirectory()), Folders.Guard.BUILD));
        Optional.ofNullable(project.getBuild().getOutputDirectory())
                .ifPresent(dir -> kept.add(new Folders.Kept("the class folder", Path.of(dir), Folders.Guard.CLASSES)));
        Optional.ofNullable(project.getBuild().getTestOutputDirectory())
                .ifPresent(dir -> kept.add(new Folders.Kept("the test class folder", Path.of(dir), Folders.Guard.CLASSES)));
        // The folders the POM declares are the user's, whatever else is configured; the other source
        // roots were added by plugins, netgrad's own output among them when it ran before in this build.
        String sources = project.getBuild().getSourceDirectory();
        String testSources = project.getBuild().getTestSourceDirectory();
        Optional.ofNullable(sources).ifPresent(dir -> kept.add(new Folders.Kept("the source folder", Path.of(dir))));
        Optional.ofNullable(testSources).ifPresent(dir -> kept.add(new Folders.Kept("the test source folder", Path.of(dir))));
        project.getCompileSourceRoots().stream().filter(root -> !root.equals(sources))
                .forEach(root -> kept.add(new Folders.Kept("the source folder", Path.of(root), Folders.Guard.ADDED_ROOT)));
        project.getTestCompileSourceRoots().stream().filter(root -> !root.equals(testSources))
                .forEach(root -> kept.add(new Folders.Kept("the test source folder", Path.of(root), Folders.Guard.ADDED_ROOT)));
        project.getResources().stream().map(Resource::getDirectory).filter(Objects::nonNull)
                .forEach(dir -> kept.add(new Folders.Kept("the resource folder", Path.of(dir))));
        project.getTestResources().stream().map(Resource::getDirectory).filter(Objects::nonNull)
                .forEach(dir -> kept.add(new Folders.Kept("the test resource folder", Path.of(dir))));
        return kept;
    }

    // The project's source roots but netgrad's own outputs (added above, or by an earlier execution).
    private List<Path> ownRoots(List<String> roots) {
        List<Path> outputs = outputs().stream().map(p -> p.toAbsolutePath().normalize()).toList();
        return roots.stream().map(root -> Path.of(root).toAbsolutePath().normalize()).filter(root -> !outputs.contains(root)).toList();
    }

    private List<Path> outputs() {
        return List.of(path(outputDirectory), path(testOutputDirectory));
    }

    private Optional<String> configuredPackage() throws MojoFailureException {
        if (packageName == null || packageName.isBlank()) {
            return Optional.empty();
        }
        String name = packageName.trim();
        Optional<String> problem = PackageNames.problem(name);
        if (problem.isPresent()) {
            throw new MojoFailureException("netgrad: <packageName> (-Dnetgrad.packageName) " + problem.get());
        }
        return Optional.of(name);
    }

    private Convention parseConvention() throws MojoFailureException {
        String value = convention == null ? "loss" : convention.trim().toLowerCase(Locale.ROOT);
        return Convention.of(value).orElseThrow(
                () -> new MojoFailureException("netgrad: <convention> (-Dnetgrad.convention) must be loss or cost, not '" + convention
                        + "'"));
    }

    private void logSummary(Outcome outcome) {
        // Every build, until the file is moved: an output folder is netgrad's, and this one is not.
        outcome.kept().forEach(file -> getLog().warn("netgrad: " + file + " is in an output folder of netgrad's but netgrad did"
                + " not generate it: left as it is (move it out, or give netgrad a folder of its own)"));
        if (outcome.specCount() == 0) {
            // Every earlier output is stale then (the last spec removed, or a mistyped sourceDirectory): name each.
            String deleted = outcome.deleted().isEmpty() ? "" : "; " + count(outcome.deleted().size(), "stale file") + " deleted";
            if (sourceDirectory.isDirectory()) {
                getLog().info("netgrad: no specs in " + sourceDirectory + deleted);
            } else if ("pom".equals(project.getPackaging())) {
                // A parent that declares the plugin for its modules runs it too, and compiles nothing: no typo to tell of.
                getLog().info("netgrad: no specs in " + project.getArtifactId() + " (packaging pom, and no folder " + sourceDirectory
                        + ")" + deleted);
            } else {
                // A warning, not a failure: a project may declare the plugin before it has specs. A typo
                // here would otherwise go unnoticed until the compiler misses the classes it deleted.
                getLog().warn("netgrad: <sourceDirectory> " + sourceDirectory + " does not exist, so there are no specs" + deleted);
            }
            outcome.deleted().forEach(file -> getLog().info("netgrad: deleted " + file));
            return;
        }
        String deleted = outcome.deleted().isEmpty() ? ""
                : ", " + count(outcome.deleted().size(), "stale file") + " deleted";
        getLog().info("netgrad: " + count(outcome.specCount(), "spec") + ", "
                + count(outcome.written().size(), "file") + " written, " + outcome.unchanged().size() + " unchanged"
                + deleted);
        outcome.written().forEach(file -> getLog().debug("netgrad: wrote " + file));
        outcome.deleted().forEach(file -> getLog().info("netgrad: deleted " + file));
    }

    private static Path path(File file) {
        return file.toPath();
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
