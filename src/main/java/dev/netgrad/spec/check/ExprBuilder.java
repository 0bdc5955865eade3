package dev.netgrad.spec.check;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.ir.ShapeException;
import dev.netgrad.ir.Shapes;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.ast.Expr;
import java.util.List;
import java.util.Optional;

/**
 * Builds the IR of one expression, inferring shapes on the way: a shape error is reported at its
 * operator, naming both shapes. Methods return null once an error is reported, and a null operand
 * makes its parent null silently, so each independent mistake is reported once.
 */
final class ExprBuilder {
    private static final int MAX_SHOWN = 40;

    private final NameResolver names;
    private final Diagnostics diagnostics;
    private final CallBuilder calls;

    ExprBuilder(NameResolver names, Symbols symbols, Diagnostics diagnostics, boolean equationFile) {
        this.names = names;
        this.diagnostics = diagnostics;
        this.calls = new CallBuilder(this, names, symbols, diagnostics, equationFile);
    }

    /** Starts a new statement: the one-dropout rule counts per statement. */
    void startStatement() {
        calls.startStatement();
    }

    Node build(Expr e) {
        if (e instanceof Expr.Literal l) {
            return Num.of(l.value());
        }
        if (e instanceof Expr.Name n) {
            return names.resolve(n);
        }
        if (e instanceof Expr.Negate n) {
            return negate(n);
        }
        if (e instanceof Expr.Binary b) {
            Node left = build(b.left());
            Node right = build(b.right());
            if (left == null || right == null) {
                return null;
            }
            if (b.op() == Op.MATMUL) {
                return product(b, left, right);
            }
            return b.op() == Op.ADD || b.op() == Op.SUB ? sum(b, left, right)
                    : b.op() == Op.MUL ? elementwise(b, left, right) : apply(b.pos(), b.op(), left, right);
        }
        if (e instanceof Expr.Power p) {
            Node base = build(p.base());
            Node exponent = exponent(p.exponent());
            return base == null || exponent == null ? null : apply(p.pos(), Op.POW, base, exponent);
        }
        if (e instanceof Expr.Transpose t) {
            Node x = build(t.operand());
            return x == null ? null : apply(t.pos(), Op.TRANSPOSE, x);
        }
        return calls.build((Expr.Call) e);
    }

    /** A product; one whose inner dimensions do not fit says how it would, when the line's shape tells. */
    private Node product(Expr.Binary b, Node left, Node right) {
        Shape l = left.shape();
        Shape r = right.shape();
        if (l.grid() != null || r.grid() != null || l.cols() == r.rows()) {
            return apply(b.pos(), Op.MATMUL, left, right);
        }
        Optional<String> hint = names.productHint(b, left, right);
        if (hint.isEmpty()) {
            return apply(b.pos(), Op.MATMUL, left, right);
        }
        diagnostics.error(b.pos(), Shapes.matmulMismatch(l, r) + hint.get());
        return null;
    }

    /** An elementwise product; one whose shapes do not broadcast, where numpy's np.dot was meant, says how '@' fits. */
    private Node elementwise(Expr.Binary b, Node left, Node right) {
        Optional<String> hint = Shape.broadcast(left.shape(), right.shape()).isPresent() ? Optional.empty()
                : names.matrixProductHint(b, left, right);
        if (hint.isEmpty()) {
            return apply(b.pos(), b.op(), left, right);
        }
        diagnostics.error(b.pos(), "cannot broadcast " + left.shape() + " and " + right.shape() + " in '*'" + hint.get());
        return null;
    }

    /** A sum or difference; one whose shapes do not broadcast says where a term that does not fit belongs, when known. */
    private Node sum(Expr.Binary b, Node left, Node right) {
        Optional<String> hint = Shape.broadcast(left.shape(), right.shape()).isPresent() ? Optional.empty()
                : names.sumHint(left, right);
        if (hint.isEmpty()) {
            return apply(b.pos(), b.op(), left, right);
        }
        diagnostics.error(b.pos(), "cannot broadcast " + left.shape() + " and " + right.shape() + " in '" + b.op().symbol()
                + "'" + hint.get());
        return null;
    }

    /** A negated number stays a number: {@code -1} is the literal -1, as the printer writes it. */
    private Node negate(Expr.Negate n) {
        Node x = build(n.operand());
        if (x instanceof Num num) {
            return Num.of(-num.value());
        }
        return x == null ? null : apply(n.pos(), Op.NEG, x);
    }

    /** Applies {@code op}, reporting a shape mismatch at {@code pos}. */
    Node apply(SourcePos pos, Op op, Node... args) {
        try {
            return Apply.of(op, List.of(args));
        } catch (ShapeException e) {
            diagnostics.error(pos, e.getMessage());
            return null;
        }
    }

    /**
     * An argument that must be known before data arrives (the slope of leaky_relu, dropout's keep, a
     * stride or a window): a number, a const or the negation of either, kept as written so a const
     * keeps its name; other arithmetic on them ({@code 1 - k}, {@code 2 * s}) folded to the number
     * it is, as an exponent is, and refused when that is not finite ({@code 1/0}).
     */
    Node constant(Expr e, String what) {
        Node n = build(e);
        if (n == null || isConstant(n)) {
            return n;
        }
        Double v = arithmetic(n);
        if (v != null && !Double.isFinite(v)) {
            diagnostics.error(e.start(), what + " is " + v + ", not a finite number");
            return null;
        }
        if (v != null) {
            return Num.of(v);
        }
        diagnostics.error(e.start(), what + " must be a constant (a number or a const, or arithmetic on them), found "
                + shown(n) + " (" + n.shape() + ")");
        return null;
    }

    /**
     * The exponent of '^': numbers and consts, with + - * / ^ and negation between them (right-
     * associative powers make {@code A^2^3} one), folded to the number it is: the derivative rules,
     * the simplifier and the kernels read the exponent as a number.
     */
    private Num exponent(Expr e) {
        Node n = build(e);
        if (n == null) {
            return null;
        }
        Double v = arithmetic(n);
        if (v == null) {
            diagnostics.error(e.start(), "the exponent of '^' must be a constant (a number or a const, or arithmetic on them), found "
                    + shown(n) + " (" + n.shape() + ")");
            return null;
        }
        if (!Double.isFinite(v)) {
            diagnostics.error(e.start(), "the exponent of '^' is " + v + ", not a finite number");
            return null;
        }
        return Num.of(v);
    }

    /**
     * The value of numbers and consts under arithmetic, or null when anything else is read. On the built
     * IR, not {@link ConstantFolder}'s syntax tree: the argument is built first so that a const keeps its
     * name when it is the whole argument, and only other arithmetic is folded, by the same
     * {@link ConstantArithmetic}. A const's value is the one its Ref carries, not a second lookup by name.
     */
    private Double arithmetic(Node n) {
        if (n instanceof Num num) {
            return num.value();
        }
        if (n instanceof Ref r) {
            return r.kind() == RefKind.CONST && r.hasValue() ? r.value() : null;
        }
        Apply a = (Apply) n;
        if (!ConstantArithmetic.folds(a.op())) {
            return null;
        }
        double[] v = new double[a.args().size()];
        for (int i = 0; i < v.length; i++) {
            Double arg = arithmetic(a.args().get(i));
            if (arg == null) {
                return null;
            }
            v[i] = arg;
        }
        return ConstantArithmetic.apply(a.op(), v);
    }

    /** The value of a number, a const, or the negation of either. */
    double constantValue(Node n) {
        if (n instanceof Num num) {
            return num.value();
        }
        boolean negated = !(n instanceof Ref);
        Node inner = negated ? ((Apply) n).x() : n;
        double v = inner instanceof Num num ? num.value() : ((Ref) inner).value();
        return negated ? -v : v;
    }

    static boolean isConstant(Node n) {
        if (n instanceof Apply a && a.op() == Op.NEG) {
            n = a.x();
        }
        return n instanceof Num || (n instanceof Ref r && r.kind() == RefKind.CONST);
    }

    /** An expression for a message, shortened when long. */
    static String shown(Node n) {
        String s = ExprPrinter.print(n);
        return "'" + (s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "..." : s) + "'";
    }
}
