package dev.netgrad.cli;

import dev.netgrad.Compilation;
import dev.netgrad.GeneratedFiles;
import dev.netgrad.IoReason;
import dev.netgrad.OutputFiles;
import dev.netgrad.StagedFiles;
import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.codegen.RuntimeSources;
import dev.netgrad.codegen.SparkSources;
import dev.netgrad.codegen.TrainerGenerator;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.DerivationException;
import dev.netgrad.spec.DiagnosticFormatter;
import dev.netgrad.spec.Network;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netgrad generate SPEC... [-o DIR] [--package PKG] [--convention loss|cost]}: writes the Java trainer classes. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Writes one Java trainer class per network.",
            "Each goes to DIR/<package folders>/<Network>.java. The class depends on java.base alone; each block of "
                + "its backward pass carries the equation it implements. A file whose bytes would not change is left alone."})
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "SPEC", description = "the network specs (.nn)")
    List<Path> files;

    /**
     * Not the current folder: the default package's folders, netgrad/generated, would meet the
     * launcher script {@code netgrad} in the repository's root.
     */
    static final String DEFAULT_OUTPUT = "generated-sources";

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = DEFAULT_OUTPUT,
            description = "the source root to write under, made if missing (default: ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--package", paramLabel = "PKG", defaultValue = CompiledTrainer.PACKAGE,
            description = {"the classes' package (default: " + CompiledTrainer.PACKAGE + ");",
                "--package \"\" puts them in the default package, directly in DIR"})
    String packageName;

    @Option(names = "--convention", paramLabel = "loss|cost", defaultValue = "loss",
            converter = DeriveCommand.ConventionConverter.class,
            description = {"the numerators of the derivatives the class computes and names (dZ2 and so on);",
                "loss (default) as in the course, or cost. The gradients are equal up to rounding (the 1/m enters elsewhere)."})
    Convention convention;

    @Option(names = "--spark",
            description = "also write the Spark adapter (package " + SparkSources.PACKAGE + ": a Spark ML Estimator "
                    + "and Model for the trainers) beside the runtime; it compiles against your own Spark 4")
    boolean spark;

    @Override
    public Integer call() {
        // Refused before any spec is read: a folder named '-' would be made where standard output was meant.
        OutputPaths.refuseStandardOutput("netgrad generate", "-o", OutputPaths.given(spec.commandLine(), "-o"), true);
        // Refused before any spec is read: the generator's own refusals are then all about a network, at its name.
        TrainerGenerator.packageNameProblem(packageName).ifPresent(problem -> {
            throw UserError.usage("netgrad generate", "--package " + problem);
        });
        Map<Path, String> trainers;
        try {
            trainers = trainers();
        } catch (DerivationException e) {
            return DeriveCommand.internalError(e, spec.commandLine().getErr());
        }
        Map<Path, String> runtime = runtime(!trainers.isEmpty());
        Map<Path, byte[]> changed = new LinkedHashMap<>();
        changes(trainers, changed);
        changes(runtime, changed);
        // Every file is checked before the first is written, and then written all or none.
        OutputPaths targets = new OutputPaths("netgrad generate", true);
        files.forEach(file -> targets.input("the spec", file));
        changed.keySet().forEach(target -> targets.output("the class file", target));
        targets.check();
        refuseReplacingTheUsers(changed.keySet());
        List<Path> stale = staleRuntimeFiles(runtime.keySet());
        try {
            StagedFiles.writeAll(changed);
        } catch (StagedFiles.Failure e) {
            // The form every verb uses for a file it cannot read or write: FILE: error: REASON.
            throw new UserError(Main.USAGE, DiagnosticFormatter.error(e.target().toString(),
                    "cannot write: " + e.getMessage() + "; " + e.whatWasKept()));
        }
        report(spec.commandLine().getOut(), trainers.keySet(), runtime.keySet(), changed.keySet());
        deleteStale(stale);
        return Main.OK;
    }

    /**
     * The files an older netgrad wrote into the runtime's folders that this runtime no longer has (a class
     * merged into another, as the Spark adapter's PartitionJob was): left beside the new runtime, javac compiled
     * them with it, and one calling what the runtime no longer holds failed the user's build. Only netgrad's
     * own ({@link GeneratedFiles#byNetgrad}: a runtime file begins with its package line), only in the folders
     * this run writes the runtime to (the Spark adapter's only with --spark), never one level below.
     */
    private List<Path> staleRuntimeFiles(Set<Path> runtime) {
        List<Path> stale = new ArrayList<>();
        Set<Path> folders = new TreeSet<>();
        runtime.forEach(file -> folders.add(file.getParent()));
        for (Path folder : folders) {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.sorted().toList()) {
                    if (!runtime.contains(file) && file.getFileName().toString().endsWith(".java")
                            && GeneratedFiles.byNetgrad(output.toAbsolutePath().normalize(), file.toAbsolutePath().normalize())) {
                        stale.add(file);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // Not a failure of the run: the runtime is written all the same, and javac names what is left.
                spec.commandLine().getErr().println("netgrad generate: warning: cannot read " + DiagnosticFormatter.escapeName(
                        folder.toString()) + " to find an older netgrad's runtime files there: " + IoReason.of(asIo(e)));
            }
        }
        return stale;
    }

    /** Deletes the stale runtime files, each said on standard output; one that cannot be deleted is a warning. */
    private void deleteStale(List<Path> stale) {
        for (Path file : stale) {
            String name = DiagnosticFormatter.escapeName(file.toString());
            try {
                Files.deleteIfExists(file);
                spec.commandLine().getOut().println("deleted " + name + " (an older netgrad's runtime file, no part of this runtime)");
            } catch (IOException e) {
                spec.commandLine().getErr().println("netgrad generate: warning: cannot delete " + name + ", an older netgrad's runtime"
                        + " file, no part of this runtime: " + IoReason.ofDelete(e) + "; delete it, or javac compiles it with the new one");
            }
        }
    }

    private static IOException asIo(Exception e) {
        return e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
    }

    /**
     * Each spec's trainer by the file it goes to; a spec that cannot be generated is a UserError, a
     * derivation that fails (a bug of netgrad's) a DerivationException.
     */
    private Map<Path, String> trainers() {
        Map<Path, String> trainers = new LinkedHashMap<>();
        Map<String, Written> writtenFrom = new LinkedHashMap<>();
        // Every spec's errors, as javac reports every file's: not only the first bad spec's.
        List<String> errors = new ArrayList<>();
        for (Path file : distinct(files)) {
            try {
                trainer(file, trainers, writtenFrom);
            } catch (UserError e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new UserError(Main.USAGE, String.join("\n", errors));
        }
        return trainers;
    }

    /** The trainer of one spec, into {@code trainers} by the file it goes to; a UserError when it cannot be generated. */
    private void trainer(Path file, Map<Path, String> trainers, Map<String, Written> writtenFrom) {
        String text = SpecFiles.readText(file);
        Network network = SpecFiles.readSpec(file, text);
        // Before deriving: a network too big for one class (3,000 layers) is told in a second, not after a minute.
        TrainerGenerator.classFileProblem(network).or(() -> TrainerGenerator.unsupported(network)).ifPresent(problem -> {
            throw SpecFiles.errorAt(file, text, network.pos(), problem);
        });
        Path target = TrainerGenerator.sourceFile(output, network, packageName);
        String className = TrainerGenerator.className(network);
        // Keyed without case: Planar.java and planar.java are one file on macOS's and Windows's file systems.
        Written earlier = writtenFrom.putIfAbsent(target.toString().toLowerCase(Locale.ROOT), new Written(file, className));
        if (earlier != null && earlier.className().equals(className)) {
            throw UserError.usage("netgrad generate", earlier.spec() + " and " + file + " both define a class "
                    + className + " in the same package; generate them into different packages");
        }
        if (earlier != null) {
            throw UserError.usage("netgrad generate", file + " defines a class " + className + " and " + earlier.spec()
                    + " a class " + earlier.className() + " in the same package: their files would be one on a file system"
                    + " that ignores case (macOS's, Windows's); rename one network or generate them into different packages");
        }
        try {
            trainers.put(target, Compilation.of(network, convention).trainer(packageName));
        } catch (IllegalArgumentException e) {
            // A network the generator cannot train (two inputs, say): at its name, as the Maven plugin reports it.
            throw SpecFiles.errorAt(file, text, network.pos(), e.getMessage());
        }
    }

    /** The spec a class file is generated from, and the class's name. */
    private record Written(Path spec, String className) {
    }

    /**
     * The specs, each once: a spec named twice, also through another path or a link, is generated
     * once, as javac compiles a source file it is given twice once.
     */
    private static List<Path> distinct(List<Path> specs) {
        List<Path> distinct = new ArrayList<>();
        for (Path spec : specs) {
            if (distinct.stream().noneMatch(earlier -> OutputPaths.sameFile(earlier, spec))) {
                distinct.add(spec);
            }
        }
        return distinct;
    }

    /** The runtime every trainer extends (and the Spark adapter, if asked), once however many specs. */
    private Map<Path, String> runtime(boolean needed) {
        Map<String, String> files = new LinkedHashMap<>();
        if (needed) {
            files.putAll(RuntimeSources.files());
            if (spark) {
                files.putAll(SparkSources.files());
            }
        }
        Map<Path, String> targets = new LinkedHashMap<>();
        files.forEach((path, text) -> targets.put(RuntimeSources.target(output, path), text));
        return targets;
    }

    /**
     * Refuses, naming each, the targets that hold a file netgrad did not write ({@link
     * GeneratedFiles}): an {@code -o src/main/java} whose package folder holds a hand-written
     * {@code Planar.java} would have lost it.
     */
    private void refuseReplacingTheUsers(Set<Path> targets) {
        List<String> errors = targets.stream().flatMap(target -> GeneratedFiles.usersFile(output, target).stream()
                .map(why -> DiagnosticFormatter.error(target.toString(), "netgrad did not write this file (" + why
                        + ") and will not replace it; move it, or generate into another folder (-o); nothing was written")))
                .toList();
        if (!errors.isEmpty()) {
            throw new UserError(Main.USAGE, String.join("\n", errors));
        }
    }

    /** Adds to {@code changed} the bytes of each source its file does not already hold. */
    private static void changes(Map<Path, String> sources, Map<Path, byte[]> changed) {
        sources.forEach((target, source) -> {
            byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
            if (!unchanged(target, bytes)) {
                changed.put(target, bytes);
            }
        });
    }

    /** Whether the file already holds exactly these bytes. */
    private static boolean unchanged(Path target, byte[] bytes) {
        try {
            return OutputFiles.holds(target, bytes);
        } catch (IOException e) {
            return false;
        }
    }

    /** A line a trainer, then one line for the runtime's files: they are the same for every trainer. */
    private static void report(PrintWriter out, Set<Path> trainers, Set<Path> runtime, Set<Path> written) {
        // Escaped as standard error is: an escape byte in -o's folder drove the terminal, a line break split the line.
        trainers.forEach(target -> out.println((written.contains(target) ? "wrote " : "unchanged ")
                + DiagnosticFormatter.escapeName(target.toString())));
        if (!runtime.isEmpty()) {
            boolean changed = runtime.stream().anyMatch(written::contains);
            out.println((changed ? "wrote " : "unchanged ") + DiagnosticFormatter.escapeName(runtime.iterator().next().getParent().toString())
                    + " (the runtime the trainers share, " + runtime.size() + " files)");
        }
    }
}
