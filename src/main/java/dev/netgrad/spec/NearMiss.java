package dev.netgrad.spec;

import java.util.Collection;
import java.util.Optional;

/** The known name a misspelt one was probably meant to be, for "did you mean" hints. */
public final class NearMiss {
    private NearMiss() {
    }

    /**
     * A candidate within a couple of edits of {@code name} (one for names of up to 3 letters), the nearest first;
     * one that differs only in case before any other ('a2' is A2, not W2, one edit away as well).
     */
    public static Optional<String> nearest(String name, Collection<String> candidates) {
        Optional<String> cased = candidates.stream().filter(c -> c.equalsIgnoreCase(name) && !c.equals(name)).findFirst();
        if (cased.isPresent()) {
            return cased;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int allowed = name.length() <= 1 ? 0 : name.length() <= 3 ? 1 : 2;
        for (String c : candidates) {
            int d = distance(name, c);
            if (d <= allowed && d < bestDistance && !c.equals(name)) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance, capped cheaply for very different lengths. */
    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
