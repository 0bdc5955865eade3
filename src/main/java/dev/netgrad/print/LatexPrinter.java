package dev.netgrad.print;

import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Equation;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backward pass as a LaTeX {@code align*} environment in the course's notation:
 * {@code dW^{[2]} = \frac{\partial J}{\partial W^{[2]}} &= \frac{1}{m} dZ^{[2]} A^{[1]T}}.
 * The header and the 1/m verdict are {@code %} comments.
 */
public final class LatexPrinter {
    /** What the symbols mean; the first lines of the output, and a note under the Markdown's math. */
    static final String NOTATION = "juxtaposition is the matrix product (and a scalar factor), \\odot the elementwise"
            + " product, ^{T} the transpose, \\sum_{\\text{axis}=1} the sum along each row (over the examples),"
            + " \\mathbf{1}[\\cdot] is 1 where the condition holds and 0 elsewhere";

    private LatexPrinter() {
    }

    public static String print(Derivation d) {
        StringBuilder out = new StringBuilder();
        out.append("% ").append(TextPrinter.header(d)).append('\n');
        out.append("% Notation: ").append(NOTATION).append(".\n");
        out.append("\\begin{align*}\n");
        out.append(String.join(" \\\\\n", rows(d))).append('\n');
        out.append("\\end{align*}\n");
        out.append("% ").append(d.oneOverM().sentence()).append('\n');
        return out.toString();
    }

    /** One alignment row per helper and per equation, {@code lhs &= rhs && shape}, without the row break. */
    static List<String> rows(Derivation d) {
        LatexExprPrinter printer = printer(d);
        List<String> rows = new ArrayList<>();
        for (Statement h : ForwardHelpers.of(d)) {
            rows.add(printer.name(h.name(), false) + " &= " + printer.print(h.value()) + " && " + shape(h.shape()));
        }
        for (Equation e : d.equations()) {
            rows.add(printer.name(e.name(), false) + " = " + label(e) + " &= " + printer.print(e.value())
                    + " && " + shape(e.shape()));
        }
        return rows;
    }

    /** {@code \frac{\partial \mathcal{L}}{\partial Z^{[2]}}}. */
    static String label(Equation e) {
        return "\\frac{\\partial " + e.numerator().latex() + "}{\\partial " + LatexNames.symbol(e.of()) + "}";
    }

    static String shape(Shape s) {
        return s.toString().replace(" x ", " \\times ");
    }

    private static LatexExprPrinter printer(Derivation d) {
        Map<String, String> derivativeOf = new LinkedHashMap<>();
        for (Equation e : d.equations()) {
            derivativeOf.put(e.name(), e.of());
        }
        return new LatexExprPrinter(derivativeOf);
    }
}
