package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Statement;
import java.util.List;
import java.util.Optional;

/**
 * A dropout as {@link Lowering} writes it for the statement that assigns A:
 * {@code kept * mask(A) / keep}. The one place that writes the form and the one that recognizes
 * it, so that the equation checker's diagnoses and the code generator (which draws the mask when
 * training and computes {@code kept} alone when predicting) cannot disagree on its shape.
 */
public record LoweredDropout(Node kept, Apply mask, double keep) {
    /** {@code kept * mask(owner) / keep}, the mask of {@code kept}'s shape. */
    static Node write(Node kept, String owner, Num keep) {
        Node mask = Apply.of(Op.MASK, Ref.of(owner, RefKind.VALUE, kept.shape()));
        return Apply.of(Op.DIV, Apply.of(Op.MUL, kept, mask), keep);
    }

    /** The dropout that {@code node} is, if it is the lowered form (at its root; not searched inside). */
    public static Optional<LoweredDropout> of(Node node) {
        if (node instanceof Apply div && div.op() == Op.DIV && div.arg(1) instanceof Num keep
                && div.x() instanceof Apply mul && mul.op() == Op.MUL && mul.arg(1) instanceof Apply mask
                && mask.op() == Op.MASK) {
            return Optional.of(new LoweredDropout(mul.x(), mask, keep.value()));
        }
        return Optional.empty();
    }

    /**
     * The dropout anywhere in {@code node}, a lowered statement's value: at its root
     * ({@code A1 = dropout(relu(Z1), 0.8)}) or inside it ({@code A1 = relu(dropout(Z1, 0.8))});
     * a statement holds one at most.
     */
    public static Optional<LoweredDropout> in(Node node) {
        return Nodes.of(node, Nodes.Masks.SKIP).stream().map(LoweredDropout::of).flatMap(Optional::stream).findFirst();
    }

    /** The lowered form itself, {@code kept * mask(A) / keep}. */
    Node whole() {
        return Apply.of(Op.DIV, Apply.of(Op.MUL, kept, mask), Num.of(keep));
    }

    /**
     * The statement as the user wrote it, {@code A1 = dropout(relu(Z1), 0.8)}, before lowering: how
     * the checker's messages name the statement that holds a dropout.
     */
    static String written(Network network, Statement lowered) {
        return network.statement(lowered.name()).map(x -> lowered.name() + " = " + ExprPrinter.print(x.value()))
                .orElse(lowered.name());
    }

    /**
     * The value of the statement as the user wrote it with its dropout left out, {@code relu(...)}
     * for {@code A1 = relu(dropout(Z1, 0.86))}: what the statement applies to the dropout's result.
     */
    static String around(Network network, Statement lowered) {
        return network.statement(lowered.name()).map(x -> ExprPrinter.print(withoutDropout(x.value()))).orElse("...");
    }

    /** {@code node} with its dropout replaced by a placeholder printed as {@code ...}. */
    private static Node withoutDropout(Node node) {
        if (node instanceof Apply a && a.op() == Op.DROPOUT) {
            return Ref.of("...", RefKind.VALUE, a.shape());
        }
        if (!(node instanceof Apply a)) {
            return node;
        }
        List<Node> args = a.args().stream().map(LoweredDropout::withoutDropout).toList();
        return args.equals(a.args()) ? a : Apply.of(a.op(), args);
    }

    /** The value the dropout assigns, A of {@code mask(A)}. */
    public String owner() {
        return ((Ref) mask.x()).name();
    }
}
