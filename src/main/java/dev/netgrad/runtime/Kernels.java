package dev.netgrad.runtime;

/**
 * The numeric kernels generated trainers call besides matrix products: softmax, sums of rows, and
 * exp, tanh and log1p of their own (bit for bit the same on every JVM, unlike Math's, and as the
 * reference evaluator computes them), with sigmoid, softplus and the rest built on them.
 */
public final class Kernels {
    /**
     * Loops over a range of entries, faster than entry by entry (with SIMD instructions plain Java
     * cannot ask for), that a tool may {@link #install}: each must give the bits of the scalar
     * kernel it stands for. {@code out} is never {@code x} (generated code writes each value into
     * its own buffer), so a loop may use out for intermediate results.
     */
    public interface Loops {
        /** out[i] = tanh(x[i]) for i = from .. to - 1. */
        void tanh(double[] x, double[] out, int from, int to);

        /** out[i] = exp(-|x[i]|) for i = from .. to - 1: what sigmoid and softplus share. */
        void expOfMinusAbs(double[] x, double[] out, int from, int to);

        /** out[i] = log1p(x[i]) for i = from .. to - 1: softplus's log1p(exp(-|x|)). */
        void log1p(double[] x, double[] out, int from, int to);

        /** out[i] = sigmoidOfExp(x[i], e[i]) for i = from .. to - 1: a sigmoid whose exp(-|x|) the loss shares. */
        void sigmoidOfExps(double[] x, double[] e, double[] out, int from, int to);

        /** out[i] = relu(x[i]) for i = from .. to - 1. */
        void relu(double[] x, double[] out, int from, int to);

        /** out[i] = g[i] * positive(z[i]) for i = from .. to - 1: a gradient through relu. */
        void reluGradient(double[] g, double[] z, double[] out, int from, int to);

        /** {@link Kernels#maxAbs}: the largest |values[i]| for i = from .. to - 1, 0 for none, NaN when one is NaN. */
        double maxAbs(double[] values, int from, int to);
    }

    /** The installed loops, or null for the kernels entry by entry. */
    private static volatile Loops loops;

    private Kernels() {
    }

    /** The loops over ranges run {@code installed} from now on, or entry by entry when it is null; the bits are the same. */
    public static void install(Loops installed) {
        loops = installed;
    }

    /** Whether loops are installed (MatrixProducts then counts their calls as cheap). */
    static boolean hasLoops() {
        return loops != null;
    }

    /** out[i] = tanh(x[i]) for i = from .. to - 1. */
    public static void tanh(double[] x, double[] out, int from, int to) {
        Loops installed = loops;
        if (installed != null) {
            installed.tanh(x, out, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            out[i] = tanh(x[i]);
        }
    }

    /** out[i] = exp(-|x[i]|) for i = from .. to - 1. */
    public static void expOfMinusAbs(double[] x, double[] out, int from, int to) {
        Loops installed = loops;
        if (installed != null) {
            installed.expOfMinusAbs(x, out, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            out[i] = exp(-Math.abs(x[i]));
        }
    }

    /** out[i] = log1p(x[i]) for i = from .. to - 1. */
    public static void log1p(double[] x, double[] out, int from, int to) {
        Loops installed = loops;
        if (installed != null) {
            installed.log1p(x, out, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            out[i] = log1p(x[i]);
        }
    }

    /**
     * out[i] = sigmoidOfExp(x[i], e[i]) for i = from .. to - 1, e holding exp(-|x|) (stored for the
     * loss, which shares it): a division an entry, which SIMD instructions do 8 at a time.
     */
    public static void sigmoidOfExps(double[] x, double[] e, double[] out, int from, int to) {
        Loops installed = loops;
        if (installed != null) {
            installed.sigmoidOfExps(x, e, out, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            out[i] = sigmoidOfExp(x[i], e[i]);
        }
    }

    /**
     * out[i] = relu(x[i]) for i = from .. to - 1. Cheap entry by entry, but C2 does not compile the
     * branch-free form to SIMD code, and the digits CNN's relus and their gradients took a quarter
     * of its step that way.
     */
    public static void relu(double[] x, double[] out, int from, int to) {
        Loops installed = loops;
        if (installed != null) {
            installed.relu(x, out, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            out[i] = relu(x[i]);
        }
    }

    /** out[i] = g[i] * positive(z[i]) for i = from .. to - 1: a gradient through relu (see {@link #relu(double[], double[], int, int)}). */
    public static void reluGradient(double[] g, double[] z, double[] out, int from, int to) {
        Loops installed = loops;
        if (installed != null) {
            installed.reluGradient(g, z, out, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            out[i] = g[i] * positive(z[i]);
        }
    }

    /**
     * The first index i in from .. to - 1 whose value is NaN or infinite, or -1. Entry by entry: it
     * runs only to name the entry once {@link #maxAbs} found one (the step's check is maxAbs).
     */
    public static int firstNonFinite(double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The largest |values[i]| for i = from .. to - 1 (0 for none), NaN when one is NaN and infinite
     * when one is infinite: what bounds the optimizer's step, and finds a non-finite gradient in the
     * same pass (through the installed loops when there are any; a maximum is exact, so in any order
     * the same value).
     */
    public static double maxAbs(double[] values, int from, int to) {
        Loops installed = loops;
        if (installed != null) {
            return installed.maxAbs(values, from, to);
        }
        // Four maxima in turn, so that each waits on a maximum taken four entries before.
        double a = 0;
        double b = 0;
        double c = 0;
        double d = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            a = Math.max(a, Math.abs(values[i]));
            b = Math.max(b, Math.abs(values[i + 1]));
            c = Math.max(c, Math.abs(values[i + 2]));
            d = Math.max(d, Math.abs(values[i + 3]));
        }
        for (; i < to; i++) {
            a = Math.max(a, Math.abs(values[i]));
        }
        return Math.max(Math.max(a, b), Math.max(c, d));
    }

    /**
     * Gradient descent's step on entries from .. to - 1, {@code w[i] = w[i] - rate * g[i]} (a
     * multiply then a subtraction, each rounded). It checks nothing: the optimizer's step proved
     * every entry finite before it (OptimizerStep's bounds or its careful pass). A plain loop,
     * which C2 turns into SIMD itself (Java's rounding rules forbid it to fuse the two).
     */
    public static void descend(double[] w, double[] g, double rate, int from, int to) {
        for (int i = from; i < to; i++) {
            w[i] = w[i] - rate * g[i];
        }
    }

    /**
     * A copy of the table of {@link #exp}: 2^(j / 4) for j = 0 .. 3 rounded, or with
     * {@code roundingErrors}, what the rounding left out (for SIMD versions of exp that must give its bits).
     */
    public static double[] expTable(boolean roundingErrors) {
        return (roundingErrors ? EXP2_LO : EXP2_HI).clone();
    }

    /** out (cols x rows) = x.T, where x is rows x cols. */
    public static void transpose(double[] x, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int from = r * cols;
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = x[from + c];
            }
        }
    }

    /** Softmax down each column (one per example), shifted by the column's max so exp never overflows. */
    public static void softmax(double[] x, double[] out, int rows, int cols) {
        for (int c = 0; c < cols; c++) {
            double max = columnMax(x, rows, cols, c);
            double sum = 0.0;
            for (int r = 0; r < rows; r++) {
                double e = exp(x[r * cols + c] - max);
                out[r * cols + c] = e;
                sum += e;
            }
            for (int r = 0; r < rows; r++) {
                out[r * cols + c] = out[r * cols + c] / sum;
            }
        }
    }

    /** log(softmax(x)) down each column as x - max - log(sum(exp(x - max))): finite for any finite x. */
    public static void logSoftmax(double[] x, double[] out, int rows, int cols) {
        for (int c = 0; c < cols; c++) {
            double max = columnMax(x, rows, cols, c);
            double sum = 0.0;
            for (int r = 0; r < rows; r++) {
                sum += exp(x[r * cols + c] - max);
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

    /**
     * The sum of x[0 .. n - 1] as four partial sums, x[i] into partial sum i mod 4 (the entries past
     * the last multiple of 4 into the first), added as (s0 + s1) + (s2 + s3): four chains of
     * additions that the processor overlaps, where one chain waits for each addition in turn (the
     * cost's mean over 400 examples: 0.5 us as one chain). The reference evaluator sums all the
     * entries of a value in this order.
     */
    public static double sumOfAll(double[] x, int n) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int whole = n - n % 4;
        for (int i = 0; i < whole; i += 4) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (int i = whole; i < n; i++) {
            s0 += x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * out[r] = the sum of row r of x (rows x cols), left to right from 0. Four rows at a time: each
     * row's additions wait for one another, the four rows' do not.
     */
    public static void sumRows(double[] x, double[] out, int rows, int cols) {
        int r = 0;
        for (; r + 3 < rows; r += 4) {
            int o = r * cols;
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            for (int c = 0; c < cols; c++) {
                s0 += x[o + c];
                s1 += x[o + cols + c];
                s2 += x[o + 2 * cols + c];
                s3 += x[o + 3 * cols + c];
            }
            out[r] = s0;
            out[r + 1] = s1;
            out[r + 2] = s2;
            out[r + 3] = s3;
        }
        for (; r < rows; r++) {
            double s = 0.0;
            for (int c = 0; c < cols; c++) {
                s += x[r * cols + c];
            }
            out[r] = s;
        }
    }

    /** 1 / (1 + exp(-x)) for x >= 0, exp(x) / (1 + exp(x)) below, so that exp never overflows; no branch to mispredict. */
    public static double sigmoid(double x) {
        return sigmoidOfExp(x, exp(-Math.abs(x)));
    }

    /** sigmoid(x) from e = exp(-|x|): (x >= 0 ? 1 : e) / (1 + e). */
    public static double sigmoidOfExp(double x, double e) {
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
     * {@code |r| <= ln2 / 8}, so exp(x) = 2^k 2^(j / 4) exp(r): 2^(j / 4) from the table, in two parts,
     * and exp(r) - 1 from its Taylor polynomial of degree 9 (truncation below 7e-18). The table has
     * 4 entries, not the usual 32 with a polynomial of degree 6, so that a SIMD version picks an
     * entry by a permutation of one vector's lanes (or, on 2 lanes, two selects) instead of a lookup
     * per lane (which JDK 17's Vector API runs lane by lane; with 8 entries picked by selects, seven
     * a lane and the registers they hold made it 50 % slower). The
     * price is accuracy: within 0.66 ulp of the exact value, 0.25 on average (netgrad's
     * ElementaryAccuracyTest), against 0.53 with 32 entries. From |x| = 700 on, where the result
     * overflows, underflows or is subnormal, and for NaN: StrictMath.exp (fdlibm). netgrad's
     * reference evaluator calls this method too, so that its values and a trainer's agree to the bit.
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
     * exp below (exp(2|x|) is infinite from |x| = 355 on, where tanh is 1). Below, x + x s g(s)
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
     * log(1 + x). For {@code 0 < x <= 1} (softplus's log1p(exp(-|x|))): 1 + x = 2^k (1 + f) with k = 0 or 1
     * and 1 + f within [sqrt(2) / 2, sqrt(2)), then fdlibm's log(1 + f) = 2 atanh(s), s = f / (2 + f),
     * its polynomial evaluated by Estrin's scheme, plus c, the rounding error of 1 + x, divided by
     * 1 + x. At most 0.73 ulp from the exact value, 0.25 on average (fdlibm's log1p: 0.78 and
     * 0.25; netgrad's ElementaryAccuracyTest), and 20 % faster than fdlibm in Java. Other x (zeros, NaN):
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

    /**
     * x > 0 ? x : 0 (0 for NaN), without a branch: the sign of an activation is a coin toss the
     * processor cannot predict, and a mispredicted branch costs several times the loop's work.
     */
    public static double relu(double x) {
        long bits = Double.doubleToRawLongBits(x);
        return Double.longBitsToDouble(bits & positiveMask(bits));
    }

    /** x > 0 ? x : slope * x, without a branch (see {@link #relu}). */
    public static double leakyRelu(double x, double slope) {
        long bits = Double.doubleToRawLongBits(x);
        long mask = positiveMask(bits);
        return Double.longBitsToDouble((bits & mask) | (Double.doubleToRawLongBits(slope * x) & ~mask));
    }

    /** x > 0 ? 1.0 : 0.0 (0 for NaN), without a branch: relu's derivative (see {@link #relu}). */
    public static double positive(double x) {
        return (double) (positiveMask(Double.doubleToRawLongBits(x)) & 1L);
    }

    /**
     * All ones when the double with these bits is greater than 0, else 0. Those doubles are the bit
     * patterns 1 (the smallest subnormal) to 0x7FF0000000000000 (+infinity) as signed longs, so
     * t = bits - 1 lies in [0, +infinity's bits) exactly for them: the sign bit of {@code ~t & (t - that)}
     * is set exactly then (-0.0, whose t is Long.MAX_VALUE, and NaNs fall outside), and the
     * arithmetic shift spreads it over the word.
     */
    private static long positiveMask(long bits) {
        long t = bits - 1;
        return (~t & (t - 0x7FF0000000000000L)) >> 63;
    }

    /** {@code x * x}: the trainers' {@code x^2}. */
    public static double square(double x) {
        return x * x;
    }

    /** {@code x^p}: {@code x * x} for 2, as {@link #square} (one rounding), else {@link Math#pow}. */
    public static double power(double x, double p) {
        return p == 2 ? x * x : Math.pow(x, p);
    }
}
