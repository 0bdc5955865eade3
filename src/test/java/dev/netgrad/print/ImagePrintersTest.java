package dev.netgrad.print;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Deriver;
import dev.netgrad.diff.EquationChecker;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The image samples in every format; the text form reads back through check. */
class ImagePrintersTest {
    private static final Path LENET = Path.of("samples/images/lenet.nn");

    @ParameterizedTest
    @EnumSource(Convention.class)
    void theTextFormReadsBackAndPassesCheck(Convention convention) throws Exception {
        Network network = Samples.read(LENET);
        Derivation d = Samples.derive(LENET, convention);
        String text = TextPrinter.print(d);
        assertTrue(text.contains("conv2d_weight(P2, dZ3, like=W3, stride=1, pad=1)"), text);
        assertTrue(text.contains("// dJ/dW3   3 x 3 x 6 x 16"), text);
        var report = EquationChecker.check(network, SpecReader.readEquations("lenet.eq", text, network, Deriver.derivativeNames(network)));
        assertTrue(report.passed(), () -> text + "\n" + report.verdicts());
    }

    @ParameterizedTest
    @EnumSource(Convention.class)
    void latexMarkdownAndJsonShowTheImageFunctionsAndShapes(Convention convention) {
        Derivation d = Samples.derive(LENET, convention);
        String latex = LatexPrinter.print(d);
        // Too wide for the page beside its shape, the call goes on after an argument's comma, on a line of its own.
        assertTrue(latex.contains("&= \\operatorname{conv2d\\_input}(dZ^{[3]}, W^{[3]}, && 4 \\times 4 \\times 6 \\times m \\\\\n"
                + "&\\quad {} \\text{like}=P^{[2]}, \\text{stride}=1, \\text{pad}=1)"), latex);
        assertTrue(latex.contains("3 \\times 3 \\times 6 \\times 16"), latex);
        String markdown = MarkdownPrinter.print(d);
        assertTrue(markdown.contains("`dA1 = maxpool_input(dP2, A1, 2, stride=2)`"), markdown);
        assertTrue(markdown.contains("| 8 x 8 x 6 x m |"), markdown);
        String json = JsonPrinter.print(d).replaceAll("\\s+", "");
        assertTrue(json.contains("\"expression\":\"avgpool_input(dP4,2,like=A3,stride=2)\""), json);
        assertTrue(json.contains("\"shape\":[3,3,6,16]"), json);
        assertTrue(json.contains("\"shape\":[2,2,16,\"m\"]"), json);
    }
}
