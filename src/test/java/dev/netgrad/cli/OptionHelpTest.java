package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * An option's description in --help breaks its lines between clauses only. picocli starts each
 * element of a description on a line of its own at the description's column, and wraps a long one
 * two columns further in: bench's --full-batch, written as two halves of one sentence, printed
 * "(full-batch gradient" at one indent and "descent, ..." below it at another.
 */
class OptionHelpTest {
    @Test
    void everyLineOfAnOptionsDescriptionButTheLastEndsAClause() {
        CommandLine root = Main.commandLine();
        List<String> split = new ArrayList<>();
        for (CommandLine verb : Stream.concat(Stream.of(root), root.getSubcommands().values().stream()).toList()) {
            List<ArgSpec> args = new ArrayList<>(verb.getCommandSpec().options());
            args.addAll(verb.getCommandSpec().positionalParameters());
            for (ArgSpec arg : args) {
                String[] lines = arg.description();
                for (int i = 0; i < lines.length - 1; i++) {
                    if (!lines[i].stripTrailing().matches(".*[;:.]$")) {
                        String name = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
                        split.add(verb.getCommandSpec().qualifiedName() + " " + name + ": '" + lines[i] + "'");
                    }
                }
            }
        }
        assertEquals(List.of(), split, "descriptions split inside a clause");
    }
}
