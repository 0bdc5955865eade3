package dev.netgrad.diff;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.RowBlocks;
import dev.netgrad.spec.Network;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What {@link EquationChecker} judges a user's lines on: netgrad's own derivations of the network,
 * seeded random instances with different batch sizes (and, for a network with a narrow layer,
 * variants of them, {@link InstanceVariant}), each with every reference derivative in both
 * numerators ({@link ReferenceDerivations}), one instance with its batch taken twice, and when a
 * value equals a reference to rounding: within the reference's own noise, measured on a nudged twin
 * of its instance ({@link ReferenceNoise}), or within a bound on its rounding error ({@link
 * RoundingBounds}) where the twin measures none.
 */
final class CheckInstances {
    /** Batch sizes of the instances: distinct, so a factor m can be told from a constant. */
    private static final int[] BATCH_SIZES = {3, 5, 7};
    /** How many of the instances are seeded ones, the first: the diagnoses fit factors and terms on these. */
    static final int SEEDED = BATCH_SIZES.length;
    /**
     * Relative differences up to this are rounding whatever the line: another order of the terms of
     * sums of thousands. Between this and {@link Numerics#TOLERANCE} a difference is rounding only
     * when the reference's own noise explains it; the tolerance alone accepted a line with a term a
     * billionth of the gradient added (a regularizer of lambda 1e-9 left out).
     */
    private static final double SURELY_ROUNDING = 1e-12;
    /**
     * How much more rounding noise a user's line may carry than the reference: another order of
     * operations, a few more of them. A wrong line differs by about the value itself.
     */
    private static final double NOISE_MARGIN = 1e3;
    /** The unit roundoff of double arithmetic: the most one rounding moves a value, relative to it. */
    private static final double ROUNDOFF = 0x1p-53;
    /**
     * How many times the reference's own bound on rounding, underflow included, a line may differ from it: its
     * own rounding and the reference's, in another order. Not {@link #NOISE_MARGIN}: a derivative of 1e-321 is
     * about 2,000 times the smallest double, and a wrong line differs by about that.
     */
    private static final double UNDERFLOW_MARGIN = 4;

    private final ReferenceDerivations derivations;
    /** The seeded instances, then the variants judged on ({@link InstanceVariant}). */
    private final List<Instance> instances;
    /** How each instance is made, to make its twin. */
    private final List<Recipe> recipes;
    /**
     * The first instance with its batch taken twice ({@link RandomInstance#doubled}): not judged on,
     * only compared with the first instance to see how a wrong line depends on m, which tells the
     * numerator it meant.
     */
    private final Instance doubled;
    /**
     * The instances made to take a comparison's other value ({@link CrossingJudge}), numbered after the
     * judged ones, and each one's index by how it was made: shared by every copy, never judged on but
     * by the lines that hold such a comparison.
     */
    private final List<Instance> crossing;
    private final Map<String, Integer> crossingByRecipe;
    /** Per instance, the references' rounding noise, measured on a nudged twin of the instance when first asked for. */
    private final ReferenceNoise noise;
    /** Per instance and numerator, the references' rounding error bounds, computed on demand. */
    private final RoundingBounds bounds;
    /**
     * The values whose only numerator is dJ (a param's). Their references in the numerator dL are not
     * kept: only the diagnosis of a wrong line asks for one, and on a wide network they are as large
     * as the dJ ones, which every param line is judged on. They are made again when asked for.
     */
    private final Set<String> paramLike;
    /**
     * The dL reference of a param-like value last made again, on one instance: one at a time, as a
     * line judges one value and a diagnosis goes through the instances in turn (kept on each, a wrong
     * 4096 x 4096 param line held one per instance beside its own values).
     */
    private Remade remade;
    /** The doubled instance's dJ reference of a param-like value last made again ({@link #doubledReference}). */
    private Remade doubledRemade;

    /**
     * One random instance: reference derivatives by value name, the forward values every run starts
     * from, and the environments WRITTEN, RIGHT, RIGHT_OTHER, which a run fills with its lines' values.
     */
    record Instance(int m, Map<String, Matrix> loss, Map<String, Matrix> cost, Environment forward, List<Environment> envs) {
        Matrix reference(String of, boolean cost) {
            return (cost ? cost() : loss()).get(of);
        }

        /** The same instance with no line's values in its environments. */
        Instance fresh() {
            return new Instance(m, loss, cost, forward, List.of(forward.copy(), forward.copy(), forward.copy()));
        }
    }

    /** A param-like value's reference on an instance (-1: the doubled one), made again when asked for. */
    private record Remade(int instance, String of, Matrix value) {
    }

    /** How instance i is made: seeded instance {@code seeded}, or its variant. */
    private record Recipe(int seeded, InstanceVariant variant) {
    }

    CheckInstances(Network network) {
        this.derivations = new ReferenceDerivations(network);
        this.instances = new ArrayList<>();
        this.recipes = new ArrayList<>();
        this.paramLike = derivations.paramLike();
        this.crossing = new ArrayList<>();
        this.crossingByRecipe = new HashMap<>();
        // Shared by every copy: an instance's forward values and references are the same in each.
        this.noise = new ReferenceNoise(derivations, paramLike, this::instance);
        this.bounds = new RoundingBounds(derivations, i -> instance(i).forward());
        for (InstanceVariant variant : variants()) {
            for (int i = 0; i < BATCH_SIZES.length; i++) {
                Recipe recipe = new Recipe(i, variant);
                recipes.add(recipe);
                // A seeded instance's param-like dL references are not even made; a variant's are, to see they are finite.
                boolean seeded = variant == InstanceVariant.SEEDED;
                Instance instance = instance(instanceInputs(recipes.size() - 1), seeded ? of -> !paramLike.contains(of) : of -> true,
                        of -> true);
                if (seeded || finite(instance)) {
                    instances.add(withoutParamLikeLoss(instance));
                } else {
                    recipes.remove(recipes.size() - 1);
                }
            }
        }
        // The first instance is the seeded one of batch size BATCH_SIZES[0]: its params are shared, not made again.
        // Without either reference of a param-like value, not even made: it is asked only for a param's
        // dJ ({@link EquationChecker#paramTermPerM}, a wrong param line a later line reads), made again
        // then; on a wide network the params' references are as large as the params.
        Predicate<String> notParamLike = of -> !paramLike.contains(of);
        this.doubled = instance(RandomInstance.doubled(derivations.perExample(), instances.get(0).forward()), notParamLike, notParamLike);
    }

    /**
     * The instance without the references in the numerator dL of the param-like values ({@link
     * #paramLike}): made again when asked for on a judged instance, never asked for on the doubled
     * one (a wrong param line is taken to mean dJ/dP).
     */
    private Instance withoutParamLikeLoss(Instance instance) {
        Map<String, Matrix> loss = new HashMap<>(instance.loss());
        loss.keySet().removeAll(paramLike);
        return new Instance(instance.m(), loss, instance.cost(), instance.forward(), instance.envs());
    }

    /** The seeded instances first, then each variant of them the network is judged on. */
    private List<InstanceVariant> variants() {
        List<InstanceVariant> out = new ArrayList<>(List.of(InstanceVariant.SEEDED));
        out.addAll(InstanceVariant.judging(derivations.perExample()));
        return out;
    }

    /**
     * Whether every reference on an instance is finite: a variant whose negated params leave a log's
     * or a root's domain is not judged on, as a right line in a stable form is finite there.
     */
    private static boolean finite(Instance instance) {
        return Stream.of(instance.loss(), instance.cost()).flatMap(refs -> refs.values().stream())
                .allMatch(Matrix::isFinite);
    }

    /** An instance holding the references in each numerator of the values {@code lossKept} and {@code costKept} pick. */
    private Instance instance(Environment env, Predicate<String> lossKept, Predicate<String> costKept) {
        Evaluation.forward(derivations.perExample(), env);
        Map<String, Matrix> loss = derivations.references(false, env, lossKept);
        Map<String, Matrix> cost = derivations.references(true, env, costKept);
        // The first working environment is the forwarded one itself; the instance keeps a copy of it
        // (of its names: the matrices are shared) that no line's value enters, which fresh() copies
        // and the references' rounding error bounds start from.
        return new Instance(env.batchSize(), loss, cost, env.copy(), List.of(env, env.copy(), env.copy()));
    }

    /** {@code from}'s derivations, instances and references, with no line's values in the instances' environments. */
    CheckInstances(CheckInstances from) {
        this.derivations = from.derivations;
        this.instances = new ArrayList<>(from.instances.stream().map(Instance::fresh).toList());
        this.recipes = from.recipes;
        this.noise = from.noise; // measured on demand, the same for every run
        this.bounds = from.bounds;
        this.paramLike = from.paramLike;
        this.doubled = from.doubled.fresh();
        this.crossing = from.crossing;
        this.crossingByRecipe = from.crossingByRecipe;
    }

    /** Instance {@code i}: a judged one, or after them one made to cross a comparison ({@link #crossingInstance}). */
    Instance instance(int i) {
        return i < instances.size() ? instances.get(i) : crossing.get(i - instances.size());
    }

    /**
     * The forward values of the seeded instance {@code seeded} with its inputs times {@code inputs} and its
     * params times {@code params} ({@link RandomInstance#scaled}): where a comparison may take the value
     * it never takes on the judged instances.
     */
    Environment scaledForward(int seeded, double inputs, double params) {
        Derivation perExample = derivations.perExample();
        // From the seeded instance's own params and inputs (drawn once); its forward values are all made again.
        Environment env = RandomInstance.scaled(perExample, instances.get(seeded).forward(), inputs, params);
        Evaluation.forward(perExample, env);
        return env;
    }

    /**
     * The index ({@link #instance}) of the instance whose forward values {@code scaledForward} made from
     * {@code recipe}, with its references, made the first time. Not all of them need be finite: a sigmoid
     * saturated to 1 makes dL/dA2 infinite where dL/dZ2 and those before it are not, and a line is judged
     * there only on what it reads and names.
     */
    int crossingInstance(String recipe, Environment forwarded) {
        return crossingByRecipe.computeIfAbsent(recipe, r -> {
            crossing.add(instance(forwarded, of -> !paramLike.contains(of), of -> true));
            return instances.size() + crossing.size() - 1;
        });
    }

    /** The seed of instance i's random params and inputs, and, negated, of its twin's nudge. */
    static long instanceSeed(int instance) {
        return 1000 + instance;
    }

    /**
     * The params, inputs, targets and masks of instance i: a seeded one, or a variant of one (see
     * {@link InstanceVariant}), which only judges whether a line is right.
     */
    private Environment instanceInputs(int instance) {
        Recipe r = recipes.get(instance);
        Derivation perExample = derivations.perExample();
        return r.variant().of(perExample, RandomInstance.of(perExample, instanceSeed(r.seeded()), BATCH_SIZES[r.seeded()]));
    }

    /**
     * How a value differs from the derivative of {@code of} on an instance: all {@link #equalsReference}
     * asks of the value, so that a caller can let go of it before the reference's noise and rounding
     * bound are made (each a pass over the network, which held a wrong 4096 x 4096 param line's value
     * beside the bound's own 4096 x 4096 matrices). A value or a reference missing, or of other shapes, is
     * not {@link Numerics.Closeness#comparable}.
     */
    record Difference(Numerics.Closeness closeness, double referenceNorm) {
    }

    /** The {@link Difference} of a value from the derivative of {@code of} on an instance, in the numerator dJ when {@code cost}. */
    Difference difference(Matrix value, int instance, String of, boolean cost) {
        return difference(value, reference(instance, of, cost));
    }

    /** The {@link Difference} of a value from a reference. */
    static Difference difference(Matrix value, Matrix reference) {
        return difference(Numerics.closeness(value, reference), reference);
    }

    private static Difference difference(Numerics.Closeness closeness, Matrix reference) {
        return new Difference(closeness, closeness.comparable() ? Numerics.norm(reference) : 0);
    }

    /**
     * The {@link Difference}s of {@code value}'s value in {@code env} from each reference: made a block of
     * rows at a time where {@link RowBlocks} can ({@link Numerics#closeness(RowBlocks, List)}), else whole.
     * A wrong 4096 x 4096 param line's value was made whole beside the d(sum L) made again to judge it.
     */
    static List<Difference> differences(Node value, Environment env, List<Matrix> references) {
        RowBlocks blocks = RowBlocks.of(value, env);
        return blocks == null ? differences(Evaluator.evaluate(value, env), references) : differences(blocks, references);
    }

    /** The {@link Difference}s of a value made a block of rows at a time from each reference, its whole value never made. */
    static List<Difference> differences(RowBlocks value, List<Matrix> references) {
        List<Numerics.Closeness> closeness = Numerics.closeness(value, references);
        return IntStream.range(0, references.size()).mapToObj(j -> difference(closeness.get(j), references.get(j))).toList();
    }

    /** The {@link Difference}s of a value from each reference. */
    static List<Difference> differences(Matrix value, List<Matrix> references) {
        return references.stream().map(r -> difference(value, r)).toList();
    }

    /**
     * Whether a value measured as {@code d} ({@link #difference}) equals the derivative of {@code of}
     * on an instance, to rounding: relative to
     * their size, or, for differences up to {@link Numerics#TOLERANCE} of it, within {@link
     * #NOISE_MARGIN} times the reference's own rounding noise, measured on the instance's twin.
     * A value that is zero in exact arithmetic (a bias's gradient before a batchnorm) comes out as
     * noise the size of its terms' rounding, no bigger than that noise, and a right line's noise
     * differs from the reference's: it is judged by the noise alone, whatever the size of its terms
     * (a fixed ceiling of 1e-12 judged netgrad's own db1 wrong once the loss was scaled by 1e6).
     * A wrong line differs by about the derivative itself, however small that is. Without {@code
     * bound}, the rounding error's bound is not asked for as the noise's floor: it takes a backward
     * pass, and a caller trying both numerators asks for it only when neither matches without it.
     */
    boolean equalsReference(Difference d, int instance, String of, boolean cost, boolean bound) {
        Numerics.Closeness closeness = d.closeness();
        if (!closeness.comparable()) {
            // Nothing to learn from the noise or the bound, each a pass over the network.
            return false;
        }
        if (closeness.within(SURELY_ROUNDING, 0)) {
            return true;
        }
        double noise = noise(instance, of, cost);
        if (withinNoise(d, noise)) {
            return true;
        }
        if (!bound) {
            return false;
        }
        double floor = ROUNDOFF * bound(instance, cost, of, RoundingErrors.Rounding.RELATIVE);
        if (floor > noise && withinNoise(d, floor)) {
            return true;
        }
        // Subnormal values round by up to half the smallest double whatever their size: 1e-320 * (A - Y) keeps
        // about 11 bits, and the cost convention's 1/m * 1e-320 * (A - Y) rounds to other ones.
        double underflow = bound(instance, cost, of, RoundingErrors.Rounding.UNDERFLOW) * Double.MIN_VALUE / 2;
        // A bound that is not finite (values that overflow on the way) bounds nothing, as a noise that is not.
        double allowed = UNDERFLOW_MARGIN * (floor + underflow);
        return Double.isFinite(allowed) && closeness.within(0, allowed);
    }

    /**
     * Whether a value measured as {@code d} differs from the reference by rounding, given the reference's rounding noise. A
     * noise that is not finite (a twin whose values overflow) allows nothing: it would allow any value,
     * and a line with 1/m twice "equalled" dJ/db2 on a loss with a constant of 1e308.
     */
    private static boolean withinNoise(Difference d, double noise) {
        if (!Double.isFinite(noise)) {
            return false;
        }
        double allowed = NOISE_MARGIN * noise;
        if (d.referenceNorm() <= allowed) {
            return d.closeness().within(0, allowed);
        }
        return d.closeness().within(Numerics.TOLERANCE, 0) && d.closeness().within(SURELY_ROUNDING, allowed);
    }

    /*
     * boundedValues and beforeEachBound, with LineValues.holdsAValue and keepsAll, are asked by
     * CheckMemoryTest alone. What a pass holds is made and let go inside check, where no caller
     * sees it; a test of the retained heap instead would need a full collection at that very moment,
     * and would then count what a frame's dead local still points to in the interpreter, not what
     * check keeps. An observer passed in at construction would be the same hooks, moved.
     */

    /** Which values' rounding error bounds are known on an instance, in the numerator dJ when {@code cost}. */
    Set<String> boundedValues(int instance, boolean cost) {
        return bounds.known(instance, cost);
    }

    /** Runs {@code observer} as each rounding bound is about to be computed, a backward pass: for tests of what is held then. */
    void beforeEachBound(Runnable observer) {
        bounds.beforeEach(observer);
    }

    /** Lets go of the dL references made again for the line just judged: the next line may ask for none. */
    void lineJudged() {
        remade = null;
        doubledRemade = null;
    }

    /*
     * The reference's noise and rounding bound, each made by a pass over the network the first time
     * it is asked for on an instance: the dL reference made again ({@link #reference}) is let go
     * before such a pass, and made again if asked for after. A wrong param line's d(sum L), which a
     * diagnosis compares it with, was held through its own noise's and bound's passes, a 4096 x 4096
     * matrix beside theirs.
     */

    private double noise(int instance, String of, boolean cost) {
        if (!noise.known(instance, of, cost)) {
            remade = null;
        }
        return noise.of(instance, of, cost);
    }

    private double bound(int instance, boolean cost, String of, RoundingErrors.Rounding rounding) {
        if (!bounds.known(instance, cost, of, rounding)) {
            remade = null;
        }
        return bounds.of(instance, cost, of, rounding);
    }

    /** The derivative of {@code of} on an instance: dJ/dV when {@code cost}, else in the per-example numerator. */
    Matrix reference(int instance, String of, boolean cost) {
        if (cost || !paramLike.contains(of)) {
            return instance(instance).reference(of, cost);
        }
        if (remade == null || remade.instance() != instance || !remade.of().equals(of)) {
            remade = null; // let go of the previous one before the next is made
            remade = new Remade(instance, of, derivations.remade(instance(instance).forward(), of, false));
        }
        return remade.value();
    }

    Derivation perExample() {
        return derivations.perExample();
    }

    /** The derivation as netgrad prints it, for showing users the right form. */
    Derivation printed() {
        return derivations.printed();
    }

    /** The derivation as netgrad prints it in the cost convention (every value dJ). */
    Derivation printedCost() {
        return derivations.printedCost();
    }

    List<Instance> instances() {
        return instances;
    }

    /** The first instance with its batch taken twice: its environments and forward values ({@link #doubledReference} for its references). */
    Instance doubled() {
        return doubled;
    }

    /**
     * The derivative of {@code of} on the doubled instance, in the numerator dJ when {@code cost}: a
     * param-like value's dJ is made again when asked for and kept until the line is judged; its dL
     * is never asked for (null).
     */
    Matrix doubledReference(String of, boolean cost) {
        if (!cost || !paramLike.contains(of)) {
            return doubled.reference(of, cost);
        }
        if (doubledRemade == null || !doubledRemade.of().equals(of)) {
            doubledRemade = new Remade(-1, of, derivations.remade(doubled.forward(), of, true));
        }
        return doubledRemade.value();
    }
}
