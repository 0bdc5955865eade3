package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.spec.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * For X normalized by a batchnorm, Y = gamma * (X - mean) / std + beta, with g the derivative of Y:
 * dX = gamma / std * (g - mean(g) - Xhat * mean(g * Xhat)), all means along the batch. The two
 * batch terms, the mean's -gamma / std * mean(g) and the variance's -gamma / std * Xhat *
 * mean(g * Xhat), are the ones a hand derivation leaves out (treating the mean and the variance as
 * constants). A line is fitted as dX + c2 * (the mean's term) + c3 * (the variance's term), in
 * either numerator; c2 or c3 of -1 (the other -1 or 0) names what is missing.
 */
record BatchnormTerms(JudgedLine judged) {

    /** The lowered batchnorm of {@code of}: Y = gamma * hat + beta with hat = (of - mean) / std. */
    private record Normalized(Statement owner, Node gamma, String hat, String std) {
    }

    Optional<String> explain(Supplier<String> expected) {
        Optional<Normalized> bn = normalized();
        if (bn.isEmpty()) {
            return Optional.empty();
        }
        String owner = bn.get().owner().name();
        Optional<String> dY = judged.checker().perExample().equations().stream().filter(e -> e.of().equals(owner))
                .map(Equation::name).findFirst();
        if (dY.isEmpty()) {
            return Optional.empty();
        }
        for (boolean cost : new boolean[] {true, false}) {
            Optional<double[]> c = fit(bn.get(), cost);
            if (c.isPresent()) {
                return Optional.of(message(bn.get(), dY.get(), c.get(), expected.get()));
            }
        }
        return Optional.empty();
    }

    private String message(Normalized bn, String dY, double[] c, String expected) {
        String scale = ExprPrinter.print(bn.gamma()) + " / " + bn.std();
        String mean = "the mean's term -" + scale + " * mean(" + dY + ", axis=1)";
        String variance = "the variance's term -" + scale + " * " + bn.hat() + " * mean(" + dY + " * " + bn.hat() + ", axis=1)";
        boolean both = c[0] != 0 && c[1] != 0;
        String missing = both ? "both batch terms, " + mean + " and " + variance : c[0] != 0 ? mean : variance;
        String statistics = both ? "mean and variance are" : c[0] != 0 ? "mean is" : "variance is";
        String helpers = c[1] != 0 ? bn.std() + ", " + bn.hat() + " as `netgrad derive` prints them"
                : bn.std() + " as `netgrad derive` prints it";
        Statement owner = judged.checker().network().statement(bn.owner().name()).orElse(bn.owner());
        return "leaves out " + missing + ", of " + owner.name() + " = " + ExprPrinter.print(owner.value()) + ": the batch's "
                + statistics + " computed from every example's " + judged.of() + ", so " + judged.name()
                + " has a term through " + (both ? "each" : "it") + " (" + helpers + "); netgrad derives " + expected;
    }

    /** The batchnorm whose normalized value is (of - mean) / std, as the lowering writes it. */
    private Optional<Normalized> normalized() {
        String of = judged.of();
        List<Statement> forward = judged.checker().perExample().forward();
        for (Batchnorm b : judged.checker().perExample().batchnorms()) {
            for (Statement centred : forward) {
                if (!(centred.value() instanceof Apply sub && sub.op() == Op.SUB && sub.x() instanceof Ref x && x.name().equals(of)
                        && sub.arg(1) instanceof Ref mean && mean.name().equals(b.mean()))) {
                    continue;
                }
                for (Statement hat : forward) {
                    if (!(hat.value() instanceof Apply div && div.op() == Op.DIV && div.x() instanceof Ref c
                            && c.name().equals(centred.name()) && div.arg(1) instanceof Ref std && std.name().equals(b.std()))) {
                        continue;
                    }
                    for (Statement owner : forward) {
                        if (owner.value() instanceof Apply add && add.op() == Op.ADD && add.x() instanceof Apply mul
                                && mul.op() == Op.MUL && mul.arg(1) instanceof Ref h && h.name().equals(hat.name())) {
                            return Optional.of(new Normalized(owner, mul.x(), hat.name(), b.std()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** {c2, c3}, each -1 or 0 and not both 0, when the values fit dX + c2 * T2 + c3 * T3 on every instance. */
    private Optional<double[]> fit(Normalized bn, boolean cost) {
        double[] first = null;
        for (int i = 0; i < judged.values().size(); i++) {
            Environment in = judged.environment(i);
            Matrix reference = judged.rightValue(i, cost);
            Matrix g = judged.checker().reference(i, bn.owner().name(), cost);
            Matrix gamma = Evaluator.evaluate(bn.gamma(), in);
            Matrix hat = in.value(bn.hat());
            Matrix std = in.value(bn.std());
            Matrix value = judged.values().get(i);
            if (reference == null || g == null || hat == null || std == null || !value.sameShape(reference)
                    || !g.sameShape(reference) || !hat.sameShape(reference)) {
                return Optional.empty();
            }
            Matrix[] terms = terms(g, gamma, hat, std);
            double[] c = leastSquares(value, reference, terms[0], terms[1]);
            Matrix fitted = Matrix.zeros(reference.rows(), reference.cols());
            for (int k = 0; k < fitted.data().length; k++) {
                fitted.data()[k] = reference.data()[k] + c[0] * terms[0].data()[k] + c[1] * terms[1].data()[k];
            }
            double[] named = {named(c[0]), named(c[1])};
            if (Double.isNaN(named[0]) || Double.isNaN(named[1]) || (named[0] == 0 && named[1] == 0)
                    || !Numerics.close(value, fitted, Numerics.FACTOR_TOLERANCE, 0)
                    || (first != null && (first[0] != named[0] || first[1] != named[1]))) {
                return Optional.empty();
            }
            first = named;
        }
        return Optional.ofNullable(first);
    }

    /** -1 or 0 when the coefficient is that to rounding, else NaN. */
    private static double named(double c) {
        return Numerics.near(c, -1) ? -1 : Math.abs(c) < 1e-7 ? 0 : Double.NaN;
    }

    /** The mean's term -gamma / std * mean(g) and the variance's term -gamma / std * hat * mean(g * hat), means along a row. */
    private static Matrix[] terms(Matrix g, Matrix gamma, Matrix hat, Matrix std) {
        Matrix mean = Matrix.zeros(g.rows(), g.cols());
        Matrix variance = Matrix.zeros(g.rows(), g.cols());
        for (int r = 0; r < g.rows(); r++) {
            double meanG = 0;
            double meanGHat = 0;
            for (int c = 0; c < g.cols(); c++) {
                meanG += g.get(r, c) / g.cols();
                meanGHat += g.get(r, c) * hat.get(r, c) / g.cols();
            }
            double scale = -rowEntry(gamma, r) / rowEntry(std, r);
            for (int c = 0; c < g.cols(); c++) {
                mean.set(r, c, scale * meanG);
                variance.set(r, c, scale * hat.get(r, c) * meanGHat);
            }
        }
        return new Matrix[] {mean, variance};
    }

    private static double rowEntry(Matrix column, int r) {
        return column.get(column.rows() == 1 ? 0 : r, 0);
    }

    /** The least-squares c2, c3 of value - reference = c2 * t2 + c3 * t3 (a term that is all zeros gets 0). */
    private static double[] leastSquares(Matrix value, Matrix reference, Matrix t2, Matrix t3) {
        TwoTermFit fit = TwoTermFit.of(value.data(), reference.data(), t2.data(), t3.data());
        if (fit.uu() == 0 || fit.vv() == 0 || fit.det() == 0) {
            return new double[] {fit.aAlone(), fit.bAlone()};
        }
        return new double[] {fit.a(), fit.b()};
    }
}
