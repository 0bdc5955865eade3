package dev.netgrad.diff;

import dev.netgrad.diff.EquationChecker.Status;
import dev.netgrad.diff.EquationChecker.Verdict;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Ref;
import dev.netgrad.spec.EquationLine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The verdict on one line: right (and in which numerator), right given right inputs, not judged
 * (values that are not finite), a helper, or wrong, and then what is wrong ({@link Diagnosis}).
 */
final class LineJudge {
    /** The earlier lines' verdicts, the instances and references. */
    private final EquationChecker checker;
    private final CheckInstances cases;
    /** Judges a line again where a comparison it holds takes the value it never took on the instances. */
    private final CrossingJudge crossing;

    LineJudge(EquationChecker checker, CheckInstances cases) {
        this.checker = checker;
        this.cases = cases;
        this.crossing = new CrossingJudge(checker, cases);
    }

    Verdict judge(EquationLine line, LineValues values, List<Verdict> wrongInputs) {
        Optional<Equation> reference = cases.perExample().equation(line.name());
        if (reference.isEmpty()) {
            return new Verdict(line, Status.HELPER, Optional.empty(), line.name(), "defines a helper value" + notDerived(line.name()));
        }
        Equation ref = reference.get();
        Optional<Numerator> written = matching(values.oneAtATime(EquationChecker.WRITTEN), ref);
        if (written.isPresent()) {
            Verdict right = new Verdict(line, Status.CORRECT, written, ref.of(), "equals " + written.get().over(ref.of()));
            Verdict v = unlessEqualOnlyWhereNotFinite(right, ref, written.get());
            String inherits = wrongInputs.isEmpty() ? null : rightGiven(line.value(), wrongInputs);
            return v.status() == Status.CORRECT ? givenOneSided(crossing.judge(v, written.get(), EquationChecker.WRITTEN, "", inherits)) : v;
        }
        Optional<Numerator> givenRight = wrongInputs.isEmpty() ? Optional.empty() : matching(values.oneAtATime(EquationChecker.RIGHT), ref);
        if (givenRight.isPresent()) {
            Verdict inherits = new Verdict(line, Status.INHERITED, Optional.empty(), ref.of(), rightGiven(line.value(), wrongInputs));
            Verdict v = unlessEqualOnlyWhereNotFinite(inherits, ref, givenRight.get());
            return v.status() == Status.INHERITED ? crossing.judge(v, givenRight.get(), EquationChecker.RIGHT,
                    " (judged given a right " + inherited(wrongInputs, wrongInputs) + ")", null) : v;
        }
        Optional<String> notFinite = notFinite(line, ref, wrongInputs.isEmpty() ? EquationChecker.WRITTEN : EquationChecker.RIGHT);
        if (notFinite.isPresent()) {
            return new Verdict(line, Status.NOT_JUDGED, Optional.empty(), ref.of(), notFinite.get());
        }
        String why = wrongInputs.isEmpty() ? explain(line, ref, values, EquationChecker.WRITTEN)
                : explain(line, ref, values, EquationChecker.RIGHT) + " (judged given a right " + inherited(wrongInputs, wrongInputs) + ")";
        return new Verdict(line, Status.WRONG, Optional.empty(), ref.of(), why);
    }

    /**
     * Why a line that does not equal its derivative cannot be judged: the derivative in a numerator
     * it is compared with, or a value it reads in the environment it is judged in, is infinite or NaN
     * on an instance. A loss with a constant of 1e308 makes the per-example dZ overflow where dJ/dW is
     * finite: netgrad's own dW = 1/m * dZ @ A.T was "wrong", when no line could have been right there.
     */
    private Optional<String> notFinite(EquationLine line, Equation ref, int env) {
        List<String> read = Nodes.refs(line.value(), Nodes.Masks.ENTER).stream().map(Ref::name).distinct().toList();
        for (int i = 0; i < cases.instances().size(); i++) {
            int m = cases.instances().get(i).m();
            for (Numerator n : ref.numerator() == Numerator.COST ? List.of(Numerator.COST) : List.of(Numerator.COST, ref.numerator())) {
                Optional<String> at = Numerics.firstNonFinite(checker.reference(i, ref.of(), n == Numerator.COST), m);
                if (at.isPresent()) {
                    return Optional.of(cannotBeJudged(n.over(ref.of()) + " itself", at.get()));
                }
            }
            Environment values = cases.instances().get(i).envs().get(env);
            for (String name : read) {
                Optional<String> at = values.has(name) ? Numerics.firstNonFinite(values.value(name), m) : Optional.empty();
                if (at.isPresent()) {
                    String which = checker.verdict(name).map(v -> name + " (line " + v.line().pos().line() + ")").orElse(name);
                    return Optional.of(cannotBeJudged(which + ", which it reads,", at.get()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Why a line that equals its derivative is not judged right all the same: on every instance the
     * derivative is infinite or NaN wherever it is not 0, and there a value equals it whatever finite
     * multiple of the right one it is (db2 with 1/m twice "equalled" dJ/db2 when both overflowed in
     * every entry). One finite entry other than 0 is evidence enough, as it is for a line whose
     * instances saturate an output somewhere (dA = -Y / A with A exactly 0 in one entry).
     */
    private Optional<String> equalOnlyWhereNotFinite(Equation ref, Numerator matched) {
        Optional<String> first = Optional.empty();
        for (int i = 0; i < cases.instances().size(); i++) {
            Matrix reference = checker.reference(i, ref.of(), matched == Numerator.COST);
            if (Numerics.hasFiniteNonZero(reference)) {
                return Optional.empty();
            }
            if (first.isEmpty()) {
                first = Numerics.firstNonFinite(reference, cases.instances().get(i).m());
            }
        }
        return first.map(at -> cannotBeJudged(matched.over(ref.of()) + " itself", at));
    }

    /**
     * The verdict on a line that equals the derivative in the numerator {@code matched} (right, or right
     * given right inputs), or not judged when it equals it only where the derivative is not finite.
     */
    private Verdict unlessEqualOnlyWhereNotFinite(Verdict equal, Equation ref, Numerator matched) {
        return equalOnlyWhereNotFinite(ref, matched)
                .map(why -> new Verdict(equal.line(), Status.NOT_JUDGED, Optional.empty(), ref.of(), why)).orElse(equal);
    }

    private static String cannotBeJudged(String what, String at) {
        return "cannot be judged at these values: " + what + " is " + at + ", and a value that is not finite cannot be compared";
    }

    /**
     * Why a line that looks like a derivative ({@code dX}) is a helper all the same: netgrad derives
     * nothing for an input or a target (data, which nothing trains), nor for a value the loss does
     * not read, so there is nothing to judge it against. Empty for any other name.
     */
    private String notDerived(String name) {
        if (!name.startsWith("d") || name.length() < 2) {
            return "";
        }
        String of = name.substring(1);
        if (checker.network().inputs().stream().anyMatch(x -> x.name().equals(of))) {
            return ", not judged: " + of + " is an input, and netgrad derives nothing for data";
        }
        if (checker.network().targets().stream().anyMatch(y -> y.name().equals(of))) {
            return ", not judged: " + of + " is a target, and netgrad derives nothing for data";
        }
        if (of.equals(checker.network().loss()) || of.equals(checker.network().cost())) {
            // Not "the loss does not depend on L": the derivation starts from it.
            return ", not judged: " + of + " is the " + (of.equals(checker.network().loss()) ? "loss" : "cost") + " itself, where the"
                    + " backward pass starts (d" + of + "/d" + of + " is 1)";
        }
        if (checker.network().statements().stream().anyMatch(s -> s.name().equals(of))) {
            return ", not judged: the loss does not depend on " + of + ", so netgrad derives no " + name;
        }
        return "";
    }

    /** What is wrong, judged in one environment (a RIGHT one falls back to the other for a specific reason). */
    private String explain(EquationLine line, Equation ref, LineValues values, int env) {
        int[] batchSizes = cases.instances().stream().mapToInt(CheckInstances.Instance::m).toArray();
        LineValues.OneAtATime onEnv = values.oneAtATime(env);
        Optional<String> nonFinite = Numerics.nonFinite(onEnv, i -> checker.reference(i, ref.of(), false), batchSizes)
                .map(where -> "evaluates to " + where + ", where " + ref.label() + " is finite");
        if (nonFinite.isPresent()) {
            // sqrt(1 - A^2) for sqrt(1 + A^2): a slipped sign is a common way to leave a function's domain.
            JudgedLine judged = new JudgedLine(checker, line, ref, onEnv.first(CheckInstances.SEEDED), env);
            return nonFinite.get() + new Diagnosis(judged).signSlip().map(slip -> ": the line " + slip).orElse("");
        }
        // The diagnoses fit factors and terms on the seeded instances, on some variants of which a
        // line's value may be all zeros; a line that equals a derivative on the seeded ones differs on
        // a variant alone, and is judged on every instance, where a fix must hold on the variants too.
        int count = matching(onEnv.first(CheckInstances.SEEDED), ref).isPresent() ? cases.instances().size()
                : CheckInstances.SEEDED;
        JudgedLine judged = new JudgedLine(checker, line, ref, onEnv.first(count), env);
        Diagnosis first = new Diagnosis(judged);
        // A dropout's mask left out with its 1/keep shows as the 1/keep alone where the mask seldom matters: ask all.
        Optional<String> specific = count < cases.instances().size()
                ? new Diagnosis(new JudgedLine(checker, line, ref, onEnv.first(cases.instances().size()), env)).maskAndKeepMissing()
                : Optional.empty();
        specific = specific.or(first::specific);
        if (specific.isEmpty() && env == EquationChecker.RIGHT) {
            specific = new Diagnosis(judged.with(values.oneAtATime(EquationChecker.RIGHT_OTHER).first(count), EquationChecker.RIGHT_OTHER))
                    .specific();
        }
        // Last, as it evaluates the line again several times: right but for the digits rounding took.
        return specific.or(() -> new Cancellation(judged).explain()).orElseGet(first::generic);
    }

    /**
     * A right line as it stands, or, when it reads lines judged on one side of a comparison alone (or
     * right given such lines), right only given them: {@code dW1 ok, given dZ1: equals dJ/dW1; dZ1
     * (line 5) is judged only on one side of a comparison}, as a line after a wrong one is right given it.
     */
    private Verdict givenOneSided(Verdict right) {
        List<Verdict> inputs = right.status() == Status.CORRECT ? checker.oneSidedInputs(right.line().value()) : List.of();
        if (inputs.isEmpty()) {
            return right;
        }
        String message = "ok, given " + listed(inLineOrder(inputs).stream().map(v -> v.line().name()).toList()) + ": " + right.message()
                + "; " + oneSidedBehind(inputs);
        return new Verdict(right.line(), Status.GIVEN_ONE_SIDED, right.numerator(), right.of(), message);
    }

    /**
     * Why a line right given right inputs is not right: "right, given dZ3; dZ3 (line 1) is wrong", and, when
     * it reads lines judged on one side of a comparison alone too (or right given such lines), those named
     * beside them: "right, given dZ3 and dZ2; dZ3 (line 1) is wrong; dZ2 (line 3) is judged only on one side
     * of a comparison". Naming the wrong lines alone left the one-sided one unsaid.
     */
    private String rightGiven(Node value, List<Verdict> wrongInputs) {
        List<Verdict> oneSided = checker.oneSidedInputs(value);
        List<Verdict> given = new ArrayList<>(wrongInputs);
        given.addAll(oneSided);
        return "right, given " + inherited(inLineOrder(given), wrongBehind(wrongInputs)) + (oneSided.isEmpty() ? "" : "; "
                + oneSidedBehind(oneSided));
    }

    /** "dZ1 (line 5) is judged only on one side of a comparison": the one-sided lines behind {@code inputs}. */
    private String oneSidedBehind(List<Verdict> inputs) {
        List<Verdict> behind = behind(inputs, checker::oneSidedInputs, Status.ONE_SIDED);
        return listed(behind.stream().map(LineJudge::named).toList()) + (behind.size() == 1 ? " is" : " are")
                + " judged only on one side of a comparison";
    }

    /** "dZ1 (line 5)". */
    private static String named(Verdict v) {
        return v.line().name() + " (line " + v.line().pos().line() + ")";
    }

    /** "dZ1; dZ1 (line 5) is wrong": the wrong values a line was given right, then the wrong lines named. */
    private static String inherited(List<Verdict> given, List<Verdict> wrong) {
        String names = listed(given.stream().map(v -> v.line().name()).toList());
        String lines = listed(wrong.stream().map(LineJudge::named).toList());
        return names + "; " + lines + (wrong.size() == 1 ? " is" : " are") + " wrong";
    }

    /** "a", "a and b", "a, b and c". */
    private static String listed(List<String> items) {
        int last = items.size() - 1;
        return last < 1 ? String.join("", items) : String.join(", ", items.subList(0, last)) + " and " + items.get(last);
    }

    /**
     * The wrong lines behind a line's wrong inputs, in line order: the inputs themselves and every line
     * with a mistake of its own they depend on in turn. Naming only the nearest one sent the user from
     * line to line to find where the error entered ({@code dW1} reads a {@code dZ1} wrong only through
     * {@code dZ2}).
     */
    private List<Verdict> wrongBehind(List<Verdict> wrongInputs) {
        Set<Verdict> out = new LinkedHashSet<>(wrongInputs);
        out.addAll(behind(wrongInputs, checker::wrongInputs, Status.WRONG));
        return inLineOrder(out);
    }

    /**
     * The lines of status {@code own} behind {@code inputs}, in line order: those of them, and those that
     * each of them reads in turn, as {@code inputsOf} tells.
     */
    private static List<Verdict> behind(List<Verdict> inputs, Function<Node, List<Verdict>> inputsOf, Status own) {
        Set<Verdict> out = new LinkedHashSet<>();
        Set<Verdict> seen = new LinkedHashSet<>(inputs);
        List<Verdict> todo = new ArrayList<>(inputs);
        while (!todo.isEmpty()) {
            Verdict next = todo.remove(todo.size() - 1);
            if (next.status() == own) {
                out.add(next);
            }
            for (Verdict upstream : inputsOf.apply(next.line().value())) {
                if (seen.add(upstream)) {
                    todo.add(upstream);
                }
            }
        }
        return inLineOrder(out);
    }

    private static List<Verdict> inLineOrder(Collection<Verdict> verdicts) {
        return verdicts.stream().sorted(Comparator.comparingInt((Verdict v) -> v.line().pos().line())
                .thenComparingInt(v -> v.line().pos().column())).toList();
    }

    /**
     * The numerator whose derivative the values equal on every instance they are given for: dJ first,
     * else the derived one. Each value is evaluated once, when first asked for, and let go once
     * measured against the derivative in each numerator compared with ({@link
     * CheckInstances.Difference}), those made first and the value a block of rows at a time where it
     * can be ({@link LineValues.OneAtATime#differences}): the references' noise and rounding bounds
     * are made after, with no value of the line held (a wrong 4096 x 4096 param line's was, beside its
     * bound's 4096 x 4096 matrices).
     */
    private Optional<Numerator> matching(LineValues.OneAtATime values, Equation ref) {
        List<Boolean> numerators = ref.numerator() == Numerator.COST ? List.of(true) : List.of(true, false);
        Map<Integer, Map<Boolean, CheckInstances.Difference>> measured = new HashMap<>();
        return matching(ref, (cost, bound) -> IntStream.range(0, values.size()).allMatch(i -> {
            Map<Boolean, CheckInstances.Difference> differences = measured.computeIfAbsent(i, k -> {
                List<Matrix> references = numerators.stream().map(c -> cases.reference(k, ref.of(), c)).toList();
                List<CheckInstances.Difference> d = values.differences(k, references);
                return IntStream.range(0, numerators.size()).boxed().collect(Collectors.toMap(numerators::get, d::get));
            });
            return cases.equalsReference(differences.get(cost), i, ref.of(), cost, bound);
        }));
    }

    /** Whether values equal a derivative on every instance: dJ/dV when {@code cost}, with the rounding bound when {@code bound}. */
    private interface MatchesAll {
        boolean test(boolean cost, boolean bound);
    }

    private static Optional<Numerator> matching(Equation ref, MatchesAll matchesAll) {
        // The rounding bound takes a backward pass to compute: asked for only when neither numerator
        // matches without it, not each time a per-example line fails to equal dJ/dV.
        for (boolean bound : new boolean[] {false, true}) {
            if (matchesAll.test(true, bound)) {
                return Optional.of(Numerator.COST);
            }
            if (ref.numerator() != Numerator.COST && matchesAll.test(false, bound)) {
                return Optional.of(ref.numerator());
            }
        }
        return Optional.empty();
    }
}
