package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.netgrad.codegen.InMemoryCompiler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code $ ./netgrad ...} example of the README prints what it shows: the whole output
 * byte for byte, or, where the README elides with {@code ...}, every line it shows, in order.
 */
class ReadmeExamplesTest {
    private static final String COMMAND = "$ ./netgrad ";
    private static final Pattern BLOCK = Pattern.compile("(?m)^```\\n(\\$ \\./netgrad [^\\n]*)\\n(.*?)^```", Pattern.DOTALL);

    /** The exit code each verb's example ends with: check's example finds mistakes on purpose. */
    private static final Map<String, Integer> EXIT_CODES = Map.of("derive", Main.OK, "check", CheckCommand.WRONG,
            "eval", Main.OK);

    record Example(String command, String shown) {
        String[] args() {
            return command.substring(COMMAND.length()).split(" ");
        }

        boolean elided() {
            return shown.lines().anyMatch(line -> line.contains("..."));
        }
    }

    static List<Example> examples() throws Exception {
        List<Example> found = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
        while (m.find()) {
            found.add(new Example(m.group(1), m.group(2)));
        }
        return found;
    }

    @Test
    void everyExampleShowsTheToolsOutput() throws Exception {
        List<Example> examples = examples();
        assertEquals(List.of("derive", "check", "eval"), examples.stream().map(e -> e.args()[0]).toList(),
                "the README's examples, in order");
        for (Example e : examples) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = Main.run(e.args(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertEquals(EXIT_CODES.get(e.args()[0]), code, e.command());
            if (e.elided()) {
                assertShownInOrder(e, printed);
            } else {
                assertEquals(e.shown(), printed, e.command());
            }
        }
    }

    /**
     * The README's Java example of a generated class (its imports, {@code ...}, then {@code Planar net = new
     * Planar(42L); ...}) compiles as written against generated/Planar.java and the runtime: the imports it shows
     * are the ones it needs, and every call it shows exists with those arguments.
     */
    @Test
    void theJavaExampleCompilesAgainstTheGeneratedClass() throws Exception {
        Matcher m = Pattern.compile("(?m)^```java\\n((?:import [^\\n]*\\n)+)\\.\\.\\.\\n(Planar net = new Planar\\(42L\\);.*?)^```",
                Pattern.DOTALL).matcher(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
        assertTrue(m.find(), "README.md shows a Java example: its imports, '...', then Planar net = new Planar(42L); ...");
        String snippet = "package readme;\n\n" + m.group(1) + "\nfinal class Snippet {\n"
                + "    static void run(double[][] x, double[][] y, double[][] xTest, double[][] raw) throws Exception {\n"
                + m.group(2) + "    }\n}\n";
        Map<String, byte[]> classes = InMemoryCompiler.compileAll(
                Map.of("netgrad.generated.Planar", Files.readString(Path.of("generated/Planar.java"), StandardCharsets.UTF_8),
                        "readme.Snippet", snippet),
                List.of("--release", "17", "-proc:none", "--class-path", InMemoryCompiler.runtimeLocation()));
        assertTrue(classes.containsKey("readme.Snippet"), classes.keySet().toString());
    }

    /** A line shown whole is printed whole; a line cut at {@code ...} is printed starting so. */
    private static void assertShownInOrder(Example e, String printed) {
        List<String> lines = printed.lines().toList();
        int at = 0;
        for (String shown : e.shown().lines().toList()) {
            if (shown.strip().equals("...")) {
                continue;
            }
            int cut = shown.indexOf("...");
            String start = cut < 0 ? shown : shown.substring(0, cut);
            while (at < lines.size() && !(cut < 0 ? lines.get(at).equals(start) : lines.get(at).startsWith(start))) {
                at++;
            }
            if (at == lines.size()) {
                fail(e.command() + ": the README shows a line the tool does not print (or not in this order):\n" + shown
                        + "\nprinted:\n" + printed);
            }
            at++;
        }
    }
}
