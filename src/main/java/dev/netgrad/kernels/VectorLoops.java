package dev.netgrad.kernels;

import static dev.netgrad.kernels.Lanes.LANES;
import static dev.netgrad.kernels.Lanes.SPECIES;
import static dev.netgrad.kernels.Lanes.VECTOR;

import dev.netgrad.runtime.Kernels;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels#tanh(double)}, exp(-|x|) and log1p over a range of entries, a vector of them at a time,
 * through the Vector API: the same operations in the same order in every lane (multiplies and
 * adds apart, never fused), so each entry gets the bits of the scalar kernels. The scalar tanh
 * chooses between two forms by a branch on |x| >= 0.55, which mispredicts when a layer's entries
 * fall on both sides; here both forms are computed for the whole vector and a mask keeps one per
 * lane. A vector with an entry where exp needs its fallback (|argument| >= 700, or NaN) is done
 * entry by entry.
 * <p>
 * Each loop is one method with its arithmetic written out, not split into helpers that take or
 * return vectors: the JIT keeps a vector in registers only when every method it crosses is
 * inlined, and it stops inlining (at 325 bytes of bytecode, or when the caller is already large,
 * or when the callee was compiled on its own into a large method) with no warning; a vector that
 * crosses a call not inlined becomes an object on the heap, 100 kB a step for the planar
 * network. Hence also tanh in two passes, exp(2|x|) into out, then tanh from it.
 */
final class VectorLoops implements Kernels.Loops {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final long[] EXP2_HI = bitsOf(Kernels.expTable(false));
    private static final long[] EXP2_LO = bitsOf(Kernels.expTable(true));
    private static final long SIGN = 0x8000000000000000L;
    /**
     * Whether exp picks its table entries 2^(j / 4) by a lane permutation (vectors of 4 lanes or more,
     * the table repeated across them), rather than by masks and blends: 3 operations in place of 10,
     * exp(-|x|) and tanh's exp 1.27 -> 1.11 ns an entry with AVX-512 (a micro-benchmark of the two
     * loops, the same bits).
     */
    private static final boolean TABLE_BY_PERMUTATION = LONGS.length() >= 4;
    private static final long[] EXP2_HI_LANES = repeated(EXP2_HI);
    private static final long[] EXP2_LO_LANES = repeated(EXP2_LO);

    @Override
    public void tanh(double[] x, double[] out, int from, int to) {
        exps(x, 2.0, out, from, to);
        tanhOfExps(x, out, from, to);
    }

    @Override
    public void expOfMinusAbs(double[] x, double[] out, int from, int to) {
        exps(x, -1.0, out, from, to);
    }

    /**
     * out[i] = Kernels.exp(factor * |x[i]|) for i = from .. to - 1, factor 2 (tanh's exp(2|x|)) or
     * -1 (exp(-|x|)): both products exact, as in the scalar kernels. exp(y) = 2^k 2^(j / 4) exp(r)
     * as Kernels.exp computes it, the table entry j = n & 3 picked by a permutation of the table's
     * lanes ({@link #TABLE_BY_PERMUTATION}; on 2 lanes, two selects on the bits of n: JDK 17 runs a
     * gather lane by lane), 2^k added to the exponent. Stores go through {@code VECTOR.cast}: without
     * it, compiled on stack replacement on 4 lanes, every vector stored was boxed (40 kB a step of the
     * mlp while a softmax took its exps here).
     */
    private static void exps(double[] x, double factor, double[] out, int from, int to) {
        LongVector hi0 = LongVector.broadcast(LONGS, EXP2_HI[0]), hi1 = LongVector.broadcast(LONGS, EXP2_HI[1]);
        LongVector hi2 = LongVector.broadcast(LONGS, EXP2_HI[2]), hi3 = LongVector.broadcast(LONGS, EXP2_HI[3]);
        LongVector lo0 = LongVector.broadcast(LONGS, EXP2_LO[0]), lo1 = LongVector.broadcast(LONGS, EXP2_LO[1]);
        LongVector lo2 = LongVector.broadcast(LONGS, EXP2_LO[2]), lo3 = LongVector.broadcast(LONGS, EXP2_LO[3]);
        LongVector hiTable = LongVector.fromArray(LONGS, EXP2_HI_LANES, 0);
        LongVector loTable = LongVector.fromArray(LONGS, EXP2_LO_LANES, 0);
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            DoubleVector y = DoubleVector.fromArray(SPECIES, x, i).abs().mul(factor);
            if (!y.abs().compare(VectorOperators.LT, 700.0).allTrue()) {
                for (int e = i; e < i + LANES; e++) {
                    out[e] = scalarExp(x[e], factor);
                }
                continue;
            }
            // t = 1.5 * 2^52 + n, n = round(y * 4 / ln2); r = y - n ln2 / 4, ln2 / 4 in two parts.
            DoubleVector t = y.mul(5.7707801635558535).add(6755399441055744.0);
            DoubleVector nd = t.sub(6755399441055744.0);
            DoubleVector r = y.sub(nd.mul(0.17328679509228095)).sub(nd.mul(4.770537323176469e-11));
            DoubleVector s = r.mul(r);
            DoubleVector p = r.add(s.mul(r.mul(0.16666666666666666).add(0.5)
                    .add(s.mul(r.mul(0.008333333333333333).add(0.041666666666666664)
                            .add(s.mul(r.mul(1.984126984126984e-04).add(0.001388888888888889)
                                    .add(s.mul(r.mul(2.7557319223985893e-06).add(2.48015873015873e-05)))))))));
            LongVector n = t.reinterpretAsLongs();
            DoubleVector high;
            DoubleVector low;
            if (TABLE_BY_PERMUTATION) {
                VectorShuffle<Long> j = n.and(3L).toShuffle();
                high = hiTable.rearrange(j).reinterpretAsDoubles();
                low = loTable.rearrange(j).reinterpretAsDoubles();
            } else {
                VectorMask<Long> odd = n.and(1L).compare(VectorOperators.NE, 0L);
                VectorMask<Long> two = n.and(2L).compare(VectorOperators.NE, 0L);
                high = hi0.blend(hi1, odd).blend(hi2.blend(hi3, odd), two).reinterpretAsDoubles();
                low = lo0.blend(lo1, odd).blend(lo2.blend(lo3, odd), two).reinterpretAsDoubles();
            }
            DoubleVector e = high.add(low.add(high.mul(p)));
            // Times 2^(n >> 2): (n >> 2) << 52 is (t & ~3) << 50, where the 1.5 * 2^52 shifts out.
            DoubleVector scaled = e.reinterpretAsLongs().add(n.and(~3L).lanewise(VectorOperators.LSHL, 50)).reinterpretAsDoubles();
            ((DoubleVector) VECTOR.cast(scaled)).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = scalarExp(x[i], factor);
        }
    }

    /** The scalar kernel's exp(2|x|) or exp(-|x|), as written there. */
    private static double scalarExp(double x, double factor) {
        return factor < 0.0 ? Kernels.exp(-Math.abs(x)) : Kernels.exp(2.0 * Math.abs(x));
    }

    /**
     * out[i] = Kernels.tanh(x[i]) for i = from .. to - 1, where out holds exp(2|x[i]|) on entry.
     * A vector with an entry at or past exp's fallback (|2x| >= 700, NaN) is done entry by entry.
     */
    private static void tanhOfExps(double[] x, double[] out, int from, int to) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector two = DoubleVector.broadcast(SPECIES, 2.0);
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            DoubleVector a = v.abs();
            if (!a.mul(2.0).compare(VectorOperators.LT, 700.0).allTrue()) {
                for (int e = i; e < i + LANES; e++) {
                    out[e] = Kernels.tanh(x[e]);
                }
                continue;
            }
            DoubleVector e = DoubleVector.fromArray(SPECIES, out, i);
            // |x| >= 0.55: 1 - 2 / (exp(2|x|) + 1), with the sign of x.
            DoubleVector magnitude = one.sub(two.div(e.add(1.0)));
            DoubleVector far = magnitude.reinterpretAsLongs().and(~SIGN).or(v.reinterpretAsLongs().and(SIGN)).reinterpretAsDoubles();
            VectorMask<Double> farLanes = a.compare(VectorOperators.GE, 0.55);
            if (farLanes.allTrue()) {
                // Every lane saturating, as most of a trained layer's are (planar's hidden layer: two
                // vectors in three): no polynomial.
                ((DoubleVector) VECTOR.cast(far)).intoArray(out, i);
                continue;
            }
            // Below: x + x s g(s), s = x^2, g by Estrin's scheme, as the scalar function.
            DoubleVector s = v.mul(v);
            DoubleVector s2 = s.mul(s);
            DoubleVector s4 = s2.mul(s2);
            DoubleVector g01 = s.mul(0.13333333333332714).add(-0.3333333333333333);
            DoubleVector g23 = s.mul(0.021869488493666944).add(-0.053968253967434016);
            DoubleVector g45 = s.mul(0.003592110378689024).add(-0.008863234397814355);
            DoubleVector g67 = s.mul(0.0005889360520074057).add(-0.001455661830100716);
            DoubleVector g89 = s.mul(8.511313685577671e-05).add(-0.0002346347410887237);
            DoubleVector g = g01.add(s2.mul(g23)).add(s4.mul(g45.add(s2.mul(g67))))
                    .add(s4.mul(s4).mul(g89.add(s2.mul(-2.060276537636634e-05))));
            DoubleVector near = v.add(v.mul(s.mul(g)));
            // s == 0: tanh(x) is x itself (x + x s g would turn -0.0 into 0.0).
            near = near.blend(v, s.compare(VectorOperators.EQ, 0.0));
            ((DoubleVector) VECTOR.cast(near.blend(far, farLanes))).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = Kernels.tanh(x[i]);
        }
    }

    /** out[i] = Kernels.log1p(x[i]): for 0 < x <= 1, k chosen per lane by a mask; other entries (and NaN) one by one. */
    @Override
    public void log1p(double[] x, double[] out, int from, int to) {
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            if (!v.compare(VectorOperators.GT, 0.0).and(v.compare(VectorOperators.LE, 1.0)).allTrue()) {
                for (int e = i; e < i + LANES; e++) {
                    out[e] = Kernels.log1p(x[e]);
                }
                continue;
            }
            DoubleVector u = v.add(1.0);
            VectorMask<Double> twice = u.compare(VectorOperators.GE, 1.4142135623730951);
            DoubleVector k = DoubleVector.zero(SPECIES).blend(1.0, twice);
            DoubleVector f = u.blend(u.mul(0.5), twice).sub(1.0);
            DoubleVector c = v.sub(u.sub(1.0)).div(u);
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector z2 = z.mul(z);
            DoubleVector halfFSquared = f.mul(0.5).mul(f);
            DoubleVector r = z.mul(z.mul(3.999999999940941908e-01).add(6.666666666666735130e-01)
                    .add(z2.mul(z.mul(2.222219843214978396e-01).add(2.857142874366239149e-01)))
                    .add(z2.mul(z2).mul(z.mul(1.531383769920937332e-01).add(1.818357216161805012e-01).add(z2.mul(1.479819860511658591e-01)))));
            DoubleVector small = s.mul(halfFSquared.add(r)).add(k.mul(1.90821492927058770002e-10).add(c));
            ((DoubleVector) VECTOR.cast(k.mul(6.93147180369123816490e-01).sub(halfFSquared.sub(small).sub(f)))).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = Kernels.log1p(x[i]);
        }
    }

    /**
     * (x >= 0 ? 1 : e) / (1 + e): 1.0 blended with e where x >= 0 holds (false for NaN, as in the
     * scalar kernel), and one division a vector.
     */
    @Override
    public void sigmoidOfExps(double[] x, double[] e, double[] out, int from, int to) {
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            DoubleVector ev = DoubleVector.fromArray(SPECIES, e, i);
            DoubleVector r = ev.blend(1.0, v.compare(VectorOperators.GE, 0.0)).div(ev.add(1.0));
            ((DoubleVector) VECTOR.cast(r)).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = Kernels.sigmoidOfExp(x[i], e[i]);
        }
    }

    /**
     * relu(x) is x where x > 0 and +0.0 elsewhere (NaN included): 0.0 blended with x where the
     * comparison holds, which is false for NaN, as the scalar kernel's mask is.
     */
    @Override
    public void relu(double[] x, double[] out, int from, int to) {
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            DoubleVector r = DoubleVector.zero(SPECIES).blend(v, v.compare(VectorOperators.GT, 0.0));
            ((DoubleVector) VECTOR.cast(r)).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = Kernels.relu(x[i]);
        }
    }

    /** g times positive(z): the same multiply by 1.0 or 0.0 as the scalar kernel, so the same bits (-0.0 and NaN from g included). */
    @Override
    public void reluGradient(double[] g, double[] z, double[] out, int from, int to) {
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector positive = DoubleVector.zero(SPECIES).blend(1.0, v.compare(VectorOperators.GT, 0.0));
            DoubleVector r = DoubleVector.fromArray(SPECIES, g, i).mul(positive);
            ((DoubleVector) VECTOR.cast(r)).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = g[i] * Kernels.positive(z[i]);
        }
    }

    /** Two vectors a trip, each into its own lanes' maxima (a NaN stays NaN: max is Math.max's, lane by lane). */
    @Override
    public double maxAbs(double[] values, int from, int to) {
        DoubleVector a = DoubleVector.zero(SPECIES);
        DoubleVector b = DoubleVector.zero(SPECIES);
        int i = from;
        for (; i + 2 * LANES <= to; i += 2 * LANES) {
            a = a.max(DoubleVector.fromArray(SPECIES, values, i).abs());
            b = b.max(DoubleVector.fromArray(SPECIES, values, i + LANES).abs());
        }
        double largest = a.max(b).reduceLanes(VectorOperators.MAX);
        for (; i < to; i++) {
            largest = Math.max(largest, Math.abs(values[i]));
        }
        return largest;
    }

    /** The 4 entries of an exp table's bits repeated across a vector's lanes (at least 4), for {@link #TABLE_BY_PERMUTATION}. */
    private static long[] repeated(long[] table) {
        long[] lanes = new long[Math.max(4, LONGS.length())];
        for (int l = 0; l < lanes.length; l++) {
            lanes[l] = table[l % 4];
        }
        return lanes;
    }

    /** The bits of each entry of an exp table, for selects in the long lanes. */
    private static long[] bitsOf(double[] table) {
        long[] bits = new long[table.length];
        for (int j = 0; j < table.length; j++) {
            bits[j] = Double.doubleToRawLongBits(table[j]);
        }
        return bits;
    }
}
