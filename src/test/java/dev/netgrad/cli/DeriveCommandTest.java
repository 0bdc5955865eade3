package dev.netgrad.cli;

import static dev.netgrad.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.netgrad.cli.MainTest.Run;
import dev.netgrad.diff.DerivationException;
import dev.netgrad.diff.DerivativeBudgetTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netgrad derive} and {@code netgrad graph} through {@link Main#run}, as a user runs them. */
class DeriveCommandTest {
    private static final String PLANAR = "samples/planar.nn";

    @Test
    void derivePrintsTheCoursesEquationsAsTextByDefault() {
        Run r = run("derive", PLANAR);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("// Planar: "), r.out());
        assertTrue(r.out().contains("dW2 = 1/m * dZ2 @ A1.T            // dJ/dW2   1 x 4\n"), r.out());
        assertTrue(r.out().endsWith("// 1/m appears exactly once on every path from J to every param (W1, b1, W2, b2)\n"), r.out());
    }

    @Test
    void costConventionMovesTheOneOverMToTheTop() {
        Run r = run("derive", PLANAR, "--convention", "cost");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("dZ2 = 1/m * (A2 - Y)"), r.out());
        assertTrue(r.out().contains("dW2 = dZ2 @ A1.T "), r.out());
    }

    @Test
    void latexFormatIsAnAlignEnvironment() {
        Run r = run("derive", PLANAR, "--format", "latex");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\\begin{align*}"), r.out());
        assertTrue(r.out().contains("\\frac{1}{m} dZ^{[2]} A^{[1]T}"), r.out());
    }

    @Test
    void markdownFormatIsTheCommittedGolden() throws IOException {
        Run r = run("derive", PLANAR, "--format", "markdown");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(Path.of("generated/Planar.md"), StandardCharsets.UTF_8), r.out());
    }

    @Test
    void jsonFormatParses() {
        Run r = run("derive", PLANAR, "--format", "json", "--convention", "cost");
        assertEquals(0, r.code(), r.err());
        var root = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("Planar", root.get("network").getAsString());
        assertEquals("cost", root.get("convention").getAsString());
    }

    /**
     * The bytes of each format, against goldens written by an earlier run (so a hash order or a
     * locale that changes between runs shows). Rewrite on purpose with -Dnetgrad.updateGoldens=true.
     */
    @Test
    void derivationAndGraphMatchTheirGoldensByteForByte() throws IOException {
        assertGolden("planar.txt", run("derive", PLANAR));
        assertGolden("planar.json", run("derive", PLANAR, "--format", "json"));
        assertGolden("planar.dot", run("graph", PLANAR));
    }

    private static void assertGolden(String name, Run r) throws IOException {
        assertEquals(0, r.code(), r.err());
        Path golden = Path.of("src/test/resources/goldens").resolve(name);
        if (Boolean.getBoolean("netgrad.updateGoldens")) {
            Files.writeString(golden, r.out(), StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), r.out(),
                () -> golden + " differs; if the change is intended, run with -Dnetgrad.updateGoldens=true");
    }

    @Test
    void aDerivativeTooLargeToWriteIsALocatedErrorInEveryVerbThatDerives(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("deep.nn");
        Files.writeString(spec, DerivativeBudgetTest.nested(400)); // about 85,000 nodes in dZ1
        List<List<String>> commands = List.of(
                List.of("derive", spec.toString()),
                List.of("graph", spec.toString()),
                List.of("generate", spec.toString(), "-o", dir.resolve("out").toString()),
                List.of("gradcheck", spec.toString()));
        for (List<String> command : commands) {
            Run r = run(command.toArray(String[]::new));
            assertEquals(2, r.code(), command + ": " + r.err());
            assertEquals("", r.out(), command.toString());
            assertTrue(r.err().startsWith(spec + ":6:3: error: the derivative of this statement would be too large"), r.err());
            assertTrue(r.err().contains("\n  A1 = sigmoid(tanh(") && r.err().contains("\n  ^\n"), r.err());
        }
    }

    @Test
    void badSpecPrintsLocatedDiagnosticsAndExits2(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("bad.nn");
        Files.writeString(spec, "network Bad {\n  input X[2]\n  target Y[1]\n  Z = W @ X\n}\n");
        for (String verb : List.of("derive", "graph")) {
            Run r = run(verb, spec.toString());
            assertEquals(2, r.code(), verb + ": " + r.err());
            assertEquals("", r.out());
            assertTrue(r.err().startsWith(spec + ":"), r.err());
            assertTrue(r.err().contains(": error: "), r.err());
            assertTrue(r.err().contains("^\n"), r.err());
            assertTrue(!r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void missingFileExits2() {
        Run r = run("derive", "no/such/spec.nn");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no/such/spec.nn"), r.err());
    }

    @Test
    void usageErrorsExit2() {
        assertEquals(2, run("derive").code());
        assertEquals(2, run("graph").code());
        Run format = run("derive", PLANAR, "--format", "html");
        assertEquals(2, format.code());
        assertTrue(format.err().contains("text, latex, markdown or json"), format.err());
        Run convention = run("derive", PLANAR, "--convention", "batch");
        assertEquals(2, convention.code());
        assertTrue(convention.err().contains("loss or cost"), convention.err());
    }

    @Test
    void aBrokenOneOverMInvariantIsAnInternalErrorWithExit3() {
        StringWriter err = new StringWriter();
        int code = DeriveCommand.internalError(new DerivationException(List.of("dW1: a path from J carries 1/m 0 times, expected 1")),
                new PrintWriter(err, true));
        assertEquals(3, code);
        assertTrue(err.toString().startsWith("netgrad: error: internal error: the derivation broke the 1/m invariant: dW1: "), err.toString());
    }

    @Test
    void graphPrintsDot() {
        Run r = run("graph", PLANAR);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("digraph \"Planar\" {"), r.out());
        assertTrue(r.out().contains("\"dZ2\" -> \"dW2\";"), r.out());
    }
}
