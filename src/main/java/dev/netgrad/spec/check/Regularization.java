package dev.netgrad.spec.check;

import dev.netgrad.ir.Op;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.ast.Expr;
import dev.netgrad.spec.ast.Member;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code regularize l2(lambda)}: the term {@code lambda / (2 * m) * (sum(W1^2) + ...)} over every
 * param declared with two sizes, to be added to the cost.
 */
final class Regularization {
    private Regularization() {
    }

    /** The term to add to the cost; empty after reporting an error. */
    static Optional<Expr> term(Member.Regularize r, List<Param> params, Symbols symbols, ConstantFolder folder,
            Diagnostics diagnostics) {
        if (!r.kind().equals("l2")) {
            diagnostics.error(r.pos(), "unknown regularizer '" + r.kind() + "': expected l2(lambda)");
            return Optional.empty();
        }
        if (r.args().size() == 1 && r.args().get(0).name().isPresent()) {
            diagnostics.error(r.args().get(0).pos(), "the strength of l2 is given by position, without a name, as in "
                    + "regularize l2(0.7)");
            return Optional.empty();
        }
        if (r.args().size() != 1) {
            diagnostics.error(r.pos(), "regularize l2 takes one argument, the strength: l2(lambda), found "
                    + r.args().size());
            return Optional.empty();
        }
        Optional<Expr> lambda = strength(r.args().get(0).value(), symbols, folder);
        List<String> weights = params.stream().filter(Param::weight).map(Param::name).toList();
        if (weights.isEmpty()) {
            diagnostics.error(r.pos(), "regularize l2 covers the params declared with two sizes (the weights), "
                    + "but there are none");
            return Optional.empty();
        }
        AstFactory f = new AstFactory(r.pos());
        Expr squares = null;
        for (String w : weights) {
            Expr sum = f.call("sum", f.power(f.name(w), 2));
            squares = squares == null ? sum : f.binary(Op.ADD, squares, sum);
        }
        Expr total = squares;
        return lambda.map(l -> f.binary(Op.MUL, f.binary(Op.DIV, l, f.binary(Op.MUL, f.number(2), f.name("m"))),
                total));
    }

    /** A const keeps its name, so the printed cost reads {@code lambda / (2 * m)}; else a number. */
    private static Optional<Expr> strength(Expr e, Symbols symbols, ConstantFolder folder) {
        if (e instanceof Expr.Name n && symbols.lookup(n.name()).filter(s -> s.kind() == Symbols.Kind.CONST).isPresent()) {
            return folder.inRange(e, "the strength of l2", NumberRange.NON_NEGATIVE).isPresent()
                    ? Optional.of(e) : Optional.empty();
        }
        OptionalDouble value = folder.inRange(e, "the strength of l2", NumberRange.NON_NEGATIVE);
        return value.isPresent() ? Optional.of(new AstFactory(e.start()).number(value.getAsDouble()))
                : Optional.empty();
    }
}
