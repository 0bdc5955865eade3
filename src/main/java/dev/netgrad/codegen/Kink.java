package dev.netgrad.codegen;

import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Shape;
import java.util.Objects;

/**
 * A point of a forward pass where the cost has no derivative, watched through the expression
 * {@code input}, whatever it is (a named value, {@code A2 - Y}, {@code W @ X + b}), as its
 * {@link Kind} says. {@code what} names it in the user's terms: "relu's input Z1".
 */
public record Kink(Node input, String what, Kind kind, Pool pool) {
    /** What of the input is watched. */
    public enum Kind {
        /** Its sign: relu's, leaky_relu's and abs's input, whose slope changes at 0, and a comparison's a - b, which jumps there. */
        SIGN,
        /**
         * Its sign, and whether it is 0: the input of sqrt, log and x^p for p not a whole number of at
         * least 0, which have no derivative at 0 (sqrt and log no value below it either), and a divisor,
         * whose quotient has a pole there (1 / Z jumps from one infinity to the other, as Z^-1 does), so
         * none has a gradient that goes through one there.
         */
        EDGE,
        /** Which entry of each of its windows is the largest, or whether two tie: a max pool's ({@code pool}). */
        POOL
    }

    public Kink {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.POOL) != (pool != null)) {
            throw new IllegalArgumentException("a max pool's kink, and only it, has its windows: " + kind + ", " + pool);
        }
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
        return new Kink(input, function + "'s input " + ExprPrinter.print(input), Kind.SIGN, null);
    }

    /** {@code difference} is a - b of the comparison a > b (or <, >=, <=): where it is 0, the comparison jumps. */
    static Kink comparison(Node comparison, Node difference) {
        return new Kink(difference, "the difference " + ExprPrinter.print(difference) + " of the sides of "
                + ExprPrinter.print(comparison), Kind.SIGN, null);
    }

    /**
     * sqrt's or log's input, "sqrt's input relu(Z1)", a power's base, "the base Z of Z^0.5", or a
     * divisor, "the divisor Z of 1 / Z".
     */
    static Kink edge(String what, Node input) {
        return new Kink(input, what, Kind.EDGE, null);
    }

    static Kink pool(Node input, String pooled, Pool pool) {
        return new Kink(input, pooled, Kind.POOL, pool);
    }

    /**
     * What a step did to this kink at one entry (the pooled entry for a pool): "takes relu's input Z
     * at row 2, column 5 across 0", "takes sqrt's input Z at row 1, column 1 onto, off or across 0", "changes which entry of the window of maxpool(A1, 2) at row 3,
     * column 1 is the largest".
     */
    String crossing(int row, int column) {
        String at = "at row " + (row + 1) + ", column " + (column + 1);
        return switch (kind) {
            case SIGN -> "takes " + what + " " + at + " across 0";
            // From 0 too, where the edge has no derivative: sqrt(W * W) at W = 0.
            case EDGE -> "takes " + what + " " + at + " onto, off or across 0";
            case POOL -> "changes which entry of the window of " + what + " " + at + " is the largest";
        };
    }
}
