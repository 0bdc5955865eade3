package dev.netgrad.print;

import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Equation;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The backward pass in the expression syntax, one {@code dNAME = expr} a line with its label and
 * shape in an aligned comment (docs/language.md section 8). Every other line is a {@code //} comment,
 * so the output parses back as an equation file.
 */
public final class TextPrinter {
    /** Comments start at this column or later, as in docs/language.md section 8. */
    static final int MIN_COMMENT_COLUMN = 34;
    /** Spaces between the label and the shape, and at least before a comment. */
    private static final int LABEL_GAP = 3;
    private static final int COMMENT_GAP = 2;
    /** What the comment of a helper value says instead of a derivative's label. */
    static final String HELPER_LABEL = "helper";

    private TextPrinter() {
    }

    public static String print(Derivation d) {
        List<String[]> rows = new ArrayList<>();
        for (Statement h : ForwardHelpers.of(d)) {
            rows.add(new String[] {line(h.name(), h.value()), HELPER_LABEL, h.shape().toString()});
        }
        for (Equation e : d.equations()) {
            rows.add(new String[] {line(e.name(), e.value()), e.label(), e.shape().toString()});
        }
        int column = MIN_COMMENT_COLUMN;
        int labelWidth = 0;
        for (String[] row : rows) {
            column = Math.max(column, row[0].length() + COMMENT_GAP);
            labelWidth = Math.max(labelWidth, row[1].length());
        }
        StringBuilder out = new StringBuilder();
        out.append("// ").append(header(d)).append('\n');
        for (String[] row : rows) {
            out.append(pad(row[0], column)).append("// ").append(pad(row[1], labelWidth + LABEL_GAP)).append(row[2]).append('\n');
        }
        out.append("// ").append(d.oneOverM().sentence()).append('\n');
        return out.toString();
    }

    /** {@code dZ2 = A2 - Y}: one equation in the syntax of {@code .eq} files. */
    static String line(String name, Node value) {
        return name + " = " + ExprPrinter.print(value);
    }

    /** The network and what the convention makes each derivative a derivative of. */
    static String header(Derivation d) {
        return d.network().name() + ": backward pass, " + conventionSentence(d.convention());
    }

    static String conventionSentence(Convention c) {
        return c == Convention.LOSS
                ? "convention loss (per-example values dL, coupled values d(sum L), params dJ)"
                : "convention cost (every value dJ)";
    }

    private static String pad(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < width) {
            sb.append(' ');
        }
        return sb.toString();
    }
}
