package dev.netgrad.bench;

import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.codegen.InMemoryCompiler;
import dev.netgrad.codegen.TrainerGenerator;
import dev.netgrad.diff.Derivation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;

/**
 * A generated trainer compiled in memory, driven through method handles rather than reflection:
 * {@code invokeExact} boxes nothing and looks nothing up, so a training step through it allocates
 * only what the generated class itself allocates.
 */
final class BenchTrainer {
    private final MethodHandle trainStep;
    private final MethodHandle setThreads;
    /** fit(x, y, epochs) with full batches and no progress listener. */
    private final MethodHandle fitFullBatch;
    private final int inputSize;
    private final int targetSize;

    private BenchTrainer(Class<?> type, Object instance) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        trainStep = lookup.findVirtual(type, "trainStep",
                MethodType.methodType(double.class, double[][].class, double[][].class)).bindTo(instance);
        setThreads = lookup.findVirtual(type, "setThreads", MethodType.methodType(void.class, int.class)).bindTo(instance);
        Class<?> progress = Class.forName(type.getName() + "$Progress", false, type.getClassLoader());
        MethodHandle fit = lookup.findVirtual(type, "fit", MethodType.methodType(void.class, double[][].class, double[][].class,
                int.class, int.class, progress)).bindTo(instance);
        fitFullBatch = MethodHandles.insertArguments(fit, 3, 0, null);
        inputSize = type.getField("INPUT_SIZE").getInt(null);
        targetSize = type.getField("TARGET_SIZE").getInt(null);
    }

    /** Generates and compiles the trainer of {@code d} and makes one instance, its params drawn from {@code seed}. */
    static BenchTrainer of(Derivation d, long seed) {
        String source = TrainerGenerator.generate(d, CompiledTrainer.PACKAGE);
        Class<?> type = InMemoryCompiler.load(CompiledTrainer.PACKAGE + "." + TrainerGenerator.className(d.network()), source);
        try {
            return new BenchTrainer(type, type.getConstructor(long.class).newInstance(seed));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the generated " + type.getSimpleName() + " failed to start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " is not a generated trainer: " + e, e);
        }
    }

    int inputSize() {
        return inputSize;
    }

    int targetSize() {
        return targetSize;
    }

    /** One optimizer step on a batch (one example per row); returns the batch's cost before the step. */
    double trainStep(double[][] x, double[][] y) {
        try {
            return (double) trainStep.invokeExact(x, y);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code epochs} full-batch steps on x and y, loaded once. */
    void fit(double[][] x, double[][] y, int epochs) {
        try {
            fitFullBatch.invokeExact(x, y, epochs);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    void setThreads(int threads) {
        try {
            setThreads.invokeExact(threads);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
