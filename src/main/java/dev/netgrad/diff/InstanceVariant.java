package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link EquationChecker} makes an instance from a seeded one: the seeded instance itself, or
 * one of its variants that only judge whether a line is right. A line can differ from a derivative
 * only on entries the seeded instances rarely hold: where a dropout mask drops an entry whose
 * gradient is not zero, where an activation's derivative is not 1 (a relu unit inactive) though the
 * gradient reaching it is not zero, where a max pool's window is wholly inactive. Whether a unit is
 * active on an instance's examples is largely set by its bias, one draw an instance; a layer of many
 * units holds many draws, and a wrong line shows on one of them, but on a layer of few units three
 * draws can all miss (a one-unit dropout whose mask is 1 wherever its relu is active; a 1 x 1 filter
 * with padding whose output is mostly its bias, positive on all three).
 */
enum InstanceVariant {
    /** The seeded instance. */
    SEEDED,
    /**
     * Every dropout mask flipped, the rest the same: each entry a mask multiplies is dropped on one of
     * the two, so a line that leaves the mask out differs wherever the masked value's gradient is not
     * zero on one of them.
     */
    FLIPPED_MASKS,
    /**
     * Every param negated, inputs, targets and masks the same: a pre-activation that params alone set
     * (a bias over a filter's padding, a unit fed by dropped entries only) takes the other sign, and
     * so do the first layer's {@code W1 @ X + b1}, each entry active on exactly one of the two. A unit
     * or a pool's window active on every example of the seeded instance is wholly inactive on this one.
     */
    NEGATED_PARAMS,
    /**
     * Every param declared with two or four sizes (weights, filter banks) times {@link #LEADING}, the
     * per-unit and per-channel params (biases, batchnorm's gamma and beta) the same: each
     * pre-activation is about its bias, one sign over a channel's every position. A max pool sends the
     * gradient only to its window's maximum, which an activation leaves active unless the whole
     * window is inactive; on the seeded instances a window of many positions seldom is, however
     * many channels there are (a global max pool of 8 x 8 positions never was), and a line that
     * leaves out the relu's derivative under it differed on none of them.
     */
    BIASES_LEAD,
    /** {@link #BIASES_LEAD} with every param negated too: each channel its bias alone made active is inactive here. */
    BIASES_LEAD_NEGATED,
    /**
     * Every dropout mask 0, the rest the same: a max pool over a dropout's result sends the gradient to a
     * dropped entry only where every kept entry of its window is 0 too, which a window of many positions
     * seldom is, so a line that left the mask out was right on the seeded and the flipped masks alike.
     * Here every window is 0, its gradient goes to its first position, dropped, and such a line differs
     * wherever the activation there is not flat.
     */
    DROPPED_MASKS;

    /** How much {@link #BIASES_LEAD} shrinks the weights and filter banks. */
    static final double LEADING = 1.0 / 64;

    /**
     * Units below this many (rows of a plain value, channels of an image) make a layer narrow: with
     * at least this many independent draws on each of three instances, every one missing the entries
     * a wrong line differs on is beyond what the mutation test finds in thousands of lines.
     */
    static final int NARROW = 8;

    Environment of(Derivation d, Environment seeded) {
        return switch (this) {
            case SEEDED -> seeded;
            case FLIPPED_MASKS -> RandomInstance.flippedMasks(d, seeded);
            case NEGATED_PARAMS -> RandomInstance.negatedParams(d, seeded);
            case BIASES_LEAD -> RandomInstance.biasesLead(d, seeded, LEADING);
            case BIASES_LEAD_NEGATED -> RandomInstance.negatedParams(d, RandomInstance.biasesLead(d, seeded, LEADING));
            case DROPPED_MASKS -> RandomInstance.droppedMasks(d, seeded);
        };
    }

    /**
     * The variants a network is judged on beside the seeded instances: none unless a dropout, an
     * activation whose derivative is piecewise constant, or a max pool acts on a narrow value; then
     * the negated params, and the flipped masks if the network has dropout; and for a network with a
     * max pool, the instances whose biases lead, as they are and negated, and with dropout too, every
     * mask 0.
     */
    static List<InstanceVariant> judging(Derivation d) {
        List<InstanceVariant> out = new ArrayList<>();
        if (d.forward().stream().anyMatch(s -> narrowSelection(s.value()))) {
            if (!RandomInstance.maskOwners(d).isEmpty()) {
                out.add(FLIPPED_MASKS);
            }
            out.add(NEGATED_PARAMS);
        }
        if (d.forward().stream().anyMatch(s -> Nodes.of(s.value(), Nodes.Masks.ENTER).stream()
                .anyMatch(n -> n instanceof Apply a && a.op() == Op.MAXPOOL))) {
            out.add(BIASES_LEAD);
            out.add(BIASES_LEAD_NEGATED);
            if (!RandomInstance.maskOwners(d).isEmpty()) {
                out.add(DROPPED_MASKS);
            }
        }
        return out;
    }

    /** Whether the expression applies a mask, a relu, a leaky relu, an abs or a max pool to a narrow value. */
    private static boolean narrowSelection(Node value) {
        for (Node n : Nodes.of(value, Nodes.Masks.ENTER)) {
            if (n instanceof Apply a && switch (a.op()) {
                case MASK, RELU, LEAKY_RELU, ABS, MAXPOOL -> true;
                default -> false;
            } && units(a.x().shape()) < NARROW) {
                return true;
            }
        }
        return false;
    }

    private static int units(Shape shape) {
        return shape.isImage() ? shape.grid().c() : shape.rows();
    }
}
