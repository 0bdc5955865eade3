package dev.netgrad.print;

import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Equation;
import dev.netgrad.spec.Statement;
import java.util.List;

/**
 * The backward pass as a Markdown page that renders on GitHub: a table of the forward values the
 * derivation added (if any), a table of the equations in the text syntax with their numerators and
 * shapes, the same definitions and equations as display math, and the 1/m verdict. The page {@code generated/<Network>.md} and the Maven plugin's
 * {@code target/netgrad/<Network>.md} hold.
 */
public final class MarkdownPrinter {
    private static final String NOTATION = "In the math, juxtaposition is the matrix product (and a scalar factor),"
            + " $\\odot$ the elementwise product, $X^T$ the transpose, $\\sum_{\\text{axis}=1}$ the sum along each row"
            + " (over the examples), and $\\mathbf{1}[\\cdot]$ is 1 where the condition holds, 0 elsewhere.";

    private static final String HELPERS = "The derivatives read these forward values, which netgrad adds to the forward pass"
            + " (the parts of a batchnorm):";

    private MarkdownPrinter() {
    }

    public static String print(Derivation d) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(prose(d.network().name())).append(": backward pass\n\n");
        out.append("Derived by netgrad from the network `").append(d.network().name()).append("`, ")
                .append(prose(TextPrinter.conventionSentence(d))).append(".\n\n");
        helpers(out, ForwardHelpers.of(d));
        out.append("| derivative | equation | numerator | shape |\n");
        out.append("| --- | --- | --- | --- |\n");
        for (Equation e : d.equations()) {
            out.append("| ").append(code(e.name())).append(" | ").append(code(TextPrinter.line(e.name(), e.value())))
                    .append(" | ").append(code(e.label())).append(" | ").append(e.shape()).append(" |\n");
        }
        out.append("\n```math\n\\begin{aligned}\n");
        out.append(String.join(" \\\\\n", LatexPrinter.rows(d))).append('\n');
        out.append("\\end{aligned}\n```\n\n");
        out.append(NOTATION).append("\n\n");
        out.append(prose(d.oneOverM().sentence())).append(".\n");
        return out.toString();
    }

    /**
     * The forward values the derivation added (a batchnorm's parts), in a table of their own before the
     * derivatives': they are not derivatives and have no numerator.
     */
    private static void helpers(StringBuilder out, List<Statement> helpers) {
        if (helpers.isEmpty()) {
            return;
        }
        out.append(HELPERS).append("\n\n");
        out.append("| forward value | definition | shape |\n");
        out.append("| --- | --- | --- |\n");
        for (Statement h : helpers) {
            out.append("| ").append(code(h.name())).append(" | ").append(code(TextPrinter.line(h.name(), h.value())))
                    .append(" | ").append(h.shape()).append(" |\n");
        }
        out.append('\n');
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
