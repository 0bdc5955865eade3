package dev.netgrad.ir;

/** An operation applied to operands whose shapes do not fit; the message names both shapes. */
public final class ShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }
}
