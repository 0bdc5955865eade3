package dev.netgrad.diff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each name is read for the last time in a row of lines (a user's equations, a derivation's):
 * a value computed by one line need be held only until that line, and no longer. Made once from what
 * each line reads, so asking whether a later line reads a name costs a look-up, not a scan of the
 * lines after it.
 */
final class LastReads {
    /** Each name read, by the index of the last line that reads it. */
    private final Map<String, Integer> lastLine;
    /** Per line, the names no later line reads, in the order that line lists them. */
    private final List<Set<String>> lastReadBy;

    private LastReads(Map<String, Integer> lastLine, List<Set<String>> lastReadBy) {
        this.lastLine = Map.copyOf(lastLine);
        this.lastReadBy = List.copyOf(lastReadBy);
    }

    /** The index of the names the lines read, given per line in order. */
    static LastReads of(List<? extends Collection<String>> readsByLine) {
        Map<String, Integer> last = new HashMap<>();
        for (int k = 0; k < readsByLine.size(); k++) {
            for (String name : readsByLine.get(k)) {
                last.put(name, k);
            }
        }
        List<Set<String>> byLine = new ArrayList<>();
        for (int k = 0; k < readsByLine.size(); k++) {
            Set<String> here = new LinkedHashSet<>();
            for (String name : readsByLine.get(k)) {
                if (last.get(name) == k) {
                    here.add(name);
                }
            }
            byLine.add(Collections.unmodifiableSet(here));
        }
        return new LastReads(last, byLine);
    }

    /** Whether any line reads the name. */
    boolean isRead(String name) {
        return lastLine.containsKey(name);
    }

    /** Whether a line after line {@code line} reads the name. */
    boolean readAfter(String name, int line) {
        Integer last = lastLine.get(name);
        return last != null && last > line;
    }

    /** The index of the last line that reads the name, -1 when none does. */
    int lastRead(String name) {
        return lastLine.getOrDefault(name, -1);
    }

    /** The names line {@code line} reads that no later line reads, in the order that line lists them. */
    Set<String> lastReadBy(int line) {
        return lastReadBy.get(line);
    }
}
