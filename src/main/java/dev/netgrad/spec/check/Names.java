package dev.netgrad.spec.check;

import dev.netgrad.ir.Ref;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.SourcePos;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** Which names a user may declare, and the nearest known name for a misspelt one. */
final class Names {
    /** Built-in functions (docs/language.md section 4) and the image functions (docs/images.md), plus mask,
     * ones_like and the image derivatives of equation files. */
    static final Set<String> FUNCTIONS = Set.of("tanh", "sigmoid", "relu", "exp", "log", "sqrt", "abs",
            "softplus", "leaky_relu", "softmax", "log_softmax", "sum", "mean", "dropout", "batchnorm", "mask",
            "ones_like", "conv2d", "maxpool", "avgpool", "flatten", "conv2d_input", "conv2d_weight", "channel_sum",
            "maxpool_input", "avgpool_input", "unflatten");

    /** {@code pad=same} of a convolution. */
    static final String SAME = "same";

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
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int allowed = name.length() <= 1 ? 0 : name.length() <= 3 ? 1 : 2;
        for (String c : candidates) {
            int d = distance(name, c);
            if (d <= allowed && d < bestDistance && !c.equals(name)) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    static String didYouMean(String name, Collection<String> candidates) {
        return nearest(name, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    /** Levenshtein distance, capped cheaply for very different lengths. */
    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
