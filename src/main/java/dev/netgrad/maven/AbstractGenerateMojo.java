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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.maven.RepositoryUtils;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.sonatype.plexus.build.incremental.BuildContext;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * What the goals {@code generate} (trainers for the main code) and {@code generate-test} (trainers for the tests
 * alone) do alike: read the specs, write the trainers, their equations and the runtime unless the class path holds
 * it, delete the stale outputs of their own folders. Each goal declares its own parameters (their names, defaults
 * and {@code -D} properties differ, as the compiler's {@code compile} and {@code testCompile} do) and says through
 * {@link Goal} which source roots it adds, where the runtime may be already, and which parameters its messages name.
 */
abstract class AbstractGenerateMojo extends AbstractMojo {
    private final BuildContext buildContext;

    /** What resolves the dependencies' files, in a reactor its modules' own (null in tests that do not set it). */
    private final RepositorySystem repositorySystem;

    AbstractGenerateMojo(BuildContext buildContext, RepositorySystem repositorySystem) {
        this.buildContext = buildContext;
        this.repositorySystem = repositorySystem;
    }

    abstract Goal goal();

    abstract File sourceDirectory();

    abstract List<String> includes();

    abstract List<String> excludes();

    abstract File outputDirectory();

    abstract File equationsDirectory();

    /** Where the gradient tests go; a goal that writes none gives its output folder. */
    abstract File testOutputDirectory();

    abstract String packageName();

    abstract String convention();

    abstract String generateTests();

    abstract String spark();

    abstract String skip();

    abstract MavenProject project();

    abstract MojoExecution mojoExecution();

    abstract MavenSession session();

    /** Why this run is skipped before its switches are read (Maven's own {@code maven.test.skip}), if it is. */
    Optional<String> skippedBy() {
        return Optional.empty();
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Goal goal = goal();
        MavenProject project = project();
        Optional<String> skippedBy = skippedBy();
        if (skippedBy.isPresent()) {
            // As the compiler's testCompile: nothing to compile, so nothing is read, written or added.
            getLog().info("netgrad: test trainers not generated (" + skippedBy.get() + ")");
            return;
        }
        if (mojoExecution() != null) {
            UnknownParameters.warnings(mojoExecution(), project).forEach(getLog()::warn);
            if (session() != null) {
                UnknownParameters.propertyWarnings(mojoExecution(), session().getUserProperties()).forEach(getLog()::warn);
            }
        }
        // Read strictly before anything is done: a misspelt value must not quietly mean false.
        boolean skipping = new Switch("skip", goal.property("skip")).isOn(skip());
        boolean withTests = new Switch("generateTests", goal.property("generateTests")).isOn(generateTests());
        boolean withSpark = new Switch("spark", goal.property("spark")).isOn(spark());
        List<Folders.Kept> kept = keptFolders();
        // Before any early return: a skipped run must still compile what an earlier run generated.
        if (goal.test()) {
            project.addTestCompileSourceRoot(outputDirectory().getPath());
        } else {
            project.addCompileSourceRoot(outputDirectory().getPath());
        }
        // With the tests off, their folder of an earlier build stays a test root: the compiler then sees
        // the tests this build deletes go, and deletes their classes; with no test root at all it
        // compiles nothing, and surefire went on running the old tests' classes.
        if (!goal.test() && (withTests || testOutputDirectory().isDirectory()
                && Folders.testOutputProblem(path(testOutputDirectory()), path(outputDirectory())).isEmpty())) {
            project.addTestCompileSourceRoot(testOutputDirectory().getPath());
        }
        if (skipping) {
            String property = goal.property("skip");
            getLog().info("netgrad: generation skipped (" + property + ")");
            if (sourceDirectory().isDirectory() && !outputDirectory().isDirectory()) {
                // After mvn clean nothing is left to compile, and javac's "package ... does not exist" would not say why.
                getLog().warn("netgrad: generation skipped (" + property + "), and no earlier build left trainers in "
                        + outputDirectory() + ": code that uses them will not compile until a build without " + property
                        + " generates them");
            }
            return;
        }
        Optional<String> others = mojoExecution() == null ? Optional.empty() : OtherExecutions.problem(mojoExecution(), project, goal);
        if (others.isPresent()) {
            throw new MojoFailureException("netgrad: " + others.get());
        }
        Settings settings = settings(kept, withTests, withSpark);
        if (buildContext.isIncremental() && !buildContext.hasDelta(sourceDirectory())) {
            getLog().debug("netgrad: no spec changed since the IDE's last build");
            return;
        }
        // Resolved once the build is known to generate: an IDE's incremental build with no spec changed (each save
        // in Eclipse) resolved every dependency's file for nothing.
        Outcome outcome = run(settings.withRuntimeSearch(mainCode(), dependencyClassPath()));
        mark(outcome);
        outcome.warnings().forEach(warning -> getLog().warn("netgrad: " + warning));
        if (outcome.failed()) {
            outcome.errorLines().forEach(getLog()::error);
            throw new MojoFailureException("netgrad: " + count(outcome.errorCount(), "error")
                    + " in the specs under " + sourceDirectory() + " (see the messages above)");
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
        Goal goal = goal();
        Optional<String> problem = Folders.sourceDirectoryProblem(goal, path(sourceDirectory()));
        problem = problem.or(() -> PathPattern.listProblem(goal.includes(), goal.sourceDirectory(), includes()));
        problem = problem.or(() -> PathPattern.listProblem(goal.excludes(), goal.sourceDirectory(), excludes()));
        problem = problem.or(() -> Folders.outputProblem(goal.outputDirectory(), path(outputDirectory()), kept, outputs()));
        problem = problem.or(() -> Folders.outputProblem(goal.equationsDirectory(), path(equationsDirectory()), kept, outputs()));
        if (!goal.test()) {
            problem = problem.or(() -> Folders.outputProblem("testOutputDirectory", path(testOutputDirectory()), kept, outputs()));
        }
        problem = problem.or(this::otherGoalsFolderProblem);
        problem = problem.or(() -> Folders.outputFileProblem(goal.outputDirectory(), path(outputDirectory())));
        problem = problem.or(() -> Folders.outputFileProblem(goal.equationsDirectory(), path(equationsDirectory())));
        if (withTests) {
            problem = problem.or(() -> Folders.testOutputProblem(path(testOutputDirectory()), path(outputDirectory())));
            problem = problem.or(() -> Folders.outputFileProblem("testOutputDirectory", path(testOutputDirectory())));
        }
        if (problem.isPresent()) {
            throw new MojoFailureException("netgrad: " + problem.get());
        }
        if (withTests && !Dependencies.haveJUnit(project().getArtifacts())) {
            throw new MojoFailureException("netgrad: " + Dependencies.MISSING_JUNIT);
        }
        if (withSpark && !Dependencies.haveSparkMl(project().getArtifacts())) {
            throw new MojoFailureException("netgrad: " + Dependencies.MISSING_SPARK);
        }
        // A test trainer must not be a class of the test sources; the main goal's gradient tests must not be either.
        List<Path> roots = ownRoots(goal.test() ? project().getTestCompileSourceRoots() : project().getCompileSourceRoots());
        return new Settings(path(sourceDirectory()), orEmpty(includes()), orEmpty(excludes()), path(outputDirectory()),
                path(testOutputDirectory()), path(equationsDirectory()), configuredPackage(), parseConvention(),
                withTests, withSpark, roots, ownRoots(project().getTestCompileSourceRoots())).withGoal(goal);
    }

    /**
     * Why an output folder of this goal lies where the other goal's are, whose clean-ups would then delete each other's
     * outputs; none when the build's configuration is not at hand (tests that set no execution or session).
     */
    private Optional<String> otherGoalsFolderProblem() {
        if (mojoExecution() == null || session() == null || session().getCurrentProject() == null) {
            return Optional.empty();
        }
        Goal goal = goal();
        Map<String, Path> own = new LinkedHashMap<>();
        own.put(goal.outputDirectory(), path(outputDirectory()));
        own.put(goal.equationsDirectory(), path(equationsDirectory()));
        if (!goal.test()) {
            own.put(Goal.GRADIENT_TESTS, path(testOutputDirectory()));
        }
        try {
            return OtherGoalFolders.problem(goal, own, OtherGoalFolders.of(goal, mojoExecution(), session(), project()));
        } catch (ExpressionEvaluationException e) {
            // A folder of the other goal's that Maven cannot evaluate fails that goal, with Maven's own message.
            getLog().debug("netgrad: the folders of netgrad's " + goal.other().name() + " goal not read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Where the test goal finds the runtime of the module's own main code: the source roots (the main goal's output,
     * written in this build) and the class folder (compiled by the time the tests' sources are generated). None for the
     * main goal.
     */
    private List<Path> mainCode() {
        List<Path> main = new ArrayList<>();
        if (goal().test()) {
            project().getCompileSourceRoots().forEach(root -> main.add(Path.of(root)));
            Optional.ofNullable(project().getBuild().getOutputDirectory()).ifPresent(dir -> main.add(Path.of(dir)));
        }
        return main;
    }

    /**
     * The files of the dependencies where the runtime may be already, in class-path order: a module of the reactor by
     * its jar, or its class folder before it is packaged. For the main goal, those the module's users get with it
     * (compile scope, not optional); for the test goal, every one, since only the module's tests compile against it.
     * The goal runs before Maven resolves the class path, and asking Maven for it would fail {@code mvn
     * generate-sources} in a reactor whose modules are not installed: each is resolved here, and one that cannot be is
     * left out (javac reports it).
     */
    private List<Path> dependencyClassPath() {
        List<Path> files = new ArrayList<>();
        MavenProject project = project();
        if (repositorySystem == null || session() == null) {
            return List.of();
        }
        for (Artifact artifact : project.getArtifacts()) {
            if (!goal().test() && (!Artifact.SCOPE_COMPILE.equals(artifact.getScope()) || artifact.isOptional())) {
                continue;
            }
            if (artifact.getFile() != null) {
                files.add(artifact.getFile().toPath());
                continue;
            }
            ArtifactRequest request = new ArtifactRequest(RepositoryUtils.toArtifact(artifact), project.getRemoteProjectRepositories(), null);
            try {
                File file = repositorySystem.resolveArtifact(session().getRepositorySession(), request).getArtifact().getFile();
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
        MavenProject project = project();
        List<Folders.Kept> kept = new ArrayList<>();
        kept.add(new Folders.Kept("the project's folder", project.getBasedir().toPath()));
        kept.add(new Folders.Kept("the specs' folder", path(sourceDirectory()), Folders.Guard.INPUTS));
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
        // The test goal adds test roots alone: a main source root is never its own (generate's output, say).
        Folders.Guard mainRoots = goal().test() ? Folders.Guard.DECLARED : Folders.Guard.ADDED_ROOT;
        project.getCompileSourceRoots().stream().filter(root -> !root.equals(sources))
                .forEach(root -> kept.add(new Folders.Kept("the source folder", Path.of(root), mainRoots)));
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
        return List.of(path(outputDirectory()), path(testOutputDirectory()));
    }

    private Optional<String> configuredPackage() throws MojoFailureException {
        String packageName = packageName();
        if (packageName == null || packageName.isBlank()) {
            return Optional.empty();
        }
        String name = packageName.trim();
        Optional<String> problem = PackageNames.problem(name);
        if (problem.isPresent()) {
            throw new MojoFailureException("netgrad: " + goal().named("packageName") + " " + problem.get());
        }
        return Optional.of(name);
    }

    private Convention parseConvention() throws MojoFailureException {
        String convention = convention();
        String value = convention == null ? "loss" : convention.trim().toLowerCase(Locale.ROOT);
        return Convention.of(value).orElseThrow(
                () -> new MojoFailureException("netgrad: " + goal().named("convention") + " must be loss or cost, not '" + convention
                        + "'"));
    }

    private void logSummary(Outcome outcome) {
        File sourceDirectory = sourceDirectory();
        // Every build, until the file is moved: an output folder is netgrad's, and this one is not.
        outcome.kept().forEach(file -> getLog().warn("netgrad: " + file + " is in an output folder of netgrad's but netgrad did"
                + " not generate it: left as it is (move it out, or give netgrad a folder of its own)"));
        if (outcome.specCount() == 0) {
            // Every earlier output is stale then (the last spec removed, or a mistyped sourceDirectory): name each.
            String deleted = outcome.deleted().isEmpty() ? "" : "; " + count(outcome.deleted().size(), "stale file") + " deleted";
            if (sourceDirectory.isDirectory()) {
                getLog().info("netgrad: no specs in " + sourceDirectory + deleted);
            } else if ("pom".equals(project().getPackaging())) {
                // A parent that declares the plugin for its modules runs it too, and compiles nothing: no typo to tell of.
                getLog().info("netgrad: no specs in " + project().getArtifactId() + " (packaging pom, and no folder " + sourceDirectory
                        + ")" + deleted);
            } else {
                // A warning, not a failure: a project may declare the plugin before it has specs. A typo
                // here would otherwise go unnoticed until the compiler misses the classes it deleted.
                getLog().warn("netgrad: <" + goal().sourceDirectory() + "> " + sourceDirectory + " does not exist, so there are no specs"
                        + deleted);
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

    static Path path(File file) {
        return file.toPath();
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
