package dev.netgrad.codegen;

import dev.netgrad.diff.Derivation;
import dev.netgrad.runtime.NetworkTrainer;
import dev.netgrad.runtime.Trainer;
import dev.netgrad.spec.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One instance of a generated trainer class, used through the runtime it extends
 * ({@link NetworkTrainer}, a {@link Trainer}): what every verb that runs generated code uses
 * (train, predict, eval, gradcheck). Only the construction is reflective (the class is compiled at
 * run time). The trainer's own exceptions come out as they are (its IllegalStateException on a
 * non-finite cost, its IllegalArgumentException on a bad shape); a class that is not a trainer
 * gives {@link NotATrainer}, which is deliberately not an IllegalStateException so that it never
 * reads as diverged training.
 */
public final class CompiledTrainer {
    /** The package generated classes are compiled in when no other is asked for. */
    public static final String PACKAGE = "netgrad.generated";

    /**
     * Called after every epoch of {@link #fit} with the epoch (from 1) and its cost, and asked between
     * mini-batches whether to stop: the runtime's own Progress, under the name the tool's callers use.
     */
    @FunctionalInterface
    public interface EpochListener extends NetworkTrainer.Progress {
    }

    /** The class is not a generated trainer: a bug in netgrad, not a training failure. */
    public static final class NotATrainer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotATrainer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Class<?> type;
    private final NetworkTrainer trainer;

    private CompiledTrainer(Class<?> type, NetworkTrainer trainer) {
        this.type = type;
        this.trainer = trainer;
    }

    /** Generates, compiles and instantiates the trainer of a derivation, its params drawn from {@code seed}. */
    public static CompiledTrainer of(Derivation d, long seed) {
        String source = TrainerGenerator.generate(d, PACKAGE);
        Class<?> type = InMemoryCompiler.load(PACKAGE + "." + TrainerGenerator.className(d.network()), source);
        return create(type, seed);
    }

    /** A new instance of a generated class, its params initialized from {@code seed}. */
    public static CompiledTrainer create(Class<?> type, long seed) {
        Objects.requireNonNull(type, "type");
        if (!NetworkTrainer.class.isAssignableFrom(type)) {
            throw new NotATrainer(type.getName() + " is not a generated trainer: it does not extend " + NetworkTrainer.class.getName(), null);
        }
        try {
            return new CompiledTrainer(type, (NetworkTrainer) type.getConstructor(long.class).newInstance(seed));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof OutOfMemoryError tooBig) {
                // Params that do not fit the heap: the user's network, not a class that is no trainer.
                throw tooBig;
            }
            throw new NotATrainer("cannot create " + type.getName() + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new NotATrainer(type.getName() + " is not a generated trainer: " + e, e);
        }
    }

    public Class<?> type() {
        return type;
    }

    /** The trainer itself, for what this class does not forward. */
    public NetworkTrainer trainer() {
        return trainer;
    }

    public String networkName() {
        return trainer.networkName();
    }

    /** Whether a row's prediction depends on the other rows predicted with it: see {@link NetworkTrainer#predictionCouplesExamples}. */
    public boolean predictionCouplesExamples() {
        return trainer.predictionCouplesExamples();
    }

    public String[] paramNames() {
        return trainer.paramNames().toArray(new String[0]);
    }

    public String[] maskNames() {
        return trainer.maskNames().toArray(new String[0]);
    }

    public String inputName() {
        return trainer.inputName();
    }

    public String targetName() {
        return trainer.targetName();
    }

    public String outputName() {
        return trainer.outputName();
    }

    public int inputSize() {
        return trainer.inputSize();
    }

    public int targetSize() {
        return trainer.targetSize();
    }

    public double[][] getParam(String name) {
        return trainer.getParam(name);
    }

    public void setParam(String name, double[][] value) {
        trainer.setParam(name, value);
    }

    /** Sets one entry of a param, leaving the others: a difference's step without a copy of the whole param. */
    public void setParamEntry(String name, int row, int col, double value) {
        trainer.setParamEntry(name, row, col, value);
    }

    /** Forward and backward pass; x and y hold one example per row. Returns the cost J. */
    public double costAndGradients(double[][] x, double[][] y) {
        return trainer.costAndGradients(x, y);
    }

    /** The forward pass alone: the cost J, gradients untouched (dropout still draws masks). */
    public double cost(double[][] x, double[][] y) {
        return trainer.cost(x, y);
    }

    /**
     * The cost J of the model as it predicts (dropout off, batchnorm's running averages), in chunks of
     * at most {@code chunk} examples: see {@link NetworkTrainer#evaluationCost(double[][], double[][], int)}.
     */
    public double evaluationCost(double[][] x, double[][] y, int chunk) {
        return trainer.evaluationCost(x, y, chunk);
    }

    public double[][] gradient(String param) {
        return trainer.gradient(param);
    }

    public double[][] value(String name) {
        return trainer.value(name);
    }

    public double[][] delta(String name) {
        return trainer.delta(name);
    }

    public double[] losses() {
        return trainer.losses();
    }

    public void setMasks(Map<String, double[][]> masks) {
        trainer.setMasks(masks);
    }

    public void clearMasks() {
        trainer.clearMasks();
    }

    public void useOptimizer(Optimizer o) {
        useOptimizer(o.kind().name().toLowerCase(Locale.ROOT), o.lr(), o.beta(), o.beta1(), o.beta2(), o.eps());
    }

    public void useOptimizer(String kind, double lr, double beta, double beta1, double beta2, double eps) {
        trainer.useOptimizer(kind, lr, beta, beta1, beta2, eps);
    }

    public void step() {
        trainer.step();
    }

    /** One optimizer step on a batch; returns the cost computed before the update. */
    public double trainStep(double[][] x, double[][] y) {
        return trainer.trainStep(x, y);
    }

    /** Trains for {@code epochs} epochs in batches of {@code batchSize} (0: full batch; a negative one is refused). */
    public void fit(double[][] x, double[][] y, int epochs, int batchSize, EpochListener listener) {
        trainer.fit(x, y, epochs, batchSize, listener);
    }

    /** The network's output for each example, one row per example (dropout off). */
    public double[][] predict(double[][] x) {
        return trainer.predict(x);
    }

    /** Writes the params as JSON; the trainer's IOException comes out as an UncheckedIOException. */
    public void save(Path file) {
        try {
            trainer.save(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads params written by {@link #save}; the trainer's IOException comes out as an UncheckedIOException. */
    public void load(Path file) {
        try {
            trainer.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void setThreads(int threads) {
        trainer.setThreads(threads);
    }
}
