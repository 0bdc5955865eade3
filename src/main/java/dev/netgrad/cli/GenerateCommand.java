package dev.netgrad.cli;

import dev.netgrad.Compilation;
import dev.netgrad.OutputFiles;
import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.codegen.RuntimeSources;
import dev.netgrad.codegen.SparkSources;
import dev.netgrad.codegen.TrainerGenerator;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.DerivationException;
import dev.netgrad.spec.Network;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netgrad generate SPEC... [-o DIR] [--package PKG] [--convention loss|cost]}: writes the Java trainer classes. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Writes one Java trainer class per network, DIR/<package folders>/<Network>.java. The class depends on "
                + "java.base alone; each block of its backward pass carries the equation it implements. A file whose "
                + "bytes would not change is left alone."})
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
                "loss (default) as in the course, or cost. The gradients are the same either way."})
    Convention convention;

    @Option(names = "--spark",
            description = {"also write the Spark adapter (package " + SparkSources.PACKAGE + ": a Spark ML Estimator",
                "and Model for the trainers) beside the runtime; it compiles against your own Spark 4"})
    boolean spark;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<Path, String> sources = new LinkedHashMap<>();
        Map<Path, Path> writtenFrom = new LinkedHashMap<>();
        for (Path file : files) {
            String text = SpecFiles.readText(file);
            Network network = SpecFiles.readSpec(file, text);
            TrainerGenerator.classFileProblem(network).ifPresent(problem -> {
                throw SpecFiles.errorAt(file, text, network.pos(), problem);
            });
            Path target = TrainerGenerator.sourceFile(output, network, packageName);
            Path earlier = writtenFrom.putIfAbsent(target, file);
            if (earlier != null) {
                throw new UserError(Main.USAGE, "netgrad: " + earlier + " and " + file + " both define a class "
                        + TrainerGenerator.className(network) + " in the same package; generate them into different packages");
            }
            try {
                sources.put(target, Compilation.of(network, convention).trainer(packageName));
            } catch (DerivationException e) {
                return DeriveCommand.internalError(e, spec.commandLine().getErr());
            } catch (IllegalArgumentException e) {
                throw new UserError(Main.USAGE, "netgrad: cannot generate a trainer for " + file + ": " + e.getMessage());
            }
        }
        List<Path> trainers = List.copyOf(sources.keySet());
        // The runtime every trainer extends, once however many specs.
        Map<String, String> shared = new LinkedHashMap<>();
        if (!sources.isEmpty()) {
            shared.putAll(RuntimeSources.files());
            if (spark) {
                shared.putAll(SparkSources.files());
            }
        }
        List<Path> runtime = new ArrayList<>();
        shared.forEach((path, text) -> {
            Path target = RuntimeSources.target(output, path);
            runtime.add(target);
            sources.put(target, text);
        });
        // Every file is checked before the first is written: none or all.
        OutputPaths targets = new OutputPaths("netgrad generate", true);
        files.forEach(file -> targets.input("the spec", file));
        sources.entrySet().removeIf(e -> unchanged(e.getKey(), e.getValue()));
        sources.keySet().forEach(target -> targets.output("the class file", target));
        targets.check();
        for (Path target : trainers) {
            if (sources.containsKey(target)) {
                write(target, sources.get(target));
            }
            out.println((sources.containsKey(target) ? "wrote " : "unchanged ") + target);
        }
        // One line for the runtime's files: they are the same for every trainer.
        boolean runtimeChanged = runtime.stream().anyMatch(sources::containsKey);
        runtime.stream().filter(sources::containsKey).forEach(target -> write(target, sources.get(target)));
        if (!runtime.isEmpty()) {
            out.println((runtimeChanged ? "wrote " : "unchanged ") + runtime.get(0).getParent()
                    + " (the runtime the trainers share, " + runtime.size() + " files)");
        }
        return Main.OK;
    }

    /** Whether the file already holds exactly this source. */
    private static boolean unchanged(Path target, String source) {
        try {
            return OutputFiles.holds(target, source.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return false;
        }
    }

    private static void write(Path target, String source) {
        try {
            OutputFiles.writeIfChanged(target, source.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserError(Main.USAGE, "netgrad generate: cannot write " + target + ": " + e.getMessage());
        }
    }
}
