package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The README's table of commands names every verb and every option each verb takes, as its --help does. */
class ReadmeCommandTableTest {
    @Test
    void everyOptionOfEveryVerbIsInItsRowOfTheReadmeTable() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("README.md")).stream().filter(l -> l.startsWith("| `")).toList();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, CommandLine> verb : new CommandLine(new Main()).getSubcommands().entrySet()) {
            if (verb.getKey().equals("help")) {
                continue;
            }
            Optional<String> row = rows.stream().filter(l -> l.startsWith("| `" + verb.getKey() + " ")).findFirst();
            if (row.isEmpty()) {
                missing.add(verb.getKey() + " (no row)");
                continue;
            }
            String synopsis = row.get().substring(0, row.get().indexOf("` |") + 1);
            CommandSpec spec = verb.getValue().getCommandSpec();
            for (OptionSpec option : spec.options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                // Any of its names will do: the table writes -o DIR for --output.
                boolean named = java.util.Arrays.stream(option.names())
                        .anyMatch(n -> synopsis.matches(".*[\\[` ]" + java.util.regex.Pattern.quote(n) + "[\\] `].*"));
                if (!named) {
                    missing.add(verb.getKey() + " " + option.longestName());
                }
            }
        }
        assertEquals(List.of(), missing, "options missing from the README's command table");
        assertTrue(rows.size() >= 10, "the README has a table of commands");
    }
}
