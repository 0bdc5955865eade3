package dev.netgrad.maven;

import dev.netgrad.GeneratedFiles;
import dev.netgrad.IoReason;
import dev.netgrad.OutputFiles;
import dev.netgrad.codegen.RuntimeSources;
import dev.netgrad.codegen.SparkSources;
import dev.netgrad.data.DataException;
import dev.netgrad.data.TextFile;
import dev.netgrad.spec.DeepStack;
import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.DiagnosticFormatter;
import dev.netgrad.spec.NotText;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.syntax.SyntaxLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One run of the generator over a source directory: reads every spec and reports every problem
 * of all of them; only when there is none, writes the outputs whose bytes changed and deletes the
 * files in the output folders that this run did not produce.
 */
final class Generation {
    private final Settings settings;
    private final OutputSink sink;
    private final Translator translator;
    private final List<Translation> translations = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<String> errorLines = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Path> written = new ArrayList<>();
    private final List<Path> unchanged = new ArrayList<>();
    // The text of each spec read, by its display path: a clash found across specs quotes its line.
    private final Map<String, String> texts = new HashMap<>();

    Generation(Settings settings) {
        this(settings, OutputSink.DIRECT);
    }

    Generation(Settings settings, OutputSink sink) {
        this.settings = settings;
        this.sink = sink;
        this.translator = new Translator(settings.packageName(), settings.convention(), settings.generateTests());
    }

    /**
     * Runs once. IO failures throw; a bug in netgrad's own stages throws an
     * {@link IllegalStateException} naming the spec it failed on.
     */
    Outcome run() throws IOException {
        SpecScanner scanner = new SpecScanner(settings.includes(), settings.excludes());
        SpecScanner.Found found = scanner.find(settings.sourceDirectory());
        List<SpecFile> specs = found.specs();
        found.otherCase().forEach(file -> warnings.add(otherCase(file, scanner)));
        if (specs.isEmpty() && !settings.includes().equals(Settings.DEFAULT_INCLUDES)) {
            noneIncluded(found.otherCase()).ifPresent(warnings::add);
        }
        translateAll(specs);
        List<ClassOrigin> classes = new ArrayList<>();
        List<ClassOrigin> trainers = new ArrayList<>();
        List<ClassOrigin> tests = new ArrayList<>();
        for (Translation t : translations) {
            classes.add(t.origin());
            trainers.add(t.origin());
            if (settings.generateTests()) {
                // A network named PlanarGradientTest beside Planar would clash with Planar's test.
                ClassOrigin trainer = t.origin();
                ClassOrigin test = new ClassOrigin(GradientTestWriter.testClassName(trainer.qualifiedName()), trainer.specPath(), trainer.pos());
                classes.add(test);
                tests.add(test);
            }
        }
        List<Diagnostic> clashes = new ArrayList<>(DuplicateClasses.find(classes));
        clashes.addAll(DuplicateClasses.definedBy(trainers, settings.projectSourceRoots(), sources()));
        clashes.addAll(DuplicateClasses.definedBy(tests, settings.projectTestSourceRoots(), "test source"));
        // The runtime every trainer extends (and Spark's adapter), written once per build when there is a trainer
        // and no dependency holds it already.
        Map<String, String> runtime = new LinkedHashMap<>();
        if (!trainers.isEmpty()) {
            Map<String, String> core = RuntimeSources.files();
            Map<String, String> spark = settings.spark() ? SparkSources.files() : Map.of();
            List<String> lookedFor = new ArrayList<>(core.keySet());
            lookedFor.addAll(spark.keySet());
            List<Path> classPath = new ArrayList<>(settings.mainCode());
            classPath.addAll(settings.dependencyClassPath());
            Map<String, String> marks = new HashMap<>(RuntimeSources.versionMarks());
            marks.putAll(SparkSources.versionMarks());
            DependencyRuntime.Scan dependencies = new DependencyRuntime.Scan(classPath, lookedFor, marks);
            runtime.putAll(unlessADependencyHolds(dependencies, core, RuntimeSources.PACKAGE, RuntimeSources.VERSION_CLASS));
            if (settings.spark()) {
                runtime.putAll(unlessADependencyHolds(dependencies, spark, SparkSources.PACKAGE, SparkSources.VERSION_CLASS));
            }
            clashes.addAll(DuplicateClasses.runtimeCopiedInto(settings.projectSourceRoots(), sources(), core.keySet(), trainers.get(0)));
        }
        clashes.forEach(d -> report(List.of(d), DiagnosticFormatter.format(List.of(d), texts.get(d.path()))));
        if (!diagnostics.isEmpty()) {
            return new Outcome(files(specs), warnings, diagnostics, errorLines, List.of(), List.of(), List.of(), List.of(), notes);
        }
        Map<Path, byte[]> changed = new LinkedHashMap<>();
        for (Translation t : translations) {
            write(t, changed);
        }
        for (Map.Entry<String, String> r : runtime.entrySet()) {
            write(settings.outputDirectory(), RuntimeSources.target(settings.outputDirectory(), r.getKey()), r.getValue(), changed,
                    trainers.get(0));
        }
        if (!diagnostics.isEmpty()) {
            return new Outcome(files(specs), warnings, diagnostics, errorLines, List.of(), List.of(), List.of(), List.of(), notes);
        }
        // All or none, in an IDE as on the command line: a failure leaves the last build's outputs as they were.
        sink.writeAll(changed);
        written.addAll(changed.keySet());
        StaleOutputs.Cleanup cleanup = StaleOutputs.delete(outputRoots(), produced(), sink);
        return new Outcome(files(specs), warnings, diagnostics, errorLines, written, unchanged, cleanup.deleted(), cleanup.kept(), notes);
    }

    /**
     * {@code files}, the sources of the package {@code pkg}, unless a dependency's classes hold every one of them: a
     * module of the same reactor whose trainers this one uses (its jar would hold the runtime beside this module's
     * copy, on the class path of every user of both), of this version. A dependency that holds only some, or all
     * under the same names but with another version mark ({@code versionClass}), is another version of netgrad's: this
     * module writes its own, with a warning that the class path holds two differing copies.
     */
    private Map<String, String> unlessADependencyHolds(DependencyRuntime.Scan dependencies, Map<String, String> files, String pkg,
            String versionClass) {
        Optional<DependencyRuntime.Found> found = dependencies.find(files.keySet());
        if (found.isPresent() && found.get().whole()) {
            notes.add("the runtime (" + pkg + ") is the one " + holder(found.get().element()) + " holds: not written again");
            return Map.of();
        }
        found.ifPresent(other -> warnings.add(holder(other.element()) + " holds " + (other.held() == other.of()
                ? "every class of netgrad's " + pkg + " by name, but of another version of netgrad (its " + versionClass + " differs)"
                : other.held() + " of the " + other.of() + " classes of netgrad's " + pkg + ", a runtime of another version of netgrad")
                + ": this module writes its own, and the class path then holds two differing copies of the package, the first of"
                + " which serves both modules' trainers; build the dependency with this version of the plugin"));
        return files;
    }

    /** How a message names where the runtime was found: the module's own main code, or a dependency. */
    private String holder(Path element) {
        return settings.mainCode().contains(element) ? "the module's main code " + element : "the dependency " + element;
    }

    /**
     * A file the includes match only in another case was left out without a word, and the class of the spec it
     * was renamed from deleted as stale ({@code Iris.nn} renamed {@code Iris.NN}): named, with the name that
     * would be read when only its extension's case is wrong.
     */
    private String otherCase(SpecFile file, SpecScanner scanner) {
        String relative = file.relativePath();
        int dot = relative.lastIndexOf('.');
        String lowered = dot > relative.lastIndexOf('/') ? relative.substring(0, dot) + relative.substring(dot).toLowerCase(Locale.ROOT)
                : relative;
        String rename = !lowered.equals(relative) && scanner.selected(lowered)
                ? "rename it to " + lowered.substring(lowered.lastIndexOf('/') + 1) : "rename it";
        return file.displayPath() + " is not read: the specs' <" + goal().includes() + "> (" + String.join(", ", settings.includes())
                + ") match its name only in another case, and they tell upper from lower case, as Maven's own patterns do; "
                + rename + ", or leave it out with <" + goal().excludes() + ">";
    }

    /**
     * Includes that select none of the specs' folder's .nn files: most often written from the project's folder
     * ({@code src/main/nn/**}{@code /*.nn}), when they are read below the specs' folder. The build found no spec
     * and deleted every class an earlier one generated with no more than an info line. A file named already (its
     * name's case) is not named again.
     */
    private Optional<String> noneIncluded(List<SpecFile> namedAlready) throws IOException {
        List<SpecFile> missed = new SpecScanner(Settings.DEFAULT_INCLUDES, settings.excludes()).scan(settings.sourceDirectory())
                .stream().filter(spec -> Files.isRegularFile(spec.file()) && !namedAlready.contains(spec)).toList();
        if (missed.isEmpty()) {
            return Optional.empty();
        }
        String files = missed.size() == 1 ? "no .nn file under " + settings.sourceDirectory() + ", which holds "
                : "none of the " + missed.size() + " .nn files under " + settings.sourceDirectory() + ", such as ";
        return Optional.of("the specs' <" + goal().includes() + "> (" + String.join(", ", settings.includes()) + ") match " + files
                + missed.get(0).relativePath() + ": patterns are read from <" + goal().sourceDirectory() + ">, as that path is written ("
                + String.join(", ", Settings.DEFAULT_INCLUDES) + " reads them all)");
    }

    /** The goal this run is of: its messages name the parameters the user set, {@code <testIncludes>} for generate-test. */
    private Goal goal() {
        return settings.goal();
    }

    /** What the source roots the trainers compile with are, as messages name them: the test goal's are the tests'. */
    private String sources() {
        return goal().test() ? "test source" : "source";
    }

    private static List<Path> files(List<SpecFile> specs) {
        return specs.stream().map(SpecFile::file).toList();
    }

    private List<Path> outputRoots() {
        // The test goal's trainers and gradient tests share one folder: swept once.
        return Stream.of(settings.outputDirectory(), settings.equationsDirectory(), settings.testOutputDirectory()).distinct().toList();
    }

    private Set<Path> produced() {
        Set<Path> files = new HashSet<>(written);
        files.addAll(unchanged);
        return files;
    }

    /**
     * Reads, derives and generates every spec on a thread with the command line's stack: those stages
     * recurse once per level of an expression, and Maven's thread has whatever stack the JVM gave it.
     * Only the translations are made there; the files are written on the caller's thread, where an
     * IDE's build context (m2e keeps it per thread) sees them.
     */
    private void translateAll(List<SpecFile> specs) throws IOException {
        try {
            DeepStack.call("netgrad-generate", DeepStack.PIPELINE_STACK_BYTES, () -> {
                for (SpecFile spec : specs) {
                    translate(spec);
                }
                return null;
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void translate(SpecFile spec) throws IOException {
        if (Files.isDirectory(spec.file())) {
            reportAtStart(spec, "this is a folder, not a spec file, though its name matches the specs' <" + goal().includes() + ">;"
                    + " rename it, or leave it out with <" + goal().excludes() + ">");
            return;
        }
        // A link to nothing or a pipe is found as a spec, so that it is not left out without a word;
        // a pipe is not opened, since reading one waits for a writer, as long as it takes.
        if (!Files.exists(spec.file())) {
            String link = Files.isSymbolicLink(spec.file())
                    ? " (a link to " + Files.readSymbolicLink(spec.file()) + ", which does not exist)" : "";
            reportAtStart(spec, DataException.cannotReadMessage("no such file" + link));
            return;
        }
        if (!Files.isRegularFile(spec.file())) {
            reportAtStart(spec, DataException.cannotReadMessage("it is not a regular file (a pipe or a device), though its"
                    + " name matches the specs' <" + goal().includes() + ">; rename it, or leave it out with <" + goal().excludes() + ">"));
            return;
        }
        // Reading stops one character past what the parser accepts (a huge file is refused at once);
        // undecodable bytes come back as U+FFFD.
        // A spec that cannot be read is an error at its name, beside every other spec's, as the command line says it: the
        // build failed at the first, in the JDK's words alone ('netgrad: Input/output error', no file named).
        String text;
        try {
            text = TextFile.read(spec.file(), SyntaxLimits.MAX_CHARS + 1, false);
        } catch (IOException e) {
            reportAtStart(spec, DataException.cannotReadMessage(IoReason.of(e)));
            return;
        }
        Optional<String> tooLarge = TextFile.tooLargeToParse(text);
        if (tooLarge.isPresent()) {
            reportAtStart(spec, tooLarge.get());
            return;
        }
        Optional<NotText> binary = NotText.find(text);
        if (binary.isPresent()) {
            Diagnostic d = Diagnostic.at(spec.displayPath(), binary.get().pos(), binary.get().message("a network spec (.nn)"));
            report(List.of(d), d + "\n");
            return;
        }
        try {
            translations.add(translator.translate(spec, text));
            texts.put(spec.displayPath(), text);
        } catch (SpecException e) {
            report(e.diagnostics(), e.formatted());
        } catch (RuntimeException e) {
            throw new IllegalStateException("internal error in netgrad while generating from "
                    + spec.displayPath() + ": " + e, e);
        }
    }

    /** A problem of the whole file, not of a place in it: the IDE's marker needs a place, so the file's start. */
    private void reportAtStart(SpecFile spec, String message) {
        report(List.of(new Diagnostic(spec.displayPath(), 1, 1, message)), DataException.inFile(spec.displayPath(), message).getMessage() + "\n");
    }

    private void report(List<Diagnostic> found, String formatted) {
        diagnostics.addAll(found);
        formatted.lines().forEach(errorLines::add);
    }

    private void write(Translation t, Map<Path, byte[]> changed) throws IOException {
        String packageFolder = PackageNames.folderOf(t.packageName());
        Path sources = settings.outputDirectory();
        write(sources, sources.resolve(packageFolder).resolve(t.className() + ".java"), t.javaSource(), changed, t.origin());
        Path equations = settings.equationsDirectory();
        write(equations, equations.resolve(t.spec().folder()).resolve(t.className() + ".md"), t.markdown(), changed, t.origin());
        if (t.testSource().isPresent()) {
            String testClass = GradientTestWriter.testClassName(t.className());
            Path tests = settings.testOutputDirectory();
            write(tests, tests.resolve(packageFolder).resolve(testClass + ".java"), t.testSource().get(), changed, t.origin());
        }
    }

    // Every output goes through here: a file in an output folder that was not written or found
    // unchanged by this run is deleted as stale. A file that already holds its bytes is not
    // rewritten: a new timestamp would make the compiler rebuild everything that depends on it. A
    // file netgrad did not write is never replaced (an output folder set to one of the user's, which
    // holds a class of the same name): an error at the network it would have come from.
    /**
     * Whether {@code file} holds {@code bytes} already. The JDK's exception of a read that fails may say no
     * file ("Input/output error"), and the build said it so: the file is named, as an earlier build's output.
     */
    private static boolean holds(Path file, byte[] bytes) throws IOException {
        try {
            return OutputFiles.holds(file, bytes);
        } catch (IOException e) {
            throw new BuildFileException("cannot read " + file + ", written by an earlier build: " + IoReason.of(e), e);
        }
    }

    private void write(Path root, Path file, String content, Map<Path, byte[]> changed, ClassOrigin from) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (holds(file, bytes)) {
            unchanged.add(file);
            return;
        }
        Optional<String> users = GeneratedFiles.usersFile(root, file);
        if (users.isPresent()) {
            Diagnostic d = new Diagnostic(from.specPath(), from.pos().line(), from.pos().column(), file + " is there and netgrad did"
                    + " not write it (" + users.get() + "): netgrad will not replace it; move it, or set another output folder;"
                    + " nothing was written");
            report(List.of(d), DiagnosticFormatter.format(List.of(d), texts.get(d.path())));
        } else {
            changed.put(file, bytes);
        }
    }
}
