package dev.netgrad.diff;

import java.util.List;

/**
 * The verdict of the 1/m analysis: on every path from J to every param, the cost's 1/m appears
 * exactly once (for a {@code sum(L)} cost: never). {@code cancelledIn} names the equations in which
 * it then cancels against an m that the forward pass multiplies by, and so is not printed.
 */
public record OneOverM(boolean meanCost, List<String> params, List<String> cancelledIn) {
    public OneOverM {
        params = List.copyOf(params);
        cancelledIn = List.copyOf(cancelledIn);
    }

    public OneOverM(boolean meanCost, List<String> params) {
        this(meanCost, params, List.of());
    }

    /** The same verdict, saying that the 1/m cancels in these equations. */
    public OneOverM cancelledIn(List<String> equations) {
        return new OneOverM(meanCost, params, equations);
    }

    /** One line for the printers, e.g. {@code 1/m appears exactly once on every path from J to W1, b1}. */
    public String sentence() {
        String targets = String.join(", ", params);
        if (!meanCost) {
            return "J = sum(L): no 1/m on any path from J to any param (" + targets + ")";
        }
        String sentence = "1/m appears exactly once on every path from J to every param (" + targets + ")";
        return cancelledIn.isEmpty() ? sentence
                : sentence + "; in " + String.join(", ", cancelledIn) + " it cancels against an m of the forward pass";
    }
}
