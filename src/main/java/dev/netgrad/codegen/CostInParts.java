package dev.netgrad.codegen;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.CostForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a cost's gradient can be made from sums over parts of a batch as the runtime makes it
 * ({@code accumulateSums}, then {@code gradientsFromSums}): the parts' gradient sums, times 1/m of
 * the whole batch for {@code mean(L)} and as they are for {@code sum(L)}, plus the penalty's
 * gradient once. A part's pass takes m as infinite: a penalty term divided by m is then 0 and left
 * out; what is left of the others (a term without m, or the 0.1 of {@code (0.1 + 1/m) * sum(W^2)})
 * is the batch's, which a part's pass leaves out by subtracting the penalty's own gradient taken
 * with the same infinite m (the runtime knows to from {@link #batchPenalty}). A term whose value
 * at an infinite m is not proved finite (m times a penalty, m / m^2 not proved to be 1/m) would
 * make that pass infinite or NaN, so such a cost is named as what keeps a batch whole.
 */
final class CostInParts {
    private CostInParts() {
    }

    /** Empty when the cost {@code costName = cost} (of form {@code form}) can be summed over parts; otherwise why not. */
    static Optional<String> problem(String costName, Node cost, CostForm form) {
        if (form.regularizer().isEmpty()) {
            return Optional.empty();
        }
        for (Node term : terms(form.regularizer().get())) {
            if (!finiteWhenMIsInfinite(term)) {
                return Optional.of("the cost " + costName + " = " + ExprPrinter.print(cost) + " adds " + ExprPrinter.print(term)
                        + ", which reads m in a way not proved to stay finite as m grows, so the parts of a batch cannot add up its gradient");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the penalty has a term that is not 0 when m is infinite (such as {@code 0.1 *
     * sum(W1^2)}, or {@code (0.1 + 1/m) * sum(W1^2)}, whose 0.1 part is): the batch's, added once
     * whatever its size, which every part's pass would add again unless left out.
     */
    static boolean batchPenalty(CostForm form) {
        return form.regularizer().map(r -> terms(r).stream().anyMatch(t -> !dividedByM(t))).orElse(false);
    }

    /** The terms of a sum, signs dropped (a term's sign does not change whether it is divided by m). */
    private static List<Node> terms(Node sum) {
        List<Node> terms = new ArrayList<>();
        collect(sum, terms);
        return terms;
    }

    private static void collect(Node node, List<Node> terms) {
        if (node instanceof Apply a && (a.op() == Op.ADD || a.op() == Op.SUB)) {
            collect(a.arg(0), terms);
            collect(a.arg(1), terms);
        } else if (node instanceof Apply a && a.op() == Op.NEG) {
            collect(a.arg(0), terms);
        } else {
            terms.add(node);
        }
    }

    /**
     * Whether {@code node} is some expression without m divided by a multiple of m, so that it is 0
     * (not NaN) when m is infinite: {@code lambda / (2 * m) * sum(W^2)} is, {@code m * sum(W^2) / m^2}
     * is not proved to be, and is refused with the others.
     */
    private static boolean dividedByM(Node node) {
        if (!(node instanceof Apply a)) {
            return false;
        }
        return switch (a.op()) {
            case NEG -> dividedByM(a.arg(0));
            case ADD, SUB -> dividedByM(a.arg(0)) && dividedByM(a.arg(1));
            case MUL -> dividedByM(a.arg(0)) && !readsM(a.arg(1)) || dividedByM(a.arg(1)) && !readsM(a.arg(0));
            case DIV -> !readsM(a.arg(0)) && multipleOfM(a.arg(1)) || dividedByM(a.arg(0)) && !readsM(a.arg(1));
            default -> false;
        };
    }

    /**
     * Whether {@code node} is finite when m is infinite, as a part's pass computes it: without m, divided
     * by a multiple of m (0), or sums, products and quotients by expressions without m of such (the
     * {@code 0.1 + 1/m} of {@code (0.1 + 1/m) * sum(W^2)}, 0.1 there); {@code m * sum(W^2)} and
     * {@code m / m^2} (infinity over infinity) are not.
     */
    private static boolean finiteWhenMIsInfinite(Node node) {
        if (!readsM(node) || dividedByM(node)) {
            return true;
        }
        if (!(node instanceof Apply a)) {
            return false;
        }
        return switch (a.op()) {
            case NEG -> finiteWhenMIsInfinite(a.arg(0));
            case ADD, SUB, MUL -> finiteWhenMIsInfinite(a.arg(0)) && finiteWhenMIsInfinite(a.arg(1));
            case DIV -> finiteWhenMIsInfinite(a.arg(0)) && !readsM(a.arg(1));
            default -> false;
        };
    }

    /** Whether {@code node} is m times an expression without m. */
    private static boolean multipleOfM(Node node) {
        if (node instanceof Ref r) {
            return r.kind() == RefKind.BATCH_SIZE;
        }
        if (!(node instanceof Apply a)) {
            return false;
        }
        return switch (a.op()) {
            case NEG -> multipleOfM(a.arg(0));
            case MUL -> multipleOfM(a.arg(0)) && !readsM(a.arg(1)) || multipleOfM(a.arg(1)) && !readsM(a.arg(0));
            default -> false;
        };
    }

    private static boolean readsM(Node node) {
        return Nodes.reads(node, RefKind.BATCH_SIZE);
    }
}
