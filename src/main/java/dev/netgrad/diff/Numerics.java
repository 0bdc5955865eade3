package dev.netgrad.diff;

import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.RowBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * Comparisons of evaluated matrices, tolerant of rounding only. An entry that is infinite or NaN
 * equals only the same non-finite entry: {@code W1 / 0} is not close to anything finite.
 */
final class Numerics {
    static final double TOLERANCE = 1e-8;
    /**
     * How closely a value must equal a multiple of the reference to be called off by that factor:
     * to rounding, as a right line equals it. Within {@link #TOLERANCE} alone, a line with a term a
     * billionth of the gradient added was "off by a constant factor 0.9999999989".
     */
    static final double FACTOR_TOLERANCE = 1e-12;

    private Numerics() {
    }

    /**
     * Whether a and b agree to {@code relative} of their size, the root of the summed squares of
     * their differences at most {@code relative} times the largest entry times the root of the
     * count, or differ by at most {@code floor} (that root). Values that are zero in exact arithmetic
     * differ by noise of no size that can be told apart from them: {@link EquationChecker} measures
     * that noise and passes it as the floor rather than allowing any fixed amount, which would accept
     * every line, right or wrong, once the derivatives are small enough (a deep sigmoid network's
     * first layer).
     */
    static boolean close(Matrix a, Matrix b, double relative, double floor) {
        return closeness(a, b).within(relative, floor);
    }

    /**
     * How far apart two matrices are, as {@link #close} measures it: all it asks of them, so that a
     * caller can let go of a value before it learns the floor to compare with (a wrong 4096 x 4096
     * param line's value was held while its rounding bound took a backward pass).
     */
    record Closeness(boolean comparable, double distance, double size, int count) {
        /** {@link #close}'s answer for these matrices. */
        boolean within(double relative, double floor) {
            return comparable && (distance <= relative * size * Math.sqrt(count) || distance <= floor);
        }
    }

    /** {@link Closeness} of a and b: not comparable when either is null, their shapes differ, or an entry is not finite in one alone. */
    static Closeness closeness(Matrix a, Matrix b) {
        if (a == null || b == null || !a.sameShape(b)) {
            return new Closeness(false, 0, 0, 0);
        }
        double[] entries = b.data();
        return closeness(a, k -> entries[k]);
    }

    /**
     * {@link Closeness} of a and the matrix of a's shape whose entry k is {@code b.applyAsDouble(k)},
     * each computed when asked for and none kept: a multiple of a reference, or a fit of a few terms,
     * that a diagnosis holds a line's value to. Made whole, that matrix was a 4096 x 4096 param's
     * gradient beside the line's value and the reference (the same bits: each entry is the same
     * product or sum).
     */
    static Closeness closeness(Matrix a, IntToDoubleFunction b) {
        double[] entries = a.data();
        return closeness(entries.length, k -> entries[k], b);
    }

    /** {@link Closeness} of two matrices of {@code count} entries, each entry computed when asked for. */
    static Closeness closeness(int count, IntToDoubleFunction a, IntToDoubleFunction b) {
        double size = 0;
        for (int i = 0; i < count; i++) {
            double x = a.applyAsDouble(i);
            double y = b.applyAsDouble(i);
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                if (Double.compare(x, y) != 0) {
                    return new Closeness(false, 0, 0, 0);
                }
                continue;
            }
            size = Math.max(size, Math.max(Math.abs(x), Math.abs(y)));
        }
        double s = unit(size);
        double diff = 0;
        for (int i = 0; i < count; i++) {
            double d = a.applyAsDouble(i) * s - b.applyAsDouble(i) * s;
            if (Double.isFinite(d)) {
                diff += d * d;
            }
        }
        return new Closeness(true, Math.sqrt(diff) / s, size, count);
    }

    /**
     * {@link Closeness} of a value made a block of rows at a time and each of {@code references}: the
     * bits {@link #closeness(Matrix, Matrix)} gives with the value made whole, which is never held (a
     * 4096 x 4096 param line's value was made beside the d(sum L) made again to judge it). The value's
     * rows are read in order, each entry's squared difference added in the same order as there, scaled
     * by the power of two the reference's largest entry gives ({@link #unit}); where the value's own
     * largest entry gives another (a value larger than the reference past a power of two), the blocks
     * are made again and added with that one, whose squares neither overflow nor underflow.
     */
    static List<Closeness> closeness(RowBlocks value, List<Matrix> references) {
        int n = references.size();
        boolean[] comparable = new boolean[n];
        double[] size = new double[n];
        double[] scale = new double[n];
        double[] diff = new double[n];
        for (int j = 0; j < n; j++) {
            Matrix r = references.get(j);
            comparable[j] = r != null && r.rows() == value.rows();
            scale[j] = comparable[j] ? unit(largest(r.data())) : 1;
        }
        value.forEachBlock((r0, block) -> {
            for (int j = 0; j < n; j++) {
                Matrix r = references.get(j);
                if (comparable[j]) {
                    comparable[j] = block.cols() == r.cols() && addBlock(block, r0, r, scale[j], size, diff, j);
                }
            }
        });
        boolean[] again = new boolean[n];
        boolean any = false;
        for (int j = 0; j < n; j++) {
            again[j] = comparable[j] && unit(size[j]) != scale[j];
            if (again[j]) {
                scale[j] = unit(size[j]);
                diff[j] = 0;
                any = true;
            }
        }
        if (any) {
            double[] sizeAgain = new double[n]; // the same as size: known already
            value.forEachBlock((r0, block) -> {
                for (int j = 0; j < n; j++) {
                    if (again[j]) {
                        addBlock(block, r0, references.get(j), scale[j], sizeAgain, diff, j);
                    }
                }
            });
        }
        List<Closeness> out = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            out.add(comparable[j] ? new Closeness(true, Math.sqrt(diff[j]) / scale[j], size[j], references.get(j).data().length)
                    : new Closeness(false, 0, 0, 0));
        }
        return out;
    }

    /**
     * Adds a block of a value's rows from {@code r0} into reference j's statistics, as {@link
     * #closeness(int, IntToDoubleFunction, IntToDoubleFunction)}'s two loops do entry by entry (an entry
     * not finite in either is left out of both): whether the block is comparable with the reference's rows.
     */
    private static boolean addBlock(Matrix block, int r0, Matrix reference, double s, double[] size, double[] diff, int j) {
        double[] x = block.data();
        double[] y = reference.data();
        int at = r0 * reference.cols();
        for (int k = 0; k < x.length; k++) {
            double a = x[k];
            double b = y[at + k];
            if (!Double.isFinite(a) || !Double.isFinite(b)) {
                if (Double.compare(a, b) != 0) {
                    return false;
                }
                continue;
            }
            size[j] = Math.max(size[j], Math.max(Math.abs(a), Math.abs(b)));
            double d = a * s - b * s;
            if (Double.isFinite(d)) {
                diff[j] += d * d;
            }
        }
        return true;
    }

    /**
     * A power of two that brings {@code size} to between 1 and 2 (1 for 0 or a size that is not
     * finite): sums of squares of entries scaled by it neither underflow nor overflow, and scaling by
     * a power of two is exact, so they are the unscaled sums' bits wherever those did neither. Unscaled,
     * the squares of a 300-layer sigmoid network's first-layer gradients (1e-239) were 0, and a
     * line without its 1/m "equalled" dJ/dW1.
     */
    static double unit(double size) {
        return size == 0 || !Double.isFinite(size) ? 1 : Math.scalb(1.0, -Math.getExponent(size));
    }

    /** The largest magnitude of a finite entry (0 for none). */
    static double largest(double[] x) {
        double size = 0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                size = Math.max(size, Math.abs(v));
            }
        }
        return size;
    }

    /**
     * The root of the summed squares of a - b over the entries finite in both (0 for no such entry):
     * how far apart two evaluations of the same value are.
     */
    static double distance(Matrix a, Matrix b) {
        if (a == null || b == null || !a.sameShape(b)) {
            return 0;
        }
        double s = unit(Math.max(largest(a.data()), largest(b.data())));
        double diff = 0;
        for (int i = 0; i < a.data().length; i++) {
            double d = a.data()[i] * s - b.data()[i] * s;
            if (Double.isFinite(d)) {
                diff += d * d;
            }
        }
        return Math.sqrt(diff) / s;
    }

    /**
     * {@link #distance(Matrix, Matrix)} of a and a value made a block of rows at a time, never whole
     * (a wrong 4096 x 4096 param line's value, against an evaluation of the line's inlined expression
     * held beside it): the same bits, the scale taken in a first pass and the squares added in a second,
     * in the same order as there (the blocks are made twice); {@code differentShapes} for a null a or one
     * of another shape.
     */
    static double distance(Matrix a, RowBlocks b, double differentShapes) {
        if (a == null || a.rows() != b.rows()) {
            return differentShapes;
        }
        int cols = a.cols();
        double[] largest = {largest(a.data())};
        boolean[] sameShape = {true};
        b.forEachBlock((r0, block) -> {
            sameShape[0] = sameShape[0] && block.cols() == cols;
            largest[0] = Math.max(largest[0], largest(block.data()));
        });
        if (!sameShape[0]) {
            return differentShapes;
        }
        double s = unit(largest[0]);
        double[] diff = {0};
        double[] x = a.data();
        b.forEachBlock((r0, block) -> {
            double[] y = block.data();
            int from = r0 * cols;
            for (int i = 0; i < y.length; i++) {
                double d = x[from + i] * s - y[i] * s;
                if (Double.isFinite(d)) {
                    diff[0] += d * d;
                }
            }
        });
        return Math.sqrt(diff[0]) / s;
    }

    /**
     * {@link #distance(Matrix, Matrix)} of two values each made a block of rows at a time, never whole
     * (a param's d(sum L) on an instance and on its twin, 128 MB each on a 784-4096-4096-10 network):
     * the same bits, the scale taken in a first pass over both and the squares added in a second, in
     * the same order as there (the blocks are made twice).
     */
    static double distance(RowBlocks a, RowBlocks b) {
        if (a.rows() != b.rows()) {
            return 0;
        }
        double largest = 0;
        for (int r0 = 0; r0 < a.rows(); r0 += RowBlocks.blockRows()) {
            Matrix x = a.blockFrom(r0);
            Matrix y = b.blockFrom(r0);
            if (x.cols() != y.cols()) {
                return 0;
            }
            largest = Math.max(largest, Math.max(largest(x.data()), largest(y.data())));
        }
        double s = unit(largest);
        double diff = 0;
        for (int r0 = 0; r0 < a.rows(); r0 += RowBlocks.blockRows()) {
            double[] x = a.blockFrom(r0).data();
            double[] y = b.blockFrom(r0).data();
            for (int i = 0; i < x.length; i++) {
                double d = x[i] * s - y[i] * s;
                if (Double.isFinite(d)) {
                    diff += d * d;
                }
            }
        }
        return Math.sqrt(diff) / s;
    }

    /**
     * The first entry, over the instances, that is infinite or NaN where the reference is finite:
     * "Infinity at row 1, column 2 (of the instance with m = 3)".
     */
    static Optional<String> nonFinite(List<Matrix> values, IntFunction<Matrix> reference, int[] batchSizes) {
        for (int i = 0; i < values.size(); i++) {
            Matrix v = values.get(i);
            if (v.isFinite()) {
                continue; // the reference is asked for only where it is needed: it may be made again (CheckInstances)
            }
            Matrix ref = reference.apply(i);
            if (ref == null || !ref.sameShape(v)) {
                continue; // a wrong shape is the message then
            }
            for (int k = 0; k < v.data().length; k++) {
                if (!Double.isFinite(v.data()[k]) && Double.isFinite(ref.data()[k])) {
                    return Optional.of(v.data()[k] + " at row " + (k / v.cols() + 1) + ", column " + (k % v.cols() + 1)
                            + " (of the random instance with m = " + batchSizes[i] + ")");
                }
            }
        }
        return Optional.empty();
    }

    /** The first entry that is infinite or NaN: "Infinity at row 1, column 2 (of the random instance with m = 3)". */
    static Optional<String> firstNonFinite(Matrix v, int batchSize) {
        for (int k = 0; v != null && k < v.data().length; k++) {
            if (!Double.isFinite(v.data()[k])) {
                return Optional.of(v.data()[k] + " at row " + (k / v.cols() + 1) + ", column " + (k % v.cols() + 1)
                        + " (of the random instance with m = " + batchSize + ")");
            }
        }
        return Optional.empty();
    }

    /** Whether a value has an entry that is finite and not 0 (null has none). */
    static boolean hasFiniteNonZero(Matrix v) {
        for (int k = 0; v != null && k < v.data().length; k++) {
            if (Double.isFinite(v.data()[k]) && v.data()[k] != 0) {
                return true;
            }
        }
        return false;
    }

    /** The root of the summed squares of the entries. */
    static double norm(Matrix a) {
        double s = unit(largest(a.data()));
        double sum = 0;
        for (double x : a.data()) {
            sum += (x * s) * (x * s);
        }
        return Math.sqrt(sum) / s;
    }

    /** The factor r with {@code value = r * reference}, if there is one. */
    static OptionalDouble ratio(Matrix value, Matrix reference) {
        if (!value.sameShape(reference)) {
            return OptionalDouble.empty();
        }
        double sv = unit(largest(value.data()));
        double sr = unit(largest(reference.data()));
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < value.data().length; i++) {
            dot += (value.data()[i] * sv) * (reference.data()[i] * sr);
            norm += (reference.data()[i] * sr) * (reference.data()[i] * sr);
        }
        if (norm == 0) {
            return OptionalDouble.empty();
        }
        double r = dot / norm * (sr / sv);
        double[] entries = reference.data();
        return closeness(value, k -> r * entries[k]).within(FACTOR_TOLERANCE, 0) ? OptionalDouble.of(r) : OptionalDouble.empty();
    }

    /**
     * A measured factor to the fewest significant digits, at least ten, that still give it to
     * rounding ({@link #FACTOR_TOLERANCE}): 1.9999999999999998 reads as 2, and 1.0000000001 as itself,
     * not as a factor 1.
     */
    static double rounded(double r) {
        for (int digits = 10; digits < 17; digits++) {
            double shorter = significant(r, digits);
            if (Math.abs(shorter - r) <= FACTOR_TOLERANCE * Math.abs(r)) {
                return shorter;
            }
        }
        return r;
    }

    /** {@code r} to {@code digits} significant digits; an infinity or NaN as it is (BigDecimal holds neither). */
    static double significant(double r, int digits) {
        if (!Double.isFinite(r)) {
            return r;
        }
        return new java.math.BigDecimal(r).round(new java.math.MathContext(digits)).doubleValue();
    }

    static boolean near(double a, double b) {
        return Math.abs(a - b) <= 1e-7 * Math.max(Math.abs(a), Math.abs(b));
    }
}
