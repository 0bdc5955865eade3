package dev.netgrad.diff;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.RowBlocks;
import dev.netgrad.spec.Network;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * netgrad's own derivations of a network, in each numerator, and the passes {@link CheckInstances}
 * makes with them on an instance's forward values: the references, one of them made again, and
 * the bounds on their rounding errors, each from the derivation the others take it from.
 */
final class ReferenceDerivations {
    private final Derivation perExample;
    private final Derivation perCost;
    private final Derivation printed;
    private final Derivation printedCost;

    ReferenceDerivations(Network network) {
        this.perExample = Deriver.deriveWithoutFusion(network, Convention.LOSS);
        this.perCost = Deriver.deriveWithoutFusion(network, Convention.COST);
        this.printed = Deriver.derive(network, Convention.LOSS);
        this.printedCost = Deriver.derive(network, Convention.COST);
    }

    /** The derivation through every value, per example: the one the instances are made and forwarded with. */
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

    /** The values whose only numerator is dJ: a param's, and those of values only a param reads. */
    Set<String> paramLike() {
        return perExample.equations().stream().filter(e -> e.numerator() == Numerator.COST).map(Equation::of)
                .collect(Collectors.toSet());
    }

    /**
     * Every derivative's value on an instance whose forward values {@code forwarded} holds, in the
     * numerator dJ when {@code cost}. The derivation netgrad prints computes those it has in stable
     * forms (dZ = A - Y, never through 1/A); the one through every value adds the rest (dA of a
     * sigmoid or softmax output).
     */
    Map<String, Matrix> references(boolean cost, Environment forwarded) {
        return references(cost, forwarded, of -> true);
    }

    /** {@link #references} of the values {@code kept} picks (the equations they read computed too). */
    Map<String, Matrix> references(boolean cost, Environment forwarded, Predicate<String> kept) {
        Map<String, Matrix> out = new HashMap<>();
        eachReference(cost, forwarded.copy(), kept, out::put);
        return out;
    }

    /**
     * The references {@link #references} makes, each handed to {@code each} by value name as soon as
     * it is computed, and let go after unless a later equation reads it: {@code forwarded} is spent,
     * each of its values removed once no equation left reads it ({@link Evaluation#eachDerivative}).
     * Held all at once, an instance's twin's references (a 784-4096-4096-10 network's twice its params)
     * took more heap than any other step of check.
     */
    void eachReference(boolean cost, Environment forwarded, Predicate<String> kept, BiConsumer<String, Matrix> each) {
        Derivation throughEvery = cost ? perCost : perExample;
        Derivation stable = cost ? printedCost : printed;
        Set<String> stableOf = stable.equations().stream().map(Equation::of).collect(Collectors.toSet());
        Predicate<String> beyond = of -> !stableOf.contains(of) && kept.test(of);
        // The values the printed derivation lacks first, on a copy: the printed one's pass spends forwarded.
        Evaluation.eachDerivative(computing(throughEvery, e -> beyond.test(e.of())), forwardedFor(throughEvery, forwarded),
                (e, value) -> handOn(e, value, beyond, each));
        Evaluation.eachDerivative(computing(stable, e -> kept.test(e.of())), forwardedIn(stable, forwarded),
                (e, value) -> handOn(e, value, kept, each));
    }

    /**
     * Per value {@code kept} picks, how far its reference on {@code first}'s forward values is from the
     * same on {@code second}'s ({@link Numerics#distance}), the references made as {@link #eachReference}
     * makes them, both passes in lockstep (both environments spent): a reference no later equation reads
     * is made a block of rows at a time on both where it can be ({@link Numerics#distance(RowBlocks,
     * RowBlocks)}), else whole on one and then on the other and let go. With an instance's param-like
     * references all made before its twin's were walked beside them, a 784-4096-4096-10 network's check
     * held its dW2 (128 MB) on both beside its three instances' params and dJ references, its largest heap.
     */
    Map<String, Double> distances(boolean cost, Environment first, Environment second, Predicate<String> kept) {
        return distances(cost, first, second, kept, new HashSet<>());
    }

    /** {@link #distances}, the values measured a block of rows at a time added to {@code inBlocks}. */
    Map<String, Double> distances(boolean cost, Environment first, Environment second, Predicate<String> kept,
            Set<String> inBlocks) {
        Derivation throughEvery = cost ? perCost : perExample;
        Derivation stable = cost ? printedCost : printed;
        Set<String> stableOf = stable.equations().stream().map(Equation::of).collect(Collectors.toSet());
        Predicate<String> beyond = of -> !stableOf.contains(of) && kept.test(of);
        Map<String, Double> out = new HashMap<>();
        inLockstep(computing(throughEvery, e -> beyond.test(e.of())), forwardedFor(throughEvery, first),
                forwardedFor(throughEvery, second), beyond, out, inBlocks);
        inLockstep(computing(stable, e -> kept.test(e.of())), forwardedIn(stable, first), forwardedIn(stable, second), kept,
                out, inBlocks);
        return out;
    }

    /** The same equations on two instances, a step on each in turn, the distance of each value {@code kept} picks put in {@code out}. */
    private static void inLockstep(List<Equation> equations, Environment first, Environment second, Predicate<String> kept,
            Map<String, Double> out, Set<String> inBlocks) {
        Evaluation.Walk onFirst = new Evaluation.Walk(equations, first);
        Evaluation.Walk onSecond = new Evaluation.Walk(equations, second);
        List<Matrix> madeOnFirst = new ArrayList<>(1);
        while (onFirst.hasNext()) {
            String of = onFirst.next().of();
            RowBlocks blocksOnFirst = kept.test(of) ? onFirst.blocks() : null;
            RowBlocks blocksOnSecond = blocksOnFirst == null ? null : onSecond.blocks();
            if (blocksOnSecond != null) {
                out.put(of, Numerics.distance(blocksOnFirst, blocksOnSecond));
                inBlocks.add(of);
                onFirst.skip();
                onSecond.skip();
                continue;
            }
            onFirst.step((e, value) -> handOn(e, value, kept, (name, v) -> madeOnFirst.add(v)));
            onSecond.step((e, value) -> handOn(e, value, kept, (name, v) -> out.put(name, Numerics.distance(madeOnFirst.get(0), v))));
            madeOnFirst.clear();
        }
    }

    /** Hands a computed equation's value on by the value it differentiates, if {@code kept} picks that. */
    private static void handOn(Equation e, Matrix value, Predicate<String> kept, BiConsumer<String, Matrix> each) {
        if (kept.test(e.of())) {
            each.accept(e.of(), value);
        }
    }

    /**
     * One reference on an instance, in the numerator dJ when {@code cost}, as {@link #references}
     * made it: from the derivation netgrad prints when it has the value, else from the one through
     * every value; only the equations it reads are computed again, each to the same bits.
     */
    Matrix remade(Environment forwarded, String of, boolean cost) {
        Derivation stable = cost ? printedCost : printed;
        Derivation d = stable.equations().stream().anyMatch(e -> e.of().equals(of)) ? stable : cost ? perCost : perExample;
        return byValue(d, derivatives(d, computing(d, e -> e.of().equals(of)), forwarded)).get(of);
    }

    /**
     * The bounds of the equations computing {@code of}'s reference, by value ({@link RoundingErrors}):
     * from the derivation netgrad prints when it has the value, else from the one through every
     * value, as {@link #references} makes it (only the values the printed one lacks are taken from the other).
     */
    Map<String, Double> roundingErrors(boolean cost, String of, Environment forwarded, RoundingErrors.Rounding rounding) {
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
     * Equations of a derivation on a copy of {@code forwarded}, computing the forward pass again only
     * when its stable forms differ from those {@code forwarded} holds: the four derivations' forward
     * passes are mostly the same, and each took as long as the backward pass on a wide network.
     */
    private Map<String, Matrix> derivatives(Derivation d, List<Equation> equations, Environment forwarded) {
        return Evaluation.derivatives(d, equations, forwardedFor(d, forwarded));
    }

    /** A copy of {@code forwarded} holding {@code d}'s forward values: computed again only where its stable forms differ. */
    private Environment forwardedFor(Derivation d, Environment forwarded) {
        return forwardedIn(d, forwarded.copy());
    }

    /** {@code forwarded} itself, made to hold {@code d}'s forward values: computed again only where its stable forms differ. */
    private Environment forwardedIn(Derivation d, Environment forwarded) {
        if (!d.stableForward().equals(perExample.stableForward())) {
            Evaluation.forward(d, forwarded);
        }
        return forwarded;
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
}
