package dev.netgrad.codegen;

import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Shape;
import java.util.Objects;

/**
 * A point of a forward pass where the cost has no derivative, watched through the expression
 * {@code input}, whatever it is (a named value, {@code A2 - Y}, {@code W @ X + b}): for relu,
 * leaky_relu and abs, their input's sign; for a comparison {@code a > b} (and its kin), the sign of
 * {@code a - b}; for a max pool ({@code pool} not null), which entry of each of its input's windows
 * is the largest, or whether two tie. {@code what} names it in the user's terms: "relu's input Z1".
 */
public record Kink(Node input, String what, Pool pool) {
    public Kink {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(what, "what");
    }

    /** The windows of a max pool of f x f, every stride entries, from an image of {@code in} to {@code out}. */
    public record Pool(int f, int stride, Shape.Grid in, Shape.Grid out) {
        public Pool {
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(out, "out");
        }
    }

    /** relu's, leaky_relu's or abs's input: "relu's input Z1". */
    static Kink sign(String function, Node input) {
        return new Kink(input, function + "'s input " + ExprPrinter.print(input), null);
    }

    /** {@code difference} is a - b of the comparison a > b (or <, >=, <=): where it is 0, the comparison jumps. */
    static Kink comparison(Node comparison, Node difference) {
        return new Kink(difference, "the difference " + ExprPrinter.print(difference) + " of the sides of "
                + ExprPrinter.print(comparison), null);
    }

    static Kink pool(Node input, String pooled, Pool pool) {
        return new Kink(input, pooled, pool);
    }

    /**
     * What a step did to this kink at one entry (the pooled entry for a pool): "takes relu's input Z
     * at row 2, column 5 across 0", "changes which entry of the window of maxpool(A1, 2) at row 3,
     * column 1 is the largest".
     */
    String crossing(int row, int column) {
        String at = "at row " + (row + 1) + ", column " + (column + 1);
        return pool == null ? "takes " + what + " " + at + " across 0"
                : "changes which entry of the window of " + what + " " + at + " is the largest";
    }
}
