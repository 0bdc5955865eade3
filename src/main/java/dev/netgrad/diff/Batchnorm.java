package dev.netgrad.diff;

import dev.netgrad.spec.Network;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One batchnorm of a lowered program, as prediction needs it: {@code name} is the value the
 * batchnorm assigns (its statement's name; the k-th batchnorm of one statement, k &gt; 1, is
 * {@code name#k}), the key of its running averages in params files; {@code mean} and {@code std}
 * are the helpers that hold the batch's mean and {@code sqrt(variance + eps)} ({@code rows} x 1,
 * the variance dividing by m). Training keeps running averages of the mean and the variance;
 * prediction reads them in place of the batch's.
 */
public record Batchnorm(String name, String mean, String std, int rows, double eps) {
    /** The batchnorms of a network, in program order (as its derivation lowers them). */
    public static List<Batchnorm> of(Network network) {
        List<String> taken = new ArrayList<>();
        network.statements().forEach(s -> taken.add(s.name()));
        return Lowering.lower(network, new NameAllocator(taken)).batchnorms();
    }

    /** The key of the {@code index}-th (from 1) batchnorm of {@code owner}'s statement. */
    static String key(Statement owner, int index) {
        return index == 1 ? owner.name() : owner.name() + "#" + index;
    }
}
