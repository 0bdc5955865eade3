package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.Trainer;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;

/**
 * Makes a trainer from a seed, on the driver and in every task; serializable, because Spark
 * ships it to the executors. Generated trainers are made by their {@code (long seed)} constructor.
 */
@FunctionalInterface
public interface TrainerFactory extends Serializable {

    /** A new trainer, its params initialized from {@code seed} as its spec says. */
    Trainer create(long seed);

    /** The factory of a generated trainer class: calls its {@code public (long seed)} constructor. */
    static TrainerFactory of(Class<? extends Trainer> trainerClass) {
        try {
            trainerClass.getConstructor(long.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(trainerClass.getName() + " has no public constructor taking a long seed, as generated trainers have");
        }
        return new ByConstructor(trainerClass);
    }

    /** Calls a trainer class's seed constructor; holds the class, which Java serialization ships by name. */
    record ByConstructor(Class<? extends Trainer> trainerClass) implements TrainerFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public Trainer create(long seed) {
            try {
                return trainerClass.getConstructor(long.class).newInstance(seed);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("the constructor of " + trainerClass.getName() + " failed: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot construct " + trainerClass.getName() + ": " + e, e);
            }
        }
    }
}
