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

    /**
     * The width of a line, in {@link LatexWidth}'s units: an article's 345pt text width at 10pt (61 units of
     * about 5.65pt), less a little for the estimate's error. A row wider than that breaks its right side
     * between terms; each line after the first starts under the {@code =}, a {@code \quad} further in.
     */
    static final double LINE = 57;
    /** The space between the equations and the shapes' column. */
    private static final double GAP = 3;
    /** The least width left to a right side, however wide the names and shapes beside it. */
    private static final double LEAST = 30;
    /**
     * The widest a name and its derivative's label may be before the label goes to the right side's column,
     * {@code name &= label && shape \\ &= rhs}: a long name written twice in the names' column pushed every
     * row's right side off the page.
     */
    private static final double LEFT = LINE / 3;

    /**
     * One alignment row per helper and per equation, {@code lhs &= rhs && shape}, without the row break; a
     * long right side goes on over lines of its own, {@code \\ &\quad {} + term}, broken between terms.
     */
    static List<String> rows(Derivation d) {
        LatexExprPrinter printer = printer(d);
        List<String> names = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<List<String>> rights = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        for (Statement h : ForwardHelpers.of(d)) {
            names.add(printer.name(h.name(), false));
            labels.add(null);
            rights.add(printer.terms(h.value()));
            shapes.add(shape(h.shape()));
        }
        for (Equation e : d.equations()) {
            names.add(printer.name(e.name(), false));
            labels.add(label(e));
            rights.add(printer.terms(e.value()));
            shapes.add(shape(e.shape()));
        }
        List<String> lefts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String left = labels.get(i) == null ? names.get(i) : names.get(i) + " = " + labels.get(i);
            lefts.add(LatexWidth.of(left) > LEFT ? names.get(i) : left);
        }
        // The columns are as wide as their widest cell: what is left of the line is the right sides'.
        double budget = Math.max(LEAST, LINE - widest(lefts) - widest(shapes) - GAP);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < lefts.size(); i++) {
            List<String> lines = lines(pieces(rights.get(i), budget), budget);
            StringBuilder row = new StringBuilder(lefts.get(i)).append(" &= ");
            if (lefts.get(i).equals(names.get(i)) && labels.get(i) != null) {
                row.append(labels.get(i)).append(" && ").append(shapes.get(i)).append(" \\\\\n&= ").append(lines.get(0));
            } else {
                row.append(lines.get(0)).append(" && ").append(shapes.get(i));
            }
            for (String line : lines.subList(1, lines.size())) {
                row.append(" \\\\\n&\\quad {} ").append(line);
            }
            rows.add(row.toString());
        }
        return rows;
    }

    /**
     * The pieces a right side's lines are packed from: its terms, and a term too wide for a line alone cut after
     * the commas of its calls' arguments (LeNet's {@code \operatorname{conv2d\_weight}(P^{[2]}, dZ^{[3]},
     * \text{like}=W^{[3]}, \text{stride}=1, \text{pad}=1)}, which ran 75pt past the page beside its shape). A cut is
     * made only inside a call's plain parentheses, outside every brace and every {@code \left ... \right}, which
     * TeX cannot break across lines; joined by spaces, the pieces are the terms.
     */
    static List<String> pieces(List<String> terms, double budget) {
        List<String> pieces = new ArrayList<>();
        for (String term : terms) {
            if (LatexWidth.of(term) <= budget) {
                pieces.add(term);
                continue;
            }
            int braces = 0;
            int leftRight = 0;
            int parens = 0;
            int start = 0;
            for (int i = 0; i < term.length(); i++) {
                char c = term.charAt(i);
                if (c == '\\') {
                    int end = i + 1;
                    while (end < term.length() && Character.isLetter(term.charAt(end))) {
                        end++;
                    }
                    String command = term.substring(i + 1, end);
                    leftRight += command.equals("left") ? 1 : command.equals("right") ? -1 : 0;
                    // A command's name, or the one character an escape like \{ or \, stands for.
                    i = end > i + 1 ? end - 1 : i + 1;
                } else if (c == '{') {
                    braces++;
                } else if (c == '}') {
                    braces--;
                } else if (c == '(') {
                    parens++;
                } else if (c == ')') {
                    parens--;
                } else if (c == ',' && braces == 0 && leftRight == 0 && parens > 0 && term.startsWith(" ", i + 1)) {
                    pieces.add(term.substring(start, i + 1));
                    start = i + 2;
                    i++;
                }
            }
            pieces.add(term.substring(start));
        }
        return pieces;
    }

    /** Pieces packed into lines no wider than {@code budget}, the first {@code = } and the others {@code \quad {} } in. */
    private static List<String> lines(List<String> terms, double budget) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(terms.get(0));
        double indent = LatexWidth.of("=");
        for (String term : terms.subList(1, terms.size())) {
            if (indent + LatexWidth.of(line + " " + term) > budget) {
                lines.add(line.toString());
                line = new StringBuilder(term);
                indent = LatexWidth.of("\\quad");
            } else {
                line.append(' ').append(term);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    private static double widest(List<String> cells) {
        return cells.stream().mapToDouble(LatexWidth::of).max().orElse(0);
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
