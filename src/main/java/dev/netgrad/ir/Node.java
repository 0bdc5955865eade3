package dev.netgrad.ir;

/**
 * A node of the matrix-expression IR. Nodes are immutable and hash-consed: build them through
 * {@link Num#of}, {@link Ref} constructors and {@link Apply#of}, so that equal subexpressions are
 * one object and structural equality is cheap.
 */
public sealed interface Node permits Num, Ref, Apply {
    Shape shape();

    /**
     * How many nodes the expression has written out in full, a shared subexpression counted at each
     * use (what a printer writes); at most {@link Long#MAX_VALUE}.
     */
    default long writtenSize() {
        return 1;
    }

    /** Whether this node is the number {@code value}. */
    default boolean isNumber(double value) {
        return this instanceof Num n && n.value() == value;
    }
}
