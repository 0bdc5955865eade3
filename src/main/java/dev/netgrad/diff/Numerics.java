package dev.netgrad.diff;

import dev.netgrad.ir.Matrix;
import java.util.OptionalDouble;

/** Comparisons of evaluated matrices, tolerant of rounding only. */
final class Numerics {
    static final double TOLERANCE = 1e-8;

    private Numerics() {
    }

    static boolean close(Matrix a, Matrix b) {
        if (a == null || b == null || !a.sameShape(b)) {
            return false;
        }
        double diff = 0;
        double size = 0;
        for (int i = 0; i < a.data().length; i++) {
            double d = a.data()[i] - b.data()[i];
            diff += d * d;
            size = Math.max(size, Math.max(Math.abs(a.data()[i]), Math.abs(b.data()[i])));
        }
        // The absolute floor covers values that are zero in exact arithmetic and rounding noise here.
        return Math.sqrt(diff) <= TOLERANCE * size * Math.sqrt(a.data().length) + 1e-12;
    }

    /** The factor r with {@code value = r * reference}, if there is one. */
    static OptionalDouble ratio(Matrix value, Matrix reference) {
        if (!value.sameShape(reference)) {
            return OptionalDouble.empty();
        }
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < value.data().length; i++) {
            dot += value.data()[i] * reference.data()[i];
            norm += reference.data()[i] * reference.data()[i];
        }
        if (norm == 0) {
            return OptionalDouble.empty();
        }
        double r = dot / norm;
        Matrix scaled = Matrix.zeros(reference.rows(), reference.cols());
        for (int i = 0; i < scaled.data().length; i++) {
            scaled.data()[i] = r * reference.data()[i];
        }
        return close(value, scaled) ? OptionalDouble.of(r) : OptionalDouble.empty();
    }

    /** A measured factor to ten significant digits, so 1.9999999999999998 reads as 2. */
    static double rounded(double r) {
        return new java.math.BigDecimal(r).round(new java.math.MathContext(10)).doubleValue();
    }

    static boolean near(double a, double b) {
        return Math.abs(a - b) <= 1e-7 * Math.max(Math.abs(a), Math.abs(b));
    }
}
