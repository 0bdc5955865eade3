package dev.netgrad.diff;

import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * For a param P: a line that is dJ/dP plus c * P, a term of P itself (most often the
 * regularizer's) missing, doubled or scaled by the wrong power of m. c is fitted per instance by
 * least squares, then named by how it varies with m; a batch size written for m in the other term
 * instead is {@link FixedBatchBesideParamTerm}'s.
 */
final class WrongParamTerm {
    private final JudgedLine judged;
    private final Supplier<String> expected;

    WrongParamTerm(JudgedLine judged, Supplier<String> expected) {
        this.judged = judged;
        this.expected = expected;
    }

    /**
     * value = dJ/dP + c * P on every instance, for a param P: a term of P itself missing, doubled or
     * scaled wrong, most often the regularizer's (lambda/m * P for l2). Named as k/m * P when c * m is
     * the same on every instance, else as k * P.
     */
    Optional<String> explain() {
        if (!judged.isParamLike()) {
            return Optional.empty();
        }
        String of = judged.of();
        List<Double> perM = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        for (int i = 0; i < judged.values().size(); i++) {
            OptionalDouble c = coefficient(i);
            if (c.isEmpty()) {
                return Optional.empty();
            }
            plain.add(c.getAsDouble());
            perM.add(c.getAsDouble() * judged.batchSize(i));
        }
        String term;
        if (perM.stream().allMatch(x -> Numerics.near(x, perM.get(0)))) {
            term = ExprPrinter.number(shown(perM.get(0))) + "/m * " + of;
            Optional<String> regularizer = againstRegularizer(perM.get(0), term);
            if (regularizer.isPresent()) {
                return regularizer;
            }
        } else if (plain.stream().allMatch(x -> Numerics.near(x, plain.get(0)))) {
            double k = shown(plain.get(0));
            term = k == 1 ? of : k == -1 ? "-" + of : ExprPrinter.number(k) + " * " + of;
        } else {
            Optional<Misscaled> fit = Misscaled.fit(plain, judged, 0).or(() -> Misscaled.fit(plain, judged, -2));
            if (fit.isEmpty()) {
                return Optional.empty();
            }
            term = fit.get().term(of);
            if (fit.get().standsForOneOverM()) {
                // The course's slip, lambda * W for lambda/m * W, or lambda/m^2 * W, 1/m applied twice.
                String k = ExprPrinter.number(shown(fit.get().a()));
                String written = fit.get().power() == 0 ? k + " * " + of : k + "/m^2 * " + of;
                String slip = fit.get().power() == 0 ? " is missing its 1/m" : " has 1/m twice";
                return Optional.of("differs from dJ/d" + of + " by " + term + ": a term " + written + slip
                        + " (the regularizer's is " + k + "/m * " + of + "); netgrad derives " + expected());
            }
        }
        return Optional.of("differs from dJ/d" + of + " by " + term + ": a term in " + of + " (such as the regularizer's) is"
                + " missing, doubled or scaled wrong; netgrad derives " + expected());
    }

    /**
     * A term d/m * P too many, named against the term k/m * P of dJ/dP (the regularizer's): left out
     * (d = -k), halved (d = -k/2: the cost's lambda/(2m) written for its derivative's lambda/m, the
     * square's 2 forgotten) or written twice (d = k).
     */
    private Optional<String> againstRegularizer(double d, String term) {
        OptionalDouble k = judged.checker().paramTermPerM(judged.of());
        if (k.isEmpty()) {
            return Optional.empty();
        }
        String of = judged.of();
        String right = ExprPrinter.number(shown(k.getAsDouble())) + "/m * " + of;
        String head = "differs from dJ/d" + of + " by " + term + ": ";
        String slip;
        if (Numerics.near(d, -k.getAsDouble())) {
            slip = "the regularizer's term " + right + " is missing";
        } else if (Numerics.near(d, -k.getAsDouble() / 2)) {
            slip = "its term in " + of + " is half the regularizer's " + right + " (the derivative of " + of
                    + "^2 is 2 * " + of + ", which cancels the cost's 1/2)";
        } else if (Numerics.near(d, k.getAsDouble())) {
            slip = "it has the regularizer's term " + right + " twice";
        } else {
            return Optional.empty();
        }
        return Optional.of(head + slip + "; netgrad derives " + expected());
    }

    /** The c of value = dJ/dP + c * P on an instance, when the line is that and c is not 0. */
    private OptionalDouble coefficient(int instance) {
        Matrix value = judged.values().get(instance);
        Matrix reference = judged.rightValue(instance, true);
        Matrix param = judged.environment(instance).value(judged.of());
        if (param == null || reference == null || !value.sameShape(reference)) {
            return OptionalDouble.empty();
        }
        // The least-squares c, then the whole line held to dJ/dP + c * P to rounding of its size: a
        // term far smaller than the gradient is still found.
        double dot = 0;
        double norm = 0;
        for (int k = 0; k < param.data().length; k++) {
            dot += (value.data()[k] - reference.data()[k]) * param.data()[k];
            norm += param.data()[k] * param.data()[k];
        }
        double c = norm == 0 ? 0 : dot / norm;
        double[] r = reference.data();
        double[] p = param.data();
        boolean fits = c != 0 && Numerics.closeness(value, k -> r[k] + c * p[k]).within(Numerics.FACTOR_TOLERANCE, 0);
        return fits ? OptionalDouble.of(c) : OptionalDouble.empty();
    }

    /**
     * A param's coefficient c = a * m^power + b/m, fitted on the first two instances and held to the
     * others: a term of the param scaled by the wrong power of m. With a = -b, a term k * P (power 0)
     * or k/m^2 * P (power -2) stands where the regularizer's k/m * P belongs.
     */
    private record Misscaled(double a, double b, int power) {
        static Optional<Misscaled> fit(List<Double> c, JudgedLine judged, int power) {
            double m0 = judged.batchSize(0);
            double m1 = judged.batchSize(1);
            double det = Math.pow(m0, power) / m1 - Math.pow(m1, power) / m0;
            double a = (c.get(0) / m1 - c.get(1) / m0) / det;
            double b = (Math.pow(m0, power) * c.get(1) - Math.pow(m1, power) * c.get(0)) / det;
            if (!Double.isFinite(a) || !Double.isFinite(b)) {
                return Optional.empty(); // factors near the largest double: no term fits them
            }
            for (int i = 2; i < c.size(); i++) {
                double m = judged.batchSize(i);
                if (!Numerics.near(c.get(i), a * Math.pow(m, power) + b / m)) {
                    return Optional.empty();
                }
            }
            // Power -2 is only the slip of a doubled 1/m; any other such fit is named by power 0 or not at all.
            Misscaled fit = new Misscaled(a, b, power);
            return power == 0 || fit.standsForOneOverM() ? Optional.of(fit) : Optional.empty();
        }

        boolean standsForOneOverM() {
            return Numerics.near(a, -b);
        }

        /** "(0.5 - 0.7/m) * W1", "(0.7/m^2 - 0.7/m) * W1". */
        String term(String of) {
            double bRounded = shown(b);
            String first = ExprPrinter.number(shown(a)) + (power == 0 ? "" : "/m^2");
            return "(" + first + (bRounded < 0 ? " - " : " + ") + ExprPrinter.number(Math.abs(bRounded)) + "/m) * " + of;
        }
    }

    /**
     * A fitted coefficient to six significant digits: a term far smaller than the gradient is fitted
     * only as exactly as the gradient's rounding allows (1e-9 came out 1.000000000688e-9).
     */
    private static double shown(double c) {
        return Numerics.significant(c, 6);
    }

    /** netgrad's line, as {@link Diagnosis} words it. */
    private String expected() {
        return expected.get();
    }
}
