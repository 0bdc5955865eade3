package dev.netgrad.cli;

import dev.netgrad.Compilation;
import dev.netgrad.OutputFiles;
import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.codegen.TrainerGenerator;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.DerivationException;
import dev.netgrad.spec.Network;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = ".",
            description = "the source root to write under (default: the current folder)")
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<Path, String> sources = new LinkedHashMap<>();
        Map<Path, Path> writtenFrom = new HashMap<>();
        for (Path file : files) {
            Network network = SpecFiles.readSpec(file);
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
        List<String> report = new ArrayList<>();
        for (Map.Entry<Path, String> e : sources.entrySet()) {
            report.add((write(e.getKey(), e.getValue()) ? "wrote " : "unchanged ") + e.getKey());
        }
        report.forEach(out::println);
        return Main.OK;
    }

    /** Writes the file unless it already holds exactly these bytes; returns whether it wrote. */
    private static boolean write(Path target, String source) {
        try {
            return OutputFiles.writeIfChanged(target, source.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserError(Main.USAGE, "netgrad: cannot write " + target + ": " + e.getMessage());
        }
    }
}
