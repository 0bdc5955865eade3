package dev.netgrad.diff;

/**
 * The normal equations of the least-squares fit {@code y = a * u + b * v}, entry by entry: the sums
 * {@code u.u, u.v, v.v, y.u, y.v} in the entries' order. What a caller does when the terms cannot
 * be told apart ({@link #det} zero or nearly) is its own.
 */
record TwoTermFit(double uu, double uv, double vv, double yu, double yv) {
    /** The sums over the entries of y - offset, u and v (offset: what y is fitted beyond, or null). */
    static TwoTermFit of(double[] y, double[] offset, double[] u, double[] v) {
        double uu = 0;
        double uv = 0;
        double vv = 0;
        double yu = 0;
        double yv = 0;
        for (int k = 0; k < y.length; k++) {
            double e = offset == null ? y[k] : y[k] - offset[k];
            uu += u[k] * u[k];
            uv += u[k] * v[k];
            vv += v[k] * v[k];
            yu += e * u[k];
            yv += e * v[k];
        }
        return new TwoTermFit(uu, uv, vv, yu, yv);
    }

    double det() {
        return uu * vv - uv * uv;
    }

    /** The coefficient of u, for a non-zero {@link #det}. */
    double a() {
        return (yu * vv - yv * uv) / det();
    }

    /** The coefficient of v, for a non-zero {@link #det}. */
    double b() {
        return (uu * yv - uv * yu) / det();
    }
}
