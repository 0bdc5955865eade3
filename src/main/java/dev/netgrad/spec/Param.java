package dev.netgrad.spec;

import dev.netgrad.ir.Shape;
import java.util.Objects;

/**
 * A trainable param. {@code weight} is true when it was declared with two sizes
 * ({@code param W[r, c]}): the params {@code regularize l2(...)} covers.
 */
public record Param(String name, Shape shape, Init init, boolean weight, SourcePos pos) {
    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(init, "init");
        if (shape.hasBatchSide()) {
            throw new IllegalArgumentException("param " + name + " cannot have a side of size m");
        }
    }
}
