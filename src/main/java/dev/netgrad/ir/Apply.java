package dev.netgrad.ir;

import java.util.List;
import java.util.Objects;

/**
 * An operation applied to its arguments, with the shape that {@link Shapes} infers for it.
 *
 * <p>A class rather than a record only to keep its hash code: a record's hashCode walks the whole
 * tree below it, so interning each node of a deep derivative (a chain rule through 400 nested
 * calls) cost time cubic in the depth. Here the hash, and the {@link #writtenSize}, are computed
 * once from the arguments' own; equality, accessors and {@code toString} are what the record's were.
 */
public final class Apply implements Node {
    private final Op op;
    private final List<Node> args;
    private final Shape shape;
    private final int hash;
    private final long writtenSize;

    public Apply(Op op, List<Node> args, Shape shape) {
        this.op = Objects.requireNonNull(op, "op");
        this.args = List.copyOf(args);
        this.shape = Objects.requireNonNull(shape, "shape");
        this.hash = (31 * op.hashCode() + this.args.hashCode()) * 31 + shape.hashCode();
        long size = 1;
        for (Node a : this.args) {
            size = a.writtenSize() > Long.MAX_VALUE - size ? Long.MAX_VALUE : size + a.writtenSize();
        }
        this.writtenSize = size;
    }

    /** Builds a node, inferring its shape; throws {@link ShapeException} on an incompatible pair. */
    public static Apply of(Op op, List<Node> args) {
        Shape shape = Shapes.inferApply(op, args);
        return Interner.intern(new Apply(op, args, shape));
    }

    public static Apply of(Op op, Node... args) {
        return of(op, List.of(args));
    }

    public Op op() {
        return op;
    }

    public List<Node> args() {
        return args;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public long writtenSize() {
        return writtenSize;
    }

    public Node arg(int i) {
        return args.get(i);
    }

    /** The single matrix argument of a unary operation. */
    public Node x() {
        return args.get(0);
    }

    @Override
    public boolean equals(Object o) {
        // The kept hashes tell most unequal trees apart without walking them.
        return o == this || o instanceof Apply a && hash == a.hash && op == a.op && shape.equals(a.shape)
                && args.equals(a.args);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "Apply[op=" + op + ", args=" + args + ", shape=" + shape + "]";
    }
}
