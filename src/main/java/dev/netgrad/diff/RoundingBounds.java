package dev.netgrad.diff;

import dev.netgrad.ir.Environment;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Per instance and numerator, the bounds on the references' rounding errors ({@link RoundingErrors}),
 * computed on demand: the first time a twin's noise does not explain a difference, for the
 * equations the reference needs alone, and kept with theirs. A whole backward pass's bounds made a
 * 4096 x 4096 matrix for each param's gradient, to judge one wrong line.
 */
final class RoundingBounds {
    private final ReferenceDerivations derivations;
    /** Per instance, its forward values, which the bounds are computed from. */
    private final IntFunction<Environment> forwarded;
    /** Per rounding, instance and numerator (dJ: true), the bounds known by value. */
    private final Map<RoundingErrors.Rounding, Map<Integer, Map<Boolean, Map<String, Double>>>> known = new HashMap<>();
    /** Run as each bound is about to be computed: tests ask what is held then ({@link #beforeEach}). */
    private Runnable beforeBound = () -> {
    };

    RoundingBounds(ReferenceDerivations derivations, IntFunction<Environment> forwarded) {
        this.derivations = derivations;
        this.forwarded = forwarded;
    }

    /**
     * The bound on a reference's rounding error on an instance, in the numerator dJ when {@code cost},
     * over the unit roundoff (the root of its entries' summed squares), or on the part of it that
     * underflow makes, in units of half the smallest double ({@link RoundingErrors.Rounding#UNDERFLOW}).
     */
    double of(int instance, boolean cost, String of, RoundingErrors.Rounding rounding) {
        Map<String, Double> bounds = known.computeIfAbsent(rounding, r -> new HashMap<>())
                .computeIfAbsent(instance, i -> new HashMap<>()).computeIfAbsent(cost, c -> new HashMap<>());
        if (!bounds.containsKey(of)) {
            beforeBound.run();
            bounds.putAll(derivations.roundingErrors(cost, of, forwarded.apply(instance), rounding));
            bounds.putIfAbsent(of, 0.0); // a value netgrad derives nothing for
        }
        return bounds.get(of);
    }

    /** Whether {@link #of} knows the bound already, without a pass. */
    boolean known(int instance, boolean cost, String of, RoundingErrors.Rounding rounding) {
        return known.getOrDefault(rounding, Map.of()).getOrDefault(instance, Map.of()).getOrDefault(cost, Map.of()).containsKey(of);
    }

    /** Which values' bounds over the unit roundoff are known on an instance, in the numerator dJ when {@code cost}. */
    Set<String> known(int instance, boolean cost) {
        return Set.copyOf(known.getOrDefault(RoundingErrors.Rounding.RELATIVE, Map.of()).getOrDefault(instance, Map.of())
                .getOrDefault(cost, Map.of()).keySet());
    }

    /** Runs {@code observer} as each bound is about to be computed, a backward pass: for tests of what is held then. */
    void beforeEach(Runnable observer) {
        this.beforeBound = observer;
    }
}
