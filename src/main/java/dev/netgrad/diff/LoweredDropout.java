package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
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

    /** The value the dropout assigns, A of {@code mask(A)}. */
    public String owner() {
        return ((Ref) mask.x()).name();
    }
}
