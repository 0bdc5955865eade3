package dev.netgrad.diff;

import static dev.netgrad.diff.Algebra.add;
import static dev.netgrad.diff.Algebra.mul;
import static dev.netgrad.diff.Algebra.num;
import static dev.netgrad.diff.Algebra.sub;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reverse-mode symbolic differentiation of a checked network. Walks the lowered program once in
 * reverse; every use of a value adds into its adjoint (never overwrites); each value's equation is
 * written when its last use has been processed, each param's right after the last statement that
 * reads it. Derivatives are d(sum L) throughout; in the loss convention the cost's 1/m is applied
 * where an adjoint crosses from a value that reads the examples into one that does not (a param,
 * or a value computed from params alone).
 */
public final class Deriver {
    private final Network network;
    private final Convention convention;
    private final List<Statement> program;
    /** Derivative name by the value or param it differentiates, allocated before differentiating (see {@link #derivativeNames}). */
    private final Map<String, String> derivativeNameOf;
    private final List<Batchnorm> batchnorms;
    private final Map<String, Statement> byName = new HashMap<>();
    private final Coupling.Analysis coupling;
    private final Set<String> relevant;
    /** For each value, the relevant statements that read it, in program order (one pass, not one per value). */
    private final Map<String, List<Statement>> consumers;
    private final Map<Node, Boolean> dependsOnParam = new IdentityHashMap<>();
    private final Map<String, List<Node>> fromLoss = new LinkedHashMap<>();
    private final Map<String, List<Node>> fromRegularizer = new LinkedHashMap<>();
    private final Map<String, Integer> pendingUses = new HashMap<>();
    private final Map<String, Numerator> labels = new HashMap<>();
    private final Set<String> emittedParams = new HashSet<>();
    private final List<Equation> equations = new ArrayList<>();
    private final Node seed;
    private final Node boundaryScale;
    private final boolean fuseLosses;
    /** The targets of the fused softmax cross-entropies, whose A - Y needs columns that sum to 1. */
    private final Set<String> unitSumTargets = new LinkedHashSet<>();
    /**
     * The probabilities of the fused cross-entropies, and the values that a log of a probability reads on its way to
     * the logits ({@link #logToLogits}): the loss's adjoint passes them by, so what other uses add into theirs is
     * only part of dL/dA, and flows on to the logits without a line of its own.
     */
    private final Set<String> passedBy = new HashSet<>();
    private final DerivativeBudget budget;
    /** Each statement's value by its name. */
    private final Map<String, Node> definitions = new HashMap<>();
    /** The cross-entropies' recognizer, made once the program's reads are counted. */
    private LossFusion fusion;
    /** Where the statement whose adjoints {@link #backprop} propagates is, to report a too large one at. */
    private SourcePos deriving;

    private Deriver(Network network, Convention convention, boolean fuseLosses) {
        this.network = network;
        this.convention = convention;
        this.fuseLosses = fuseLosses;
        this.budget = new DerivativeBudget(Objects.requireNonNullElse(network.path(), network.name()));
        List<String> taken = new ArrayList<>();
        network.statements().forEach(s -> taken.add(s.name()));
        network.params().forEach(p -> taken.add(p.name()));
        network.inputs().forEach(v -> taken.add(v.name()));
        network.targets().forEach(v -> taken.add(v.name()));
        network.consts().forEach(c -> taken.add(c.name()));
        network.dims().forEach(d -> taken.add(d.name()));
        NameAllocator names = new NameAllocator(taken);
        Lowering.Lowered lowered = Lowering.lower(network, names);
        this.program = lowered.statements();
        this.batchnorms = lowered.batchnorms();
        program.forEach(s -> byName.put(s.name(), s));
        program.forEach(s -> definitions.put(s.name(), s.value()));
        this.coupling = new Coupling.Analysis(program);
        this.relevant = relevantStatements();
        this.consumers = consumers();
        this.derivativeNameOf = allocateDerivativeNames(names);
        boolean mean = network.costForm().mean();
        Node seedSymbol = Ref.of("seed", RefKind.SEED, dev.netgrad.ir.Shape.SCALAR);
        Node scale = Ref.costScale();
        this.seed = convention == Convention.COST && mean ? mul(scale, seedSymbol) : seedSymbol;
        this.boundaryScale = convention == Convention.LOSS && mean ? scale : null;
    }

    /**
     * Lowers the network into a program, differentiates it in reverse, verifies the 1/m, simplifies
     * the equations and stabilizes the forward pass (see {@link #run}).
     */
    public static Derivation derive(Network network, Convention convention) {
        return new Deriver(network, convention, true).run();
    }

    /**
     * A derivation that goes through every value, cross-entropy's probabilities included
     * ({@code dA2 = -(Y / A2 - (1 - Y) / (1 - A2))}): the reference for checking users' lines
     * about values that the fused derivation skips. Not for generated code: it divides by A.
     */
    public static Derivation deriveWithoutFusion(Network network, Convention convention) {
        return new Deriver(network, convention, false).run();
    }

    /**
     * The name of every derivative a derivation of the network can print, derivative name to the
     * value or param it differentiates ({@code dW2} to {@code W2}; {@code dW_2} to {@code W} when the
     * spec has a value named {@code dW}). Every derivation of the network, fused or not, in either
     * convention, uses these names, and {@code check} reads equation files with them.
     */
    public static Map<String, String> derivativeNames(Network network) {
        Map<String, String> byName = new LinkedHashMap<>();
        new Deriver(network, Convention.LOSS, true).derivativeNameOf.forEach((of, name) -> byName.put(name, of));
        return Collections.unmodifiableMap(byName);
    }

    /**
     * Names the derivative of every param and every statement that can have one, whether or not a
     * fused derivation prints it, so that the names do not depend on which derivation asks.
     */
    private Map<String, String> allocateDerivativeNames(NameAllocator names) {
        List<String> values = new ArrayList<>();
        network.params().forEach(p -> values.add(p.name()));
        program.stream().filter(s -> s.role() == Statement.Role.VALUE && relevant.contains(s.name()))
                .forEach(s -> values.add(s.name()));
        return names.derivatives(values);
    }

    /** The stages after lowering (the constructor lowers the network into {@link #program}), in order. */
    private Derivation run() {
        List<Equation> derived = differentiate();
        OneOverM verdict = verifyOneOverM(derived);
        List<Equation> simplified = simplify(derived);
        List<Equation> cancelled = cancelCostScale(simplified);
        List<String> cancelledIn = new ArrayList<>();
        for (int i = 0; i < cancelled.size(); i++) {
            if (cancelled.get(i) != simplified.get(i)) {
                cancelledIn.add(cancelled.get(i).name());
            }
        }
        verdict = verdict.cancelledIn(cancelledIn);
        List<Statement> forward = Stabilizer.stabilize(program);
        return new Derivation(network, convention, program, forward, cancelled, verdict, batchnorms, List.copyOf(unitSumTargets));
    }

    /** Reverse mode: walks the program once from the loss back, adjoints accumulating. */
    private List<Equation> differentiate() {
        countParamUses();
        Statement cost = byName.get(network.cost());
        deriving = cost == null ? network.pos() : cost.pos();
        network.costForm().regularizer().ifPresent(r -> backprop(r, num(1), Coupling.FREE, fromRegularizer, null, null));
        for (int i = program.size() - 1; i >= 0; i--) {
            Statement s = program.get(i);
            if (s.role() != Statement.Role.COST && relevant.contains(s.name())) {
                process(s);
            }
        }
        for (Param p : network.params()) {
            emitParam(p.name());
        }
        return List.copyOf(equations);
    }

    private void process(Statement s) {
        deriving = s.pos();
        Coupling here = coupling.statement(s.name());
        if (s.role() == Statement.Role.LOSS) {
            labels.put(s.name(), here.perExample() ? Numerator.LOSS : Numerator.BATCH_SUM);
            backpropLoss(s, here);
        } else {
            List<Node> contributions = contributions(s.name());
            if (contributions.isEmpty()) {
                if (passedBy.contains(s.name())) {
                    // No line, but the logits' numerator is this value's: d(sum L) when a reader couples the examples.
                    labels.put(s.name(), label(s, here));
                }
                return;
            }
            Numerator label = label(s, here);
            labels.put(s.name(), label);
            if (fuseLosses && s.value() instanceof Ref alias && alias.kind() == RefKind.VALUE) {
                // A = Z (a linear layer): Z's derivative is A's; print it once, as dZ.
                backprop(alias, sum(contributions), here, fromLoss, null, null);
                return;
            }
            Ref self = Ref.of(s.name(), RefKind.VALUE, s.shape());
            if (passedBy.contains(s.name())) {
                // A2 = sigmoid(Z2) read by the fused loss and elsewhere: a line dA2 would hold only the other uses' part.
                backprop(s.value(), Algebra.fill(sum(contributions), self), here, fromLoss, s.value(), self);
                paramsUsed(s);
                return;
            }
            String name = derivativeNameOf.get(s.name());
            Node value = Algebra.fill(sum(contributions), self);
            budget.count(value, s.pos());
            equations.add(new Equation(name, s.name(), value, label, Equation.Kind.DELTA, s.shape()));
            Ref adjoint = Ref.of(name, RefKind.DERIVATIVE, s.shape());
            LossFusion.Split split = fuseLosses && s.shape().rows() == 1 ? fusion().split(s.value()) : null;
            if (split != null && !split.fused().isEmpty()) {
                // A cross-entropy held by a value that is read twice (P = Y * log(A) + ...; loss L = -P + P^2): dP * (Y - A).
                backpropSplit(s, split, adjoint, here);
            } else {
                backprop(s.value(), adjoint, here, fromLoss, s.value(), self);
            }
        }
        paramsUsed(s);
    }

    /** Writes the gradient of each param that {@code s} was the last statement to read. */
    private void paramsUsed(Statement s) {
        for (String param : paramsIn(s.value())) {
            if (pendingUses.merge(param, -1, Integer::sum) == 0) {
                emitParam(param);
            }
        }
    }

    private void backpropLoss(Statement loss, Coupling here) {
        LossFusion.Split split = fuseLosses
                ? fusion().split(loss.value())
                : new LossFusion.Split(List.of(), List.of(new LossFusion.Term(LossFusion.Coefficient.ONE, loss.value())));
        backpropSplit(loss, split, seed, here);
    }

    private LossFusion fusion() {
        if (fusion == null) {
            fusion = new LossFusion(definitions, readOnce());
        }
        return fusion;
    }

    /**
     * The adjoint {@code g} of a loss or of a 1 x m value (one row, so g is the same down a softmax's column) into
     * what its terms read: each cross-entropy fused straight to its logits, every other term as it is.
     */
    private void backpropSplit(Statement s, LossFusion.Split split, Node g, Coupling here) {
        for (LossFusion.Fused f : split.fused()) {
            if (f.unitColumns()) {
                unitSumTargets.add(((Ref) f.target()).name());
            }
            if (f.probability() instanceof Ref p && p.kind() == RefKind.VALUE) {
                passedBy.add(p.name());
            }
            Node direction = mul(f.coefficient().node(), sub(f.target(), f.probability()));
            // Logits narrower than the target (a 1 x m sigmoid beside a k x m target, a k x 1 softmax read by every
            // example) take the sum of what reaches their broadcast entries.
            backprop(f.logits(), Algebra.unbroadcast(mul(g, direction), f.logits().shape()), here, fromLoss, null, null);
        }
        Ref self = Ref.of(s.name(), RefKind.VALUE, s.shape());
        for (LossFusion.Term t : split.rest()) {
            backprop(t.node(), mul(g, t.coefficient().node()), here, fromLoss, s.value(), self);
        }
    }

    /** Adds the adjoint {@code g} of {@code node} into the adjoints of the names it reads. */
    private void backprop(Node node, Node g, Coupling parent, Map<String, List<Node>> sink, Node root, Ref rootName) {
        budget.check(g, deriving);
        Coupling here = coupling.of(node);
        if (sink == fromLoss && boundaryScale != null && here == Coupling.FREE && parent != Coupling.FREE) {
            // The adjoint leaves the values that read the examples: the mean's 1/m enters here, once.
            g = mul(boundaryScale, g);
        }
        if (node instanceof Ref r) {
            boolean differentiable = r.kind() == RefKind.PARAM
                    || (r.kind() == RefKind.VALUE && relevant.contains(r.name()));
            if (differentiable) {
                sink.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(g);
            }
            return;
        }
        if (!(node instanceof Apply a) || !dependsOnParam(a)) {
            return;
        }
        if (fuseLosses && a.op() == Op.LOG && logToLogits(a, g, here, sink, root, rootName)) {
            return;
        }
        Node y = a == root ? rootName : a;
        for (int i = 0; i < a.args().size(); i++) {
            Node arg = a.arg(i);
            if (!dependsOnParam(arg)) {
                continue;
            }
            Node c = Rules.contribution(a, y, g, i);
            if (c != null) {
                backprop(arg, Algebra.unbroadcast(c, arg.shape(), a), here, sink, root, rootName);
            }
        }
    }

    /**
     * The log of a sigmoid's or softmax's probability passes its adjoint straight to the logits, never through
     * {@code 1/A} ({@link ProbabilityLog}); the values read on the way are then passed by, like a fused
     * cross-entropy's probability. False when {@code log} is of something else.
     */
    private boolean logToLogits(Apply log, Node g, Coupling here, Map<String, List<Node>> sink, Node root, Ref rootName) {
        var route = ProbabilityLog.of(log.x(), definitions);
        if (route.isEmpty() || !dependsOnParam(route.get().logits())) {
            return false;
        }
        passedBy.addAll(route.get().through());
        Node logits = route.get().logits();
        backprop(logits, Algebra.unbroadcast(route.get().logitsAdjoint(g), logits.shape()), here, sink, root, rootName);
        return true;
    }

    private Numerator label(Statement s, Coupling here) {
        if (convention == Convention.COST || here == Coupling.FREE) {
            return Numerator.COST;
        }
        if (here == Coupling.COUPLED) {
            return Numerator.BATCH_SUM;
        }
        // Per example only if every use keeps column i tied to example i all the way to the loss.
        for (Statement consumer : consumers.getOrDefault(s.name(), List.of())) {
            if (consumerLabel(consumer) != Numerator.LOSS) {
                return Numerator.BATCH_SUM;
            }
        }
        return Numerator.LOSS;
    }

    /** A consumer without an adjoint of its own (a fused sigmoid) passes on per-example derivatives. */
    private Numerator consumerLabel(Statement consumer) {
        Numerator known = labels.get(consumer.name());
        if (known != null) {
            return known;
        }
        return coupling.statement(consumer.name()).perExample() ? Numerator.LOSS : Numerator.BATCH_SUM;
    }

    private void emitParam(String param) {
        if (!emittedParams.add(param)) {
            return;
        }
        Param p = network.param(param).orElseThrow();
        Ref self = Ref.of(param, RefKind.PARAM, p.shape());
        Node value = Algebra.fill(sum(contributions(param)), self);
        budget.count(value, p.pos());
        equations.add(new Equation(derivativeNameOf.get(param), param, value, Numerator.COST, Equation.Kind.GRADIENT, p.shape()));
    }

    private List<Node> contributions(String name) {
        List<Node> all = new ArrayList<>(fromLoss.getOrDefault(name, List.of()));
        all.addAll(fromRegularizer.getOrDefault(name, List.of()));
        return all;
    }

    private static Node sum(List<Node> terms) {
        Node total = null;
        for (Node t : terms) {
            total = total == null ? t : add(total, t);
        }
        return total == null ? num(0) : total;
    }

    /**
     * Checks that the mean's 1/m appears exactly once on every path from J to every param, then
     * returns the verdict the printers show; a derivation that broke it is a DerivationException.
     */
    private OneOverM verifyOneOverM(List<Equation> derived) {
        boolean mean = network.costForm().mean();
        ScaleAnalysis analysis = new ScaleAnalysis();
        List<String> problems = new ArrayList<>();
        for (Equation e : derived) {
            var paths = analysis.add(e.name(), e.value());
            boolean scaled = mean && (e.numerator() == Numerator.COST);
            problems.addAll(ScaleAnalysis.violations(e.name(), paths, scaled ? 1 : 0));
        }
        if (!problems.isEmpty()) {
            throw new DerivationException(problems);
        }
        return new OneOverM(mean, network.params().stream().map(Param::name).toList());
    }

    /**
     * Replaces the seed by 1, simplifies again, and names values the forward pass computes. A value the
     * simplifier folds to a number keeps its equation's shape: A = sigmoid(0 * Z + 1) gives dZ = 0 * ones_like(Z),
     * not a 1 x 1 dZ = 0 that check refuses for a 1 x m Z and that dW = 1/m * dZ @ X.T cannot multiply.
     */
    private List<Equation> simplify(List<Equation> derived) {
        Map<Node, Ref> named = new HashMap<>();
        for (Statement s : program) {
            if (s.role() == Statement.Role.VALUE && s.value() instanceof Apply) {
                named.putIfAbsent(s.value(), Ref.of(s.name(), RefKind.VALUE, s.shape()));
            }
        }
        Simplifier simplifier = new Simplifier(r -> r.kind() == RefKind.SEED ? Num.of(1) : r, named);
        List<Equation> out = new ArrayList<>();
        for (Equation e : derived) {
            Node value = Algebra.fill(simplifier.rebuild(e.value()), Ref.of(e.of(),
                    e.kind() == Equation.Kind.GRADIENT ? RefKind.PARAM : RefKind.VALUE, e.shape()));
            out.add(new Equation(e.name(), e.of(), value, e.numerator(), e.kind(), e.shape()));
        }
        return out;
    }

    /** Each equation with the cost's 1/m cancelled against an m of the forward pass, where a product holds both. */
    private static List<Equation> cancelCostScale(List<Equation> equations) {
        MeanCancellation cancellation = new MeanCancellation();
        List<Equation> out = new ArrayList<>();
        for (Equation e : equations) {
            Node value = cancellation.apply(e.value());
            out.add(value == e.value() ? e : new Equation(e.name(), e.of(), value, e.numerator(), e.kind(), e.shape()));
        }
        return out;
    }

    /**
     * The values read exactly once in the program that the derivation walks (and the cost's other terms): the
     * fusion may read such a value in place, in the loss, and leave no other use with a part of its adjoint.
     */
    private Set<String> readOnce() {
        Map<String, Integer> reads = new HashMap<>();
        for (Statement s : program) {
            if (s.role() != Statement.Role.COST && relevant.contains(s.name())) {
                countReads(s.value(), reads);
            }
        }
        network.costForm().regularizer().ifPresent(r -> countReads(r, reads));
        Set<String> once = new HashSet<>();
        reads.forEach((name, n) -> {
            if (n == 1) {
                once.add(name);
            }
        });
        return once;
    }

    /** Every reference of a value in {@code node}, counted as often as the expression holds it. */
    private static void countReads(Node node, Map<String, Integer> reads) {
        if (node instanceof Ref r && r.kind() == RefKind.VALUE) {
            reads.merge(r.name(), 1, Integer::sum);
        } else if (node instanceof Apply a && a.op() != Op.MASK) {
            a.args().forEach(x -> countReads(x, reads));
        }
    }

    private void countParamUses() {
        for (Statement s : program) {
            if (s.role() != Statement.Role.COST && relevant.contains(s.name())) {
                for (String p : paramsIn(s.value())) {
                    pendingUses.merge(p, 1, Integer::sum);
                }
            }
        }
    }

    /** Statements on a path from a param to the loss (or to the cost's regularizer). */
    private Set<String> relevantStatements() {
        Set<String> reachable = new HashSet<>();
        List<String> work = new ArrayList<>(List.of(network.loss()));
        network.costForm().regularizer().ifPresent(r -> work.addAll(valuesIn(r)));
        while (!work.isEmpty()) {
            String name = work.remove(work.size() - 1);
            Statement s = byName.get(name);
            if (s != null && reachable.add(name)) {
                work.addAll(valuesIn(s.value()));
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (Statement s : program) {
            if (reachable.contains(s.name()) && dependsOnParam(s.value())) {
                out.add(s.name());
            }
        }
        return out;
    }

    private Map<String, List<Statement>> consumers() {
        Map<String, List<Statement>> out = new HashMap<>();
        for (Statement consumer : program) {
            if (consumer.role() != Statement.Role.COST && relevant.contains(consumer.name())) {
                for (String read : valuesIn(consumer.value())) {
                    out.computeIfAbsent(read, k -> new ArrayList<>()).add(consumer);
                }
            }
        }
        return out;
    }

    private boolean dependsOnParam(Node node) {
        Boolean known = dependsOnParam.get(node);
        if (known != null) {
            return known;
        }
        boolean result;
        if (node instanceof Ref r) {
            result = r.kind() == RefKind.PARAM
                    || (r.kind() == RefKind.VALUE && byName.containsKey(r.name()) && dependsOnParam(byName.get(r.name()).value()));
        } else if (node instanceof Apply a && a.op() != Op.MASK) {
            result = a.args().stream().anyMatch(this::dependsOnParam);
        } else {
            result = false;
        }
        dependsOnParam.put(node, result);
        return result;
    }

    /** Names of statements an expression reads (a mask's owner is not read). */
    private static Set<String> valuesIn(Node node) {
        Set<String> out = new LinkedHashSet<>();
        collect(node, RefKind.VALUE, out);
        return out;
    }

    private static Set<String> paramsIn(Node node) {
        Set<String> out = new LinkedHashSet<>();
        collect(node, RefKind.PARAM, out);
        return out;
    }

    private static void collect(Node node, RefKind kind, Set<String> out) {
        Nodes.refs(node, Nodes.Masks.SKIP).stream().filter(r -> r.kind() == kind).forEach(r -> out.add(r.name()));
    }
}
