package dev.netgrad.spec.ast;

import dev.netgrad.spec.SourcePos;
import java.util.Objects;

/**
 * One parsed line of an equation file: {@code NAME = expr}; {@code pos} is the name, {@code end} just
 * after the line's last token (where a line missing after it is reported).
 */
public record EquationAst(String name, Expr value, SourcePos pos, SourcePos end) {
    public EquationAst {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(end, "end");
    }
}
