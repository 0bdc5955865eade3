package dev.netgrad.diff;

import java.util.List;

/**
 * The verdict of the 1/m analysis: on every path from J to every param, the cost's 1/m appears
 * exactly once (for a {@code sum(L)} cost: never).
 */
public record OneOverM(boolean meanCost, List<String> params) {
    public OneOverM {
        params = List.copyOf(params);
    }

    /** One line for the printers, e.g. {@code 1/m appears exactly once on every path from J to W1, b1}. */
    public String sentence() {
        String targets = String.join(", ", params);
        return meanCost
                ? "1/m appears exactly once on every path from J to every param (" + targets + ")"
                : "J = sum(L): no 1/m on any path from J to any param (" + targets + ")";
    }
}
