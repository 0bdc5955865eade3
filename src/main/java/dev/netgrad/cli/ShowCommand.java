package dev.netgrad.cli;

import dev.netgrad.spec.Network;
import dev.netgrad.spec.NetworkPrinter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netgrad show SPEC}: the network after shorthand expansion, in .nn syntax that reads back. */
@Command(name = "show",
        mixinStandardHelpOptions = true,
        description = {"Prints the network after shorthand expansion, in .nn syntax.",
            "Every param with its init, every statement with its shape as a comment,",
            "the loss, cost, output and training defaults: what `dense 20 relu` became.",
            "The output reads back as a spec."})
public final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the network spec (.nn)")
    Path file;

    @Override
    public Integer call() {
        Network network = SpecFiles.readSpec(file);
        spec.commandLine().getOut().print(NetworkPrinter.print(network));
        return Main.OK;
    }
}
