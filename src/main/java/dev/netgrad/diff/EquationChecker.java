package dev.netgrad.diff;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.EquationLine;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Param;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges a user's hand-written backward pass line by line, each as written with the user's own
 * earlier lines substituted. A line is compared by evaluation on several seeded random instances
 * with different batch sizes against dL/dV (or d(sum L)/dV) and dJ/dV; when it matches neither,
 * {@link Diagnosis} says how it differs.
 */
public final class EquationChecker {
    /** Batch sizes of the instances: distinct, so a factor m can be told from a constant. */
    private static final int[] BATCH_SIZES = {3, 5, 7};

    public enum Status { CORRECT, WRONG, HELPER }

    /** The judgement of one line: its numerator when correct, else what is wrong. */
    public record Verdict(EquationLine line, Status status, Optional<Numerator> numerator, String of, String message) {
    }

    /** Every line's verdict, the params without a line, and whether all param gradients are dJ/dP. */
    public record Report(List<Verdict> verdicts, List<String> missingParams, boolean passed) {
    }

    private final Network network;
    private final Derivation perExample;
    private final Derivation perCost;
    private final Derivation printed;
    private final List<Instance> instances = new ArrayList<>();
    private final Map<String, Verdict> verdictsByName = new HashMap<>();

    /** One random instance: reference derivatives and the user's values so far. */
    record Instance(int m, Map<String, Matrix> loss, Map<String, Matrix> cost, Environment user) {
    }

    private EquationChecker(Network network) {
        this.network = network;
        this.perExample = Deriver.deriveWithoutFusion(network, Convention.LOSS);
        this.perCost = Deriver.deriveWithoutFusion(network, Convention.COST);
        this.printed = Deriver.derive(network, Convention.LOSS);
        for (int i = 0; i < BATCH_SIZES.length; i++) {
            Environment env = RandomInstance.of(perExample, 1000 + i, BATCH_SIZES[i]);
            Map<String, Matrix> loss = byValue(perExample, Evaluation.run(perExample, env.copy()));
            Map<String, Matrix> cost = byValue(perCost, Evaluation.run(perCost, env.copy()));
            Environment user = env.copy();
            Evaluation.forward(perExample, user);
            instances.add(new Instance(BATCH_SIZES[i], loss, cost, user));
        }
    }

    public static Report check(Network network, List<EquationLine> lines) {
        return new EquationChecker(network).run(lines);
    }

    private Report run(List<EquationLine> lines) {
        List<Verdict> verdicts = new ArrayList<>();
        for (EquationLine line : lines) {
            List<Matrix> values = new ArrayList<>();
            for (Instance inst : instances) {
                Matrix v = Evaluator.evaluate(line.value(), inst.user());
                inst.user().put(line.name(), v);
                values.add(v);
            }
            Verdict verdict = judge(line, values);
            verdictsByName.put(line.name(), verdict);
            verdicts.add(verdict);
        }
        List<String> missing = new ArrayList<>();
        boolean passed = verdicts.stream().noneMatch(v -> v.status() == Status.WRONG);
        for (Param p : network.params()) {
            String name = perCost.gradient(p.name()).name();
            Verdict v = verdictsByName.get(name);
            if (v == null) {
                missing.add(name);
                passed = false;
            } else if (v.numerator().orElse(null) != Numerator.COST) {
                passed = false;
            }
        }
        return new Report(verdicts, missing, passed);
    }

    private Verdict judge(EquationLine line, List<Matrix> values) {
        Optional<Equation> reference = perExample.equations().stream()
                .filter(e -> e.name().equals(line.name())).findFirst();
        if (reference.isEmpty()) {
            return new Verdict(line, Status.HELPER, Optional.empty(), line.name(), "defines a helper value");
        }
        Equation ref = reference.get();
        String of = ref.of();
        if (matchesAll(values, of, true)) {
            return new Verdict(line, Status.CORRECT, Optional.of(Numerator.COST), of, "equals " + Numerator.COST.over(of));
        }
        if (ref.numerator() != Numerator.COST && matchesAll(values, of, false)) {
            return new Verdict(line, Status.CORRECT, Optional.of(ref.numerator()), of, "equals " + ref.label());
        }
        String why = new Diagnosis(this, line, ref, values).explain();
        return new Verdict(line, Status.WRONG, Optional.empty(), of, why);
    }

    private boolean matchesAll(List<Matrix> values, String of, boolean cost) {
        for (int i = 0; i < instances.size(); i++) {
            if (!Numerics.close(values.get(i), reference(i, of, cost))) {
                return false;
            }
        }
        return true;
    }

    // Accessors for Diagnosis, which explains a wrong line.

    List<Instance> instances() {
        return instances;
    }

    Matrix reference(int instance, String of, boolean cost) {
        Instance inst = instances.get(instance);
        return (cost ? inst.cost() : inst.loss()).get(of);
    }

    Derivation perExample() {
        return perExample;
    }

    /** The derivation as netgrad prints it, for showing users the right form. */
    Derivation printed() {
        return printed;
    }

    Network network() {
        return network;
    }

    Optional<Verdict> verdict(String name) {
        return Optional.ofNullable(verdictsByName.get(name));
    }

    boolean isParamLike(String of) {
        return perExample.equations().stream()
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
                .forEach(r -> out.add(r.name()));
    }

    private static Map<String, Matrix> byValue(Derivation d, Evaluation.Result r) {
        Map<String, Matrix> out = new HashMap<>();
        for (Equation e : d.equations()) {
            out.put(e.of(), r.derivatives().get(e.name()));
        }
        return out;
    }
}
