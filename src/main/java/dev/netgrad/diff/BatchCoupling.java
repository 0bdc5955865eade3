package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Statement;
import java.util.Optional;

/**
 * Whether the examples of a batch can be split into parts whose sums of losses and gradients add
 * up to the whole batch's: they can when every value before the cost is per example. Otherwise
 * the first value that mixes examples (an axis-1 sum, batchnorm, a product that contracts over m)
 * or reads the batch size m, and why. The cost's own mean is not a coupling: its 1/m is the one the
 * derivation proves to appear once on every path.
 */
public final class BatchCoupling {
    private BatchCoupling() {
    }

    /** Empty for a network whose values are all per example; otherwise what couples its examples. */
    public static Optional<String> of(Derivation d) {
        Coupling.Analysis analysis = new Coupling.Analysis(d.forward());
        for (Statement s : d.forward()) {
            if (s.role() == Statement.Role.COST) {
                continue;
            }
            if (analysis.statement(s.name()) == Coupling.COUPLED) {
                return Optional.of(s.name() + " = " + ExprPrinter.print(s.value()) + " mixes the examples of a batch (" + reason(s.value(), analysis) + ")");
            }
            if (Nodes.reads(s.value(), RefKind.BATCH_SIZE)) {
                return Optional.of(s.name() + " = " + ExprPrinter.print(s.value()) + " reads the batch size m");
            }
        }
        return Optional.empty();
    }

    /**
     * Empty when the values the model computes as it predicts (batchnorm's mean and standard
     * deviation its running averages, which no example changes) are all per example, so that its
     * losses over a set may be taken in parts; otherwise the first value that mixes the examples.
     */
    public static Optional<String> whenPredicting(Derivation d) {
        java.util.Set<String> running = new java.util.HashSet<>();
        d.batchnorms().forEach(b -> {
            running.add(b.mean());
            running.add(b.std());
        });
        // Left out of the program, a batchnorm's statistics are FREE, as params are.
        Coupling.Analysis analysis = new Coupling.Analysis(d.forward().stream().filter(s -> !running.contains(s.name())).toList());
        for (Statement s : d.forward()) {
            if (s.role() == Statement.Role.COST || running.contains(s.name())) {
                continue;
            }
            if (analysis.statement(s.name()) == Coupling.COUPLED || Nodes.reads(s.value(), RefKind.BATCH_SIZE)) {
                return Optional.of(s.name() + " = " + ExprPrinter.print(s.value()));
            }
        }
        return Optional.empty();
    }

    private static String reason(Node node, Coupling.Analysis analysis) {
        if (node instanceof Apply a) {
            for (Node arg : a.args()) {
                if (analysis.of(arg) == Coupling.COUPLED) {
                    return reason(arg, analysis);
                }
            }
            return switch (a.op()) {
                case BATCHNORM -> "batchnorm normalizes with the batch's mean and variance";
                case SUM, SUM0, SUM1, MEAN, MEAN0, MEAN1 -> "a sum or mean along the examples";
                case SOFTMAX, LOG_SOFTMAX -> "a softmax across the examples (one per row)";
                case MATMUL -> "a product that sums over the examples";
                case CHANNEL_SUM, CONV2D_WEIGHT -> "a sum over the examples";
                default -> "a value with one example per column meets one with one example per row";
            };
        }
        return "it reads a value that mixes them";
    }
}
