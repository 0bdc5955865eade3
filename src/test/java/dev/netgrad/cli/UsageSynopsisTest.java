package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The synopsis of every verb's --help breaks lines between options only: picocli's own wrapping
 * broke {@code [--init=P.json]} into {@code [--init=P.} and {@code json]}. At netgrad's width, at
 * picocli's default, and at its narrowest (what {@code -Dpicocli.usage.width} may ask for).
 */
class UsageSynopsisTest {
    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {Main.HELP_WIDTH, 80, 55})
    void noOptionIsSplitAcrossLinesOfAnySynopsis(int width) {
        CommandLine root = Main.commandLine();
        root.setUsageHelpWidth(width);
        for (CommandLine verb : Stream.concat(Stream.of(root), root.getSubcommands().values().stream()).toList()) {
            String name = verb.getCommandSpec().qualifiedName();
            List<String> lines = synopsis(verb).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                // The first line follows the heading, "Usage: ".
                String line = (i == 0 ? " ".repeat(verb.getHelp().synopsisHeadingLength()) : "") + lines.get(i);
                // Every bracket opened on a line closes on it: no option ends one line and starts the next.
                assertEquals(0, depthAtEnd(line), name + " at width " + width + ": an option split at the end of '" + line + "'");
                // Only an option longer than a line's room may overflow it, alone.
                assertTrue(line.length() <= width || words(line).size() == 1, name + " at width " + width + ": '" + line + "' is too long");
            }
            // The words of the lines are those of the synopsis on one line: no break inside a word without brackets either.
            CommandLine wide = Main.commandLine();
            wide.setUsageHelpWidth(10_000);
            CommandLine unwrapped = verb == root ? wide : wide.getSubcommands().get(verb.getCommandName());
            String oneLine = synopsis(unwrapped).strip();
            assertEquals(1, oneLine.lines().count(), oneLine);
            assertEquals(words(oneLine), lines.stream().flatMap(l -> words(l).stream()).toList(), name + " at width " + width);
        }
    }

    /** The synopsis as --help prints it, after its heading ("Usage: "). */
    private static String synopsis(CommandLine command) {
        CommandLine.Help help = command.getHelp();
        return help.synopsis(help.synopsisHeadingLength());
    }

    private static int depthAtEnd(String line) {
        int depth = 0;
        for (char c : line.toCharArray()) {
            depth += c == '[' || c == '(' ? 1 : c == ']' || c == ')' ? -1 : 0;
        }
        return depth;
    }

    private static List<String> words(String line) {
        return new ArrayList<>(Arrays.stream(line.strip().split(" +")).toList());
    }
}
