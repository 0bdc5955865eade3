package dev.netgrad.spec.check;

import dev.netgrad.ir.Ref;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.NearMiss;
import dev.netgrad.spec.SourcePos;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Which names a user may declare, and the nearest known name for a misspelt one. */
final class Names {
    /** Built-in functions (docs/language.md section 4) and the image functions (docs/images.md), plus mask,
     * ones_like and the image derivatives of equation files. A list: a "did you mean" hint is the first of the
     * nearest in this order, where a Set.of's order changes from run to run ('nflatten': flatten or unflatten). */
    static final List<String> FUNCTIONS = List.of("tanh", "sigmoid", "relu", "exp", "log", "sqrt", "abs",
            "softplus", "leaky_relu", "softmax", "log_softmax", "sum", "mean", "dropout", "batchnorm", "mask",
            "ones_like", "conv2d", "maxpool", "avgpool", "flatten", "conv2d_input", "conv2d_weight", "channel_sum",
            "maxpool_input", "avgpool_input", "unflatten");

    /** {@code pad=same} of a convolution. */
    static final String SAME = "same";

    /**
     * Keras's {@code padding='valid'} and the course's "valid convolution": no padding, which is {@code pad=0}
     * (or no pad at all). Not a word of the language; a pad that names it, undeclared, is told so.
     */
    static final String VALID = "valid";

    /** The error for a pad written {@code valid}, {@code written} being how the language writes no padding there. */
    static String validPadding(String written) {
        return "undefined name 'valid': a valid convolution is one without padding: write " + written
                + ", or leave the padding out (0 is its default)";
    }

    private Names() {
    }

    /** Reports and returns false when {@code name} is reserved. */
    static boolean checkDeclarable(String name, SourcePos pos, Diagnostics diagnostics) {
        if (name.equals(Ref.BATCH_SIZE_NAME)) {
            diagnostics.error(pos, "'m' is reserved for the batch size and cannot be declared");
            return false;
        }
        if (name.equals(SAME)) {
            diagnostics.error(pos, "'same' is reserved (conv2d's pad=same) and cannot be declared");
            return false;
        }
        if (FUNCTIONS.contains(name)) {
            diagnostics.error(pos, "'" + name + "' is a built-in function and cannot be used as a name");
            return false;
        }
        return true;
    }

    /** A candidate within a couple of edits of {@code name}, for "did you mean" hints. */
    static Optional<String> nearest(String name, Collection<String> candidates) {
        return NearMiss.nearest(name, candidates);
    }

    static String didYouMean(String name, Collection<String> candidates) {
        return nearest(name, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }
}
