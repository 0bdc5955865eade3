package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.Trainer;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Makes a trainer from a seed, on the driver and in every task; serializable, because Spark
 * ships it to the executors. Generated trainers are made by their {@code (long seed)} constructor.
 */
@FunctionalInterface
public interface TrainerFactory extends Serializable {

    /** A new trainer, its params initialized from {@code seed} as its spec says. */
    Trainer create(long seed);

    /**
     * The factory of a generated trainer class: calls its {@code public (long seed)} constructor.
     * Refuses, here rather than on the driver's first use or in a task, a class that no such call can
     * make a trainer of: not a {@link Trainer} (a raw {@code Class} gets past the compiler), abstract,
     * or without that constructor where this package can call it.
     */
    static TrainerFactory of(Class<? extends Trainer> trainerClass) {
        if (trainerClass == null) {
            throw new IllegalArgumentException("the trainer class is null; pass a generated trainer class such as Iris.class");
        }
        String name = trainerClass.getName();
        if (!Trainer.class.isAssignableFrom(trainerClass)) {
            throw new IllegalArgumentException(name + " is not a netgrad trainer (it does not implement " + Trainer.class.getName()
                    + "); pass a class that netgrad generate or the Maven plugin generated");
        }
        if (trainerClass.isInterface() || Modifier.isAbstract(trainerClass.getModifiers())) {
            throw new IllegalArgumentException(name + " is abstract: no trainer can be made of it; pass a generated trainer class");
        }
        Constructor<?> constructor;
        try {
            constructor = trainerClass.getConstructor(long.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(name + " has no public constructor taking a long seed, as generated trainers have");
        }
        if (!constructor.canAccess(null)) {
            throw new IllegalArgumentException(name + " is not public, so its constructor taking a long seed cannot be called from "
                    + TrainerFactory.class.getPackageName() + "; generated trainers are public classes");
        }
        return new ByConstructor(trainerClass);
    }

    /** Calls a trainer class's seed constructor; holds the class, which Java serialization ships by name. */
    record ByConstructor(Class<? extends Trainer> trainerClass) implements TrainerFactory {
        private static final long serialVersionUID = 1L;

        /** What explainParams shows of the trainer param: the class whose constructor makes each trainer. */
        @Override
        public String toString() {
            return "new " + trainerClass.getName() + "(seed)";
        }

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
