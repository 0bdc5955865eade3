package dev.netgrad.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Deriver;
import dev.netgrad.diff.Equation;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.spec.EquationLine;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import dev.netgrad.spec.Statement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextPrinterTest {
    /** docs/language.md section 8, byte for byte. */
    private static final String SECTION_8 = """
            dZ2 = A2 - Y                      // dL/dZ2   1 x m
            dW2 = 1/m * dZ2 @ A1.T            // dJ/dW2   1 x 4
            db2 = 1/m * sum(dZ2, axis=1)      // dJ/db2   1 x 1
            dA1 = W2.T @ dZ2                  // dL/dA1   4 x m
            dZ1 = dA1 * (1 - A1^2)            // dL/dZ1   4 x m
            dW1 = 1/m * dZ1 @ X.T             // dJ/dW1   4 x 2
            db1 = 1/m * sum(dZ1, axis=1)      // dJ/db1   4 x 1
            """;

    @Test
    void planarPrintsLanguageSection8BetweenItsCommentLines() {
        String text = TextPrinter.print(Samples.planar(Convention.LOSS));
        String equations = text.lines().filter(l -> !l.startsWith("//")).map(l -> l + "\n").collect(Collectors.joining());
        assertEquals(SECTION_8, equations);
    }

    @Test
    void headerNamesTheNetworkAndConventionAndTheLastLineIsTheVerdict() {
        Derivation d = Samples.planar(Convention.LOSS);
        List<String> lines = TextPrinter.print(d).lines().toList();
        assertTrue(lines.get(0).startsWith("// Planar: "), lines.get(0));
        assertTrue(lines.get(0).contains("convention loss"), lines.get(0));
        assertEquals("// " + d.oneOverM().sentence(), lines.get(lines.size() - 1));
    }

    @Test
    void costConventionPutsTheOneOverMAtTheTop() {
        List<String> equations = TextPrinter.print(Samples.planar(Convention.COST)).lines()
                .map(l -> l.split("//")[0].strip()).toList();
        assertTrue(equations.contains("dZ2 = 1/m * (A2 - Y)"), equations.toString());
        assertTrue(equations.contains("dW2 = dZ2 @ A1.T"), equations.toString());
        assertTrue(equations.contains("db2 = sum(dZ2, axis=1)"), equations.toString());
    }

    @Test
    void commentsStayAlignedWhenAnEquationIsLongerThanTheDefaultColumn() {
        Derivation d = Samples.derive(Samples.DIR.resolve("batchnorm.nn"), Convention.LOSS);
        List<String> lines = TextPrinter.print(d).lines().filter(l -> !l.startsWith("//")).toList();
        int column = lines.get(0).indexOf("// ");
        for (String line : lines) {
            assertEquals(column, line.indexOf("// "), line);
            assertTrue(line.substring(0, column).endsWith("  "), line);
        }
    }

    static Stream<Arguments> samplesAndConventions() {
        return Samples.all().stream()
                .flatMap(p -> Arrays.stream(Convention.values()).map(c -> Arguments.of(p.getFileName().toString(), c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samplesAndConventions")
    void textOutputParsesBackAsAnEquationFile(String sample, Convention convention) throws SpecException {
        Path path = Samples.DIR.resolve(sample);
        Derivation d = Samples.derive(path, convention);
        String text = TextPrinter.print(d);
        List<EquationLine> parsed = SpecReader.readEquations(sample + ".eq", text, d.network(),
                Deriver.derivativeNames(d.network()));

        List<String> expected = new ArrayList<>();
        for (Statement h : ForwardHelpers.of(d)) {
            expected.add(h.name() + " = " + ExprPrinter.print(h.value()));
        }
        for (Equation e : d.equations()) {
            expected.add(e.name() + " = " + ExprPrinter.print(e.value()));
        }
        List<String> reprinted = parsed.stream().map(l -> l.name() + " = " + ExprPrinter.print(l.value())).toList();
        assertEquals(expected, reprinted);
    }

    /** A network of one sigmoid unit whose cost, loss and output are named by the row. */
    private static String named(String cost, String loss, String output) {
        return """
                network Names {
                  input X[2]
                  target Y[1]
                  param W1[1, 2] init randn(0.01)
                  param b1[1] init zeros
                  Z1 = W1 @ X + b1
                  %3$s = sigmoid(Z1)
                  loss %2$s = -(Y * log(%3$s) + (1 - Y) * log(1 - %3$s))
                  cost %1$s = mean(%2$s)
                  output %3$s
                }
                """.formatted(cost, loss, output);
    }

    static Stream<Arguments> labelSymbols() {
        return Stream.of(
                // cost, loss, output, convention: what the header adds after the convention's numerators
                Arguments.of("J", "L", "A1", Convention.LOSS, ""),
                Arguments.of("J", "L", "A1", Convention.COST, ""),
                Arguments.of("C", "L", "A1", Convention.LOSS, "; in the labels J is the cost C"),
                Arguments.of("J", "E", "A1", Convention.LOSS, "; in the labels L the loss E"),
                Arguments.of("J", "E", "A1", Convention.COST, ""),  // the cost convention's labels hold no L
                Arguments.of("C", "E", "J", Convention.LOSS, "; in the labels J is the cost C, L the loss E (not the value J)"),
                Arguments.of("C", "E", "J", Convention.COST, "; in the labels J is the cost C (not the value J)"),
                Arguments.of("C", "E", "L", Convention.LOSS, "; in the labels J is the cost C, L the loss E (not the value L)"),
                Arguments.of("C", "E", "L", Convention.COST, "; in the labels J is the cost C"),
                Arguments.of("L", "J", "A1", Convention.LOSS,
                        "; in the labels J is the cost L, L the loss J (not the value J or L)"));
    }

    @ParameterizedTest(name = "cost {0}, loss {1}, output {2}, {3}")
    @MethodSource("labelSymbols")
    void headerSaysWhatJAndLStandForWhenTheNetworkNamesThemOtherwise(String cost, String loss, String output,
            Convention convention, String added) {
        Derivation d = Samples.derive("names.nn", named(cost, loss, output), convention);
        String header = TextPrinter.print(d).lines().findFirst().orElseThrow();
        assertEquals("// Names: backward pass, " + TextPrinter.conventionSentence(convention) + added, header);
        assertTrue(MarkdownPrinter.print(d).contains(TextPrinter.conventionSentence(convention) + added + ".\n"),
                "the Markdown prose says it too");
    }
}
