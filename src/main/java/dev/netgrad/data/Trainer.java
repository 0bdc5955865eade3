package dev.netgrad.data;

import dev.netgrad.spec.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Drives one instance of a compiled generated trainer class by reflection: the generated class
 * depends on java.base alone, so nothing here can name it. Exceptions thrown by the trainer
 * (such as its IllegalStateException on a non-finite cost) come out unwrapped.
 */
public final class Trainer {
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

    private Trainer(Class<?> type, Object instance) {
        this.type = type;
        this.instance = instance;
    }

    /** A new instance of the generated class, its params initialized from {@code seed}. */
    public static Trainer create(Class<?> type, long seed) {
        Objects.requireNonNull(type, "type");
        try {
            return new Trainer(type, type.getConstructor(long.class).newInstance(seed));
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (ReflectiveOperationException e) {
            throw new NotATrainer(type.getName() + " is not a generated trainer: " + e, e);
        }
    }

    public String networkName() {
        return type.getSimpleName();
    }

    public String[] paramNames() {
        return ((String[]) constant("PARAM_NAMES")).clone();
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

    public double[] losses() {
        return (double[]) call("losses", new Class<?>[0]);
    }

    public void useOptimizer(Optimizer o) {
        call("useOptimizer", new Class<?>[] {String.class, double.class, double.class, double.class, double.class, double.class},
                o.kind().name().toLowerCase(Locale.ROOT), o.lr(), o.beta(), o.beta1(), o.beta2(), o.eps());
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

    /** The network's output for each example, one row per example. */
    public double[][] predict(double[][] x) {
        return (double[][]) call("predict", new Class<?>[] {double[][].class}, (Object) x);
    }

    public void save(Path file) {
        call("save", new Class<?>[] {Path.class}, file);
    }

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
            Field field = type.getField(name);
            return field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new NotATrainer(type.getName() + " has no public static field " + name, e);
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
