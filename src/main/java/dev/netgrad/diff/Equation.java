package dev.netgrad.diff;

import dev.netgrad.ir.Node;
import dev.netgrad.ir.Shape;
import java.util.Objects;

/**
 * One derived line {@code name = value}: the derivative of {@code of} (or, for a helper, a named
 * intermediate value), with its numerator.
 */
public record Equation(String name, String of, Node value, Numerator numerator, Kind kind, Shape shape) {
    public enum Kind {
        /** dJ/dP of a param. */
        GRADIENT,
        /** The derivative of any other value. */
        DELTA
    }

    public Equation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(of, "of");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(shape, "shape");
    }

    /** {@code dJ/dW2}. */
    public String label() {
        return numerator.over(of);
    }
}
