package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Judges a user's hand-written backward pass line by line. A line is evaluated on several seeded
 * random instances with different batch sizes (and, for a network with a narrow layer, on variants
 * of them: {@link CheckInstances}) and compared with dL/dV (or d(sum L)/dV) and dJ/dV;
 * when it matches neither, {@link Diagnosis} says how it differs. Each line is evaluated as
 * written, with the user's earlier lines substituted, and also with every wrong earlier line
 * replaced by its right value in the numerator the user meant (dL or dJ): a line that is right given
 * right inputs inherits its error and is not counted as a mistake of its own.
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
        NOT_JUDGED
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
    private final Map<String, Verdict> verdictsByName = new HashMap<>();
    /** Per wrong line, whether it meant dJ/dV (else the numerator netgrad derives). */
    private final Map<String, Boolean> meantCost = new HashMap<>();




    private EquationChecker(Network network, CheckInstances cases) {
        this.network = network;
        this.cases = cases;
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
            // The doubled batch is asked only how a wrong line's value given right inputs depends on m,
            // and later lines read the line's value there: evaluated when either asks.
            OnDoubled onDoubled = new OnDoubled(line);
            Verdict verdict = judge(line, values, wrongInputs);
            boolean cost = meantCost(verdict, values, onDoubled);
            verdict = withConventionNote(verdict, cost);
            // A value no later line reads is not put in at all: it would be taken out again at once.
            boolean kept = lastReads.readAfter(line.name(), k) || cases.instances().get(0).forward().has(line.name());
            remember(verdict, kept ? values : null, onDoubled, cost);
            verdicts.add(verdict);
            forgetUnread(line.name(), lastReads, k);
            cases.lineJudged();
        }
        List<Missing> missing = new ArrayList<>();
        boolean passed = verdicts.stream().noneMatch(v -> v.status() == Status.WRONG || v.status() == Status.INHERITED);
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

    /** A line's value on the doubled batch, in its RIGHT environment: evaluated the first time it is asked for. */
    private final class OnDoubled {
        private final EquationLine line;
        private Matrix value;

        OnDoubled(EquationLine line) {
            this.line = line;
        }

        Matrix get() {
            if (value == null) {
                value = Evaluator.evaluate(line.value(), cases.doubled().envs().get(RIGHT));
            }
            return value;
        }
    }

    /**
     * Records a line's verdict and, unless {@code values} is null (no later line reads them), puts its
     * values in each environment of the instances and in the doubled one's RIGHT environment: in the
     * RIGHT ones, a wrong line's right value, dJ/dV when it meant that ({@code cost}).
     */
    private void remember(Verdict verdict, LineValues values, OnDoubled onDoubled, boolean cost) {
        String name = verdict.line().name();
        boolean replace = isWrong(verdict);
        List<CheckInstances.Instance> instances = cases.instances();
        for (int i = 0; values != null && i < instances.size(); i++) {
            for (int env = WRITTEN; env <= RIGHT_OTHER; env++) {
                Matrix right = replace && env != WRITTEN ? reference(i, verdict.of(), env == RIGHT ? cost : !cost) : null;
                instances.get(i).envs().get(env).put(name, right != null ? right : values.on(env).get(i));
            }
        }
        if (values != null) {
            Matrix right = replace ? cases.doubledReference(verdict.of(), cost) : null;
            cases.doubled().envs().get(RIGHT).put(name, right != null ? right : onDoubled.get());
        }
        if (replace) {
            meantCost.put(name, cost);
        }
        verdictsByName.put(name, verdict);
    }

    /**
     * Per line, the names whose values judging it may read: those it reads, and those the earlier
     * lines of those names read ({@link Cancellation} writes helper lines into the line).
     */
    static List<Set<String>> reads(List<EquationLine> lines) {
        List<Set<String>> out = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            Set<String> read = new LinkedHashSet<>();
            Nodes.refs(lines.get(k).value(), Nodes.Masks.ENTER).forEach(r -> read.add(r.name()));
            for (int j = k - 1; j >= 0; j--) {
                if (read.contains(lines.get(j).name())) {
                    read.addAll(out.get(j));
                }
            }
            out.add(read);
        }
        return out;
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

    private static boolean isWrong(Verdict verdict) {
        return verdict.status() == Status.WRONG || verdict.status() == Status.INHERITED;
    }

    /**
     * For a wrong per-example line that puts in the cost's 1/m itself while the derivatives it reads
     * are dL (or d(sum L)): it mixes the conventions, and the lines after it are judged as reading
     * dJ/dV from it, which is worth saying where the 1/m entered.
     */
    private Verdict withConventionNote(Verdict verdict, boolean cost) {
        if (verdict.status() != Status.WRONG || !cost || isParamLike(verdict.of())) {
            return verdict;
        }
        Set<Boolean> read = new LinkedHashSet<>();
        collectMeantCost(verdict.line().value(), read);
        if (!read.contains(false)) {
            return verdict;
        }
        String name = verdict.line().name();
        String inputs = EquationChecker.derivativesRead(verdict.line().value()).stream()
                .filter(x -> verdict(x).map(v -> !isParamLike(v.of())).orElse(false)
                        && numeratorOf(x).orElse(Numerator.COST) != Numerator.COST)
                .map(x -> x + " is " + numeratorOf(x).orElseThrow().over(verdict(x).orElseThrow().of()))
                .collect(Collectors.joining(" and "));
        Numerator course = cases.perExample().equations().stream().filter(e -> e.of().equals(verdict.of())).findFirst()
                .map(Equation::numerator).orElse(Numerator.LOSS);
        String note = ". It also mixes the conventions, applying the cost's 1/m too early: " + inputs + ", so " + name
                + " stands for " + Numerator.COST.over(verdict.of()) + " in the lines after it (in the course's notation " + name
                + " is " + course.over(verdict.of()) + ", and the 1/m enters at the params' lines)";
        return new Verdict(verdict.line(), verdict.status(), verdict.numerator(), verdict.of(), verdict.message() + note);
    }

    /**
     * Whether a wrong line meant dJ/dV rather than the numerator netgrad derives: a line right given
     * right inputs as the one it equals then; any other by how it depends on m ({@link #powerOfM}:
     * the 1/m its inputs carry and the one it puts in itself), else as the earlier per-example
     * derivatives it reads are, or, when it reads none, as its values are nearer dJ/dV than dL/dV
     * in size. Replacing it by whichever fits let a later line without its 1/m, or with it twice,
     * pass as "right, given" the wrong one. False for a line that is not wrong.
     */
    private boolean meantCost(Verdict verdict, LineValues values, OnDoubled onDoubled) {
        if (!isWrong(verdict)) {
            return false;
        }
        if (isParamLike(verdict.of())) {
            return true;
        }
        if (verdict.status() == Status.INHERITED) {
            return values.all(RIGHT, (v, i) -> equalsReference(v, i, verdict.of(), true));
        }
        OptionalInt power = powerOfM(verdict.of(), values.on(RIGHT).get(0), onDoubled.get());
        if (power.isPresent()) {
            return power.getAsInt() <= 0;
        }
        Set<Boolean> read = new LinkedHashSet<>();
        collectMeantCost(verdict.line().value(), read);
        if (!read.isEmpty()) {
            return read.contains(true);
        }
        List<Matrix> written = values.on(WRITTEN);
        double offCost = 0;
        double offDerived = 0;
        for (int i = 0; i < CheckInstances.SEEDED; i++) {
            double size = Numerics.norm(written.get(i));
            double cost = Numerics.norm(reference(i, verdict.of(), true));
            double derived = Numerics.norm(reference(i, verdict.of(), false));
            if (size > 0 && cost > 0 && derived > 0 && Double.isFinite(size)) {
                offCost += Math.abs(Math.log(size / cost));
                offDerived += Math.abs(Math.log(size / derived));
            }
        }
        return offCost < offDerived;
    }

    /**
     * The power k for which a line's value depends on m as m^k * dJ/dV does, measured on the first
     * instance and on it with its batch taken twice: for {@code of}'s m-column entries the two agree
     * (k = 1, a dL or d(sum L) reading) or halve (k = 0, dJ), whatever else is wrong in the line, as
     * long as the line keeps each example's column to itself. The powers of 1/m the line's inputs
     * carry count as the user meant them: a line that puts in its own 1/m after reading dL/dZ2 is dJ.
     * Comparing the line with the references across the random instances could not tell: the ratio
     * of a wrongly derived value to either varies from instance to instance whatever it meant.
     * Empty when the line's value is zero, or not a multiple of itself on the doubled batch.
     */
    private OptionalInt powerOfM(String of, Matrix value, Matrix onDoubled) {
        OptionalDouble line = Numerics.ratio(firstBlock(onDoubled, value), value);
        OptionalDouble cost = Numerics.ratio(firstBlock(cases.doubledReference(of, true), reference(0, of, true)), reference(0, of, true));
        if (line.isEmpty() || cost.isEmpty() || line.getAsDouble() <= 0 || cost.getAsDouble() <= 0) {
            return OptionalInt.empty();
        }
        double k = Math.log(line.getAsDouble() / cost.getAsDouble()) / Math.log(2);
        return Math.abs(k - Math.rint(k)) < 1e-6 ? OptionalInt.of((int) Math.rint(k)) : OptionalInt.empty();
    }

    /** The entries of a value on the doubled batch that stand where {@code like}'s are: the first copy of the examples. */
    private static Matrix firstBlock(Matrix onDoubled, Matrix like) {
        if (onDoubled == null || like == null || onDoubled.rows() < like.rows() || onDoubled.cols() < like.cols()) {
            return like == null ? Matrix.zeros(1, 1) : Matrix.zeros(like.rows() + 1, like.cols());
        }
        Matrix out = Matrix.zeros(like.rows(), like.cols());
        for (int r = 0; r < like.rows(); r++) {
            for (int c = 0; c < like.cols(); c++) {
                out.set(r, c, onDoubled.get(r, c));
            }
        }
        return out;
    }

    /** Whether each per-example derivative an expression reads (directly or through helpers) is, or meant, dJ. */
    private void collectMeantCost(Node node, Set<Boolean> out) {
        if (node instanceof Ref r && verdictsByName.containsKey(r.name())) {
            Verdict v = verdictsByName.get(r.name());
            if (v.status() == Status.HELPER) {
                collectMeantCost(v.line().value(), out);
            } else if (!isParamLike(v.of())) {
                out.add(v.status() == Status.CORRECT ? v.numerator().orElseThrow() == Numerator.COST
                        : v.status() == Status.NOT_JUDGED ? derivedNumerator(v.of()) == Numerator.COST : meantCost.get(r.name()));
            }
        } else if (node instanceof Apply a) {
            a.args().forEach(x -> collectMeantCost(x, out));
        }
    }

    private Verdict judge(EquationLine line, LineValues values, List<Verdict> wrongInputs) {
        Optional<Equation> reference = cases.perExample().equation(line.name());
        if (reference.isEmpty()) {
            return new Verdict(line, Status.HELPER, Optional.empty(), line.name(), "defines a helper value" + notDerived(line.name()));
        }
        Equation ref = reference.get();
        Optional<Numerator> written = matching(values, WRITTEN, ref);
        if (written.isPresent()) {
            return new Verdict(line, Status.CORRECT, written, ref.of(), "equals " + written.get().over(ref.of()));
        }
        if (!wrongInputs.isEmpty() && matching(values, RIGHT, ref).isPresent()) {
            return new Verdict(line, Status.INHERITED, Optional.empty(), ref.of(),
                    "right, given " + inherited(inLineOrder(wrongInputs), wrongBehind(wrongInputs)));
        }
        Optional<String> notFinite = notFinite(line, ref, wrongInputs.isEmpty() ? WRITTEN : RIGHT);
        if (notFinite.isPresent()) {
            return new Verdict(line, Status.NOT_JUDGED, Optional.empty(), ref.of(), notFinite.get());
        }
        String why = wrongInputs.isEmpty() ? explain(line, ref, values, WRITTEN)
                : explain(line, ref, values, RIGHT) + " (judged given a right " + inherited(wrongInputs, wrongInputs) + ")";
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
                Optional<String> at = Numerics.firstNonFinite(reference(i, ref.of(), n == Numerator.COST), m);
                if (at.isPresent()) {
                    return Optional.of(cannotBeJudged(n.over(ref.of()) + " itself", at.get()));
                }
            }
            Environment values = cases.instances().get(i).envs().get(env);
            for (String name : read) {
                Optional<String> at = values.has(name) ? Numerics.firstNonFinite(values.value(name), m) : Optional.empty();
                if (at.isPresent()) {
                    String which = verdict(name).map(v -> name + " (line " + v.line().pos().line() + ")").orElse(name);
                    return Optional.of(cannotBeJudged(which + ", which it reads,", at.get()));
                }
            }
        }
        return Optional.empty();
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
        if (network.inputs().stream().anyMatch(x -> x.name().equals(of))) {
            return ", not judged: " + of + " is an input, and netgrad derives nothing for data";
        }
        if (network.targets().stream().anyMatch(y -> y.name().equals(of))) {
            return ", not judged: " + of + " is a target, and netgrad derives nothing for data";
        }
        if (of.equals(network.loss()) || of.equals(network.cost())) {
            // Not "the loss does not depend on L": the derivation starts from it.
            return ", not judged: " + of + " is the " + (of.equals(network.loss()) ? "loss" : "cost") + " itself, where the"
                    + " backward pass starts (d" + of + "/d" + of + " is 1)";
        }
        if (network.statements().stream().anyMatch(s -> s.name().equals(of))) {
            return ", not judged: the loss does not depend on " + of + ", so netgrad derives no " + name;
        }
        return "";
    }

    /** What is wrong, judged in one environment (a RIGHT one falls back to the other for a specific reason). */
    private String explain(EquationLine line, Equation ref, LineValues values, int env) {
        int[] batchSizes = cases.instances().stream().mapToInt(CheckInstances.Instance::m).toArray();
        Optional<String> nonFinite = Numerics.nonFinite(values.on(env), i -> reference(i, ref.of(), false), batchSizes)
                .map(where -> "evaluates to " + where + ", where " + ref.label() + " is finite");
        if (nonFinite.isPresent()) {
            return nonFinite.get();
        }
        // The diagnoses fit factors and terms on the seeded instances, on some variants of which a
        // line's value may be all zeros; a line that equals a derivative on the seeded ones differs on
        // a variant alone, and is judged on every instance, where a fix must hold on the variants too.
        int count = matching(values.on(env).subList(0, CheckInstances.SEEDED), ref).isPresent() ? cases.instances().size()
                : CheckInstances.SEEDED;
        JudgedLine judged = new JudgedLine(this, line, ref, values.on(env).subList(0, count), env);
        Diagnosis first = new Diagnosis(judged);
        Optional<String> specific = first.specific();
        if (specific.isEmpty() && env == RIGHT) {
            specific = new Diagnosis(judged.with(values.on(RIGHT_OTHER).subList(0, count), RIGHT_OTHER)).specific();
        }
        // Last, as it evaluates the line again several times: right but for the digits rounding took.
        return specific.or(() -> new Cancellation(judged).explain()).orElseGet(first::generic);
    }

    /** "dZ1; dZ1 (line 5) is wrong": the wrong values a line was given right, then the wrong lines named. */
    private static String inherited(List<Verdict> given, List<Verdict> wrong) {
        String names = listed(given.stream().map(v -> v.line().name()).toList());
        String lines = listed(wrong.stream().map(v -> v.line().name() + " (line " + v.line().pos().line() + ")").toList());
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
        Set<Verdict> seen = new LinkedHashSet<>(wrongInputs);
        List<Verdict> todo = new ArrayList<>(wrongInputs);
        while (!todo.isEmpty()) {
            for (Verdict upstream : wrongInputs(todo.remove(todo.size() - 1).line().value())) {
                if (seen.add(upstream)) {
                    todo.add(upstream);
                    if (upstream.status() == Status.WRONG) {
                        out.add(upstream);
                    }
                }
            }
        }
        return inLineOrder(out);
    }

    private static List<Verdict> inLineOrder(Collection<Verdict> verdicts) {
        return verdicts.stream().sorted(Comparator.comparingInt((Verdict v) -> v.line().pos().line())
                .thenComparingInt(v -> v.line().pos().column())).toList();
    }

    /** The numerator whose derivative the values equal on every instance: dJ first, else the derived one. */
    private Optional<Numerator> matching(List<Matrix> values, Equation ref) {
        return matching(ref, (cost, bound) -> cases.matchesAll(values, ref.of(), cost, bound));
    }

    /** {@link #matching(List, Equation)} on a line's values in an environment, evaluated one instance at a time. */
    private Optional<Numerator> matching(LineValues values, int env, Equation ref) {
        return matching(ref, (cost, bound) -> values.all(env, (v, i) -> cases.equalsReference(v, i, ref.of(), cost, bound)));
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

    /** The wrong earlier lines an expression reads, directly or through helper lines. */
    private List<Verdict> wrongInputs(Node node) {
        Set<Verdict> out = new LinkedHashSet<>();
        collectWrong(node, out);
        return List.copyOf(out);
    }

    private void collectWrong(Node node, Set<Verdict> out) {
        if (node instanceof Ref r && verdictsByName.containsKey(r.name())) {
            Verdict v = verdictsByName.get(r.name());
            switch (v.status()) {
                case WRONG, INHERITED -> out.add(v);
                case HELPER -> collectWrong(v.line().value(), out);
                case CORRECT, NOT_JUDGED -> {
                }
            }
        } else if (node instanceof Apply a) {
            a.args().forEach(x -> collectWrong(x, out));
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

    /** Whether the values equal the derivative of {@code of} on every instance they are given for ({@link CheckInstances#matchesAll}). */
    boolean matchesAll(List<Matrix> values, String of, boolean cost) {
        return cases.matchesAll(values, of, cost, true);
    }

    /** Whether a value equals the derivative of {@code of} on an instance, to rounding ({@link CheckInstances#equalsReference}). */
    boolean equalsReference(Matrix value, int instance, String of, boolean cost) {
        return cases.equalsReference(value, instance, of, cost, true);
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
        Matrix difference = Matrix.zeros(once.rows(), once.cols());
        double dot = 0;
        double norm = 0;
        for (int k = 0; k < param.data().length; k++) {
            difference.data()[k] = once.data()[k] - twice.data()[k];
            dot += difference.data()[k] * param.data()[k];
            norm += param.data()[k] * param.data()[k];
        }
        double c = norm == 0 ? 0 : dot / norm;
        Matrix fitted = Matrix.zeros(once.rows(), once.cols());
        for (int k = 0; k < param.data().length; k++) {
            fitted.data()[k] = c * param.data()[k];
        }
        boolean fits = c != 0 && Numerics.close(difference, fitted, Numerics.FACTOR_TOLERANCE * 1e3, 0);
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
        if (v.status() == Status.CORRECT) {
            return v.numerator();
        }
        Numerator derived = derivedNumerator(v.of());
        // A line not judged stands for what it names, as written.
        return Optional.of(v.status() != Status.NOT_JUDGED && meantCost.get(name) ? Numerator.COST : derived);
    }

    /** The numerator netgrad derives the value's derivative in. */
    private Numerator derivedNumerator(String of) {
        return cases.perExample().equations().stream().filter(e -> e.of().equals(of)).findFirst()
                .map(Equation::numerator).orElse(Numerator.COST);
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
