package dev.netgrad.diff;

import dev.netgrad.spec.Network;
import dev.netgrad.spec.Statement;
import java.util.List;
import java.util.Optional;

/**
 * A derived backward pass. {@code forward} is the network lowered to primitive operations
 * (dropout as masks, batchnorm as named helpers), the program the equations read;
 * {@code stableForward} computes the same values in numerically stable forms (losses from
 * logits), for evaluation and generated code. {@code batchnorms} are the lowered batchnorms,
 * whose running averages prediction reads. {@code unitSumTargets} are the targets whose every
 * column must sum to 1 (one-hot, or probabilities) for the equations to be the derivatives: those
 * of a cross-entropy over a softmax, derived as {@code dZ = A - Y}.
 */
public record Derivation(
        Network network,
        Convention convention,
        List<Statement> forward,
        List<Statement> stableForward,
        List<Equation> equations,
        OneOverM oneOverM,
        List<Batchnorm> batchnorms,
        List<String> unitSumTargets) {

    public Derivation {
        batchnorms = List.copyOf(batchnorms);
        unitSumTargets = List.copyOf(unitSumTargets);
        forward = List.copyOf(forward);
        stableForward = List.copyOf(stableForward);
        equations = List.copyOf(equations);
    }

    public Optional<Equation> equation(String name) {
        return equations.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The gradient dJ/dP of a param. */
    public Equation gradient(String param) {
        return equations.stream()
                .filter(e -> e.kind() == Equation.Kind.GRADIENT && e.of().equals(param))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no param " + param));
    }

    public List<Equation> gradients() {
        return equations.stream().filter(e -> e.kind() == Equation.Kind.GRADIENT).toList();
    }

    public List<Equation> deltas() {
        return equations.stream().filter(e -> e.kind() == Equation.Kind.DELTA).toList();
    }
}
