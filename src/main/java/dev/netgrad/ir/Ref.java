package dev.netgrad.ir;

import java.util.Objects;

/** A reference to a named value: an input, param, const, statement result, m, 1/m or a derivative. */
public record Ref(String name, RefKind kind, Shape shape) implements Node {
    public static final String BATCH_SIZE_NAME = "m";

    public Ref {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(shape, "shape");
    }

    public static Ref of(String name, RefKind kind, Shape shape) {
        return Interner.intern(new Ref(name, kind, shape));
    }

    public static Ref batchSize() {
        return of(BATCH_SIZE_NAME, RefKind.BATCH_SIZE, Shape.SCALAR);
    }

    /** The cost's 1/m, printed as {@code 1/m}. */
    public static Ref costScale() {
        return of("1/m", RefKind.COST_SCALE, Shape.SCALAR);
    }
}
