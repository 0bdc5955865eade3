package dev.netgrad.spec.check;

import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.Shape;
import dev.netgrad.ir.WholeNumbers;
import dev.netgrad.runtime.Kernels;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.ast.Expr;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.DoubleUnaryOperator;

/**
 * Evaluates the expressions that must be known before any data arrives: sizes, dims, consts, init
 * and optimizer arguments. They may use numbers, dims, consts and + - * / ^. Also finds, in the
 * expressions of statements and equation lines, the constant parts that would make a value
 * infinite or NaN: a division by a constant zero, {@code exp(1000)}, {@code log(0)}.
 *
 * <p>One of four places that fold numbers, each for its own reason: this one reads the syntax tree,
 * before any IR exists (dims decide the shapes the IR is built with), and reports at the place in the
 * source; {@link ExprBuilder}'s folds a built argument whose consts already are refs; {@code
 * diff.Algebra} and {@code diff.Product} fold derivatives and leave apart what a double cannot hold.
 * The arithmetic itself is Java's double + - * / and {@link Math#pow} in all of them; this one and
 * ExprBuilder's compute it through one {@link ConstantArithmetic}.
 */
final class ConstantFolder {
    /** Functions whose value at a constant is a constant. */
    private static final Map<String, DoubleUnaryOperator> SCALAR_FUNCTIONS = Map.of(
            "exp", Math::exp, "log", Math::log, "sqrt", Math::sqrt, "tanh", Math::tanh, "abs", Math::abs,
            "sigmoid", Kernels::sigmoid, "softplus", Kernels::softplus, "relu", x -> Math.max(x, 0));

    private final Symbols symbols;
    private final Diagnostics diagnostics;
    /** Dims and consts declared further down, so a use before them gets a precise message. */
    private final Map<String, SourcePos> declaredLater = new HashMap<>();
    /** Inputs, targets, params and values, which consts and dims cannot use: name to kind. */
    private final Map<String, String> notConstant = new HashMap<>();

    ConstantFolder(Symbols symbols, Diagnostics diagnostics) {
        this.symbols = symbols;
        this.diagnostics = diagnostics;
    }

    void expectLater(String name, SourcePos pos) {
        declaredLater.put(name, pos);
    }

    void notConstant(String name, String kind) {
        notConstant.putIfAbsent(name, kind);
    }

    void declared(String name) {
        declaredLater.remove(name);
    }

    /** Whether {@code e} is the name {@code name} and the spec declares nothing by that name, now or further down. */
    boolean isUndeclared(Expr e, String name) {
        return e instanceof Expr.Name n && n.name().equals(name) && symbols.lookup(name).isEmpty()
                && !notConstant.containsKey(name) && !declaredLater.containsKey(name);
    }

    /** The value of {@code e}; empty after reporting why it has none. {@code what} names the place. */
    OptionalDouble number(Expr e, String what) {
        Double value = eval(e, what);
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (!Double.isFinite(value)) {
            diagnostics.error(e.start(), what + " is not a finite number");
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(value);
    }

    /** A whole number between 1 and {@link Shape#MAX_SIZE}. */
    OptionalInt size(Expr e, String what) {
        OptionalDouble value = number(e, what);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        double v = value.getAsDouble();
        if (!WholeNumbers.isBetween(v, 1, Shape.MAX_SIZE)) {
            diagnostics.error(e.start(), WholeNumbers.mustBeBetween(what, 1, Shape.MAX_SIZE) + ", found " + found(e, v));
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) v);
    }

    /** A number {@code range} contains, else an error saying what it allows. */
    OptionalDouble inRange(Expr e, String what, NumberRange range) {
        OptionalDouble value = number(e, what);
        if (value.isEmpty()) {
            return value;
        }
        double v = value.getAsDouble();
        if (!range.contains(v)) {
            diagnostics.error(e.start(), what + " must be " + range.allowed() + ", found " + found(e, v));
            return OptionalDouble.empty();
        }
        return value;
    }

    /**
     * Reports a division by a constant zero and a constant part that is not finite, each at its
     * place; the innermost culprit only, so {@code exp(1000) - exp(1000)} is one error. Returns
     * whether it reported one.
     */
    boolean checkFinite(Expr e) {
        if (e instanceof Expr.Binary b && b.op() == Op.DIV && isZero(quiet(b.right()))) {
            checkFinite(b.left());
            // found: a divisor 0 only by underflow (1e-200 * 1e-200) says which operation underflowed.
            diagnostics.error(b.pos(), "division by zero: the divisor is a constant " + found(b.right(), 0.0));
            return true;
        }
        boolean inner = false;
        for (Expr child : e.children()) {
            inner |= checkFinite(child);
        }
        if (inner || e instanceof Expr.Literal || e instanceof Expr.Name) {
            return inner;
        }
        Double value = quiet(e);
        if (value != null && !Double.isFinite(value)) {
            diagnostics.error(e.start(), describe(e) + " is " + value + ": a constant must be a finite number");
            return true;
        }
        return false;
    }

    private static boolean isZero(Double value) {
        return value != null && value == 0;
    }

    /** An operation that underflowed to 0, as numbers ("1e-200 * 1e-200"), and the const it is in ("const k (at 4:13)"), if any. */
    record Underflow(String operation, Optional<String> in) {
        String text() {
            return operation + in.map(c -> " in " + c).orElse("");
        }
    }

    /**
     * {@code v}, the value of {@code e}, as a refusal shows what it found: when v is 0 only because a double
     * cannot hold what e computes, followed by the operation that underflowed ("0: 1e-200 * 1e-200 underflows to
     * 0, ..."), which a bare "found 0" hid behind the numbers the user wrote.
     */
    String found(Expr e, double v) {
        String number = ExprPrinter.number(v);
        return v == 0 ? underflow(e).map(u -> number + ": " + u.text() + " underflows to 0, below the smallest double ("
                + ExprPrinter.number(Double.MIN_VALUE) + ")").orElse(number) : number;
    }

    /** Remembers where const {@code name}, whose value is 0, underflowed, if it did: a refusal of its value then says so. */
    void constantIsZero(String name, Expr value) {
        underflow(value).ifPresent(u -> symbols.underflowed(name, u.in().isPresent() ? u : new Underflow(u.operation(),
                Optional.of("const " + name + " (at " + value.start().line() + ":" + value.start().column() + ")"))));
    }

    /**
     * The operation that makes {@code e}, whose value is 0, 0 only by underflow; empty when e is 0 in exact
     * arithmetic too (1 - 1, 0 * 1e-200 * 1e-200). The innermost such operation: its operands are not 0, its value
     * is. Only arithmetic is read: what a folded constant may hold ({@link #number}).
     */
    Optional<Underflow> underflow(Expr e) {
        if (e instanceof Expr.Name n) {
            return symbols.underflow(n.name());
        }
        if (e instanceof Expr.Negate n) {
            return underflow(n.operand());
        }
        if (e instanceof Expr.Binary b && isArithmetic(b.op())) {
            Double l = quiet(b.left());
            Double r = quiet(b.right());
            if (l == null || r == null || !Double.isFinite(l) || !Double.isFinite(r)) {
                return Optional.empty();
            }
            if (l != 0 && r != 0) {
                // A sum of two numbers is 0 only when they cancel exactly; a product or quotient, only by underflow.
                return b.op() == Op.MUL || b.op() == Op.DIV ? underflowAt(e) : Optional.empty();
            }
            // A product is 0 by underflow only if each factor that is 0 is; a quotient, if its dividend is; a sum of two
            // zeros, if one of them is (both might cancel exactly).
            Optional<Underflow> left = l == 0 ? underflow(b.left()) : Optional.empty();
            Optional<Underflow> right = r == 0 && b.op() != Op.DIV ? underflow(b.right()) : Optional.empty();
            boolean by = b.op() == Op.MUL ? (l != 0 || left.isPresent()) && (r != 0 || right.isPresent())
                    : b.op() == Op.DIV || left.isPresent() != right.isPresent();
            return by ? left.or(() -> right) : Optional.empty();
        }
        if (e instanceof Expr.Power p) {
            Double base = quiet(p.base());
            Double exponent = quiet(p.exponent());
            if (base == null || exponent == null || !Double.isFinite(base) || !Double.isFinite(exponent)) {
                return Optional.empty();
            }
            // 0.5^2000 and 10^-400 underflow; 0^2 is 0, as its base is.
            return base != 0 ? underflowAt(e) : exponent > 0 ? underflow(p.base()) : Optional.empty();
        }
        return Optional.empty();
    }

    private Optional<Underflow> underflowAt(Expr e) {
        return Optional.of(new Underflow(describe(e), Optional.empty()));
    }


    /** The constant operation as numbers: {@code exp(1000)}, {@code 0^-1}. */
    private String describe(Expr e) {
        if (e instanceof Expr.Call c) {
            return c.function() + "(" + ExprPrinter.number(quiet(c.args().get(0).value())) + ")";
        }
        if (e instanceof Expr.Binary b) {
            return shown(b.left()) + " " + b.op().symbol() + " " + shown(b.right());
        }
        if (e instanceof Expr.Power p) {
            return shown(p.base()) + "^" + shown(p.exponent());
        }
        return e instanceof Expr.Negate n ? "-" + shown(n.operand()) : shown(e);
    }

    /** A number as written (1e-200, not 1.0e-200); any other constant part as its value, in parentheses when negative. */
    private String shown(Expr e) {
        if (e instanceof Expr.Literal l) {
            return l.text();
        }
        double v = quiet(e);
        return v < 0 ? "(" + ExprPrinter.number(v) + ")" : ExprPrinter.number(v);
    }

    /** The value of a constant part without reporting anything; null when it is not constant. */
    private Double quiet(Expr e) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Name n) {
            return symbols.lookup(n.name()).filter(s -> s.kind() == Symbols.Kind.DIM || s.kind() == Symbols.Kind.CONST)
                    .filter(s -> s.node().isPresent()).map(Symbols.Symbol::number).orElse(null);
        }
        if (e instanceof Expr.Negate n) {
            Double x = quiet(n.operand());
            return x == null ? null : ConstantArithmetic.apply(Op.NEG, x);
        }
        if (e instanceof Expr.Binary b && isArithmetic(b.op())) {
            Double l = quiet(b.left());
            Double r = quiet(b.right());
            return l == null || r == null ? null : ConstantArithmetic.apply(b.op(), l, r);
        }
        if (e instanceof Expr.Power p) {
            Double base = quiet(p.base());
            Double exponent = quiet(p.exponent());
            return base == null || exponent == null ? null : ConstantArithmetic.apply(Op.POW, base, exponent);
        }
        if (e instanceof Expr.Call c && c.args().size() == 1 && c.args().get(0).name().isEmpty()) {
            Double x = quiet(c.args().get(0).value());
            DoubleUnaryOperator f = SCALAR_FUNCTIONS.get(c.function());
            return x == null || f == null ? null : f.applyAsDouble(x);
        }
        return null;
    }

    /** null: an error was reported (once, for the first culprit). */
    private Double eval(Expr e, String what) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Name n) {
            return name(n, what);
        }
        if (e instanceof Expr.Negate n) {
            Double x = eval(n.operand(), what);
            return x == null ? null : ConstantArithmetic.apply(Op.NEG, x);
        }
        if (e instanceof Expr.Binary b && isArithmetic(b.op())) {
            Double l = eval(b.left(), what);
            Double r = l == null ? null : eval(b.right(), what);
            return r == null ? null : ConstantArithmetic.apply(b.op(), l, r);
        }
        if (e instanceof Expr.Power p) {
            Double base = eval(p.base(), what);
            Double exponent = base == null ? null : eval(p.exponent(), what);
            return exponent == null ? null : ConstantArithmetic.apply(Op.POW, base, exponent);
        }
        String found = e instanceof Expr.Call c ? "a call to " + c.function()
                : e instanceof Expr.Transpose ? "a transpose" : "'" + ((Expr.Binary) e).op().symbol() + "'";
        diagnostics.error(e.pos(), what + " must be a constant (numbers, dims and consts), found " + found);
        return null;
    }

    private Double name(Expr.Name n, String what) {
        Optional<Symbols.Symbol> symbol = symbols.lookup(n.name());
        if (symbol.isPresent()) {
            Symbols.Symbol s = symbol.get();
            if (s.kind() == Symbols.Kind.DIM || s.kind() == Symbols.Kind.CONST) {
                return s.node().isPresent() ? s.number() : null;
            }
            diagnostics.error(n.pos(), what + " must be a constant (numbers, dims and consts), found "
                    + s.kind().word() + " " + n.name());
            return null;
        }
        if (notConstant.containsKey(n.name())) {
            diagnostics.error(n.pos(), what + " must be a constant (numbers, dims and consts), found "
                    + notConstant.get(n.name()) + " " + n.name());
        } else if (n.name().equals(Ref.BATCH_SIZE_NAME)) {
            diagnostics.error(n.pos(), what + " must be a constant; m, the batch size, is only known when a batch arrives");
        } else if (declaredLater.containsKey(n.name())) {
            SourcePos at = declaredLater.get(n.name());
            diagnostics.error(n.pos(), "'" + n.name() + "' is used before it is declared (at " + at.line() + ":"
                    + at.column() + ")");
        } else {
            diagnostics.error(n.pos(), "undefined name '" + n.name() + "'"
                    + Names.didYouMean(n.name(), symbols.all().stream().map(Symbols.Symbol::name).toList()));
        }
        return null;
    }

    private static boolean isArithmetic(Op op) {
        return op == Op.ADD || op == Op.SUB || op == Op.MUL || op == Op.DIV;
    }
}
