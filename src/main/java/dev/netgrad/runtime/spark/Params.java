package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.Trainer;
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


    /** Sets the params named in {@code values}; refuses a name the network does not have. */
    static void setNamed(Trainer trainer, Map<String, double[][]> values) {
        for (Map.Entry<String, double[][]> e : values.entrySet()) {
            if (!trainer.paramNames().contains(e.getKey())) {
                throw new IllegalArgumentException("initialParams names " + e.getKey() + ", which " + trainer.networkName()
                        + " does not have; its params are " + String.join(", ", trainer.paramNames()));
            }
            trainer.setParam(e.getKey(), e.getValue());
        }
    }
}
