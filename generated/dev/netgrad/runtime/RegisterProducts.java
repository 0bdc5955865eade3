package dev.netgrad.runtime;

/**
 * The products {@link MatrixProducts} sums without panels, B read in place and each entry summed in a
 * register: the narrow ones (fewer columns than a SIMD row is wide, such as the gradient of a layer
 * with few inputs) and the shallow ones (a depth of 4 or less, such as the first layer of a network
 * with 2 inputs), where copying B would cost more than the sums. Every entry adds its terms one by one
 * in increasing k, each fused into its sum, as every other path does.
 */
final class RegisterProducts {
    private RegisterProducts() {
    }

    /**
     * A product with few columns, such as the gradient dW = dZ @ X.T of a layer with few inputs:
     * four entries at a time, each summed in a register, with B(q, j) = b[q * bRow + j * bCol].
     */
    static void narrow(double[] a, int aRow, int aCol, double[] b, int bRow, int bCol, double[] out, int n, int k, int p) {
        int i = 0;
        for (; i + 3 < n; i += 4) {
            int j = 0;
            for (; j + 1 < p; j += 2) {
                fourRowsTwoColumns(a, i * aRow, aRow, aCol, b, j * bCol, bRow, bCol, out, i * p + j, k, p);
            }
            if (j < p) {
                fourRowsOneColumn(a, i * aRow, aRow, aCol, b, j * bCol, bRow, out, i * p + j, k, p);
            }
        }
        for (; i < n; i++) {
            int j = 0;
            for (; j + 3 < p; j += 4) {
                oneRowFourColumns(a, i * aRow, aCol, b, j * bCol, bRow, bCol, out, i * p + j, k);
            }
            for (; j < p; j++) {
                double s = 0.0;
                for (int q = 0; q < k; q++) {
                    s = Math.fma(a[i * aRow + q * aCol], b[q * bRow + j * bCol], s);
                }
                out[i * p + j] = s;
            }
        }
    }

    /**
     * Eight entries at once: each sum is a chain of k dependent adds, so the time is the chain's
     * latency whatever the number of chains the processor overlaps (a gradient of a 2-input layer,
     * 4 x 2 sums of 400 terms, took twice as long in two passes of four).
     */
    private static void fourRowsTwoColumns(double[] a, int a0, int aRow, int aCol, double[] b, int b0, int bRow, int bCol, double[] out, int o, int k, int p) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        double t0 = 0.0;
        double t1 = 0.0;
        double t2 = 0.0;
        double t3 = 0.0;
        for (int q = 0; q < k; q++) {
            double y = b[b0 + q * bRow];
            double z = b[b0 + bCol + q * bRow];
            int e = a0 + q * aCol;
            double x0 = a[e];
            double x1 = a[e + aRow];
            double x2 = a[e + 2 * aRow];
            double x3 = a[e + 3 * aRow];
            s0 = Math.fma(x0, y, s0);
            s1 = Math.fma(x1, y, s1);
            s2 = Math.fma(x2, y, s2);
            s3 = Math.fma(x3, y, s3);
            t0 = Math.fma(x0, z, t0);
            t1 = Math.fma(x1, z, t1);
            t2 = Math.fma(x2, z, t2);
            t3 = Math.fma(x3, z, t3);
        }
        out[o] = s0;
        out[o + 1] = t0;
        out[o + p] = s1;
        out[o + p + 1] = t1;
        out[o + 2 * p] = s2;
        out[o + 2 * p + 1] = t2;
        out[o + 3 * p] = s3;
        out[o + 3 * p + 1] = t3;
    }

    private static void fourRowsOneColumn(double[] a, int a0, int aRow, int aCol, double[] b, int b0, int bRow, double[] out, int o, int k, int p) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int q = 0; q < k; q++) {
            double y = b[b0 + q * bRow];
            int e = a0 + q * aCol;
            s0 = Math.fma(a[e], y, s0);
            s1 = Math.fma(a[e + aRow], y, s1);
            s2 = Math.fma(a[e + 2 * aRow], y, s2);
            s3 = Math.fma(a[e + 3 * aRow], y, s3);
        }
        out[o] = s0;
        out[o + p] = s1;
        out[o + 2 * p] = s2;
        out[o + 3 * p] = s3;
    }

    private static void oneRowFourColumns(double[] a, int a0, int aCol, double[] b, int b0, int bRow, int bCol, double[] out, int o, int k) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int q = 0; q < k; q++) {
            double x = a[a0 + q * aCol];
            int e = b0 + q * bRow;
            s0 = Math.fma(x, b[e], s0);
            s1 = Math.fma(x, b[e + bCol], s1);
            s2 = Math.fma(x, b[e + 2 * bCol], s2);
            s3 = Math.fma(x, b[e + 3 * bCol], s3);
        }
        out[o] = s0;
        out[o + 1] = s1;
        out[o + 2] = s2;
        out[o + 3] = s3;
    }

    /**
     * out = A @ B for depths k of 1 to 4 in plain loops, B's rows read in place (B(q, j) = b[q * p + j]):
     * each entry's terms written out, fma(A(i, 1), B(1, j), fma(A(i, 0), B(0, j), 0)) ..., the textbook
     * loop's rounding.
     */
    static void shallow(double[] a, int aRow, int aCol, double[] b, double[] out, int n, int k, int p) {
        for (int i = 0; i < n; i++) {
            int o = i * p;
            int e = i * aRow;
            double x0 = a[e];
            double x1 = k > 1 ? a[e + aCol] : 0.0;
            double x2 = k > 2 ? a[e + 2 * aCol] : 0.0;
            double x3 = k > 3 ? a[e + 3 * aCol] : 0.0;
            switch (k) {
                case 1:
                    for (int j = 0; j < p; j++) {
                        out[o + j] = Math.fma(x0, b[j], 0.0);
                    }
                    break;
                case 2:
                    for (int j = 0; j < p; j++) {
                        out[o + j] = Math.fma(x1, b[p + j], Math.fma(x0, b[j], 0.0));
                    }
                    break;
                case 3:
                    for (int j = 0; j < p; j++) {
                        out[o + j] = Math.fma(x2, b[2 * p + j], Math.fma(x1, b[p + j], Math.fma(x0, b[j], 0.0)));
                    }
                    break;
                default:
                    for (int j = 0; j < p; j++) {
                        out[o + j] = Math.fma(x3, b[3 * p + j], Math.fma(x2, b[2 * p + j], Math.fma(x1, b[p + j], Math.fma(x0, b[j], 0.0))));
                    }
            }
        }
    }
}
