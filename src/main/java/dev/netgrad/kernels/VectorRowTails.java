package dev.netgrad.kernels;

import static dev.netgrad.kernels.Lanes.LANES;
import static dev.netgrad.kernels.Lanes.SPECIES;
import static dev.netgrad.kernels.Lanes.VECTOR;

import static dev.netgrad.kernels.VectorRows.WIDTH;

import jdk.incubator.vector.DoubleVector;

/**
 * The rows of a {@link VectorRows} product left over after its blocks of 8 and 4 rows, and the
 * columns left over after a block's whole panels: one row of out at a time.
 */
final class VectorRowTails {
    private VectorRowTails() {
    }

    /**
     * Columns j0 .. p - 1 (j0 a multiple of WIDTH) of the row of out from o, whose A row starts at e:
     * four whole panels at a time ({@link #oneRowEightVectors}), then panel by panel, one vector at a
     * time, then single entries.
     */
    static void rowTail(double[] a, int e, int aCol, double[] panels, double[] out, int o, int j0, int k, int p, double scale) {
        int j = j0;
        for (; j + 4 * WIDTH <= p; j += 4 * WIDTH) {
            oneRowEightVectors(a, e, aCol, panels, j * k, out, o + j, k, scale);
        }
        for (; j < p; j += WIDTH) {
            int w = Math.min(WIDTH, p - j);
            int panel = j * k;
            int c = 0;
            for (; c + LANES <= w; c += LANES) {
                DoubleVector s = DoubleVector.zero(SPECIES);
                for (int q = 0; q < k; q++) {
                    s = DoubleVector.broadcast(SPECIES, a[e + q * aCol]).fma(DoubleVector.fromArray(SPECIES, panels, panel + q * w + c), s);
                }
                ((DoubleVector) VECTOR.cast(s.mul(scale))).intoArray(out, o + j + c);
            }
            for (; c < w; c++) {
                double s = 0.0;
                for (int q = 0; q < k; q++) {
                    s = Math.fma(a[e + q * aCol], panels[panel + q * w + c], s);
                }
                out[o + j + c] = s * scale;
            }
        }
    }

    /**
     * One row of out, the 4 whole panels from b0 (8 vectors of columns, from o): 8 sums, each its own
     * chain of terms. One vector at a time, each term waited for the previous one's fused
     * multiply-add (4 cycles) while the units could start 8: the wide network's last layer (10 rows
     * of depth 256, shared in chunks of 1 or 2 rows) took 100 us a thread for 0.65 MFLOP.
     */
    private static void oneRowEightVectors(double[] a, int e, int aCol, double[] panels, int b0, double[] out, int o, int k, double scale) {
        int b1 = b0 + WIDTH * k;
        int b2 = b1 + WIDTH * k;
        int b3 = b2 + WIDTH * k;
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        DoubleVector s4 = s0;
        DoubleVector s5 = s0;
        DoubleVector s6 = s0;
        DoubleVector s7 = s0;
        for (int q = 0; q < k; q++) {
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[e + q * aCol]);
            int c = q * WIDTH;
            s0 = x.fma(DoubleVector.fromArray(SPECIES, panels, b0 + c), s0);
            s1 = x.fma(DoubleVector.fromArray(SPECIES, panels, b0 + c + LANES), s1);
            s2 = x.fma(DoubleVector.fromArray(SPECIES, panels, b1 + c), s2);
            s3 = x.fma(DoubleVector.fromArray(SPECIES, panels, b1 + c + LANES), s3);
            s4 = x.fma(DoubleVector.fromArray(SPECIES, panels, b2 + c), s4);
            s5 = x.fma(DoubleVector.fromArray(SPECIES, panels, b2 + c + LANES), s5);
            s6 = x.fma(DoubleVector.fromArray(SPECIES, panels, b3 + c), s6);
            s7 = x.fma(DoubleVector.fromArray(SPECIES, panels, b3 + c + LANES), s7);
        }
        ((DoubleVector) VECTOR.cast(s0.mul(scale))).intoArray(out, o);
        ((DoubleVector) VECTOR.cast(s1.mul(scale))).intoArray(out, o + LANES);
        ((DoubleVector) VECTOR.cast(s2.mul(scale))).intoArray(out, o + 2 * LANES);
        ((DoubleVector) VECTOR.cast(s3.mul(scale))).intoArray(out, o + 3 * LANES);
        ((DoubleVector) VECTOR.cast(s4.mul(scale))).intoArray(out, o + 4 * LANES);
        ((DoubleVector) VECTOR.cast(s5.mul(scale))).intoArray(out, o + 5 * LANES);
        ((DoubleVector) VECTOR.cast(s6.mul(scale))).intoArray(out, o + 6 * LANES);
        ((DoubleVector) VECTOR.cast(s7.mul(scale))).intoArray(out, o + 7 * LANES);
    }
}
