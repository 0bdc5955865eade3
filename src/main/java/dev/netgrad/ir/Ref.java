package dev.netgrad.ir;

import java.util.Objects;

/**
 * A reference to a named value: an input, param, const, statement result, m, 1/m or a derivative. A const
 * carries the number it names ({@code value}; NaN for every other kind, and for a const built without it), so
 * that simplification can keep products of consts inside the doubles ({@code kbig * ksmall}, not
 * {@code kbig^2 * ksmall^2}) without a table beside the IR.
 */
public record Ref(String name, RefKind kind, Shape shape, double value) implements Node {
    public static final String BATCH_SIZE_NAME = "m";

    public Ref {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(shape, "shape");
    }

    public static Ref of(String name, RefKind kind, Shape shape) {
        return Interner.intern(new Ref(name, kind, shape, Double.NaN));
    }

    /** A const of known value: {@code const kbig = 1e300}. */
    public static Ref constant(String name, double value) {
        return Interner.intern(new Ref(name, RefKind.CONST, Shape.SCALAR, value));
    }

    public static Ref batchSize() {
        return of(BATCH_SIZE_NAME, RefKind.BATCH_SIZE, Shape.SCALAR);
    }

    /** The cost's 1/m, printed as {@code 1/m}. */
    public static Ref costScale() {
        return of("1/m", RefKind.COST_SCALE, Shape.SCALAR);
    }

    /** Whether this names a number known here: a const built with its value. */
    public boolean hasValue() {
        return !Double.isNaN(value);
    }
}
