package dev.netgrad.spec;

import dev.netgrad.ir.Node;
import dev.netgrad.ir.Shape;
import java.util.Objects;

/**
 * One assignment {@code NAME = expr}, in dependency order. The expression reads earlier statements
 * through {@link dev.netgrad.ir.Ref}s of kind VALUE, so each statement is one node of the network's DAG.
 */
public record Statement(String name, Node value, Role role, SourcePos pos) {
    public enum Role {
        /** An ordinary value: {@code Z1 = W1 @ X + b1}. */
        VALUE,
        /** The per-example loss, 1 x m. */
        LOSS,
        /** The cost, 1 x 1. */
        COST
    }

    public Statement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(pos, "pos");
    }

    public Shape shape() {
        return value.shape();
    }
}
