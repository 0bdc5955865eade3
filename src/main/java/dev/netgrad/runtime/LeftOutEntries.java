package dev.netgrad.runtime;

import dev.netgrad.runtime.FiniteDifferences.Reason;
import dev.netgrad.runtime.FiniteDifferences.Slope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How many entries were left out of a param's comparison in {@link FiniteDifferences#verdict}, and why:
 * every reason, with its count and first case.
 */
final class LeftOutEntries {
    private final Map<Reason, String> firsts = new LinkedHashMap<>();
    private final Map<Reason, Integer> counts = new LinkedHashMap<>();

    /** Whether the slope can be compared; counts it left out when it cannot. */
    boolean keeps(Slope slope) {
        if (!slope.isLeftOut()) {
            return true;
        }
        firsts.putIfAbsent(slope.reason(), slope.why());
        counts.merge(slope.reason(), 1, Integer::sum);
        return false;
    }

    int count() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The first one's reason when they share one (the count is the verdict's), else each reason with its count and first case. */
    String why() {
        if (firsts.size() <= 1) {
            return firsts.values().stream().findFirst().orElse("");
        }
        StringJoiner why = new StringJoiner(", ");
        firsts.forEach((reason, first) -> {
            int n = counts.get(reason);
            why.add(n + " " + reason.label() + " (" + (n == 1 ? "" : "the first: ") + first + ")");
        });
        return why.toString();
    }
}
