package dev.netgrad.ir;

import java.util.HashMap;
import java.util.Map;

/**
 * The values an expression reads: named matrices (inputs, targets, params, statement results and
 * derivatives), named numbers, dropout masks keyed by the value they belong to, and the batch size.
 */
public final class Environment {
    private final int batchSize;
    private final Map<String, Matrix> values = new HashMap<>();
    private final Map<String, Matrix> masks = new HashMap<>();

    public Environment(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.batchSize = batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    public Environment put(String name, Matrix value) {
        values.put(name, value);
        return this;
    }

    public Environment putMask(String owner, Matrix mask) {
        masks.put(owner, mask);
        return this;
    }

    /** Forgets a value, which nothing will read again. */
    public Environment remove(String name) {
        values.remove(name);
        return this;
    }

    public Matrix value(String name) {
        Matrix m = values.get(name);
        if (m == null) {
            throw new IllegalStateException("no value for " + name);
        }
        return m;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Matrix mask(String owner) {
        Matrix m = masks.get(owner);
        if (m == null) {
            throw new IllegalStateException("no dropout mask for " + owner);
        }
        return m;
    }

    /** A new environment with the same values and masks (the matrices themselves are shared). */
    public Environment copy() {
        Environment out = new Environment(batchSize);
        out.values.putAll(values);
        out.masks.putAll(masks);
        return out;
    }

    public Map<String, Matrix> values() {
        return Map.copyOf(values);
    }
}
