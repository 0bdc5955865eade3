package dev.netgrad.print;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints IR expressions as LaTeX in the course's notation: juxtaposition for the matrix product
 * and for a scalar factor, {@code \odot} for the elementwise product, {@code \frac} for quotients,
 * {@code A^{[1]T}} for transposed names. Parenthesizes by precedence, as {@link ExprPrinter} does.
 */
final class LatexExprPrinter {
    private static final int SUM = 2;
    private static final int PRODUCT = 3;
    private static final int NEG = 4;
    private static final int POW = 5;
    private static final int ATOM = 7;

    /**
     * A printed node: its text, how tightly it binds, whether it can take a superscript as is, and whether
     * a {@code \odot} or {@code \cdot} stands outside any parentheses in it. Juxtaposition reads tighter
     * than those signs, so such a product must be parenthesized before it is juxtaposed with a matrix.
     */
    private record Printed(String text, int level, boolean takesSuperscript, boolean signedProduct) {
        Printed(String text, int level, boolean takesSuperscript) {
            this(text, level, takesSuperscript, false);
        }

        static Printed atom(String text) {
            return new Printed(text, ATOM, false);
        }
    }

    /** Derivative name to the name of what it is the derivative of: dW2 to W2. */
    private final Map<String, String> derivativeOf;

    LatexExprPrinter(Map<String, String> derivativeOf) {
        this.derivativeOf = Map.copyOf(derivativeOf);
    }

    String print(Node node) {
        return printed(node).text();
    }

    /**
     * The symbol of a name as the equations show it: {@code dW^{[2]}} for the derivative dW2, and
     * {@code db_{\text{2}}} for db_2, the derivative of b renamed because the spec has a value db
     * ({@code {dW_{\text{1}}}_{\text{2}}} for dW_1_2, W_1's, whose symbol has a subscript already).
     */
    String name(String name, boolean transposed) {
        String of = derivativeOf.get(name);
        if (of == null || !name.startsWith("d" + of)) {
            return LatexNames.symbol(name, transposed);
        }
        String suffix = name.substring(1 + of.length());
        if (suffix.isEmpty()) {
            return "d" + LatexNames.symbol(of, transposed);
        }
        String subscript = "_{\\text{" + LatexNames.escape(suffix.substring(1)) + "}}";
        String plain = LatexNames.symbol(of);
        if (!plain.contains("_{")) {
            return "d" + LatexNames.symbol(of, transposed) + subscript;
        }
        // W_1's renamed derivative dW_1_2: a second subscript on dW_{1} is a LaTeX error, so group it first.
        return "{d" + plain + "}" + (transposed ? "^{T}" : "") + subscript;
    }

    private Printed printed(Node node) {
        if (node instanceof Num n) {
            return number(n.value());
        }
        if (node instanceof Ref r) {
            return ref(r);
        }
        return apply((Apply) node);
    }

    private static Printed number(double value) {
        String s = ExprPrinter.number(value);
        int e = s.indexOf('e');
        if (e >= 0) {
            String mantissa = s.substring(0, e).replaceFirst("\\.0$", "");
            String power = "10^{" + Integer.parseInt(s.substring(e + 1)) + "}";
            s = mantissa.equals("1") ? power : mantissa + " \\times " + power;
            return new Printed(s, value < 0 ? NEG : PRODUCT, false);
        }
        return new Printed(s, value < 0 ? NEG : ATOM, value >= 0);
    }

    private Printed ref(Ref r) {
        if (r.kind() == RefKind.COST_SCALE) {
            return Printed.atom("\\frac{1}{m}");
        }
        if (r.kind() == RefKind.BATCH_SIZE) {
            return new Printed("m", ATOM, true);
        }
        String text = name(r.name(), false);
        return new Printed(text, ATOM, !text.contains("^"));
    }

    private Printed apply(Apply a) {
        Op op = a.op();
        switch (op) {
            case ADD:
            case SUB:
                return sum(a);
            case MUL:
            case MATMUL:
                return product(a);
            case DIV:
                return quotient(a);
            case NEG:
                // -(-2) and -(-Z), not --2: the operand's own minus gets its parentheses.
                return new Printed("-" + wrapBelow(a.x(), NEG + 1), NEG, false);
            case POW:
                return power(a);
            case TRANSPOSE:
                return transpose(a.x());
            default:
                break;
        }
        if (op.isComparison()) {
            return Printed.atom("\\mathbf{1}[" + print(a.arg(0)) + " " + comparison(op) + " " + print(a.arg(1)) + "]");
        }
        if (op.isReduction()) {
            return Printed.atom(reduction(op) + parens(print(a.x())));
        }
        return Printed.atom(call(a));
    }

    /**
     * The terms of a sum as {@link #print} writes it, each after the first with its sign ({@code + A^{[1]}},
     * {@code - (B - C)}): joined with spaces they are its text. Where a long equation breaks. Anything
     * else is one term.
     */
    List<String> terms(Node node) {
        if (!(node instanceof Apply a) || (a.op() != Op.ADD && a.op() != Op.SUB)) {
            return List.of(print(node));
        }
        Apply folded = ExprPrinter.withSignFolded(a);
        if (folded != a) {
            return terms(folded);
        }
        List<String> terms = new ArrayList<>(terms(a.arg(0)));
        terms.add(signedRight(a));
        return terms;
    }

    private Printed sum(Apply a) {
        Apply folded = ExprPrinter.withSignFolded(a);
        if (folded != a) {
            return sum(folded);
        }
        return new Printed(print(a.arg(0)) + " " + signedRight(a), SUM, false);
    }

    /** A sum's sign and right operand, parenthesized where it would otherwise regroup: {@code - (B - C)}. */
    private String signedRight(Apply a) {
        Printed right = printed(a.arg(1));
        boolean wrapRight = right.level() < SUM || (right.level() == SUM && a.op() == Op.SUB)
                || right.text().startsWith("-");
        return a.op().symbol() + " " + (wrapRight ? parens(right.text()) : right.text());
    }

    private Printed product(Apply a) {
        Node left = a.arg(0);
        Node right = a.arg(1);
        Printed l = printed(left);
        // (dH \odot (1 - H^2)) X^T: without the parentheses it reads dH \odot ((1 - H^2) X^T).
        boolean wrapLeft = l.level() < PRODUCT || (a.op() == Op.MATMUL && l.signedProduct());
        String leftText = wrapLeft ? parens(l.text()) : l.text();
        Printed r = printed(right);
        boolean wrapRight = r.text().startsWith("-")
                || (r.level() <= PRODUCT && !regroups(a.op(), left, right));
        String rightText = wrapRight ? parens(r.text()) : r.text();
        String symbol = productSymbol(a.op(), left, right, rightText);
        boolean signed = !symbol.equals(" ") || (!wrapLeft && l.signedProduct()) || (!wrapRight && r.signedProduct());
        return new Printed(leftText + symbol + rightText, PRODUCT, false, signed);
    }

    /** Whether {@code left op (right)} reads the same without the parentheses. */
    private static boolean regroups(Op op, Node left, Node right) {
        if (!(right instanceof Apply inner)) {
            return false;
        }
        if (op == Op.MUL) {
            return inner.op() == Op.MUL || (inner.op() == Op.MATMUL && left.shape().isScalar());
        }
        return inner.op() == Op.MATMUL;
    }

    private static String productSymbol(Op op, Node left, Node right, String rightText) {
        boolean startsWithDigit = !rightText.isEmpty() && Character.isDigit(rightText.charAt(0));
        if (op == Op.MATMUL) {
            return startsWithDigit ? " \\cdot " : " ";
        }
        if (!left.shape().isScalar() && !right.shape().isScalar()) {
            return " \\odot ";
        }
        return left.shape().isScalar() && !startsWithDigit ? " " : " \\cdot ";
    }

    /** {@code \frac{a}{b}}; a scalar factor in front of the numerator stays in front: {@code \frac{1}{m} \frac{a}{b}}. */
    private Printed quotient(Apply a) {
        Node[] split = scalarPrefix(a.arg(0));
        if (split == null) {
            return Printed.atom(fraction(a.arg(0), a.arg(1)));
        }
        String factor = wrapBelow(split[0], PRODUCT);
        return new Printed(factor + " " + fraction(split[1], a.arg(1)), PRODUCT, false);
    }

    private String fraction(Node numerator, Node denominator) {
        return "\\frac{" + print(numerator) + "}{" + print(denominator) + "}";
    }

    /** {@code [s, rest]} when {@code n} is a product {@code s * rest} whose leftmost factor s is a scalar; else null. */
    private static Node[] scalarPrefix(Node n) {
        if (!(n instanceof Apply p) || p.op() != Op.MUL || p.shape().isScalar()) {
            return null;
        }
        if (p.arg(0).shape().isScalar()) {
            return new Node[] {p.arg(0), p.arg(1)};
        }
        Node[] inner = scalarPrefix(p.arg(0));
        return inner == null ? null : new Node[] {inner[0], Apply.of(Op.MUL, inner[1], p.arg(1))};
    }

    private Printed power(Apply a) {
        Printed base = printed(a.x());
        String b = base.takesSuperscript() ? base.text() : parens(base.text());
        return new Printed(b + "^{" + print(a.arg(1)) + "}", POW, false);
    }

    private Printed transpose(Node x) {
        if (x instanceof Ref r && r.kind() != RefKind.COST_SCALE) {
            return Printed.atom(name(r.name(), true));
        }
        Printed inner = printed(x);
        String b = inner.takesSuperscript() ? inner.text() : parens(inner.text());
        return Printed.atom(b + "^{T}");
    }

    private static String comparison(Op op) {
        return switch (op) {
            case GE -> "\\geq";
            case LE -> "\\leq";
            default -> op.symbol();
        };
    }

    private static String reduction(Op op) {
        String name = op == Op.SUM || op == Op.SUM0 || op == Op.SUM1 ? "\\sum" : "\\operatorname{mean}";
        return op.axis() < 0 ? name : name + "_{\\text{axis}=" + op.axis() + "}";
    }

    private String call(Apply a) {
        if (a.op().isImageOp()) {
            return imageCall(a);
        }
        String x = print(a.x());
        return switch (a.op()) {
            case TANH -> "\\tanh" + parens(x);
            case SIGMOID -> "\\sigma" + parens(x);
            case EXP -> "\\exp" + parens(x);
            case LOG -> "\\log" + parens(x);
            case SQRT -> "\\sqrt{" + x + "}";
            case ABS -> "\\left|" + x + "\\right|";
            case RELU -> "\\operatorname{ReLU}" + parens(x);
            case LOG_SOFTMAX -> "\\log\\operatorname{softmax}" + parens(x);
            case LEAKY_RELU -> "\\operatorname{LeakyReLU}_{" + print(a.arg(1)) + "}" + parens(x);
            default -> "\\operatorname{" + LatexNames.escape(a.op().symbol()) + "}" + parens(x);
        };
    }

    /** {@code \operatorname{conv2d}(X, W^{[1]}, \text{stride}=1, \text{pad}=1)}: every argument, keywords named. */
    private String imageCall(Apply a) {
        List<String> keywords = a.op().keywords();
        int positional = a.args().size() - keywords.size();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < a.args().size(); i++) {
            String arg = print(a.arg(i));
            args.add(i < positional ? arg : "\\text{" + keywords.get(i - positional) + "}=" + arg);
        }
        String inside = String.join(", ", args);
        return "\\operatorname{" + LatexNames.escape(a.op().symbol()) + "}" + parens(inside);
    }

    private String wrapBelow(Node node, int level) {
        Printed p = printed(node);
        return p.level() < level ? parens(p.text()) : p.text();
    }

    /** Parentheses, sized to their content when it holds a fraction or a big operator. */
    private static String parens(String s) {
        boolean tall = s.contains("\\frac") || s.contains("\\sum") || s.contains("\\left") || s.contains("\\operatorname{mean}_");
        return tall ? "\\left(" + s + "\\right)" : "(" + s + ")";
    }
}
