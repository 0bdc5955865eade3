package dev.netgrad.ir;

import dev.netgrad.runtime.Kernels;

/**
 * The evaluator's sums along an axis or over all entries, and softmax down each column, in the
 * generated trainers' order of additions where their bits are compared.
 */
final class ReferenceReductions {
    private ReferenceReductions() {
    }

    /** Softmax (or its log) down each column, shifted by the column's max so exp never overflows. */
    static Matrix softmax(Matrix x, boolean log) {
        Matrix out = Matrix.zeros(x.rows(), x.cols());
        for (int c = 0; c < x.cols(); c++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < x.rows(); r++) {
                max = Math.max(max, x.get(r, c));
            }
            double sum = 0;
            for (int r = 0; r < x.rows(); r++) {
                sum += Kernels.exp(x.get(r, c) - max);
            }
            double logSum = Math.log(sum);
            for (int r = 0; r < x.rows(); r++) {
                double shifted = x.get(r, c) - max;
                out.set(r, c, log ? shifted - logSum : Kernels.exp(shifted) / sum);
            }
        }
        return out;
    }

    /**
     * The sum of all the entries (row-major) as the generated trainers take it: four partial sums,
     * entry i into partial sum i mod 4 (entries past the last multiple of 4 into the first), added
     * as (s0 + s1) + (s2 + s3). The evaluator is the trainers' reference, bit for bit, so it keeps
     * their order of additions; see the code generator's partial sums for why that order.
     */
    static double sumOfAll(double[] x) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int whole = x.length - x.length % 4;
        for (int i = 0; i < whole; i += 4) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (int i = whole; i < x.length; i++) {
            s0 += x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static Matrix reduce(Op op, Matrix x) {
        int axis = op.axis();
        boolean mean = op == Op.MEAN || op == Op.MEAN0 || op == Op.MEAN1;
        int rows = axis == 1 ? x.rows() : 1;
        int cols = axis == 0 ? x.cols() : 1;
        Matrix out = Matrix.zeros(rows, cols);
        // Along the only row, or down the only column, is the sum of all entries, as the trainers take it.
        boolean all = axis == -1 || (axis == 1 && x.rows() == 1) || (axis == 0 && x.cols() == 1);
        if (all) {
            out.data()[0] = sumOfAll(x.data());
        } else {
            for (int r = 0; r < x.rows(); r++) {
                for (int c = 0; c < x.cols(); c++) {
                    int or = axis == 1 ? r : 0;
                    int oc = axis == 0 ? c : 0;
                    out.data()[or * cols + oc] += x.get(r, c);
                }
            }
        }
        if (mean) {
            int count = axis == 0 ? x.rows() : axis == 1 ? x.cols() : x.rows() * x.cols();
            for (int i = 0; i < out.data().length; i++) {
                out.data()[i] /= count;
            }
        }
        return out;
    }
}
