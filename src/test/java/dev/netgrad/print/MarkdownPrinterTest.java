package dev.netgrad.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** Batchnorm's mean, centred value, std and normalized value were rows of the table headed "derivative". */
    @Test
    void forwardHelpersHaveATableOfTheirOwnAndNoneUnderTheDerivativesHeader() {
        String page = MarkdownPrinter.print(Samples.derive(Samples.DIR.resolve("batchnorm.nn"), Convention.LOSS));
        String helpers = "| forward value | definition | shape |\n| --- | --- | --- |\n"
                + "| `Zn1_mean` | `Zn1_mean = mean(Z1, axis=1)` | 8 x 1 |\n";
        String derivatives = "\n\n| derivative | equation | numerator | shape |\n| --- | --- | --- | --- |\n"
                + "| `dZ2` | `dZ2 = P - Y` | `d(sum L)/dZ2` | 3 x m |\n";
        assertTrue(page.contains(":\n\n" + helpers), page);
        assertTrue(page.contains(derivatives), page);
        assertTrue(page.indexOf(helpers) < page.indexOf(derivatives), page);
        assertFalse(page.contains("`helper`"), page);
        assertFalse(markdown.contains("forward value"), markdown); // planar adds none
    }

    @Test
    void displayMathRepeatsTheEquationsInLatex() {
        assertTrue(markdown.contains("```math\n\\begin{aligned}\n"), markdown);
        assertTrue(markdown.contains("\\frac{1}{m} dZ^{[2]} A^{[1]T}"), markdown);
        assertTrue(markdown.contains("\\end{aligned}\n```\n"), markdown);
    }

    @Test
    void underscoresInNamesOutsideCodeAreEscapedSoTheyDoNotTurnIntoEmphasis() {
        String page = MarkdownPrinter.print(Samples.derive("under.nn", """
                network __Init__ {
                  input X[2]
                  target Y[1]
                  param _w_[3, 2]
                  param b_[3]
                  param V[1, 3]
                  param c[1]
                  H = tanh(_w_ @ X + b_)
                  A = sigmoid(V @ H + c)
                  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))
                  cost J = mean(L)
                }
                """, Convention.LOSS));
        assertTrue(page.startsWith("# \\_\\_Init\\_\\_: backward pass\n"), page);
        assertTrue(page.endsWith("every param (\\_w\\_, b\\_, V, c).\n"), page);
        // Inside code spans the names stay as written.
        assertTrue(page.contains("the network `__Init__`"), page);
        assertTrue(page.contains("| `d_w_` | `d_w_ = 1/m * dH * (1 - H^2) @ X.T` | `dJ/d_w_` | 3 x 2 |"), page);
    }

    @Test
    void proseEscapesEveryInlineMarkupCharacter() {
        assertEquals("a\\_b \\*c\\* \\[d\\] \\<e\\> \\| \\` \\\\", MarkdownPrinter.prose("a_b *c* [d] <e> | ` \\"));
    }

    @Test
    void endsWithTheOneOverMVerdict() {
        assertTrue(markdown.endsWith(planar.oneOverM().sentence() + ".\n"), markdown);
    }
}
