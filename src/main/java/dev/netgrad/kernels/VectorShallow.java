package dev.netgrad.kernels;

import static dev.netgrad.kernels.Lanes.LANES;
import static dev.netgrad.kernels.Lanes.SPECIES;
import static dev.netgrad.kernels.Lanes.VECTOR;

import jdk.incubator.vector.DoubleVector;

/**
 * {@link VectorRows#shallow}: a product of depth 1 to 4 (a first layer with 2 inputs), B's rows read
 * in place, vector by vector along each row of out, its terms in registers: a plain loop of the same
 * sums (C2 does compile it to SIMD code) ran a third as fast, planar's products taking 10 % of its
 * step. Lanes left over at the end of a row take the plain loop's sums.
 */
final class VectorShallow {
    private VectorShallow() {
    }

    /** out (n x p) = A @ B for depths k of 1 to 4, as {@link dev.netgrad.runtime.MatrixProducts.RowKernel#shallow} asks. */
    static void shallow(double[] a, int aRow, int aCol, double[] b, double[] out, int n, int k, int p) {
        for (int i = 0; i < n; i++) {
            int o = i * p;
            int e = i * aRow;
            double x0 = a[e];
            double x1 = k > 1 ? a[e + aCol] : 0.0;
            double x2 = k > 2 ? a[e + 2 * aCol] : 0.0;
            double x3 = k > 3 ? a[e + 3 * aCol] : 0.0;
            int j = 0;
            for (; j + LANES <= p; j += LANES) {
                DoubleVector sum = DoubleVector.fromArray(SPECIES, b, j).fma(x0, 0.0);
                if (k > 1) {
                    sum = DoubleVector.fromArray(SPECIES, b, p + j).fma(DoubleVector.broadcast(SPECIES, x1), sum);
                }
                if (k > 2) {
                    sum = DoubleVector.fromArray(SPECIES, b, 2 * p + j).fma(DoubleVector.broadcast(SPECIES, x2), sum);
                }
                if (k > 3) {
                    sum = DoubleVector.fromArray(SPECIES, b, 3 * p + j).fma(DoubleVector.broadcast(SPECIES, x3), sum);
                }
                ((DoubleVector) VECTOR.cast(sum)).intoArray(out, o + j);
            }
            for (; j < p; j++) {
                double sum = Math.fma(x0, b[j], 0.0);
                if (k > 1) {
                    sum = Math.fma(x1, b[p + j], sum);
                }
                if (k > 2) {
                    sum = Math.fma(x2, b[2 * p + j], sum);
                }
                if (k > 3) {
                    sum = Math.fma(x3, b[3 * p + j], sum);
                }
                out[o + j] = sum;
            }
        }
    }
}
