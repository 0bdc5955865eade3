package dev.netgrad.spec.check;

import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.Init;
import dev.netgrad.spec.ast.Expr;
import dev.netgrad.spec.ast.InitSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** {@code init} clauses to {@link Init}, with the defaults of docs/language.md section 5. */
final class Inits {
    /** The runtime's normal draws stay within 12.1 in magnitude (the polar method on doubles): a scale above this could draw infinity. */
    private static final double LARGEST_RANDN_SCALE = 1e307;
    private static final String KINDS = "zeros, ones, const(v), randn(scale), uniform(lo, hi), xavier or he";

    private Inits() {
    }

    /** docs/language.md section 5: zeros for an r x 1 param, xavier for any other. */
    static Init byDefault(Shape shape) {
        return Init.of(shape.cols() == 1 && shape.grid() == null ? Init.Kind.ZEROS : Init.Kind.XAVIER);
    }

    /** The init of {@code spec}; empty after reporting an error. */
    static Optional<Init> fold(InitSpec spec, ConstantFolder folder, Diagnostics diagnostics) {
        Optional<Init.Kind> kind = Arrays.stream(Init.Kind.values())
                .filter(k -> k.keyword().equals(spec.kind())).findFirst();
        if (kind.isEmpty()) {
            diagnostics.error(spec.pos(), "unknown init '" + spec.kind() + "': expected " + KINDS);
            return Optional.empty();
        }
        Init.Kind k = kind.get();
        if (spec.args().size() != k.arity() || (k.arity() > 0 && !spec.called())) {
            diagnostics.error(spec.pos(), "init " + k.keyword() + " takes " + arguments(k.arity()) + ", found "
                    + spec.args().size() + " (" + KINDS + ")");
            return Optional.empty();
        }
        List<Double> values = new ArrayList<>();
        for (Expr.Arg arg : spec.args()) {
            if (arg.name().isPresent()) {
                diagnostics.error(arg.pos(), "init arguments are positional: write " + k.keyword() + "(...)");
                return Optional.empty();
            }
            OptionalDouble v = folder.number(arg.value(), "the argument of init " + k.keyword());
            if (v.isEmpty()) {
                return Optional.empty();
            }
            values.add(v.getAsDouble());
        }
        return checked(k, values, spec, diagnostics);
    }

    private static Optional<Init> checked(Init.Kind k, List<Double> values, InitSpec spec, Diagnostics diagnostics) {
        if (k == Init.Kind.RANDN && values.get(0) < 0) {
            diagnostics.error(spec.pos(), "the scale of randn must not be negative, found "
                    + ExprPrinter.number(values.get(0)));
            return Optional.empty();
        }
        if (k == Init.Kind.RANDN && values.get(0) > LARGEST_RANDN_SCALE) {
            diagnostics.error(spec.pos(), "the scale of randn must be at most " + ExprPrinter.number(LARGEST_RANDN_SCALE)
                    + " (a normal draw reaches 12, and a param must be finite), found " + ExprPrinter.number(values.get(0)));
            return Optional.empty();
        }
        if (k == Init.Kind.UNIFORM && values.get(0) > values.get(1)) {
            diagnostics.error(spec.pos(), "uniform(lo, hi) needs lo <= hi, found " + values.stream()
                    .map(ExprPrinter::number).collect(Collectors.joining(", ")));
            return Optional.empty();
        }
        if (k == Init.Kind.UNIFORM && !Double.isFinite(values.get(1) - values.get(0))) {
            diagnostics.error(spec.pos(), "uniform(lo, hi) needs hi - lo to be a finite number (a param is lo + (hi - lo) * u),"
                    + " found " + values.stream().map(ExprPrinter::number).collect(Collectors.joining(", ")));
            return Optional.empty();
        }
        return Optional.of(new Init(k, values));
    }

    private static String arguments(int n) {
        return n == 0 ? "no arguments" : n == 1 ? "1 argument" : n + " arguments";
    }
}
