package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.EquationLine;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Param;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * Judges a user's hand-written backward pass line by line. A line is evaluated on several seeded
 * random instances with different batch sizes (and, for a network with a narrow layer, on variants
 * of them: {@link CheckInstances}) and compared with dL/dV (or d(sum L)/dV) and dJ/dV;
 * when it matches neither, {@link Diagnosis} says how it differs. Each line is evaluated as
 * written, with the user's earlier lines substituted (a right one as the derivative it equals, so
 * that the rounding each is allowed does not pile up), and also with every wrong earlier line
 * replaced by its right value in the numerator the user meant (dL or dJ): a line that is right given
 * right inputs inherits its error and is not counted as a mistake of its own.
 *
 * <p>The passes over each line, in order: its values ({@link LineValues}, evaluated when asked for),
 * its verdict ({@link LineJudge}; for a line equal to a derivative that holds a comparison every instance
 * leaves on one side, also on instances made to cross it, {@link CrossingJudge}), the numerator a wrong one meant ({@link MeantNumerator}), then
 * its values put in for the lines after it, or let go when none reads them (here).
 */
public final class EquationChecker {
    /** The environments of an instance: the user's lines as written, then wrong lines replaced. */
    static final int WRITTEN = 0;
    /** Wrong lines replaced by the derivative with the numerator the user meant (see {@link #meantCost}). */
    static final int RIGHT = 1;
    /** Wrong lines replaced by the derivative with the other numerator: only to explain a line. */
    static final int RIGHT_OTHER = 2;

    public enum Status {
        /** Equals a derivative. */
        CORRECT,
        /**
         * Equals a derivative on every instance, but holds a comparison (or a relu, a leaky relu, an abs)
         * that took one value on all of them, and on every instance netgrad could make: where it takes
         * the other the line could differ, so it is not called right ({@link CrossingJudge}).
         */
        ONE_SIDED,
        /**
         * Equals a derivative on every instance, given earlier lines of which some are {@link #ONE_SIDED}
         * (directly or through lines that are right given them): right as far as they are.
         */
        GIVEN_ONE_SIDED,
        /** Wrong, given right inputs too: a mistake of its own. */
        WRONG,
        /** Wrong as written but right given right inputs: it inherits an earlier line's error. */
        INHERITED,
        /** A line {@code NAME = expr} that names no derivative. */
        HELPER,
        /**
         * Neither right nor wrong: the derivative, or a value the line reads, is not finite on the
         * instances (a spec's huge constants overflow the doubles), so nothing can be compared there.
         */
        NOT_JUDGED;

        /** Whether a line of this status equals a derivative on every instance judged: its values stand for it. */
        boolean equalsDerivative() {
            return this == CORRECT || this == ONE_SIDED || this == GIVEN_ONE_SIDED;
        }
    }

    /** The judgement of one line: its numerator when correct, else what is wrong. */
    public record Verdict(EquationLine line, Status status, Optional<Numerator> numerator, String of, String message) {
    }

    /** A param with no line: its gradient's name ({@code db1}), the param and the gradient's shape. */
    public record Missing(String name, String param, Shape shape) {
    }

    /** Every line's verdict, the params without a line, and whether all param gradients are dJ/dP. */
    public record Report(List<Verdict> verdicts, List<Missing> missingParams, boolean passed) {
        public long count(Status status) {
            return verdicts.stream().filter(v -> v.status() == status).count();
        }
    }

    private final Network network;
    /** The derivations, instances and references the lines are judged on. */
    private final CheckInstances cases;
    /** The earlier lines' verdicts, in line order. */
    private final Map<String, Verdict> verdictsByName = new LinkedHashMap<>();
    /** Per wrong line, whether it meant dJ/dV (else the numerator netgrad derives). */
    private final Map<String, Boolean> meantCost = new HashMap<>();
    /** Judges each line ({@link LineJudge}), then tells the numerator a wrong one meant ({@link MeantNumerator}). */
    private final LineJudge judge;
    private final MeantNumerator meant;

    /** A checker with no line judged yet, on the given instances: {@link #check} runs one over a file's lines. */
    EquationChecker(Network network, CheckInstances cases) {
        this.network = network;
        this.cases = cases;
        this.judge = new LineJudge(this, cases);
        this.meant = new MeantNumerator(this, cases);
    }

    public static Report check(Network network, List<EquationLine> lines) {
        return check(network, lines, new CheckInstances(network));
    }

    /** {@link #check} on given instances, whose working environments the lines' values are left in. */
    static Report check(Network network, List<EquationLine> lines, CheckInstances cases) {
        return new EquationChecker(network, cases).run(lines);
    }

    /**
     * Judges any number of equation files against one network, each as {@link #check} would, with
     * the derivations, random instances and references made once.
     */
    static Function<List<EquationLine>, Report> checker(Network network) {
        CheckInstances prototype = new CheckInstances(network);
        return lines -> new EquationChecker(network, new CheckInstances(prototype)).run(lines);
    }

    private Report run(List<EquationLine> lines) {
        List<Verdict> verdicts = new ArrayList<>();
        LastReads lastReads = LastReads.of(reads(lines));
        for (int k = 0; k < lines.size(); k++) {
            EquationLine line = lines.get(k);
            List<Verdict> wrongInputs = wrongInputs(line.value());
            // Evaluated when the verdict asks: a right line's values one instance at a time.
            LineValues values = new LineValues(line, cases, wrongInputs.isEmpty());
            Verdict verdict = judge.judge(line, values, wrongInputs);
            boolean cost = meant.meantCost(verdict, values);
            verdict = meant.withConventionNote(verdict, cost);
            // A value no later line reads is not put in at all: it would be taken out again at once.
            boolean kept = lastReads.readAfter(line.name(), k) || cases.instances().get(0).forward().has(line.name());
            remember(verdict, kept ? values : null, cost);
            verdicts.add(verdict);
            forgetUnread(line.name(), lastReads, k);
            cases.lineJudged();
        }
        List<Missing> missing = new ArrayList<>();
        // A line judged on one side of a comparison alone is not known to be right: nor is any gradient read through it.
        boolean passed = verdicts.stream().noneMatch(v -> v.status() == Status.WRONG || v.status() == Status.INHERITED
                || v.status() == Status.ONE_SIDED);
        for (Param p : network.params()) {
            String name = cases.perExample().gradient(p.name()).name();
            Verdict v = verdictsByName.get(name);
            if (v == null) {
                missing.add(new Missing(name, p.name(), p.shape()));
                passed = false;
            } else if (v.numerator().orElse(null) != Numerator.COST) {
                passed = false;
            }
        }
        return new Report(verdicts, missing, passed);
    }

    /**
     * Records a line's verdict and, unless {@code values} is null (no later line reads them), puts its
     * values in each environment of the instances and in the doubled one's RIGHT environment: in the
     * RIGHT ones, a wrong line's right value, dJ/dV when it meant that ({@code cost}); in all, a right
     * line's as the derivative it equals.
     */
    private void remember(Verdict verdict, LineValues values, boolean cost) {
        String name = verdict.line().name();
        boolean replace = isWrong(verdict);
        List<CheckInstances.Instance> instances = cases.instances();
        // A right line's values are put in as the derivative it equals: its rounding, within the tolerance
        // once, must not pile up through the lines after it into an error blamed on a right line.
        boolean exact = verdict.status().equalsDerivative();
        boolean exactCost = verdict.numerator().orElse(null) == Numerator.COST;
        for (int i = 0; values != null && i < instances.size(); i++) {
            for (int env = WRITTEN; env <= RIGHT_OTHER; env++) {
                Matrix own = values.on(env).get(i);
                Matrix right = replace && env != WRITTEN ? reference(i, verdict.of(), env == RIGHT ? cost : !cost)
                        : exact ? sameShape(reference(i, verdict.of(), exactCost), own) : null;
                instances.get(i).envs().get(env).put(name, right != null ? right : own);
            }
        }
        if (values != null) {
            Matrix own = values.onDoubled();
            Matrix right = replace ? cases.doubledReference(verdict.of(), cost)
                    : exact ? sameShape(cases.doubledReference(verdict.of(), exactCost), own) : null;
            cases.doubled().envs().get(RIGHT).put(name, right != null ? right : own);
        }
        if (replace) {
            meantCost.put(name, cost);
        }
        verdictsByName.put(name, verdict);
    }

    /** {@code reference} when it has {@code own}'s shape (the evaluator keeps a derivative constant along a side narrow), else null. */
    private static Matrix sameShape(Matrix reference, Matrix own) {
        return reference != null && reference.sameShape(own) ? reference : null;
    }

    /**
     * Per line, the names whose values judging it may read: those it reads, and those the earlier
     * lines of those names read ({@link Cancellation} writes helper lines into the line).
     */
    static List<Set<String>> reads(List<EquationLine> lines) {
        List<Set<String>> out = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            out.add(reads(lines.get(k).value(), lines.subList(0, k)));
        }
        return out;
    }

    /**
     * The names judging {@code value} may read after the lines {@code earlier}: those it reads, and,
     * going back through the earlier lines, those each line of a name already read reads in turn.
     */
    static Set<String> reads(Node value, List<EquationLine> earlier) {
        Set<String> read = new LinkedHashSet<>();
        Nodes.refs(value, Nodes.Masks.ENTER).forEach(r -> read.add(r.name()));
        for (int j = earlier.size() - 1; j >= 0; j--) {
            if (read.contains(earlier.get(j).name())) {
                Nodes.refs(earlier.get(j).value(), Nodes.Masks.ENTER).forEach(r -> read.add(r.name()));
            }
        }
        return read;
    }

    /**
     * Takes out of the working environments the values that no line after line {@code k} reads
     * ({@link #reads}): those line {@code k} was the last to read, and its own when no later line
     * reads it. A param's gradient on a wide network is 4096 x 4096 on each instance, in each
     * environment. A name the environments held before any line (an input, a param) stays.
     */
    private void forgetUnread(String name, LastReads lastReads, int k) {
        Set<String> unread = new LinkedHashSet<>(lastReads.lastReadBy(k));
        if (!lastReads.readAfter(name, k)) {
            unread.add(name);
        }
        for (String x : unread) {
            if (cases.instances().get(0).forward().has(x)) {
                continue;
            }
            for (CheckInstances.Instance inst : cases.instances()) {
                inst.envs().forEach(env -> env.remove(x));
            }
            cases.doubled().envs().forEach(env -> env.remove(x));
        }
    }

    static boolean isWrong(Verdict verdict) {
        return verdict.status() == Status.WRONG || verdict.status() == Status.INHERITED;
    }

    /** The wrong earlier lines an expression reads, directly or through helper lines. */
    List<Verdict> wrongInputs(Node node) {
        return inputs(node, Set.of(Status.WRONG, Status.INHERITED));
    }

    /**
     * The earlier lines an expression reads (directly or through helper lines) that were judged on one
     * side of a comparison alone, or right given such lines.
     */
    List<Verdict> oneSidedInputs(Node node) {
        return inputs(node, Set.of(Status.ONE_SIDED, Status.GIVEN_ONE_SIDED));
    }

    private List<Verdict> inputs(Node node, Set<Status> statuses) {
        Set<Verdict> out = new LinkedHashSet<>();
        collectInputs(node, statuses, out);
        return List.copyOf(out);
    }

    private void collectInputs(Node node, Set<Status> statuses, Set<Verdict> out) {
        if (node instanceof Ref r && verdictsByName.containsKey(r.name())) {
            Verdict v = verdictsByName.get(r.name());
            if (statuses.contains(v.status())) {
                out.add(v);
            } else if (v.status() == Status.HELPER) {
                collectInputs(v.line().value(), statuses, out);
            }
        } else if (node instanceof Apply a) {
            a.args().forEach(x -> collectInputs(x, statuses, out));
        }
    }

    // Accessors for Diagnosis and the diagnoses it asks in turn (OffByFactor, WrongParamTerm, ...), which explain a wrong line.

    List<CheckInstances.Instance> instances() {
        return cases.instances();
    }

    Matrix reference(int instance, String of, boolean cost) {
        return cases.reference(instance, of, cost);
    }

    Derivation perExample() {
        return cases.perExample();
    }

    /** The derivation as netgrad prints it, for showing users the right form. */
    Derivation printed() {
        return cases.printed();
    }

    /** The derivation as netgrad prints it in the cost convention (every value dJ). */
    Derivation printedCost() {
        return cases.printedCost();
    }

    /** How a value differs from the derivative of {@code of} on an instance ({@link CheckInstances#difference}). */
    CheckInstances.Difference difference(Matrix value, int instance, String of, boolean cost) {
        return cases.difference(value, instance, of, cost);
    }

    /** Whether a value measured as {@code d} equals the derivative of {@code of} on an instance, to rounding ({@link CheckInstances#equalsReference}). */
    boolean equalsReference(CheckInstances.Difference d, int instance, String of, boolean cost) {
        return cases.equalsReference(d, instance, of, cost, true);
    }

    Network network() {
        return network;
    }

    /**
     * The k of a term k/m * P that dJ/dP holds besides the examples' (the regularizer's, lambda/m * W
     * for l2): dJ/dP on the first instance less dJ/dP on it with its batch taken twice is k/(2m) * P,
     * the examples' mean being the same on both. Empty for a param without such a term.
     */
    OptionalDouble paramTermPerM(String of) {
        Matrix once = reference(0, of, true);
        Matrix twice = cases.doubledReference(of, true);
        Matrix param = cases.instances().get(0).forward().value(of);
        if (once == null || twice == null || param == null || !once.sameShape(twice) || !once.sameShape(param)) {
            return OptionalDouble.empty();
        }
        // The difference and the fit entry by entry, neither made whole: each a 4096 x 4096 matrix for a wide layer's weights.
        double[] a = once.data();
        double[] b = twice.data();
        double[] p = param.data();
        double dot = 0;
        double norm = 0;
        for (int k = 0; k < p.length; k++) {
            dot += (a[k] - b[k]) * p[k];
            norm += p[k] * p[k];
        }
        double c = norm == 0 ? 0 : dot / norm;
        boolean fits = c != 0 && Numerics.closeness(p.length, k -> a[k] - b[k], k -> c * p[k])
                .within(Numerics.FACTOR_TOLERANCE * 1e3, 0);
        return fits ? OptionalDouble.of(c * 2 * cases.instances().get(0).m()) : OptionalDouble.empty();
    }

    /**
     * The numerator of an earlier derivative line: the one it equals, or for a wrong line the one it
     * meant, whose right value the RIGHT environment holds. Empty for a helper.
     */
    Optional<Numerator> numeratorOf(String name) {
        Verdict v = verdictsByName.get(name);
        if (v == null || v.status() == Status.HELPER) {
            return Optional.empty();
        }
        if (v.status().equalsDerivative()) {
            return v.numerator();
        }
        Numerator derived = derivedNumerator(v.of());
        // A line not judged stands for what it names, as written.
        return Optional.of(v.status() != Status.NOT_JUDGED && meantCost.get(name) ? Numerator.COST : derived);
    }

    /** The numerator netgrad derives the value's derivative in. */
    Numerator derivedNumerator(String of) {
        return cases.perExample().equations().stream().filter(e -> e.of().equals(of)).findFirst()
                .map(Equation::numerator).orElse(Numerator.COST);
    }

    /** Whether a wrong line meant dJ/dV ({@link MeantNumerator#meantCost}). */
    boolean meantCost(String name) {
        return meantCost.get(name);
    }

    /** The earlier lines' verdicts, in line order. */
    Collection<Verdict> verdicts() {
        return verdictsByName.values();
    }

    Optional<Verdict> verdict(String name) {
        return Optional.ofNullable(verdictsByName.get(name));
    }

    boolean isParamLike(String of) {
        return cases.perExample().equations().stream()
                .anyMatch(e -> e.of().equals(of) && e.numerator() == Numerator.COST);
    }

    /** Names of the user's earlier derivative lines that an expression reads. */
    static List<String> derivativesRead(Node node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(Node node, List<String> out) {
        Nodes.refs(node, Nodes.Masks.ENTER).stream().filter(r -> r.kind() == RefKind.DERIVATIVE)
                .map(Ref::name).filter(name -> !out.contains(name)).forEach(out::add);
    }

}
