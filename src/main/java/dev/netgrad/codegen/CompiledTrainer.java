package dev.netgrad.codegen;

import dev.netgrad.diff.Derivation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * One instance of a generated trainer class, compiled in memory and driven by reflection (the
 * class depends on java.base alone, so nothing here can name it). What {@code eval} and
 * {@code gradcheck} use; the trainer's own exceptions come out unwrapped.
 */
public final class CompiledTrainer {
    /** The package generated classes are compiled in when no other is asked for. */
    public static final String PACKAGE = "netgrad.generated";

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

    public static CompiledTrainer create(Class<?> type, long seed) {
        try {
            return new CompiledTrainer(type, type.getConstructor(long.class).newInstance(seed));
        } catch (InvocationTargetException e) {
            throw unwrap(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + " is not a generated trainer: " + e, e);
        }
    }

    public Class<?> type() {
        return type;
    }

    public String[] paramNames() {
        return ((String[]) constant("PARAM_NAMES")).clone();
    }

    public String[] maskNames() {
        return ((String[]) constant("MASK_NAMES")).clone();
    }

    public int inputSize() {
        return (Integer) constant("INPUT_SIZE");
    }

    public int targetSize() {
        return (Integer) constant("TARGET_SIZE");
    }

    public String outputName() {
        return (String) constant("OUTPUT_NAME");
    }

    public double[][] getParam(String name) {
        return (double[][]) call("getParam", new Class<?>[] {String.class}, name);
    }

    public void setParam(String name, double[][] value) {
        call("setParam", new Class<?>[] {String.class, double[][].class}, name, value);
    }

    /** x and y hold one example per row. */
    public double costAndGradients(double[][] x, double[][] y) {
        return (Double) call("costAndGradients", new Class<?>[] {double[][].class, double[][].class}, x, y);
    }

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

    public void useOptimizer(String kind, double lr, double beta, double beta1, double beta2, double eps) {
        call("useOptimizer", new Class<?>[] {String.class, double.class, double.class, double.class, double.class, double.class},
                kind, lr, beta, beta1, beta2, eps);
    }

    public void step() {
        call("step", new Class<?>[0]);
    }

    public double trainStep(double[][] x, double[][] y) {
        return (Double) call("trainStep", new Class<?>[] {double[][].class, double[][].class}, x, y);
    }

    public double[][] predict(double[][] x) {
        return (double[][]) call("predict", new Class<?>[] {double[][].class}, (Object) x);
    }

    private Object constant(String name) {
        try {
            return type.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " has no public constant " + name, e);
        }
    }

    private Object call(String name, Class<?>[] parameterTypes, Object... args) {
        Method method;
        try {
            method = type.getMethod(name, parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no method " + name, e);
        }
        try {
            return method.invoke(instance, args);
        } catch (InvocationTargetException e) {
            throw unwrap(e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + type.getName() + "." + name, e);
        }
    }

    private static RuntimeException unwrap(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
