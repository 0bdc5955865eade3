package dev.netgrad.spec;

import dev.netgrad.ir.Node;
import java.util.Objects;

/**
 * One checked line of an equation file: {@code dZ2 = A2 - Y}. Names resolve to the spec's refs,
 * earlier lines' names to refs of kind DERIVATIVE ({@code d} names) or VALUE (helpers). {@code pos} is
 * the name, {@code valueStart} where the right-hand side's text starts (what a wrong line's caret
 * points at), {@code end} just after the line's last token.
 */
public record EquationLine(String name, Node value, SourcePos pos, SourcePos valueStart, SourcePos end) {
    public EquationLine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(valueStart, "valueStart");
        Objects.requireNonNull(end, "end");
    }
}
