package dev.netgrad.print;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads the right-hand side of a printed equation back into the IR, as a reader of the LaTeX would
 * take it, not as the printer meant it: {@code +} and {@code -} loosest, then {@code \odot} and
 * {@code \cdot}, then juxtaposition (tighter than those two signs), a leading minus over what
 * follows it, {@code ^{...}} on the atom before it ({@code ^{T}} the transpose), {@code \frac},
 * {@code \sqrt}, bars, brackets and calls atoms. Juxtaposition and {@code \cdot} are a scalar factor
 * when either side is 1 x 1 and the matrix product otherwise, which is how the notation line tells a
 * reader to take them. Names are read by their printed symbols, longest first, from a table the
 * caller makes ({@code symbols}); nothing else of the printer is used, so that a grouping the printer
 * got wrong is read as written.
 */
final class LatexReader {
    private final String text;
    private final List<Map.Entry<String, Node>> symbols;
    private int at;

    private LatexReader(String text, Map<String, Node> symbols) {
        this.text = text;
        this.symbols = symbols.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Node> e) -> e.getKey().length()).reversed())
                .toList();
    }

    /** The expression {@code text} reads as; throws IllegalArgumentException where it cannot be read. */
    static Node read(String text, Map<String, Node> symbols) {
        LatexReader reader = new LatexReader(text, symbols);
        Node node = reader.sum();
        reader.skip();
        if (reader.at != text.length()) {
            throw reader.error("end of the expression");
        }
        return node;
    }

    private Node sum() {
        Node node = signed();
        while (true) {
            skip();
            if (take("+")) {
                node = Apply.of(Op.ADD, node, signed());
            } else if (peek("-")) {
                at++;
                node = Apply.of(Op.SUB, node, signed());
            } else {
                return node;
            }
        }
    }

    /** A minus in front negates all that follows up to the next + or -: -a b is -(a b), which is (-a) b. */
    private Node signed() {
        skip();
        if (take("-")) {
            return Apply.of(Op.NEG, signed());
        }
        return signedProduct();
    }

    private Node signedProduct() {
        Node node = juxtaposed();
        while (true) {
            skip();
            if (take("\\odot")) {
                node = Apply.of(Op.MUL, node, juxtaposed());
            } else if (take("\\cdot")) {
                node = product(node, juxtaposed());
            } else {
                return node;
            }
        }
    }

    private Node juxtaposed() {
        Node node = power();
        while (true) {
            skip();
            if (take("\\times")) {
                node = Apply.of(Op.MUL, node, power());
            } else if (startsAtom()) {
                node = product(node, power());
            } else {
                return node;
            }
        }
    }

    private static Node product(Node left, Node right) {
        boolean scalar = left.shape().isScalar() || right.shape().isScalar();
        return Apply.of(scalar ? Op.MUL : Op.MATMUL, left, right);
    }

    private boolean startsAtom() {
        if (at >= text.length()) {
            return false;
        }
        for (String end : List.of("+", "-", ")", "}", "]", ",", ">", "<", "=", "&", "\\odot", "\\cdot", "\\times", "\\right",
                "\\geq", "\\leq")) {
            if (peek(end)) {
                return false;
            }
        }
        return true;
    }

    private Node power() {
        Node node = atom();
        while (peek("^{")) {
            at += 2;
            if (take("T}")) {
                node = Apply.of(Op.TRANSPOSE, node);
            } else {
                Node exponent = sum();
                expect("}");
                node = Apply.of(Op.POW, node, exponent);
            }
        }
        return node;
    }

    private Node atom() {
        skip();
        for (Map.Entry<String, Node> symbol : symbols) {
            if (take(symbol.getKey())) {
                return symbol.getValue();
            }
        }
        if (take("\\left(")) {
            Node inner = sum();
            expect("\\right)");
            return inner;
        }
        if (take("(")) {
            Node inner = sum();
            expect(")");
            return inner;
        }
        if (take("\\frac{")) {
            Node numerator = sum();
            expect("}{");
            Node denominator = sum();
            expect("}");
            return Apply.of(Op.DIV, numerator, denominator);
        }
        if (take("\\sqrt{")) {
            Node inner = sum();
            expect("}");
            return Apply.of(Op.SQRT, inner);
        }
        if (take("\\left|")) {
            Node inner = sum();
            expect("\\right|");
            return Apply.of(Op.ABS, inner);
        }
        if (take("\\mathbf{1}[")) {
            Node left = sum();
            skip();
            Op comparison = take(">") ? Op.GT : take("<") ? Op.LT : take("\\geq") ? Op.GE : take("\\leq") ? Op.LE : null;
            if (comparison == null) {
                throw error("a comparison");
            }
            Node right = sum();
            expect("]");
            return Apply.of(comparison, left, right);
        }
        if (peek("\\sum") || peek("\\operatorname{mean}")) {
            boolean mean = take("\\operatorname{mean}");
            if (!mean) {
                take("\\sum");
            }
            int axis = -1;
            if (take("_{\\text{axis}=")) {
                axis = text.charAt(at++) - '0';
                expect("}");
            }
            return Apply.of(Op.reduction(mean, axis), parenthesized());
        }
        if (take("\\log\\operatorname{softmax}")) {
            return Apply.of(Op.LOG_SOFTMAX, parenthesized());
        }
        if (take("\\operatorname{LeakyReLU}_{")) {
            Node slope = sum();
            expect("}");
            return Apply.of(Op.LEAKY_RELU, parenthesized(), slope);
        }
        for (Map.Entry<String, Op> function : Map.of("\\tanh", Op.TANH, "\\sigma", Op.SIGMOID, "\\exp", Op.EXP, "\\log", Op.LOG,
                "\\operatorname{ReLU}", Op.RELU).entrySet()) {
            if (peek(function.getKey() + "(") || peek(function.getKey() + "\\left(")) {
                at += function.getKey().length();
                return Apply.of(function.getValue(), parenthesized());
            }
        }
        if (take("\\operatorname{")) {
            int close = text.indexOf('}', at);
            String name = text.substring(at, close).replace("\\_", "_");
            at = close + 1;
            return call(name);
        }
        return number();
    }

    /** {@code \operatorname{name}(a, b, \text{key}=c)}: the op of that symbol, its arguments in order. */
    private Node call(String name) {
        Op op = null;
        for (Op candidate : Op.values()) {
            if (candidate.symbol().equals(name) && !candidate.isReduction()) {
                op = candidate;
            }
        }
        if (op == null) {
            throw error("a function the language has, not " + name);
        }
        boolean tall = take("\\left(");
        if (!tall) {
            expect("(");
        }
        List<Node> args = new ArrayList<>();
        do {
            skip();
            if (take("\\text{")) {
                int close = text.indexOf('}', at);
                at = close + 1;
                expect("=");
            }
            args.add(sum());
            skip();
        } while (take(","));
        expect(tall ? "\\right)" : ")");
        return Apply.of(op, args);
    }

    private Node parenthesized() {
        skip();
        if (take("\\left(")) {
            Node inner = sum();
            expect("\\right)");
            return inner;
        }
        expect("(");
        Node inner = sum();
        expect(")");
        return inner;
    }

    private Node number() {
        int start = at;
        while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
            at++;
        }
        if (start == at) {
            throw error("an expression");
        }
        return Num.of(Double.parseDouble(text.substring(start, at)));
    }

    private void skip() {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
    }

    private boolean peek(String s) {
        return text.startsWith(s, at);
    }

    private boolean take(String s) {
        skip();
        if (text.startsWith(s, at)) {
            at += s.length();
            return true;
        }
        return false;
    }

    private void expect(String s) {
        if (!take(s)) {
            throw error("'" + s + "'");
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("expected " + expected + " at " + at + ": " + text.substring(0, at) + " <here> "
                + text.substring(at));
    }
}
