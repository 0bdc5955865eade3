package dev.netgrad.codegen;

/**
 * The numeric kernels every generated class carries, as fixed Java source. Matrix products run in
 * i-k-j order with a contiguous inner loop the JIT vectorizes, two rows and four k at a time, and
 * still add the terms of every entry one by one in increasing k, starting from 0: the rounding of
 * the straightforward loop (and of the reference evaluator), with no fused multiply-add.
 */
final class KernelSource {
    private KernelSource() {
    }

    static final String SOURCE = """
            class Kernels {
                /** out (n x p) = a (n x k) @ b (k x p). */
                private static void matmul(double[] a, double[] b, double[] out, int n, int k, int p) {
                    multiply(a, k, 1, b, out, n, k, p);
                }

                /** out (n x p) = a.T @ b, where a is k x n: a's columns are read in place. */
                private static void matmulTransA(double[] a, double[] b, double[] out, int n, int k, int p) {
                    multiply(a, 1, n, b, out, n, k, p);
                }

                /** out (n x p) = a @ b.T, where b is p x k: b is packed as k x p so the inner loop stays contiguous. */
                private static void matmulTransB(double[] a, double[] b, double[] out, int n, int k, int p, double[] packed) {
                    transpose(b, packed, p, k);
                    multiply(a, k, 1, packed, out, n, k, p);
                }

                /** out (n x p) = A @ b, where A(i, q) = a[i * aRow + q * aCol]. */
                private static void multiply(double[] a, int aRow, int aCol, double[] b, double[] out, int n, int k, int p) {
                    int i = 0;
                    for (; i + 1 < n; i += 2) {
                        multiplyTwoRows(a, i * aRow, (i + 1) * aRow, aCol, b, out, i * p, k, p);
                    }
                    if (i < n) {
                        multiplyRow(a, i * aRow, aCol, b, out, i * p, k, p);
                    }
                }

                private static void multiplyTwoRows(double[] a, int a0, int a1, int aCol, double[] b, double[] out, int o0, int k, int p) {
                    int o1 = o0 + p;
                    Arrays.fill(out, o0, o1 + p, 0.0);
                    int q = 0;
                    for (; q + 3 < k; q += 4) {
                        double x00 = a[a0 + q * aCol];
                        double x01 = a[a0 + (q + 1) * aCol];
                        double x02 = a[a0 + (q + 2) * aCol];
                        double x03 = a[a0 + (q + 3) * aCol];
                        double x10 = a[a1 + q * aCol];
                        double x11 = a[a1 + (q + 1) * aCol];
                        double x12 = a[a1 + (q + 2) * aCol];
                        double x13 = a[a1 + (q + 3) * aCol];
                        int b0 = q * p;
                        int b1 = b0 + p;
                        int b2 = b1 + p;
                        int b3 = b2 + p;
                        for (int j = 0; j < p; j++) {
                            double y0 = b[b0 + j];
                            double y1 = b[b1 + j];
                            double y2 = b[b2 + j];
                            double y3 = b[b3 + j];
                            out[o0 + j] = (((out[o0 + j] + x00 * y0) + x01 * y1) + x02 * y2) + x03 * y3;
                            out[o1 + j] = (((out[o1 + j] + x10 * y0) + x11 * y1) + x12 * y2) + x13 * y3;
                        }
                    }
                    for (; q < k; q++) {
                        double x0 = a[a0 + q * aCol];
                        double x1 = a[a1 + q * aCol];
                        int b0 = q * p;
                        for (int j = 0; j < p; j++) {
                            double y = b[b0 + j];
                            out[o0 + j] = out[o0 + j] + x0 * y;
                            out[o1 + j] = out[o1 + j] + x1 * y;
                        }
                    }
                }

                private static void multiplyRow(double[] a, int a0, int aCol, double[] b, double[] out, int o0, int k, int p) {
                    Arrays.fill(out, o0, o0 + p, 0.0);
                    int q = 0;
                    for (; q + 3 < k; q += 4) {
                        double x0 = a[a0 + q * aCol];
                        double x1 = a[a0 + (q + 1) * aCol];
                        double x2 = a[a0 + (q + 2) * aCol];
                        double x3 = a[a0 + (q + 3) * aCol];
                        int b0 = q * p;
                        int b1 = b0 + p;
                        int b2 = b1 + p;
                        int b3 = b2 + p;
                        for (int j = 0; j < p; j++) {
                            out[o0 + j] = (((out[o0 + j] + x0 * b[b0 + j]) + x1 * b[b1 + j]) + x2 * b[b2 + j]) + x3 * b[b3 + j];
                        }
                    }
                    for (; q < k; q++) {
                        double x0 = a[a0 + q * aCol];
                        int b0 = q * p;
                        for (int j = 0; j < p; j++) {
                            out[o0 + j] = out[o0 + j] + x0 * b[b0 + j];
                        }
                    }
                }

                /** out (cols x rows) = x.T, where x is rows x cols. */
                private static void transpose(double[] x, double[] out, int rows, int cols) {
                    for (int r = 0; r < rows; r++) {
                        int from = r * cols;
                        for (int c = 0; c < cols; c++) {
                            out[c * rows + r] = x[from + c];
                        }
                    }
                }

                /** Softmax down each column (one per example), shifted by the column's max so exp never overflows. */
                private static void softmax(double[] x, double[] out, int rows, int cols) {
                    for (int c = 0; c < cols; c++) {
                        double max = columnMax(x, rows, cols, c);
                        double sum = 0.0;
                        for (int r = 0; r < rows; r++) {
                            double e = Math.exp(x[r * cols + c] - max);
                            out[r * cols + c] = e;
                            sum += e;
                        }
                        for (int r = 0; r < rows; r++) {
                            out[r * cols + c] = out[r * cols + c] / sum;
                        }
                    }
                }

                /** log(softmax(x)) down each column as x - max - log(sum(exp(x - max))): finite for any finite x. */
                private static void logSoftmax(double[] x, double[] out, int rows, int cols) {
                    for (int c = 0; c < cols; c++) {
                        double max = columnMax(x, rows, cols, c);
                        double sum = 0.0;
                        for (int r = 0; r < rows; r++) {
                            sum += Math.exp(x[r * cols + c] - max);
                        }
                        double logSum = Math.log(sum);
                        for (int r = 0; r < rows; r++) {
                            out[r * cols + c] = (x[r * cols + c] - max) - logSum;
                        }
                    }
                }

                private static double columnMax(double[] x, int rows, int cols, int c) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int r = 0; r < rows; r++) {
                        max = Math.max(max, x[r * cols + c]);
                    }
                    return max;
                }

                /** Two branches, so that exp never overflows. */
                private static double sigmoid(double x) {
                    if (x >= 0) {
                        return 1 / (1 + Math.exp(-x));
                    }
                    double e = Math.exp(x);
                    return e / (1 + e);
                }

                /** log(1 + exp(x)) as max(x, 0) + log1p(exp(-|x|)): no overflow, no loss of small values. */
                private static double softplus(double x) {
                    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
                }

                private static double relu(double x) {
                    return x > 0 ? x : 0;
                }

                private static double leakyRelu(double x, double slope) {
                    return x > 0 ? x : slope * x;
                }

                private static double square(double x) {
                    return x * x;
                }

                private static double power(double x, double p) {
                    return p == 2 ? x * x : Math.pow(x, p);
                }
            }
            """;
}
