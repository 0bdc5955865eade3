package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.Trainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A trainer's params as one array in its param order: what a step broadcasts and a model keeps. */
final class Params {
    private Params() {
    }

    /** Copies of the trainer's params, in {@link Trainer#paramNames} order. */
    static double[][][] of(Trainer trainer) {
        List<String> names = trainer.paramNames();
        double[][][] params = new double[names.size()][][];
        for (int p = 0; p < params.length; p++) {
            params[p] = trainer.getParam(names.get(p));
        }
        return params;
    }

    /** Sets every param of the trainer from {@code params}, in its param order. */
    static void set(Trainer trainer, double[][][] params) {
        List<String> names = trainer.paramNames();
        for (int p = 0; p < params.length; p++) {
            trainer.setParam(names.get(p), params[p]);
        }
    }

    /**
     * Sets the params named in {@code values} (the estimator's {@code initialParams}); refuses, naming
     * the param, a name the network does not have, a value that is null, not rectangular, of another
     * shape or with an entry that is not finite. Checked here, not left to the trainer's setParam: a
     * trainer written by hand need not check, and a NaN start trains nothing but NaN.
     */
    static void setNamed(Trainer trainer, Map<String, double[][]> values) {
        for (Map.Entry<String, double[][]> e : given(values).entrySet()) {
            String name = e.getKey();
            if (!trainer.paramNames().contains(name)) {
                throw new IllegalArgumentException("initialParams names " + name + ", which " + trainer.networkName()
                        + " does not have; its params are " + String.join(", ", trainer.paramNames()));
            }
            trainer.setParam(name, checked(name, e.getValue(), trainer.paramRows(name), trainer.paramCols(name)));
        }
    }

    /**
     * {@code values}, the estimator's {@code initialParams}, refused when null: by its setter, or here when a
     * ParamMap set it past the setter.
     */
    static Map<String, double[][]> given(Map<String, double[][]> values) {
        if (values == null) {
            throw new IllegalArgumentException("initialParams is null; an empty map keeps every param's seeded init");
        }
        return values;
    }

    /** A deep copy of {@code values}, in their order; a null matrix or row stays null, for fit to refuse naming the param. */
    static Map<String, double[][]> copied(Map<String, double[][]> values) {
        Map<String, double[][]> copy = new LinkedHashMap<>();
        values.forEach((name, m) -> {
            double[][] c = null;
            if (m != null) {
                c = new double[m.length][];
                for (int i = 0; i < m.length; i++) {
                    c[i] = m[i] == null ? null : m[i].clone();
                }
            }
            copy.put(name, c);
        });
        return copy;
    }

    private static double[][] checked(String name, double[][] value, int rows, int cols) {
        String what = "initialParams " + name;
        if (value == null) {
            throw new IllegalArgumentException(what + " is null; leave " + name + " out to keep its seeded init");
        }
        String found = value.length + " x " + (value.length == 0 || value[0] == null ? 0 : value[0].length);
        for (int r = 0; r < value.length; r++) {
            if (value[r] == null || value[r].length != value[0].length) {
                found = "rows of different lengths (row " + r + " has " + (value[r] == null ? "none" : value[r].length) + ")";
                break;
            }
        }
        if (value.length != rows || !found.equals(rows + " x " + cols)) {
            throw new IllegalArgumentException(what + " must be " + rows + " x " + cols + ", found " + found);
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (!Double.isFinite(value[r][c])) {
                    throw new IllegalArgumentException(what + " has a non-finite entry at [" + r + "][" + c + "]: " + value[r][c]);
                }
            }
        }
        return value;
    }
}
