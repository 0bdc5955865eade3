package dev.netgrad.codegen;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** How many entries were left out of a param's comparison, and why: every reason, with its count and first case. */
final class LeftOut {
    /** Why an entry has no difference to trust, or no gradient, as a count of them reads. */
    enum Reason {
        TOO_LARGE("too near the largest double to be moved"),
        COST_NOT_FINITE("where the cost is not finite at a step"),
        ACROSS_A_KINK("where a step crosses a kink or a pole"),
        BENDS("where the differences bend too much near a pole"),
        NO_DERIVATIVE("where the gradient has no derivative at an edge");

        private final String label;

        Reason(String label) {
            this.label = label;
        }
    }

    /** The first case of each reason, and how many entries it took, in the order the reasons came. */
    private final Map<Reason, String> firsts = new LinkedHashMap<>();
    private final Map<Reason, Integer> counts = new LinkedHashMap<>();

    /** Whether the slope can be compared; counts it left out when it cannot. */
    boolean keeps(Slope slope) {
        if (slope.leftOutWhy() == null) {
            return true;
        }
        firsts.putIfAbsent(slope.reason(), slope.leftOutWhy());
        counts.merge(slope.reason(), 1, Integer::sum);
        return false;
    }

    /** Whether none of the same entry's slopes crossed a kink; counts it left out when one did. */
    boolean keepsUnlessAcrossAKink(Slope... slopes) {
        for (Slope slope : slopes) {
            if (slope.acrossAKink()) {
                return keeps(slope);
            }
        }
        return true;
    }

    int count() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Why the entries were left out: the first one's reason when they share one (the count is the verdict's),
     * else each reason with its count and first case; "" when none was.
     */
    String why() {
        if (firsts.size() <= 1) {
            return firsts.values().stream().findFirst().orElse("");
        }
        StringJoiner why = new StringJoiner(", ");
        firsts.forEach((reason, first) -> {
            int n = counts.get(reason);
            why.add(n + " " + reason.label + " (" + (n == 1 ? "" : "the first: ") + first + ")");
        });
        return why.toString();
    }
}
