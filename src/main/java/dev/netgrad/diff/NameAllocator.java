package dev.netgrad.diff;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one naming authority of a derivation: the adjoint of {@code W2} is {@code dW2}, helpers get
 * the names they ask for, and a name the spec already uses is never handed out twice.
 */
public final class NameAllocator {
    private final Set<String> taken = new HashSet<>();

    public NameAllocator(Iterable<String> reserved) {
        reserved.forEach(taken::add);
    }

    /** {@code wanted} if free, else {@code wanted_2}, {@code wanted_3}, ... */
    public String allocate(String wanted) {
        String name = wanted;
        for (int i = 2; taken.contains(name); i++) {
            name = wanted + "_" + i;
        }
        taken.add(name);
        return name;
    }

    /**
     * The names of the derivatives of {@code values}, by value: {@code d} + the name. Every plain
     * name that is free is handed out first, so that a suffixed name such as {@code dX_2} goes to
     * {@code X_2} when the spec has one, and only then do the collisions get suffixes, in order.
     */
    public Map<String, String> derivatives(List<String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String value : values) {
            if (!taken.contains("d" + value)) {
                out.put(value, allocate("d" + value));
            }
        }
        for (String value : values) {
            if (!out.containsKey(value)) {
                out.put(value, allocate("d" + value));
            }
        }
        return out;
    }
}
