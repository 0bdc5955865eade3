package dev.netgrad.diff;

import dev.netgrad.diff.EquationChecker.Status;
import dev.netgrad.diff.EquationChecker.Verdict;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.ir.ShapeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Judges a line that equals a derivative on every instance again where a comparison it holds takes the
 * value it never took there. A comparison ({@code abs(Z1) < 3}, {@code Z1 > -5}, and the kink of a relu,
 * a leaky relu or an abs, {@code x > 0}), in the line or in a helper it reads, whose truth is the same on
 * every entry of every instance leaves the line unjudged where it is the other: {@code dZ1 = dA1 * (1 -
 * A1^2) * (abs(Z1) < 3)} equals dL/dZ1 wherever |Z1| stays below 3, as it does on pre-activations of
 * order 1. Such a line is judged also on the seeded instance with its inputs, its params or both scaled,
 * by the first power of 4 up or down that makes the comparison take its other value somewhere (so that it
 * crosses by little, and the derivative there is not lost under the rest), with the earlier lines' values
 * made there as on the instances. A comparison the values' ranges settle ({@link ValueRange}: {@code A2 <
 * 1.5} after a sigmoid) is the same on every instance there can be, and asks nothing; one that no scaling
 * crosses ({@code Y > 2} on 0/1 targets, a constant past the doubles) leaves the line {@link
 * Status#ONE_SIDED}, not right. A comparison with a number that turns a little way off where one of
 * netgrad's own does ({@code Z1 > 1e-3} beside a relu's {@code Z1 > 0}, {@code Z1 > 0.501} beside a
 * spec's {@code Z1 > 0.5}: {@link Threshold}) is judged also on the first scaling that puts the compared
 * value between the two, where the line may differ: a power of 4, else a factor between two of them
 * ({@link Scaling#between}).
 */
final class CrossingJudge {
    /** The seeded instance scaled: the one with the most examples. */
    private static final int SCALED = CheckInstances.SEEDED - 1;

    private final EquationChecker checker;
    private final CheckInstances cases;
    private final ValueRange.Of ranges;
    /** netgrad's own comparisons ({@link Derived}), gathered the first time they are asked about. */
    private Derived derived;

    /**
     * The comparisons netgrad's own derivations hold (relu's {@code Z1 > 0}, and every one a spec's forward
     * values hold): where no instance crosses one, netgrad's derivative turns on it as the line does, and
     * it is not said to leave the line judged on one side (derive's own lines would be); and their
     * thresholds ({@link Threshold}), where a line's own comparison may turn a little way off.
     */
    private record Derived(Set<Apply> tests, List<Threshold> thresholds) {
    }

    /**
     * A comparison a line holds: the test itself, or {@code x > 0} for a relu, a leaky relu or an abs of x,
     * the {@code origin}; {@code inLine} when the line itself holds it, not a line it reads.
     */
    private record Selection(Apply test, Apply origin, boolean inLine) {
        String shown() {
            return ExprPrinter.print(test);
        }

        /** What the origin is where the test is {@code truth}: the comparison's 0 or 1, or the relu's x or 0. */
        Node where(boolean truth) {
            Node x = origin.x();
            return switch (origin.op()) {
                case RELU -> truth ? x : Apply.of(Op.MUL, Num.ZERO, x);
                case LEAKY_RELU -> truth ? x : Apply.of(Op.MUL, origin.arg(1), x);
                case ABS -> truth ? x : Apply.of(Op.NEG, x);
                default -> truth ? Apply.of(Op.ONES_LIKE, test) : Apply.of(Op.MUL, Num.ZERO, Apply.of(Op.ONES_LIKE, test));
            };
        }
    }

    /** A comparison that every instance leaves on one {@code side}: true or false on every entry. */
    private record Sided(Selection selection, boolean side) {
    }

    /**
     * What judging a line where a comparison crosses found: right there, wrong there, or no instance that
     * crosses it; the scaling and the instance's index where one does.
     */
    private record Crossed(boolean right, Optional<Scaling> on, int instance) {
        static final Crossed NONE = new Crossed(true, Optional.empty(), -1);
    }

    CrossingJudge(EquationChecker checker, CheckInstances cases) {
        this.checker = checker;
        this.cases = cases;
        this.ranges = new ValueRange.Of(cases.perExample());
    }

    /** netgrad's own comparisons and their thresholds ({@link Derived}), gathered once. */
    private Derived derived() {
        if (derived == null) {
            Set<Apply> tests = new HashSet<>();
            for (Derivation d : List.of(cases.perExample(), cases.printed(), cases.printedCost())) {
                Map<Apply, Selection> found = new HashMap<>();
                d.forward().forEach(st -> tests(st.value(), found, null, false, true));
                d.equations().forEach(e -> tests(e.value(), found, null, false, true));
                tests.addAll(found.keySet());
            }
            derived = new Derived(tests, tests.stream().flatMap(t -> Threshold.of(t, Threshold.NO_HELPERS).stream()).toList());
        }
        return derived;
    }

    /** Whether netgrad's own derivations hold the comparison. */
    private boolean derived(Apply test) {
        return derived().tests().contains(test);
    }

    /**
     * The verdict on a line that equals the derivative in the numerator {@code matched} on every instance
     * in environment {@code env} ({@code equal}, right or right given right inputs): the same, unless a
     * comparison it holds took one value on all of them; then wrong where an instance that crosses it
     * shows it differs ({@code given} said after why), else, when no instance crosses one, judged on one
     * side alone (a line right given right inputs stays as it is: it is not called right either way). A
     * right line that reads wrong lines is judged also where their comparisons cross, and is right there
     * given right inputs ({@code inherits}, its message then, null when it reads none) or wrong.
     */
    Verdict judge(Verdict equal, Numerator matched, int env, String given, String inherits) {
        List<Selection> selections = selections(equal.line().value(), env);
        List<Sided> oneSided = new ArrayList<>();
        for (Selection s : selections) {
            side(s, env).ifPresent(side -> oneSided.add(new Sided(s, side)));
        }
        keepThoseTheLineTurnsOn(equal.line().value(), env, oneSided);
        Sided uncrossed = null;
        for (Sided one : oneSided) {
            Selection s = one.selection();
            boolean side = one.side();
            Crossed crossed = movable(s.test()) ? crossed(equal, matched, env, values -> takes(s.test(), values, !side)) : Crossed.NONE;
            if (!crossed.right()) {
                return wrongWhereCrossed(equal, matched, crossed, inherits, "differs from " + matched.over(equal.of()) + " where "
                        + s.shown() + " is " + !side + ", which it never is on the random instances: it equals it where that is " + side
                        + ", but not on a random instance with " + crossed.on().orElseThrow().said() + ", where it is " + !side + given);
            }
            if (crossed.on().isEmpty() && uncrossed == null && !derived(s.test())) {
                uncrossed = one;
            }
        }
        Optional<Verdict> offThreshold = offThreshold(equal, matched, env, selections, given, inherits);
        if (offThreshold.isPresent()) {
            return offThreshold.get();
        }
        if (uncrossed == null || equal.status() != Status.CORRECT) {
            return equal;
        }
        boolean side = uncrossed.side();
        String shown = uncrossed.selection().shown();
        String why = "judged only where " + shown + " is " + side + ": there it " + equal.message() + " on every instance, but"
                + " no instance netgrad can make has it " + !side + (movable(uncrossed.selection().test()) ? " (with the inputs or params scaled by"
                + " up to 65536 either way)" : " (no input or param moves it)") + ", and where it is the line could differ";
        return new Verdict(equal.line(), Status.ONE_SIDED, equal.numerator(), equal.of(), why);
    }

    /**
     * The verdict on a line shown to differ from its derivative on the instance {@code crossed} made:
     * right given right inputs ({@code inherits}) when it is so there, else wrong, {@code why}.
     */
    private Verdict wrongWhereCrossed(Verdict equal, Numerator matched, Crossed crossed, String inherits, String why) {
        if (inherits != null && rightGivenRightInputs(equal, matched, crossed.instance())) {
            return new Verdict(equal.line(), Status.INHERITED, Optional.empty(), equal.of(), inherits);
        }
        return new Verdict(equal.line(), Status.WRONG, Optional.empty(), equal.of(), why);
    }

    /**
     * Wrong (or right only given right inputs) when a comparison the line holds, and netgrad's derivation
     * does not, turns at another number than one of the derivation's does ({@code Z1 > 1e-3} for a relu's
     * {@code Z1 > 0}, {@code Z1 > 0.501} for a spec's {@code Z1 > 0.5}), and the line differs from its
     * derivative on a scaling of the seeded instance that puts an entry of the compared value between the
     * two numbers: the first power of 4 that does, else a factor found between two of them ({@link
     * Scaling#between}). Empty when no such scaling shows it differs: the two may then agree wherever the
     * values can be, as {@code Z1 >= 0} and {@code Z1 > 0} do. {@code selections} are the line's
     * comparisons ({@link #selections}).
     */
    private Optional<Verdict> offThreshold(Verdict equal, Numerator matched, int env, List<Selection> selections, String given,
                                           String inherits) {
        for (Selection s : selections) {
            if (derived(s.test())) {
                continue;
            }
            Optional<Threshold> own = Threshold.of(s.test(), this::helperValue);
            if (own.isEmpty() || ValueRange.settles(s.test(), ranges) || !movable(own.get().operand())) {
                continue;
            }
            Threshold mine = own.get();
            // The compared value's entries on each scaling, made once (a forward pass each) and read by the pass
            // over the powers of 4 and by the search between them, for every threshold of netgrad's asked about.
            Map<Scaling, double[]> entriesOn = new HashMap<>();
            Function<Scaling, double[]> entries = scaling -> entriesOn.computeIfAbsent(scaling, sc -> Evaluator.evaluate(mine.operand(),
                    lineValues(equal.line().value(), cases.scaledForward(SCALED, sc.inputs(), sc.params()), -1, env)).data());
            for (Threshold theirs : thresholdsBeside(mine)) {
                // Both lists hold only scalings already seen to land (on the entries above), so crossed asks no more.
                Predicate<Environment> landed = values -> true;
                Iterable<Scaling> landing = () -> Scaling.grid().stream()
                        .filter(sc -> Arrays.stream(entries.apply(sc)).anyMatch(v -> mine.between(v, theirs))).iterator();
                Crossed crossed = crossed(equal, matched, env, landed, landing);
                if (crossed.on().isEmpty()) {
                    crossed = crossed(equal, matched, env, landed, Scaling.between(entries, Math.min(mine.at(), theirs.at()),
                            Math.max(mine.at(), theirs.at())));
                }
                if (!crossed.right()) {
                    String operand = ExprPrinter.print(mine.operand());
                    return Optional.of(wrongWhereCrossed(equal, matched, crossed, inherits, "differs from " + matched.over(equal.of())
                            + " where " + operand + " is between " + mine.number() + ", where " + mine.shown() + " turns, and "
                            + theirs.number() + ", where netgrad's own " + theirs.shown() + " turns: no random instance has it there,"
                            + " but one with " + crossed.on().orElseThrow().said() + " does, and there the line is not "
                            + matched.over(equal.of()) + given));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * netgrad's own thresholds at other numbers than {@code own}'s, one for each number: one on the same
     * value where there is one (whose comparison the message names), the search being the same for all.
     */
    private List<Threshold> thresholdsBeside(Threshold own) {
        Map<Double, Threshold> byNumber = new LinkedHashMap<>();
        for (Threshold theirs : derived().thresholds()) {
            Threshold kept = byNumber.get(theirs.at());
            boolean closer = kept == null || !kept.operand().equals(own.operand()) && theirs.operand().equals(own.operand());
            if (theirs.at() != own.at() && closer) {
                byNumber.put(theirs.at(), theirs);
            }
        }
        return List.copyOf(byNumber.values());
    }

    /** The value of an equations' helper line, by name: what a threshold written as one is ({@link Threshold}). */
    private Optional<Node> helperValue(String name) {
        return checker.verdict(name).filter(v -> v.status() == Status.HELPER).map(v -> v.line().value());
    }

    /** Whether the line equals the derivative on instance {@code i} with every wrong line it reads made right. */
    private boolean rightGivenRightInputs(Verdict equal, Numerator matched, int i) {
        Matrix value = Evaluator.evaluate(equal.line().value(), lineValues(equal.line().value(), cases.instance(i).forward(), i,
                EquationChecker.RIGHT));
        boolean cost = matched == Numerator.COST;
        return cases.equalsReference(CheckInstances.difference(value, cases.reference(i, equal.of(), cost)), i, equal.of(), cost, true);
    }

    /**
     * Leaves in {@code oneSided} the comparisons the line's value turns on where the instances are: those
     * the line itself holds whose other value, put in on every entry, changes the line's value on some
     * instance, or all of them when only all put in at once do; and every one a line it reads holds. A
     * comparison of a value that is 0 on every instance ({@code dA1 > 0}, a factor of a line already
     * multiplied by dA1) leaves the line the same either way, and is not asked about.
     */
    private void keepThoseTheLineTurnsOn(Node line, int env, List<Sided> oneSided) {
        List<Sided> own = oneSided.stream().filter(one -> one.selection().inLine()).toList();
        if (own.isEmpty()) {
            return;
        }
        Set<Sided> kept = new LinkedHashSet<>();
        for (Sided one : own) {
            if (turnsOn(line, List.of(one), env)) {
                kept.add(one);
            }
        }
        if (kept.isEmpty() && turnsOn(line, own, env)) {
            kept.addAll(own);
        }
        oneSided.removeIf(one -> one.selection().inLine() && !kept.contains(one));
    }

    /**
     * Whether the line's value changes on some instance with each comparison of {@code which} put in as
     * its other value on every entry (as it does when that cannot be written).
     */
    private boolean turnsOn(Node line, List<Sided> which, int env) {
        Node flipped = line;
        try {
            for (Sided one : which) {
                flipped = Nodes.replaced(flipped, one.selection().origin(), one.selection().where(!one.side()), Nodes.Masks.SKIP);
            }
        } catch (ShapeException e) {
            return true;
        }
        return changes(line, flipped, env);
    }

    /** Whether {@code flipped} differs from {@code line} on some entry of some instance, in environment {@code env}. */
    private boolean changes(Node line, Node flipped, int env) {
        for (CheckInstances.Instance instance : cases.instances()) {
            double[] a = Evaluator.evaluate(line, instance.envs().get(env)).data();
            double[] b = Evaluator.evaluate(flipped, instance.envs().get(env)).data();
            if (a.length != b.length) {
                return true;
            }
            for (int k = 0; k < a.length; k++) {
                if (a[k] != b[k]) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The comparisons in a value and in the helper lines it reads, each once; as written ({@link
     * EquationChecker#WRITTEN}), also those of the wrong lines it reads, whose values it takes as they are.
     */
    private List<Selection> selections(Node value, int env) {
        Map<Apply, Selection> tests = new LinkedHashMap<>();
        tests(value, tests, new LinkedHashSet<>(), env == EquationChecker.WRITTEN, true);
        return List.copyOf(tests.values());
    }

    /**
     * Adds the comparisons of {@code value} to {@code tests}, by test; with {@code seen}, those of the helper
     * lines it reads too, and of the wrong lines when {@code wrongToo}.
     */
    private void tests(Node value, Map<Apply, Selection> tests, Set<String> seen, boolean wrongToo, boolean inLine) {
        for (Node n : Nodes.of(value, Nodes.Masks.SKIP)) {
            if (n instanceof Apply a && a.op().isComparison()) {
                tests.putIfAbsent(a, new Selection(a, a, inLine));
            } else if (n instanceof Apply a && (a.op() == Op.RELU || a.op() == Op.LEAKY_RELU || a.op() == Op.ABS)) {
                try {
                    Apply test = Apply.of(Op.GT, a.x(), Num.ZERO);
                    tests.putIfAbsent(test, new Selection(test, a, inLine));
                } catch (ShapeException e) {
                    // An image's kink: its comparison has the image's shape all the same; nothing to add if not.
                }
            } else if (n instanceof Ref r && seen != null && seen.add(r.name())) {
                checker.verdict(r.name()).filter(v -> v.status() == Status.HELPER || wrongToo && EquationChecker.isWrong(v))
                        .ifPresent(v -> tests(v.line().value(), tests, seen, wrongToo, false));
            }
        }
    }

    /**
     * The one value a comparison takes on every entry of every instance, in environment {@code env};
     * empty when it takes both, or when the ranges of its operands settle it wherever they are.
     */
    private Optional<Boolean> side(Selection s, int env) {
        if (ValueRange.settles(s.test(), ranges)) {
            return Optional.empty();
        }
        Boolean seen = null;
        for (CheckInstances.Instance instance : cases.instances()) {
            for (double v : Evaluator.evaluate(s.test(), instance.envs().get(env)).data()) {
                boolean truth = v != 0;
                if (seen != null && seen != truth) {
                    return Optional.empty();
                }
                seen = truth;
            }
        }
        return Optional.ofNullable(seen);
    }

    /**
     * The line judged on the first scaling of the seeded instance whose values (the forward values and
     * the earlier lines' the line reads) {@code lands} holds for and where the line's value is finite:
     * right or wrong there, or right and on none when no scaling gets there.
     */
    private Crossed crossed(Verdict equal, Numerator matched, int env, Predicate<Environment> lands) {
        return crossed(equal, matched, env, lands, Scaling.grid());
    }

    /** {@link #crossed} on the first of {@code scalings} where the values land and the line's value is finite. */
    private Crossed crossed(Verdict equal, Numerator matched, int env, Predicate<Environment> lands, Iterable<Scaling> scalings) {
        for (Scaling scaling : scalings) {
            Environment forwarded = cases.scaledForward(SCALED, scaling.inputs(), scaling.params());
            // Made whole (references and all, as large as the params) only where the values land as asked on the
            // forward values and the earlier lines' values as written.
            if (!lands.test(lineValues(equal.line().value(), forwarded, -1, env))) {
                continue;
            }
            int i = cases.crossingInstance(scaling.recipe(SCALED), forwarded);
            boolean cost = matched == Numerator.COST;
            Matrix reference = cases.reference(i, equal.of(), cost);
            if (!finite(reference)) {
                continue;
            }
            Environment values = lineValues(equal.line().value(), cases.instance(i).forward(), i, env);
            if (!lands.test(values)) {
                continue;
            }
            Matrix value = Evaluator.evaluate(equal.line().value(), values);
            if (!finite(value)) {
                continue;
            }
            boolean right = cases.equalsReference(CheckInstances.difference(value, reference), i, equal.of(), cost, true);
            return new Crossed(right, Optional.of(scaling), i);
        }
        return Crossed.NONE;
    }

    /** Whether scaling the inputs or params can move an expression: it reads one, through the forward values or a line. */
    private boolean movable(Node node) {
        for (Ref r : Nodes.refs(node, Nodes.Masks.ENTER)) {
            if (r.kind() == RefKind.TARGET || r.kind().isScalarConstant() || r.hasValue()) {
                continue;
            }
            Optional<Node> forward = ranges.forwardValue(r.name());
            if (r.kind() != RefKind.VALUE || forward.isEmpty() || movable(forward.get())) {
                return true;
            }
        }
        return false;
    }

    private static boolean finite(Matrix m) {
        return m != null && m.isFinite();
    }

    private static boolean takes(Apply test, Environment env, boolean truth) {
        return Arrays.stream(Evaluator.evaluate(test, env).data()).anyMatch(v -> (v != 0) == truth);
    }

    /**
     * The values a line reads on instance {@code i}: its forward values {@code forwarded}, then each earlier
     * line it reads (directly or through them) as on the judged instances in environment {@code env}: a
     * right line as the derivative it equals, a wrong one as written or, given right inputs, as the
     * derivative it meant, a helper as written. With no instance ({@code i} -1, its references not made),
     * every line as written.
     */
    private Environment lineValues(Node line, Environment forwarded, int i, int env) {
        Environment out = forwarded.copy();
        Set<String> read = EquationChecker.reads(line, checker.verdicts().stream().map(Verdict::line).toList());
        for (Verdict v : checker.verdicts()) {
            if (read.contains(v.line().name())) {
                out.put(v.line().name(), valueOf(v, i, out, env));
            }
        }
        return out;
    }

    private Matrix valueOf(Verdict v, int i, Environment values, int env) {
        boolean wrongMadeRight = env != EquationChecker.WRITTEN && EquationChecker.isWrong(v);
        if (i >= 0 && (v.status().equalsDerivative() || wrongMadeRight)) {
            Optional<Numerator> n = checker.numeratorOf(v.line().name());
            Matrix right = n.isEmpty() ? null : cases.reference(i, v.of(), n.get() == Numerator.COST);
            Shape shape = v.line().value().shape();
            int m = values.batchSize();
            if (right != null && (wrongMadeRight || right.rows() == shape.rows(m) && right.cols() == shape.cols(m))) {
                return right;
            }
        }
        return Evaluator.evaluate(v.line().value(), values);
    }
}
