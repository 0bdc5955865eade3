package dev.netgrad.print;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import org.junit.jupiter.api.Test;

class MarkdownPrinterTest {
    private final Derivation planar = Samples.planar(Convention.LOSS);
    private final String markdown = MarkdownPrinter.print(planar);

    @Test
    void startsWithATitleAndTheConvention() {
        assertTrue(markdown.startsWith("# Planar: backward pass\n\n"), markdown);
        assertTrue(markdown.contains("convention loss"), markdown);
    }

    @Test
    void tableHoldsEachEquationInTheTextSyntax() {
        assertTrue(markdown.contains("| derivative | equation | numerator | shape |\n| --- | --- | --- | --- |\n"), markdown);
        assertTrue(markdown.contains("| `dW2` | `dW2 = 1/m * dZ2 @ A1.T` | `dJ/dW2` | 1 x 4 |\n"), markdown);
        assertTrue(markdown.contains("| `dZ2` | `dZ2 = A2 - Y` | `dL/dZ2` | 1 x m |\n"), markdown);
    }

    @Test
    void displayMathRepeatsTheEquationsInLatex() {
        assertTrue(markdown.contains("```math\n\\begin{aligned}\n"), markdown);
        assertTrue(markdown.contains("\\frac{1}{m} dZ^{[2]} A^{[1]T}"), markdown);
        assertTrue(markdown.contains("\\end{aligned}\n```\n"), markdown);
    }

    @Test
    void endsWithTheOneOverMVerdict() {
        assertTrue(markdown.endsWith(planar.oneOverM().sentence() + ".\n"), markdown);
    }
}
