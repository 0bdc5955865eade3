package dev.netgrad.diff;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Matrix;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Per instance, the references' rounding noise: how far each is from itself on the instance's twin
 * (the same instance with every param and input nudged by a few units in the last place), measured
 * the first time a line's difference is small enough to be rounding. Only the distances are kept:
 * the twin's references are as large as the instance's.
 */
final class ReferenceNoise {
    /** The relative size of the twin instance's nudge to every param and input: about 16 units in the last place. */
    private static final double NUDGE = 0x1p-48;

    private final ReferenceDerivations derivations;
    /** The values whose dL references an instance does not keep ({@link CheckInstances}): their noise is measured apart. */
    private final Set<String> paramLike;
    /** Per instance, its forward values (its params, inputs, targets and masks among them) and the references it keeps. */
    private final IntFunction<CheckInstances.Instance> instances;
    /** Per instance, its twin's distances, once measured. */
    private final Map<Integer, Twin> twins = new HashMap<>();

    /**
     * How far each reference of an instance is from the same reference on its twin, by value name
     * ({@link Numerics#distance}, 0 for a value the twin lacks): its rounding noise.
     */
    private record Twin(Map<String, Double> loss, Map<String, Double> cost, Map<String, Double> paramLikeLoss) {
        double noise(String of, boolean cost) {
            return cost ? cost().getOrDefault(of, 0.0) : loss().getOrDefault(of, paramLikeLoss().getOrDefault(of, 0.0));
        }
    }

    ReferenceNoise(ReferenceDerivations derivations, Set<String> paramLike, IntFunction<CheckInstances.Instance> instances) {
        this.derivations = derivations;
        this.paramLike = paramLike;
        this.instances = instances;
    }

    /** A reference's rounding noise on an instance, in the numerator dJ when {@code cost}; a param-like value's dL one measured only when asked for. */
    double of(int instance, String of, boolean cost) {
        Twin twin = twin(instance);
        if (awaitsParamLikePass(twin, of, cost)) {
            Predicate<String> kept = paramLike::contains;
            // In lockstep, never all of the instance's made at once: that took the most heap of check.
            twin.paramLikeLoss().putAll(derivations.distances(false, instances.apply(instance).forward().copy(), twinOf(instance), kept));
            twin.paramLikeLoss().putIfAbsent(of, 0.0); // asked once, whatever the twin has
        }
        return twin.noise(of, cost);
    }

    /** Whether {@link #of} knows the noise already, without a pass over the twin. */
    boolean known(int instance, String of, boolean cost) {
        Twin twin = twins.get(instance);
        return twin != null && !awaitsParamLikePass(twin, of, cost);
    }

    /** Whether the noise of {@code of} on a twin made already takes the pass that measures the param-like values' dL ones. */
    private boolean awaitsParamLikePass(Twin twin, String of, boolean cost) {
        return !cost && paramLike.contains(of) && twin.paramLikeLoss().isEmpty();
    }

    private Twin twin(int instance) {
        Twin twin = twins.get(instance);
        if (twin == null) {
            CheckInstances.Instance of = instances.apply(instance);
            Environment env = twinOf(instance);
            Predicate<String> notParamLike = v -> !paramLike.contains(v);
            Map<String, Double> loss = distances(derivations.references(false, of.forward(), notParamLike), false, env.copy(),
                    notParamLike);
            // Last, as it spends the twin: its params are let go as its backward pass goes.
            twin = new Twin(loss, distances(of.cost(), true, env, v -> true), new HashMap<>());
            twins.put(instance, twin);
        }
        return twin;
    }

    /**
     * The forward values of an instance's twin, from the instance's: every param and input nudged by a
     * few units in the last place, and the forward pass made again from them.
     */
    private Environment twinOf(int instance) {
        Derivation perExample = derivations.perExample();
        // The instance's stale forward values in the copy are all made again.
        Environment env = RandomInstance.nudged(perExample, instances.apply(instance).forward(), NUDGE, -CheckInstances.instanceSeed(instance));
        Evaluation.forward(perExample, env);
        return env;
    }

    /**
     * Per value {@code kept} picks that the twin has, how far the instance's reference is from the
     * twin's, in the numerator dJ when {@code cost}: each of the twin's references measured as it is
     * made and let go, and {@code twin} spent ({@link ReferenceDerivations#eachReference}). The
     * param-like values' dL ones are asked for apart, when a diagnosis compares a line with a param's
     * d(sum L): with them held on the instance and the twin at once beside the twin's dJ ones, a
     * 784-4096-4096-10 network's twin took more heap than its instances.
     */
    private Map<String, Double> distances(Map<String, Matrix> references, boolean cost, Environment twin, Predicate<String> kept) {
        Map<String, Double> out = new HashMap<>();
        derivations.eachReference(cost, twin, kept, (of, onTwin) -> out.put(of, Numerics.distance(references.get(of), onTwin)));
        return out;
    }
}
