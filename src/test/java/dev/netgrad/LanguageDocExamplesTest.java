package dev.netgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.Compilation.Format;
import dev.netgrad.cli.Main;
import dev.netgrad.diff.Convention;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.NetworkPrinter;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/language.md are the tool's own: every network in it reads, every
 * {@code $ ./netgrad derive} block is what the command prints, a derivation shown after a
 * network is that network's, and a network shown after another is what {@code show} prints.
 */
class LanguageDocExamplesTest {
    private static final Path PAGE = Path.of("docs/language.md");
    private static final Pattern BLOCK = Pattern.compile("(?m)^```[a-z]*\\n(.*?)^```", Pattern.DOTALL);

    private static List<String> blocks() {
        List<String> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(SampleFiles.read(PAGE));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static boolean isNetwork(String block) {
        return block.startsWith("network ") || block.startsWith("/*");
    }

    @Test
    void everyNetworkReadsAndEveryDerivationAndShowIsTheTools() throws SpecException {
        int networks = 0;
        int derivations = 0;
        int shows = 0;
        Network previous = null;
        for (String block : blocks()) {
            if (isNetwork(block)) {
                Network network = SpecReader.read("docs/language.md", block);
                networks++;
                if (previous != null && previous.name().equals(network.name()) && block.contains("  // ")) {
                    assertEquals(NetworkPrinter.print(previous), block, "show of " + previous.name());
                    shows++;
                }
                previous = network;
            } else if (previous != null && block.startsWith("// " + previous.name() + ": backward pass")) {
                assertEquals(Compilation.of(previous, Convention.LOSS).equations(Format.TEXT), block);
                derivations++;
            } else if (block.startsWith("$ ./netgrad derive ")) {
                String command = block.substring(2, block.indexOf('\n'));
                String[] args = command.substring("./netgrad ".length()).split(" ");
                assertEquals(block.substring(block.indexOf('\n') + 1), run(args), command);
                derivations++;
            }
        }
        assertTrue(networks >= 5, "networks found: " + networks);
        assertTrue(derivations >= 3, "derivations found: " + derivations);
        assertEquals(1, shows, "show outputs found");
    }

    /** The README's tour writes a train block inline, across a line break of the page: it must read as written. */
    @Test
    void theReadmesInlineTrainBlockReads() throws SpecException {
        Matcher m = Pattern.compile("`(train \\{[^`]*\\})`").matcher(SampleFiles.read(Path.of("README.md")));
        assertTrue(m.find(), "README.md has an inline train block");
        String block = m.group(1).replace('\n', ' ');
        Network network = SpecReader.read("README.md", "network T {\n  input X[2]\n  target Y[1]\n  dense 1 sigmoid\n"
                + "  loss cross_entropy\n  " + block + "\n}\n");
        assertEquals("T", network.name());
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
