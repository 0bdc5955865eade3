package dev.netgrad.print;

import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Equation;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Statement;

/**
 * The backward pass as a Markdown page that renders on GitHub: a table of the equations in the
 * text syntax with their numerators and shapes, the same equations as display math, and the 1/m
 * verdict. The page {@code generated/<Network>.md} and the Maven plugin's
 * {@code target/netgrad/<Network>.md} hold.
 */
public final class MarkdownPrinter {
    private static final String NOTATION = "In the math, juxtaposition is the matrix product (and a scalar factor),"
            + " $\\odot$ the elementwise product, $X^T$ the transpose, $\\sum_{\\text{axis}=1}$ the sum along each row"
            + " (over the examples), and $\\mathbf{1}[\\cdot]$ is 1 where the condition holds, 0 elsewhere.";

    private MarkdownPrinter() {
    }

    public static String print(Derivation d) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(prose(d.network().name())).append(": backward pass\n\n");
        out.append("Derived by netgrad from the network `").append(d.network().name()).append("`, ")
                .append(TextPrinter.conventionSentence(d.convention())).append(".\n\n");
        out.append("| derivative | equation | numerator | shape |\n");
        out.append("| --- | --- | --- | --- |\n");
        for (Statement h : ForwardHelpers.of(d)) {
            row(out, h.name(), TextPrinter.line(h.name(), h.value()), TextPrinter.HELPER_LABEL, h.shape());
        }
        for (Equation e : d.equations()) {
            row(out, e.name(), TextPrinter.line(e.name(), e.value()), e.label(), e.shape());
        }
        out.append("\n```math\n\\begin{aligned}\n");
        out.append(String.join(" \\\\\n", LatexPrinter.rows(d))).append('\n');
        out.append("\\end{aligned}\n```\n\n");
        out.append(NOTATION).append("\n\n");
        out.append(prose(d.oneOverM().sentence())).append(".\n");
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String equation, String label, Shape shape) {
        out.append("| ").append(code(name)).append(" | ").append(code(equation)).append(" | ")
                .append(code(label)).append(" | ").append(shape).append(" |\n");
    }

    /**
     * Text outside code spans, its inline-markup characters backslash-escaped: names may hold
     * underscores, and a param {@code _w_} or a network {@code __Init__} would render as emphasis.
     */
    static String prose(String s) {
        return s.replaceAll("([\\\\`*_\\[\\]<>|])", "\\\\$1");
    }

    /** Inline code; a pipe would end the table cell even inside backticks on GitHub. */
    private static String code(String s) {
        return "`" + s.replace("|", "\\|") + "`";
    }
}
