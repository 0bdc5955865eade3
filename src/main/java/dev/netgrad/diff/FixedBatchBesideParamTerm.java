package dev.netgrad.diff;

import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiPredicate;

/**
 * For a param P whose dJ/dP has a term k/m * P (the regularizer's): a line that writes a batch
 * size n for m in the other term only, {@code 1/128 * dZ2 @ A1.T + lambda/m * W2}, or leaves that
 * term's 1/m out ({@code dZ2 @ A1.T + lambda/m * W2}) or applies it twice. It is
 * a * (dJ/dP - k/m * P) + k/m * P, so it is fitted as a * dJ/dP + b * P on each instance: a is
 * m/n, m or 1/m, and b / (1 - a) is k/m, the same k on every instance, only when the term in P is
 * right.
 */
record FixedBatchBesideParamTerm(JudgedLine judged) {

    /** "has a fixed 1/128 where 1/m belongs in the term other than 0.7/m * W2: ...", when the line fits. */
    Optional<String> explain(String expected) {
        if (!judged.isParamLike()) {
            return Optional.empty();
        }
        String of = judged.of();
        List<Matrix> values = judged.values();
        List<double[]> fits = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Matrix reference = judged.rightValue(i, true);
            Matrix param = judged.environment(i).value(of);
            if (reference == null || param == null || !param.sameShape(reference) || !values.get(i).sameShape(reference)) {
                return Optional.empty();
            }
            Optional<double[]> ab = fit(values.get(i), reference, param);
            if (ab.isEmpty()) {
                return Optional.empty();
            }
            fits.add(ab.get());
        }
        Optional<String> power = powerOfM(fits, expected);
        if (power.isPresent()) {
            return power;
        }
        double n = Math.rint(judged.batchSize(0) / fits.get(0)[0]);
        if (n < 2) {
            return Optional.empty();
        }
        OptionalDouble k = commonK(fits, (a, m) -> Numerics.near(a * n, m));
        if (k.isEmpty()) {
            return Optional.empty();
        }
        String size = ExprPrinter.number(n);
        String term = ExprPrinter.number(Numerics.significant(k.getAsDouble(), 6)) + "/m * " + of;
        return Optional.of("has a fixed 1/" + size + " where 1/m belongs in the term other than " + term + ": it is m/" + size
                + " * (dJ/d" + of + " - " + term + ") + " + term + ", right only for a batch of " + size
                + " examples; netgrad derives " + expected);
    }

    /**
     * The other term's 1/m left out (a = m) or applied twice (a = 1/m), beside a right k/m * P: the
     * course's {@code dW3 = np.dot(dZ3, A2.T) + lambd/m * W3}. Named as "does not equal" before.
     */
    private Optional<String> powerOfM(List<double[]> fits, String expected) {
        for (int power : new int[] {1, -1}) {
            OptionalDouble k = commonK(fits, (a, m) -> Numerics.near(a, Math.pow(m, power)));
            if (k.isPresent()) {
                String of = judged.of();
                String term = ExprPrinter.number(Numerics.significant(k.getAsDouble(), 6)) + "/m * " + of;
                String slip = power == 1 ? "is missing the cost's 1/m in the term other than " + term + ": it is m * "
                        : "applies 1/m twice in the term other than " + term + ": it is 1/m * ";
                return Optional.of(slip + "(dJ/d" + of + " - " + term + ") + " + term + "; netgrad derives " + expected);
            }
        }
        return Optional.empty();
    }

    /**
     * The k of a line fitted as a * dJ/dP + b * P on every instance and read as
     * a * (dJ/dP - k/m * P) + k/m * P: b / (1 - a) * m, when each instance's a is the mistake's
     * ({@code mistaken(a, m)}), its b is not 0, and the instances agree on k. An instance whose a is
     * 1 (a fixed 1/n where m is n) says nothing of k and is passed over.
     */
    private OptionalDouble commonK(List<double[]> fits, BiPredicate<Double, Integer> mistaken) {
        List<Double> k = new ArrayList<>();
        for (int i = 0; i < fits.size(); i++) {
            int m = judged.batchSize(i);
            double a = fits.get(i)[0];
            if (!mistaken.test(a, m) || fits.get(i)[1] == 0) {
                return OptionalDouble.empty();
            }
            if (!Numerics.near(a, 1)) {
                k.add(fits.get(i)[1] / (1 - a) * m);
            }
        }
        if (k.isEmpty() || !k.stream().allMatch(x -> Numerics.near(x, k.get(0)))) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(k.get(0));
    }

    /** The least-squares a, b of value = a * reference + b * param, when that holds to rounding and both are used. */
    private static Optional<double[]> fit(Matrix value, Matrix reference, Matrix param) {
        TwoTermFit fit = TwoTermFit.of(value.data(), null, reference.data(), param.data());
        if (fit.det() <= 1e-12 * fit.uu() * fit.vv()) {
            return Optional.empty(); // the param is (nearly) a multiple of its gradient: a and b cannot be told apart
        }
        double a = fit.a();
        double b = fit.b();
        double[] r = reference.data();
        double[] p = param.data();
        boolean fits = Numerics.closeness(value, k -> a * r[k] + b * p[k]).within(Numerics.FACTOR_TOLERANCE, 0);
        return fits ? Optional.of(new double[] {a, b}) : Optional.empty();
    }
}
