package dev.netgrad.kernels;

import dev.netgrad.runtime.Kernels;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels#tanh(double)}, exp(-|x|) and log1p over a range of entries, a vector of them at a time,
 * through the Vector API: the same operations in the same order in every lane (multiplies and
 * adds apart, never fused), so each entry gets the bits of the scalar kernels. The scalar tanh
 * chooses between two forms by a branch on |x| >= 0.55, which mispredicts when a layer's entries
 * fall on both sides; here both forms are computed for the whole vector and a mask keeps one per
 * lane. A vector with an entry where exp needs its fallback (|argument| >= 700, or NaN) is done
 * entry by entry.
 */
final class VectorLoops implements Kernels.Loops {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final double[] EXP2_HI = Kernels.expTable(false);
    private static final double[] EXP2_LO = Kernels.expTable(true);
    private static final long SIGN = 0x8000000000000000L;

    /** Room for one vector's table indices and entries, one per thread. */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /**
     * The table is read entry by entry through these arrays: JDK 17 runs the Vector API's gathers
     * lane by lane in Java (several times slower than these eight loads), and permutes of the table
     * held in four registers, tried too, made the loop slower than the scalar one.
     */
    private static final class Scratch {
        final long[] index = new long[LANES];
        final double[] high = new double[LANES];
        final double[] low = new double[LANES];
    }

    @Override
    public void tanh(double[] x, double[] out, int from, int to) {
        Scratch table = scratch.get();
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            if (!tanhVector(x, out, i, table)) {
                for (int e = i; e < i + LANES; e++) {
                    out[e] = Kernels.tanh(x[e]);
                }
            }
        }
        for (; i < to; i++) {
            out[i] = Kernels.tanh(x[i]);
        }
    }

    @Override
    public void expOfMinusAbs(double[] x, double[] out, int from, int to) {
        Scratch table = scratch.get();
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            DoubleVector y = DoubleVector.fromArray(SPECIES, x, i).abs().neg();
            if (y.compare(VectorOperators.GT, -700.0).allTrue()) {
                exp(y, table).intoArray(out, i);
            } else {
                for (int e = i; e < i + LANES; e++) {
                    out[e] = Kernels.exp(-Math.abs(x[e]));
                }
            }
        }
        for (; i < to; i++) {
            out[i] = Kernels.exp(-Math.abs(x[i]));
        }
    }

    @Override
    public void log1p(double[] x, double[] out, int from, int to) {
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            // The scalar function's own range, 0 < x <= 1; anything else (and NaN) entry by entry.
            if (v.compare(VectorOperators.GT, 0.0).and(v.compare(VectorOperators.LE, 1.0)).allTrue()) {
                log1p(v).intoArray(out, i);
            } else {
                for (int e = i; e < i + LANES; e++) {
                    out[e] = Kernels.log1p(x[e]);
                }
            }
        }
        for (; i < to; i++) {
            out[i] = Kernels.log1p(x[i]);
        }
    }

    /** Kernels.log1p in every lane, for 0 < x <= 1 (the caller checked): k chosen per lane by a mask. */
    private static DoubleVector log1p(DoubleVector x) {
        DoubleVector u = x.add(1.0);
        VectorMask<Double> twice = u.compare(VectorOperators.GE, 1.4142135623730951);
        DoubleVector k = DoubleVector.zero(SPECIES).blend(1.0, twice);
        DoubleVector f = u.blend(u.mul(0.5), twice).sub(1.0);
        DoubleVector c = x.sub(u.sub(1.0)).div(u);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector z2 = z.mul(z);
        DoubleVector halfFSquared = f.mul(0.5).mul(f);
        DoubleVector r = z.mul(z.mul(3.999999999940941908e-01).add(6.666666666666735130e-01)
                .add(z2.mul(z.mul(2.222219843214978396e-01).add(2.857142874366239149e-01)))
                .add(z2.mul(z2).mul(z.mul(1.531383769920937332e-01).add(1.818357216161805012e-01).add(z2.mul(1.479819860511658591e-01)))));
        DoubleVector small = s.mul(halfFSquared.add(r)).add(k.mul(1.90821492927058770002e-10).add(c));
        return k.mul(6.93147180369123816490e-01).sub(halfFSquared.sub(small).sub(f));
    }

    /** tanh of entries i .. i + LANES - 1; false, writing nothing, when one of them needs exp's fallback. */
    private static boolean tanhVector(double[] in, double[] out, int i, Scratch table) {
        DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
        DoubleVector a = x.abs();
        DoubleVector y = a.mul(2.0);
        if (!y.compare(VectorOperators.LT, 700.0).allTrue()) {
            return false;
        }
        DoubleVector e = exp(y, table);
        // |x| >= 0.55: 1 - 2 / (exp(2|x|) + 1), with the sign of x.
        DoubleVector magnitude = DoubleVector.broadcast(SPECIES, 1.0).sub(DoubleVector.broadcast(SPECIES, 2.0).div(e.add(1.0)));
        LongVector signOfX = x.reinterpretAsLongs().and(SIGN);
        DoubleVector far = magnitude.reinterpretAsLongs().and(~SIGN).or(signOfX).reinterpretAsDoubles();
        // Below: x + x s g(s), s = x^2, g by Estrin's scheme, as the scalar function.
        DoubleVector s = x.mul(x);
        DoubleVector s2 = s.mul(s);
        DoubleVector s4 = s2.mul(s2);
        DoubleVector g01 = s.mul(0.13333333333332714).add(-0.3333333333333333);
        DoubleVector g23 = s.mul(0.021869488493666944).add(-0.053968253967434016);
        DoubleVector g45 = s.mul(0.003592110378689024).add(-0.008863234397814355);
        DoubleVector g67 = s.mul(0.0005889360520074057).add(-0.001455661830100716);
        DoubleVector g89 = s.mul(8.511313685577671e-05).add(-0.0002346347410887237);
        DoubleVector g = g01.add(s2.mul(g23)).add(s4.mul(g45.add(s2.mul(g67))))
                .add(s4.mul(s4).mul(g89.add(s2.mul(-2.060276537636634e-05))));
        DoubleVector near = x.add(x.mul(s.mul(g)));
        // s == 0: tanh(x) is x itself (x + x s g would turn -0.0 into 0.0).
        near = near.blend(x, s.compare(VectorOperators.EQ, 0.0));
        VectorMask<Double> useFar = a.compare(VectorOperators.GE, 0.55);
        near.blend(far, useFar).intoArray(out, i);
        return true;
    }

    /** Kernels.exp in every lane, for lanes whose |y| < 700 (the caller checked; NaN is not). */
    private static DoubleVector exp(DoubleVector y, Scratch table) {
        DoubleVector t = y.mul(46.16624130844683).add(6755399441055744.0);
        LongVector bits = t.reinterpretAsLongs();
        DoubleVector nd = t.sub(6755399441055744.0);
        DoubleVector r = y.sub(nd.mul(0.02166084938653512)).sub(nd.mul(5.9631716539705866e-12));
        DoubleVector s = r.mul(r);
        DoubleVector p = r.add(s.mul(r.mul(0.16666666666666666).add(0.5)
                .add(s.mul(r.mul(0.008333333333333333).add(0.041666666666666664).add(s.mul(0.001388888888888889))))));
        // n: the low 32 bits of t's, as an int; the table index is n & 31, the power of two n >> 5.
        LongVector n = bits.lanewise(VectorOperators.LSHL, 32).lanewise(VectorOperators.ASHR, 32);
        bits.and(31L).intoArray(table.index, 0);
        for (int lane = 0; lane < LANES; lane++) {
            int j = (int) table.index[lane];
            table.high[lane] = EXP2_HI[j];
            table.low[lane] = EXP2_LO[j];
        }
        DoubleVector high = DoubleVector.fromArray(SPECIES, table.high, 0);
        DoubleVector low = DoubleVector.fromArray(SPECIES, table.low, 0);
        DoubleVector e = high.add(low.add(high.mul(p)));
        return e.reinterpretAsLongs().add(n.lanewise(VectorOperators.ASHR, 5).lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles();
    }
}
