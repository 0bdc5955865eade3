package dev.netgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.Compilation.Format;
import dev.netgrad.cli.Main;
import dev.netgrad.diff.Convention;
import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.NetworkPrinter;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of docs/language.md (and of docs/images.md) are the tool's own: every network in it reads, every
 * {@code $ ./netgrad derive} block is what the command prints, a derivation shown after a
 * network is that network's, and a network shown after another is what {@code show} prints.
 */
class LanguageDocExamplesTest {
    @TempDir
    Path dir;

    private static final Path PAGE = Path.of("docs/language.md");
    private static final Pattern BLOCK = Pattern.compile("(?m)^```[a-z]*\\n(.*?)^```", Pattern.DOTALL);

    private static List<String> blocks() {
        return blocks(PAGE);
    }

    private static List<String> blocks(Path page) {
        List<String> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(SampleFiles.read(page));
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

    /**
     * Section 9's {@code $ ./netgrad check SPEC mine.eq} prints what it shows, byte for byte and with
     * check's exit code 1, when mine.eq is the equation file in the block before it.
     */
    @Test
    void theEquationFileExampleIsJudgedAsShown() throws Exception {
        List<String> blocks = blocks();
        int checks = 0;
        for (int i = 1; i < blocks.size(); i++) {
            String block = blocks.get(i);
            if (!block.startsWith("$ ./netgrad check ")) {
                continue;
            }
            String command = block.substring(2, block.indexOf('\n'));
            String[] args = command.substring("./netgrad ".length()).split(" ");
            Path mine = Files.writeString(dir.resolve(args[2]), blocks.get(i - 1));
            args[2] = mine.toString();
            String said = runStatus(1, args).replace(mine.toString(), command.split(" ")[3]);
            assertEquals(block.substring(block.indexOf('\n') + 1), said, command);
            checks++;
        }
        assertEquals(1, checks, "check examples found in docs/language.md");
    }

    /**
     * docs/images.md's networks read, its derivation is the tool's for the network above it, header line included, and
     * its check excerpt is what check says of that derivation saved as the page says, with the 1/m taken out of dW1:
     * the excerpt's line number is the one a reader following the page gets (it said 8 for the file without the
     * header, which the page never showed).
     */
    @Test
    void theImagesPageShowsWhatTheToolPrints() throws Exception {
        Network previous = null;
        int derivations = 0;
        int checks = 0;
        for (String block : blocks(Path.of("docs/images.md"))) {
            if (isNetwork(block)) {
                previous = SpecReader.read("docs/images.md", block);
            } else if (previous != null && block.matches("(?s)// \\w+: backward pass.*")) {
                String derived = Compilation.of(previous, Convention.LOSS).equations(Format.TEXT);
                assertEquals(derived, block, "derivation of " + previous.name());
                derivations++;
            } else if (block.startsWith("$ ./netgrad check samples/images/digits_cnn.nn mine.eq\n")) {
                Network sample = SpecReader.read("digits_cnn.nn", SampleFiles.read(Path.of("samples/images/digits_cnn.nn")));
                String mine = Compilation.of(sample, Convention.LOSS).equations(Format.TEXT).replace("dW1 = 1/m * ", "dW1 = ");
                Path file = Files.writeString(dir.resolve("mine.eq"), mine);
                String said = runStatus(1, "check", "samples/images/digits_cnn.nn", file.toString()).replace(file.toString(), "mine.eq");
                for (String line : block.lines().filter(l -> !l.startsWith("$ ") && !l.equals("...")).toList()) {
                    assertTrue(said.contains(line + "\n"), "check does not say\n" + line + "\nbut\n" + said);
                }
                checks++;
            }
        }
        assertEquals(1, derivations, "derivations found in docs/images.md");
        assertEquals(1, checks, "check excerpts found in docs/images.md");
    }

    /** An error a page shows: {@code bad.nn:6:13: error: message}, the source line after it when the block has one. */
    private static final Pattern SHOWN_ERROR = Pattern.compile("[\\w.-]+\\.nn:(\\d+):(\\d+): error: (.*)");

    /**
     * Every error docs/language.md and docs/images.md show is one a spec of the error corpus
     * (src/test/resources/errors, whose ErrorCorpusTest pins each) makes, word for word at that line
     * and column, and that spec's line reads as the source line the page shows under it.
     */
    @Test
    void everyErrorThePagesShowIsOneTheToolMakes() throws Exception {
        Map<String, String> texts = new TreeMap<>();
        Map<String, List<Diagnostic>> made = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/errors"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".nn")).sorted().toList()) {
                String name = file.getFileName().toString();
                texts.put(name, SampleFiles.read(file));
                try {
                    SpecReader.read(name, texts.get(name));
                } catch (SpecException e) {
                    made.put(name, e.diagnostics());
                }
            }
        }
        int shown = 0;
        List<String> notMade = new ArrayList<>();
        for (Path page : List.of(PAGE, Path.of("docs/images.md"))) {
            for (String block : blocks(page)) {
                List<String> lines = block.lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = SHOWN_ERROR.matcher(lines.get(i));
                    if (!m.matches()) {
                        continue;
                    }
                    shown++;
                    int line = Integer.parseInt(m.group(1));
                    int column = Integer.parseInt(m.group(2));
                    String source = i + 1 < lines.size() && !SHOWN_ERROR.matcher(lines.get(i + 1)).matches() ? lines.get(i + 1) : null;
                    boolean found = made.entrySet().stream().anyMatch(e -> e.getValue().stream()
                            .anyMatch(d -> d.line() == line && d.column() == column && d.message().equals(m.group(3)))
                            && (source == null || texts.get(e.getKey()).lines().skip(line - 1).findFirst().orElse("").equals(source)));
                    if (!found) {
                        notMade.add(page + ": " + lines.get(i) + (source == null ? "" : " / " + source));
                    }
                }
            }
        }
        assertEquals(List.of(), notMade, "errors the pages show that no spec of src/test/resources/errors makes so");
        assertTrue(shown >= 7, "errors shown: " + shown);
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
        return runStatus(0, args);
    }

    /** stdout, then stderr, of a run that must end with {@code status}. */
    private static String runStatus(int status, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(status, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8) + (status == 0 ? "" : err.toString(StandardCharsets.UTF_8));
    }
}
