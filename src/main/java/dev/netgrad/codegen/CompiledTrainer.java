package dev.netgrad.codegen;

import dev.netgrad.diff.Derivation;
import dev.netgrad.spec.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One instance of a generated trainer class, driven by reflection: the class depends on java.base
 * alone, so nothing here can name it. What every verb that runs generated code uses (train,
 * predict, eval, gradcheck). The trainer's own exceptions come out unwrapped (its
 * IllegalStateException on a non-finite cost, its IllegalArgumentException on a bad shape); a
 * class without the generated API gives {@link NotATrainer}, which is deliberately not an
 * IllegalStateException so that it never reads as diverged training.
 */
public final class CompiledTrainer {
    /** The package generated classes are compiled in when no other is asked for. */
    public static final String PACKAGE = "netgrad.generated";

    /** Called after every epoch of {@link #fit} with the epoch (from 1) and its cost. */
    @FunctionalInterface
    public interface EpochListener {
        void onEpoch(int epoch, double cost);
    }

    /** The class does not have the generated trainers' API: a bug in netgrad, not a training failure. */
    public static final class NotATrainer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotATrainer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Class<?> type;
    private final Object instance;

    private CompiledTrainer(Class<?> type, Object instance) {
        this.type = type;
        this.instance = instance;
    }

    /** Generates, compiles and instantiates the trainer of a derivation, its params drawn from {@code seed}. */
    public static CompiledTrainer of(Derivation d, long seed) {
        String source = TrainerGenerator.generate(d, PACKAGE);
        Class<?> type = InMemoryCompiler.load(PACKAGE + "." + TrainerGenerator.className(d.network()), source);
        return create(type, seed);
    }

    /** A new instance of a generated (or compatible) class, its params initialized from {@code seed}. */
    public static CompiledTrainer create(Class<?> type, long seed) {
        Objects.requireNonNull(type, "type");
        try {
            return new CompiledTrainer(type, type.getConstructor(long.class).newInstance(seed));
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (ReflectiveOperationException e) {
            throw new NotATrainer(type.getName() + " is not a generated trainer: " + e, e);
        }
    }

    public Class<?> type() {
        return type;
    }

    public String networkName() {
        return type.getSimpleName();
    }

    public String[] paramNames() {
        return ((String[]) constant("PARAM_NAMES")).clone();
    }

    public String[] maskNames() {
        return ((String[]) constant("MASK_NAMES")).clone();
    }

    public String inputName() {
        return (String) constant("INPUT_NAME");
    }

    public String targetName() {
        return (String) constant("TARGET_NAME");
    }

    public String outputName() {
        return (String) constant("OUTPUT_NAME");
    }

    public int inputSize() {
        return (Integer) constant("INPUT_SIZE");
    }

    public int targetSize() {
        return (Integer) constant("TARGET_SIZE");
    }

    public double[][] getParam(String name) {
        return (double[][]) call("getParam", new Class<?>[] {String.class}, name);
    }

    public void setParam(String name, double[][] value) {
        call("setParam", new Class<?>[] {String.class, double[][].class}, name, value);
    }

    /** Forward and backward pass; x and y hold one example per row. Returns the cost J. */
    public double costAndGradients(double[][] x, double[][] y) {
        return (Double) call("costAndGradients", new Class<?>[] {double[][].class, double[][].class}, x, y);
    }

    /** The forward pass alone: the cost J, gradients untouched (dropout still draws masks). */
    public double cost(double[][] x, double[][] y) {
        return (Double) call("cost", new Class<?>[] {double[][].class, double[][].class}, x, y);
    }

    public double[][] gradient(String param) {
        return (double[][]) call("gradient", new Class<?>[] {String.class}, param);
    }

    public double[][] value(String name) {
        return (double[][]) call("value", new Class<?>[] {String.class}, name);
    }

    public double[][] delta(String name) {
        return (double[][]) call("delta", new Class<?>[] {String.class}, name);
    }

    public double[] losses() {
        return (double[]) call("losses", new Class<?>[0]);
    }

    public void setMasks(Map<String, double[][]> masks) {
        call("setMasks", new Class<?>[] {Map.class}, masks);
    }

    public void clearMasks() {
        call("clearMasks", new Class<?>[0]);
    }

    public void useOptimizer(Optimizer o) {
        useOptimizer(o.kind().name().toLowerCase(Locale.ROOT), o.lr(), o.beta(), o.beta1(), o.beta2(), o.eps());
    }

    public void useOptimizer(String kind, double lr, double beta, double beta1, double beta2, double eps) {
        call("useOptimizer", new Class<?>[] {String.class, double.class, double.class, double.class, double.class, double.class},
                kind, lr, beta, beta1, beta2, eps);
    }

    public void step() {
        call("step", new Class<?>[0]);
    }

    /** One optimizer step on a batch; returns the cost computed before the update. */
    public double trainStep(double[][] x, double[][] y) {
        return (Double) call("trainStep", new Class<?>[] {double[][].class, double[][].class}, x, y);
    }

    /** Trains for {@code epochs} epochs in batches of {@code batchSize} (0 or less: full batch). */
    public void fit(double[][] x, double[][] y, int epochs, int batchSize, EpochListener listener) {
        Class<?> progress = progressType();
        Object callback = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {progress}, forward(listener));
        call("fit", new Class<?>[] {double[][].class, double[][].class, int.class, int.class, progress},
                x, y, epochs, batchSize, callback);
    }

    /** The network's output for each example, one row per example (dropout off). */
    public double[][] predict(double[][] x) {
        return (double[][]) call("predict", new Class<?>[] {double[][].class}, (Object) x);
    }

    /** Writes the params as JSON; the trainer's IOException comes out as an UncheckedIOException. */
    public void save(Path file) {
        call("save", new Class<?>[] {Path.class}, file);
    }

    /** Reads params written by {@link #save}; the trainer's IOException comes out as an UncheckedIOException. */
    public void load(Path file) {
        call("load", new Class<?>[] {Path.class}, file);
    }

    public void setThreads(int threads) {
        call("setThreads", new Class<?>[] {int.class}, threads);
    }

    private Class<?> progressType() {
        for (Class<?> nested : type.getClasses()) {
            if (nested.isInterface() && nested.getSimpleName().equals("Progress")) {
                return nested;
            }
        }
        throw new NotATrainer(type.getName() + " has no nested Progress interface", null);
    }

    private static InvocationHandler forward(EpochListener listener) {
        return (proxy, method, args) -> {
            if (method.getName().equals("onEpoch") && args != null && args.length == 2) {
                listener.onEpoch((Integer) args[0], (Double) args[1]);
                return null;
            }
            if (method.getName().equals("equals")) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            return "Progress(" + listener + ")";
        };
    }

    private Object constant(String name) {
        try {
            return type.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new NotATrainer(type.getName() + " has no public constant " + name, e);
        }
    }

    private Object call(String name, Class<?>[] parameterTypes, Object... args) {
        Method method;
        try {
            method = type.getMethod(name, parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new NotATrainer(type.getName() + " has no method " + name, e);
        }
        try {
            return method.invoke(instance, args);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (IllegalAccessException e) {
            throw new NotATrainer("cannot call " + type.getName() + "." + name, e);
        }
    }

    /** The trainer's own exception, unwrapped; a checked one (an IOException from save) wrapped unchecked. */
    private static RuntimeException rethrow(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        return new NotATrainer("unexpected checked exception from " + cause, cause);
    }
}
