package dev.netgrad.cli;

import dev.netgrad.diff.Convention;
import dev.netgrad.diff.DerivationException;
import dev.netgrad.diff.Deriver;
import dev.netgrad.print.DotPrinter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netgrad graph SPEC}: the forward and backward graph as Graphviz DOT. */
@Command(name = "graph",
        mixinStandardHelpOptions = true,
        description = {"Prints the forward and backward graphs as Graphviz DOT.",
            "The forward graph holds the inputs, params and statements; the backward graph the derived equations",
            "(loss convention). Draw them with `dot -Tsvg`, for example."})
public final class GraphCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the network spec (.nn)")
    Path file;

    @Override
    public Integer call() {
        try {
            spec.commandLine().getOut().print(DotPrinter.print(Deriver.derive(SpecFiles.readSpec(file), Convention.LOSS)));
            return Main.OK;
        } catch (DerivationException e) {
            return DeriveCommand.internalError(e, spec.commandLine().getErr());
        }
    }
}
