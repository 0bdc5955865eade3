package dev.netgrad.spec.ast;

import dev.netgrad.spec.SourcePos;
import java.util.List;
import java.util.Objects;

/** An {@code init} clause as written: {@code randn(0.01)}, {@code zeros}, {@code const(0.5)}. */
public record InitSpec(String kind, List<Expr.Arg> args, boolean called, SourcePos pos) {
    public InitSpec {
        Objects.requireNonNull(kind, "kind");
        args = List.copyOf(args);
        Objects.requireNonNull(pos, "pos");
    }
}
