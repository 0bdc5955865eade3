package dev.netgrad.diff;

import java.util.HashSet;
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

    /** The name of the derivative of {@code value}: {@code d} + the name. */
    public String derivative(String value) {
        return allocate("d" + value);
    }
}
