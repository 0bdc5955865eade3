package dev.netgrad.ir;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/** Hash-consing: one canonical object per distinct node, held weakly so long builds do not leak. */
final class Interner {
    private static final Map<Node, WeakReference<Node>> CANONICAL = new WeakHashMap<>();

    private Interner() {
    }

    @SuppressWarnings("unchecked")
    static synchronized <N extends Node> N intern(N node) {
        WeakReference<Node> existing = CANONICAL.get(node);
        Node canonical = existing == null ? null : existing.get();
        if (canonical != null) {
            return (N) canonical;
        }
        CANONICAL.put(node, new WeakReference<>(node));
        return node;
    }
}
