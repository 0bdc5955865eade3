package dev.netgrad.ir;

import java.util.List;
import java.util.Objects;

/** An operation applied to its arguments, with the shape that {@link Shapes} infers for it. */
public record Apply(Op op, List<Node> args, Shape shape) implements Node {
    public Apply {
        Objects.requireNonNull(op, "op");
        args = List.copyOf(args);
        Objects.requireNonNull(shape, "shape");
    }

    /** Builds a node, inferring its shape; throws {@link ShapeException} on an incompatible pair. */
    public static Apply of(Op op, List<Node> args) {
        Shape shape = Shapes.inferApply(op, args);
        return Interner.intern(new Apply(op, args, shape));
    }

    public static Apply of(Op op, Node... args) {
        return of(op, List.of(args));
    }

    public Node arg(int i) {
        return args.get(i);
    }

    /** The single matrix argument of a unary operation. */
    public Node x() {
        return args.get(0);
    }
}
