package dev.netgrad.diff;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Nodes;
import dev.netgrad.spec.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What {@link EquationChecker} judges a user's lines on: netgrad's own derivations of the network,
 * seeded random instances with different batch sizes (and, for a network with a narrow layer,
 * variants of them, {@link InstanceVariant}), each with every reference derivative in both
 * numerators, one instance with its batch taken twice, and when a value equals a reference to
 * rounding: within the reference's own noise, measured on a nudged twin of its instance, or within
 * a bound on its rounding error ({@link RoundingErrors}) where the twin measures none.
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
    /** The relative size of the twin instance's nudge to every param and input: about 16 units in the last place. */
    private static final double NUDGE = 0x1p-48;
    /** The unit roundoff of double arithmetic: the most one rounding moves a value, relative to it. */
    private static final double ROUNDOFF = 0x1p-53;
    /**
     * How many times the reference's own bound on rounding, underflow included, a line may differ from it: its
     * own rounding and the reference's, in another order. Not {@link #NOISE_MARGIN}: a derivative of 1e-321 is
     * about 2,000 times the smallest double, and a wrong line differs by about that.
     */
    private static final double UNDERFLOW_MARGIN = 4;

    private final Derivation perExample;
    private final Derivation perCost;
    private final Derivation printed;
    private final Derivation printedCost;
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
     * Per instance, the references' rounding noise: how far each is from itself on the instance's twin
     * (the same instance with every param and input nudged by a few units in the last place),
     * measured the first time a line's difference is small enough to be rounding. Only the distances
     * are kept: the twin's references are as large as the instance's.
     */
    private final List<Twin> twins;
    /** Per instance and numerator, the references' rounding error bounds ({@link #roundingError}), computed on demand. */
    private final List<Map<Boolean, Map<String, Double>>> roundingErrors;
    /** Per instance, the bounds on the part of the rounding errors that underflow makes, computed on demand. */
    private final List<Map<Boolean, Map<String, Double>>> underflowErrors;
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
    /** Run as each rounding bound is about to be computed: tests ask what is held then ({@link #beforeEachBound}). */
    private Runnable beforeBound = () -> {
    };

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

    /**
     * How far each reference of an instance is from the same reference on its twin, by value name
     * ({@link Numerics#distance}, 0 for a value the twin lacks): its rounding noise.
     */
    private record Twin(Map<String, Double> loss, Map<String, Double> cost, Map<String, Double> paramLikeLoss) {
        double noise(String of, boolean cost) {
            return cost ? cost().getOrDefault(of, 0.0) : loss().getOrDefault(of, paramLikeLoss().getOrDefault(of, 0.0));
        }
    }

    CheckInstances(Network network) {
        this.perExample = Deriver.deriveWithoutFusion(network, Convention.LOSS);
        this.perCost = Deriver.deriveWithoutFusion(network, Convention.COST);
        this.printed = Deriver.derive(network, Convention.LOSS);
        this.printedCost = Deriver.derive(network, Convention.COST);
        this.instances = new ArrayList<>();
        this.twins = new ArrayList<>();
        this.roundingErrors = new ArrayList<>();
        this.underflowErrors = new ArrayList<>();
        this.recipes = new ArrayList<>();
        this.paramLike = perExample.equations().stream().filter(e -> e.numerator() == Numerator.COST).map(Equation::of)
                .collect(Collectors.toSet());
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
                    twins.add(null);
                    roundingErrors.add(null);
                    underflowErrors.add(null);
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
        this.doubled = instance(RandomInstance.doubled(perExample, instances.get(0).forward()), notParamLike, notParamLike);
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
        out.addAll(InstanceVariant.judging(perExample));
        return out;
    }

    /**
     * Whether every reference on an instance is finite: a variant whose negated params leave a log's
     * or a root's domain is not judged on, as a right line in a stable form is finite there.
     */
    private static boolean finite(Instance instance) {
        return Stream.of(instance.loss(), instance.cost()).flatMap(refs -> refs.values().stream())
                .allMatch(m -> Arrays.stream(m.data()).allMatch(Double::isFinite));
    }

    /** An instance holding the references in each numerator of the values {@code lossKept} and {@code costKept} pick. */
    private Instance instance(Environment env, Predicate<String> lossKept, Predicate<String> costKept) {
        Evaluation.forward(perExample, env);
        Map<String, Matrix> loss = references(perExample, printed, env, lossKept);
        Map<String, Matrix> cost = references(perCost, printedCost, env, costKept);
        // The first working environment is the forwarded one itself; the instance keeps a copy of it
        // (of its names: the matrices are shared) that no line's value enters, which fresh() copies
        // and the references' rounding error bounds start from.
        return new Instance(env.batchSize(), loss, cost, env.copy(), List.of(env, env.copy(), env.copy()));
    }

    /** {@code from}'s derivations, instances and references, with no line's values in the instances' environments. */
    CheckInstances(CheckInstances from) {
        this.perExample = from.perExample;
        this.perCost = from.perCost;
        this.printed = from.printed;
        this.printedCost = from.printedCost;
        this.instances = new ArrayList<>(from.instances.stream().map(Instance::fresh).toList());
        this.recipes = from.recipes;
        this.twins = from.twins; // computed on demand, the same for every run
        this.roundingErrors = from.roundingErrors;
        this.underflowErrors = from.underflowErrors;
        this.paramLike = from.paramLike;
        this.doubled = from.doubled.fresh();
    }

    private static long instanceSeed(int instance) {
        return 1000 + instance;
    }

    /**
     * The params, inputs, targets and masks of instance i: a seeded one, or a variant of one (see
     * {@link InstanceVariant}), which only judges whether a line is right.
     */
    private Environment instanceInputs(int instance) {
        Recipe r = recipes.get(instance);
        return r.variant().of(perExample, RandomInstance.of(perExample, instanceSeed(r.seeded()), BATCH_SIZES[r.seeded()]));
    }

    /**
     * Every derivative's value on an instance whose forward values {@code forwarded} holds. The
     * derivation netgrad prints computes those it has in stable forms (dZ = A - Y, never through
     * 1/A); the one through every value adds the rest (dA of a sigmoid or softmax output).
     */
    private Map<String, Matrix> references(Derivation throughEvery, Derivation stable, Environment forwarded) {
        return references(throughEvery, stable, forwarded, of -> true);
    }

    /** {@link #references} of the values {@code kept} picks (the equations they read computed too). */
    private Map<String, Matrix> references(Derivation throughEvery, Derivation stable, Environment forwarded,
            Predicate<String> kept) {
        Set<String> stableOf = stable.equations().stream().map(Equation::of).collect(Collectors.toSet());
        List<Equation> beyond = computing(throughEvery, e -> !stableOf.contains(e.of()) && kept.test(e.of()));
        Map<String, Matrix> out = byValue(throughEvery, derivatives(throughEvery, beyond, forwarded));
        out.putAll(byValue(stable, derivatives(stable, computing(stable, e -> kept.test(e.of())), forwarded)));
        out.keySet().removeIf(of -> !kept.test(of));
        return out;
    }

    /** The equations of {@code d} that {@code wanted} picks, with those they read, in {@code d}'s order. */
    private static List<Equation> computing(Derivation d, Predicate<Equation> wanted) {
        Set<String> needed = new HashSet<>();
        List<Equation> equations = d.equations();
        for (int i = equations.size() - 1; i >= 0; i--) {
            Equation e = equations.get(i);
            if (needed.contains(e.name()) || wanted.test(e)) {
                needed.add(e.name());
                Nodes.refs(e.value(), Nodes.Masks.ENTER).forEach(r -> needed.add(r.name()));
            }
        }
        return equations.stream().filter(e -> needed.contains(e.name())).toList();
    }

    /**
     * A param-like value's reference on an instance, in the numerator dJ when {@code cost}, as {@link
     * #references} made it: from the derivation netgrad prints when it has the value, else from the
     * one through every value; only the equations it reads are computed again, each to the same bits.
     */
    private Matrix remade(Instance instance, String of, boolean cost) {
        Derivation stable = cost ? printedCost : printed;
        Derivation d = stable.equations().stream().anyMatch(e -> e.of().equals(of)) ? stable : cost ? perCost : perExample;
        return byValue(d, derivatives(d, computing(d, e -> e.of().equals(of)), instance.forward())).get(of);
    }

    /**
     * Equations of a derivation on a copy of {@code forwarded}, computing the forward pass again only
     * when its stable forms differ from those {@code forwarded} holds: the four derivations' forward
     * passes are mostly the same, and each took as long as the backward pass on a wide network.
     */
    private Map<String, Matrix> derivatives(Derivation d, List<Equation> equations, Environment forwarded) {
        return Evaluation.derivatives(d, equations, forwardedFor(d, forwarded));
    }

    /** A copy of {@code forwarded} holding {@code d}'s forward values: computed again only where its stable forms differ. */
    private Environment forwardedFor(Derivation d, Environment forwarded) {
        Environment env = forwarded.copy();
        if (!d.stableForward().equals(perExample.stableForward())) {
            Evaluation.forward(d, env);
        }
        return env;
    }

    /**
     * Whether the values equal the derivative of {@code of} on every instance they are given for
     * (see {@link #equalsReference}, with or without {@code bound}): all of them, or the seeded ones a
     * diagnosis fits on.
     */
    boolean matchesAll(List<Matrix> values, String of, boolean cost, boolean bound) {
        for (int i = 0; i < values.size(); i++) {
            if (!equalsReference(values.get(i), i, of, cost, bound)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a value equals the derivative of {@code of} on an instance, to rounding: relative to
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
    boolean equalsReference(Matrix value, int instance, String of, boolean cost, boolean bound) {
        return equalsReference(difference(value, instance, of, cost), instance, of, cost, bound);
    }

    /**
     * How a value differs from the derivative of {@code of} on an instance: all {@link #equalsReference}
     * asks of the value, so that a caller can let go of it before the reference's noise and rounding
     * bound are made (each a pass over the network, which held a wrong 4096 x 4096 param line's value
     * beside the bound's own 4096 x 4096 matrices). Null closeness: a value or a reference missing, or
     * of other shapes.
     */
    record Difference(Numerics.Closeness closeness, double referenceNorm) {
    }

    /** The {@link Difference} of a value from the derivative of {@code of} on an instance, in the numerator dJ when {@code cost}. */
    Difference difference(Matrix value, int instance, String of, boolean cost) {
        Matrix reference = reference(instance, of, cost);
        if (value == null || reference == null || !value.sameShape(reference)) {
            return new Difference(null, 0);
        }
        return new Difference(Numerics.closeness(value, reference), Numerics.norm(reference));
    }

    /** {@link #equalsReference(Matrix, int, String, boolean, boolean)} of a value measured as {@code d}. */
    boolean equalsReference(Difference d, int instance, String of, boolean cost, boolean bound) {
        if (d.closeness() == null) {
            return false;
        }
        Numerics.Closeness closeness = d.closeness();
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
        double floor = ROUNDOFF * roundingError(instance, cost, of, RoundingErrors.Rounding.RELATIVE);
        if (floor > noise && withinNoise(d, floor)) {
            return true;
        }
        // Subnormal values round by up to half the smallest double whatever their size: 1e-320 * (A - Y) keeps
        // about 11 bits, and the cost convention's 1/m * 1e-320 * (A - Y) rounds to other ones.
        double underflow = roundingError(instance, cost, of, RoundingErrors.Rounding.UNDERFLOW) * Double.MIN_VALUE / 2;
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

    /**
     * The bound on a reference's rounding error on an instance, in the numerator dJ when {@code cost},
     * over the unit roundoff ({@link RoundingErrors}, the root of its entries' summed squares), or on
     * the part of it that underflow makes, in units of half the smallest double ({@link
     * RoundingErrors.Rounding#UNDERFLOW}): computed the first time a twin's noise does not explain a
     * difference, for the equations the reference needs alone, and kept with theirs. A whole backward
     * pass's bounds made a 4096 x 4096 matrix for each param's gradient, to judge one wrong line.
     */
    private double roundingError(int instance, boolean cost, String of, RoundingErrors.Rounding rounding) {
        List<Map<Boolean, Map<String, Double>>> all = rounding == RoundingErrors.Rounding.RELATIVE ? roundingErrors : underflowErrors;
        if (all.get(instance) == null) {
            all.set(instance, new HashMap<>());
        }
        Map<String, Double> bounds = all.get(instance).computeIfAbsent(cost, c -> new HashMap<>());
        if (!bounds.containsKey(of)) {
            beforeBound.run();
            bounds.putAll(roundingErrors(cost, of, instances.get(instance).forward(), rounding));
            bounds.putIfAbsent(of, 0.0); // a value netgrad derives nothing for
        }
        return bounds.get(of);
    }

    /**
     * The bounds of the equations computing {@code of}'s reference, by value: from the derivation
     * netgrad prints when it has the value, else from the one through every value, as {@link
     * #references} makes it (only the values the printed one lacks are taken from the other).
     */
    private Map<String, Double> roundingErrors(boolean cost, String of, Environment forwarded, RoundingErrors.Rounding rounding) {
        Derivation stable = cost ? printedCost : printed;
        Set<String> stableOf = stable.equations().stream().map(Equation::of).collect(Collectors.toSet());
        Derivation d = stableOf.contains(of) ? stable : cost ? perCost : perExample;
        List<Equation> equations = computing(d, e -> e.of().equals(of));
        Map<String, Double> out = byValue(d, RoundingErrors.norms(equations, forwardedFor(d, forwarded), rounding));
        if (d != stable) {
            out.keySet().removeAll(stableOf);
        }
        return out;
    }

    /** Runs {@code observer} as each rounding bound is about to be computed, a backward pass: for tests of what is held then. */
    void beforeEachBound(Runnable observer) {
        this.beforeBound = observer;
    }

    /** Which values' rounding error bounds are known on an instance, in the numerator dJ when {@code cost}. */
    Set<String> boundedValues(int instance, boolean cost) {
        Map<Boolean, Map<String, Double>> bounds = roundingErrors.get(instance);
        return bounds == null ? Set.of() : Set.copyOf(bounds.getOrDefault(cost, Map.of()).keySet());
    }

    /** A reference's rounding noise on an instance, a param-like value's dL one measured only when asked for. */
    private double noise(int instance, String of, boolean cost) {
        Twin twin = twin(instance);
        if (!cost && paramLike.contains(of) && twin.paramLikeLoss().isEmpty()) {
            twin.paramLikeLoss().putAll(lossNoise(instances.get(instance).forward(), twinInputs(instance), paramLike::contains));
            twin.paramLikeLoss().putIfAbsent(of, 0.0); // asked once, whatever the twin has
        }
        return twin.noise(of, cost);
    }

    private Twin twin(int instance) {
        Twin twin = twins.get(instance);
        if (twin == null) {
            Environment env = twinInputs(instance);
            Instance of = instances.get(instance);
            twin = new Twin(lossNoise(of.forward(), env, v -> !paramLike.contains(v)),
                    distances(of.cost(), references(perCost, printedCost, env)), new HashMap<>());
            twins.set(instance, twin);
        }
        return twin;
    }

    /** The forward values of instance i's twin: every param and input nudged by a few units in the last place. */
    private Environment twinInputs(int instance) {
        Environment env = RandomInstance.nudged(perExample, instanceInputs(instance), NUDGE, -instanceSeed(instance));
        Evaluation.forward(perExample, env);
        return env;
    }

    /**
     * The noise of the dL references {@code kept} picks: the instance's made again (the param-like
     * ones are not kept) and the twin's, only to measure it. The param-like values' are asked for
     * apart, when a diagnosis compares a line with a param's d(sum L): with them held on the instance
     * and the twin at once beside the twin's dJ ones, a 784-4096-4096-10 network's twin took more
     * heap than its instances.
     */
    private Map<String, Double> lossNoise(Environment instance, Environment twin, Predicate<String> kept) {
        return distances(references(perExample, printed, instance, kept), references(perExample, printed, twin, kept));
    }

    /** Per value the twin has, how far the instance's reference is from the twin's. */
    private static Map<String, Double> distances(Map<String, Matrix> references, Map<String, Matrix> onTwin) {
        Map<String, Double> out = new HashMap<>();
        onTwin.forEach((of, value) -> out.put(of, Numerics.distance(references.get(of), value)));
        return out;
    }

    /** Lets go of the dL references made again for the line just judged: the next line may ask for none. */
    void lineJudged() {
        remade = null;
        doubledRemade = null;
    }

    /** The derivative of {@code of} on an instance: dJ/dV when {@code cost}, else in the per-example numerator. */
    Matrix reference(int instance, String of, boolean cost) {
        if (cost || !paramLike.contains(of)) {
            return instances.get(instance).reference(of, cost);
        }
        if (remade == null || remade.instance() != instance || !remade.of().equals(of)) {
            remade = null; // let go of the previous one before the next is made
            remade = new Remade(instance, of, remade(instances.get(instance), of, false));
        }
        return remade.value();
    }

    Derivation perExample() {
        return perExample;
    }

    /** The derivation as netgrad prints it, for showing users the right form. */
    Derivation printed() {
        return printed;
    }

    /** The derivation as netgrad prints it in the cost convention (every value dJ). */
    Derivation printedCost() {
        return printedCost;
    }

    private static <T> Map<String, T> byValue(Derivation d, Map<String, T> derivatives) {
        Map<String, T> out = new HashMap<>();
        for (Equation e : d.equations()) {
            if (derivatives.containsKey(e.name())) {
                out.put(e.of(), derivatives.get(e.name()));
            }
        }
        return out;
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
            doubledRemade = new Remade(-1, of, remade(doubled, of, true));
        }
        return doubledRemade.value();
    }
}
