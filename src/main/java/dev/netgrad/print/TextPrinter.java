package dev.netgrad.print;

import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Equation;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.spec.Network;
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
    /** The symbols of the labels (dJ/dW1, dL/dZ2), fixed whatever the spec names its cost and loss. */
    static final String COST_SYMBOL = "J";
    static final String LOSS_SYMBOL = "L";
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
        return d.network().name() + ": backward pass, " + conventionSentence(d);
    }

    /** The convention's numerators, and what J and L stand for when the network's own names differ. */
    static String conventionSentence(Derivation d) {
        return conventionSentence(d.convention()) + symbolsClause(d.network(), d.convention());
    }

    /**
     * The labels' J and L are symbols of the definition J = (1/m) * sum_i L(i), whatever the spec names its cost
     * and loss (docs/language.md section 8 keeps the labels fixed). A network whose cost is {@code C}, or that names some
     * other value {@code J}, would otherwise read {@code dJ/dW1} as a derivative of the wrong thing: say which is
     * meant, only then, so the usual spec's header is unchanged. The cost convention's labels hold no L. A clause to
     * end a sentence with ({@code "; in the labels J is the cost C"}), else "".
     */
    public static String symbolsClause(Network n, Convention c) {
        List<String> meanings = new ArrayList<>();
        List<String> shadowed = new ArrayList<>();
        if (!n.cost().equals(COST_SYMBOL)) {
            meanings.add(COST_SYMBOL + " is the cost " + n.cost());
            if (n.declares(COST_SYMBOL)) {
                shadowed.add(COST_SYMBOL);
            }
        }
        if (c == Convention.LOSS && !n.loss().equals(LOSS_SYMBOL)) {
            meanings.add(LOSS_SYMBOL + " the loss " + n.loss());
            if (n.declares(LOSS_SYMBOL)) {
                shadowed.add(LOSS_SYMBOL);
            }
        }
        if (meanings.isEmpty()) {
            return "";
        }
        return "; in the labels " + String.join(", ", meanings)
                + (shadowed.isEmpty() ? "" : " (not the value " + String.join(" or ", shadowed) + ")");
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
