package dev.netgrad.diff;

/**
 * The normal equations of the least-squares fit {@code y = a * u + b * v}, entry by entry: the sums
 * {@code u.u, u.v, v.v, y.u, y.v} in the entries' order, each of y, u and v first scaled by a power of
 * two ({@link Numerics#unit}) that brings its largest entry to between 1 and 2, and the factors
 * {@code toA}, {@code toB} that turn the scaled fit's coefficients back into a and b. Unscaled, the
 * sums of a gradient of 1e-200 underflowed to 0 (of 1e200, overflowed) and a named mistake beside it
 * was only "does not equal". What a caller does when the terms cannot be told apart ({@link #det}
 * zero or nearly) is its own.
 */
record TwoTermFit(double uu, double uv, double vv, double yu, double yv, double toA, double toB) {
    /** The sums over the entries of y - offset, u and v (offset: what y is fitted beyond, or null). */
    static TwoTermFit of(double[] y, double[] offset, double[] u, double[] v) {
        double sy = Numerics.unit(Math.max(Numerics.largest(y), offset == null ? 0 : Numerics.largest(offset)));
        double su = Numerics.unit(Numerics.largest(u));
        double sv = Numerics.unit(Numerics.largest(v));
        double uu = 0;
        double uv = 0;
        double vv = 0;
        double yu = 0;
        double yv = 0;
        for (int k = 0; k < y.length; k++) {
            double e = offset == null ? y[k] * sy : y[k] * sy - offset[k] * sy;
            double uk = u[k] * su;
            double vk = v[k] * sv;
            uu += uk * uk;
            uv += uk * vk;
            vv += vk * vk;
            yu += e * uk;
            yv += e * vk;
        }
        return new TwoTermFit(uu, uv, vv, yu, yv, su / sy, sv / sy);
    }

    double det() {
        return uu * vv - uv * uv;
    }

    /** The coefficient of u, for a non-zero {@link #det}. */
    double a() {
        return (yu * vv - yv * uv) / det() * toA;
    }

    /** The coefficient of v, for a non-zero {@link #det}. */
    double b() {
        return (uu * yv - uv * yu) / det() * toB;
    }

    /** The coefficient of u fitted alone, y = a * u (0 when u is all zeros). */
    double aAlone() {
        return uu == 0 ? 0 : yu / uu * toA;
    }

    /** The coefficient of v fitted alone, y = b * v (0 when v is all zeros). */
    double bAlone() {
        return vv == 0 ? 0 : yv / vv * toB;
    }
}
