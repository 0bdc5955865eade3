package dev.netgrad.spec.check;

import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Op;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.ast.Expr;
import java.util.List;
import java.util.Optional;

/** Expressions written by netgrad itself (shorthand expansion), all placed at one source position. */
final class AstFactory {
    private final SourcePos pos;

    AstFactory(SourcePos pos) {
        this.pos = pos;
    }

    Expr name(String name) {
        return new Expr.Name(name, pos);
    }

    Expr number(double value) {
        return new Expr.Literal(value, ExprPrinter.number(value), pos);
    }

    Expr binary(Op op, Expr left, Expr right) {
        return new Expr.Binary(op, left, right, pos);
    }

    Expr negate(Expr x) {
        return new Expr.Negate(x, pos);
    }

    Expr power(Expr base, double exponent) {
        return new Expr.Power(base, number(exponent), pos);
    }

    Expr call(String function, Expr... args) {
        return new Expr.Call(function, List.of(args).stream().map(this::arg).toList(), pos);
    }

    /** {@code function(x, axis=axis)}. */
    Expr reduce(String function, Expr x, int axis) {
        Expr.Arg axisArg = new Expr.Arg(Optional.of("axis"), number(axis), pos);
        return new Expr.Call(function, List.of(arg(x), axisArg), pos);
    }

    /** A keyword argument {@code name=value}. */
    Expr.Arg named(String name, Expr value) {
        return new Expr.Arg(Optional.of(name), value, pos);
    }

    /** A call with positional arguments, then keyword ones. */
    Expr call(String function, List<Expr> positional, List<Expr.Arg> named) {
        List<Expr.Arg> args = new java.util.ArrayList<>(positional.stream().map(this::arg).toList());
        args.addAll(named);
        return new Expr.Call(function, args, pos);
    }

    private Expr.Arg arg(Expr value) {
        return new Expr.Arg(Optional.empty(), value, pos);
    }
}
