package dev.netgrad.ir;

/** A number literal; always 1 x 1, broadcast where it meets a matrix. */
public record Num(double value) implements Node {
    public static final Num ZERO = new Num(0);
    public static final Num ONE = new Num(1);

    public Num {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("number must be finite: " + value);
        }
        if (value == 0) {
            value = 0.0; // -0.0 and 0.0 are one number in the IR
        }
    }

    public static Num of(double value) {
        return Interner.intern(new Num(value));
    }

    @Override
    public Shape shape() {
        return Shape.SCALAR;
    }
}
