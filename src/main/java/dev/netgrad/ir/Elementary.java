package dev.netgrad.ir;

/**
 * Elementary functions whose results the reference evaluator and every generated class share to
 * the last bit. Each is also written, character for character, into the generated classes' kernels
 * ({@code runtime/Kernels.java}); {@code KernelAgreementTest} checks that the two agree bit for
 * bit on many arguments.
 */
public final class Elementary {
    private Elementary() {
    }

    /** 1 / (1 + exp(-x)) for x >= 0, exp(x) / (1 + exp(x)) below, so that exp never overflows; no branch to mispredict. */
    public static double sigmoid(double x) {
        double e = exp(-Math.abs(x));
        return (x >= 0 ? 1.0 : e) / (1 + e);
    }

    /** log(1 + exp(x)) as max(x, 0) + log1p(exp(-|x|)): no overflow, no loss of small values. */
    public static double softplus(double x) {
        return Math.max(x, 0) + log1p(exp(-Math.abs(x)));
    }

    /**
     * 2^(j / 4) for j = 0 .. 3, rounded to double: the table of {@link #exp} (printed by netgrad's
     * src/test/resources/kernels/elementary.py exp-table).
     */
    private static final double[] EXP2_HI = {1.0, 1.189207115002721, 1.4142135623730951, 1.681792830507429};

    /** 2^(j / 4) - EXP2_HI[j], rounded: what the rounding of the table left out. */
    private static final double[] EXP2_LO = {0.0, 3.982015231465646e-17, -9.667293313452913e-17, 8.199010020581497e-17};

    /**
     * exp(x) in plain Java arithmetic: the same bits on every JVM and CPU, and code the JIT inlines
     * and overlaps with the loop around it (Math.exp is an intrinsic stub: a call, about 30 % slower
     * in a loop, with results that may differ between JVMs). x = (4 k + j) ln2 / 4 + r with
     * |r| <= ln2 / 8, so exp(x) = 2^k 2^(j / 4) exp(r): 2^(j / 4) from the table, in two parts,
     * and exp(r) - 1 from its Taylor polynomial of degree 9 (truncation below 7e-18). The table has
     * 4 entries, not the usual 32 with a polynomial of degree 6, so that a SIMD version picks an
     * entry by a permutation of one vector's lanes (or, on 2 lanes, two selects) instead of a lookup
     * per lane (which JDK 17's Vector API runs lane by lane; with 8 entries picked by selects, seven
     * a lane and the registers they hold made it 50 % slower). The
     * price is accuracy: within 0.66 ulp of the exact value, 0.25 on average (netgrad's
     * ElementaryTest), against 0.53 with 32 entries. From |x| = 700 on, where the result
     * overflows, underflows or is subnormal, and for NaN: StrictMath.exp (fdlibm).
     */
    public static double exp(double x) {
        if (!(Math.abs(x) < 700.0)) {
            return StrictMath.exp(x);
        }
        // t = 1.5 * 2^52 + round(x * 4 / ln2): the low bits of t are that integer, two's complement.
        double t = x * 5.7707801635558535 + 6755399441055744.0;
        int n = (int) Double.doubleToRawLongBits(t);
        double nd = t - 6755399441055744.0;
        // ln2 / 4 in two parts; the first has 21 significant bits, so nd times it is exact.
        double r = (x - nd * 0.17328679509228095) - nd * 4.770537323176469e-11;
        double s = r * r;
        double p = r + s * ((0.5 + r * 0.16666666666666666) + s * ((0.041666666666666664 + r * 0.008333333333333333)
                + s * ((0.001388888888888889 + r * 1.984126984126984e-04) + s * (2.48015873015873e-05 + r * 2.7557319223985893e-06))));
        int j = n & 3;
        double high = EXP2_HI[j];
        double e = high + (EXP2_LO[j] + high * p);
        // Times 2^(n >> 2), added to e's exponent: e is within [0.91, 2), so the result stays normal.
        return Double.longBitsToDouble(Double.doubleToRawLongBits(e) + ((long) (n >> 2) << 52));
    }

    /**
     * tanh(x). From |x| = 0.55 up, 1 - 2 / (exp(2|x|) + 1) with the sign of x, through
     * {@link #exp} (exp(2|x|) is infinite from |x| = 355 on, where tanh is 1). Below, x + x s g(s)
     * with s = x^2 and g a polynomial of degree 10 interpolating (tanh(x) / x - 1) / s at Chebyshev
     * nodes of [0, 0.3025] (fitted by netgrad's src/test/resources/kernels/elementary.py). Against
     * 50-digit values: at most 1.3 ulps and 0.23 on average (fdlibm's tanh, Math.tanh: 2.1 and
     * 0.37), 0.73 at most below 0.55; about twice as fast as fdlibm, whose branches on the size of x
     * cost more than its arithmetic.
     */
    public static double tanh(double x) {
        double a = Math.abs(x);
        // exp is called whatever a is, so that the JIT always sees a hot call and inlines it (exp is
        // too big to inline from a call its profile calls rare, as early in training, when the
        // weights are small: the loop then runs 40 % slower); it places exp's code in the branch.
        double e = exp(2.0 * a);
        if (a >= 0.55) {
            return Math.copySign(1.0 - 2.0 / (e + 1.0), x);
        }
        double s = x * x;
        if (s == 0.0) {
            // x is 0, -0.0 or so small (below 1.5e-162) that tanh(x) rounds to x; x + x s g would lose -0.0's sign.
            return x;
        }
        // g by Estrin's scheme: a chain of 5 multiply-adds instead of Horner's 10, so that the
        // entries of a loop overlap (twice as fast as Horner here).
        double s2 = s * s;
        double s4 = s2 * s2;
        double g01 = -0.3333333333333333 + s * 0.13333333333332714;
        double g23 = -0.053968253967434016 + s * 0.021869488493666944;
        double g45 = -0.008863234397814355 + s * 0.003592110378689024;
        double g67 = -0.001455661830100716 + s * 0.0005889360520074057;
        double g89 = -0.0002346347410887237 + s * 8.511313685577671e-05;
        double g = ((g01 + s2 * g23) + s4 * (g45 + s2 * g67)) + (s4 * s4) * (g89 + s2 * -2.060276537636634e-05);
        return x + x * (s * g);
    }

    /**
     * log(1 + x). For 0 < x <= 1 (softplus's log1p(exp(-|x|))): 1 + x = 2^k (1 + f) with k = 0 or 1
     * and 1 + f within [sqrt(2) / 2, sqrt(2)), then fdlibm's log(1 + f) = 2 atanh(s), s = f / (2 + f),
     * its polynomial evaluated by Estrin's scheme, plus c, the rounding error of 1 + x, divided by
     * 1 + x. At most 0.73 ulp from the exact value, 0.25 on average (fdlibm's log1p: 0.78 and
     * 0.25; netgrad's ElementaryTest), and 20 % faster than fdlibm in Java. Other x (zeros, NaN):
     * StrictMath.log1p.
     * <p>
     * Follows fdlibm 5.3's s_log1p.c (the method of Math.log1p), whose notice is: Copyright (C) 1993
     * by Sun Microsystems, Inc. All rights reserved. Developed at SunSoft, a Sun Microsystems, Inc.
     * business. Permission to use, copy, modify, and distribute this software is freely granted,
     * provided that this notice is preserved.
     */
    public static double log1p(double x) {
        if (!(x > 0.0 && x <= 1.0)) {
            return StrictMath.log1p(x);
        }
        double u = 1.0 + x;
        double k = u >= 1.4142135623730951 ? 1.0 : 0.0;
        // Both exact: f by Sterbenz's lemma (u / 2^k is within a factor of two of 1), and c's
        // numerator, the rounding error of 1 + x, because x <= 1.
        double f = (k == 0.0 ? u : 0.5 * u) - 1.0;
        double c = (x - (u - 1.0)) / u;
        double s = f / (2.0 + f);
        double z = s * s;
        double z2 = z * z;
        double halfFSquared = 0.5 * f * f;
        double r = z * (((6.666666666666735130e-01 + z * 3.999999999940941908e-01) + z2 * (2.857142874366239149e-01 + z * 2.222219843214978396e-01))
                + (z2 * z2) * ((1.818357216161805012e-01 + z * 1.531383769920937332e-01) + z2 * 1.479819860511658591e-01));
        // k ln2 + f - f^2 / 2 + s (f^2 / 2 + r) + c, with ln2 in two parts, the small terms first.
        return k * 6.93147180369123816490e-01 - ((halfFSquared - (s * (halfFSquared + r) + (k * 1.90821492927058770002e-10 + c))) - f);
    }
}
