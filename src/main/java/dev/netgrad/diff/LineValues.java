package dev.netgrad.diff;

import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.Matrix;
import dev.netgrad.spec.EquationLine;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A line's values on the instances, in each environment ({@link EquationChecker#WRITTEN}, {@link
 * EquationChecker#RIGHT}, {@link EquationChecker#RIGHT_OTHER}), evaluated when first asked for. A
 * verdict that only asks whether every value equals a derivative gets them one instance at a time
 * and keeps none once measured ({@link #measured}), or one ({@link #all}): a param's gradient on a
 * wide network is 4096 x 4096 on each instance, and a right line's values are needed by nothing else
 * unless a later line reads them. So does a wrong line's diagnosis ({@link #oneAtATime}), which goes
 * through the instances in turn.
 * The values on every instance at once ({@link #on}) are kept once asked for: those a later line reads.
 */
final class LineValues {
    /** Whether a value meets a test on an instance. */
    interface Test {
        boolean holds(Matrix value, int instance);
    }

    private final EquationLine line;
    private final CheckInstances cases;
    /** A line that reads no wrong line has the same value in every environment: only WRITTEN's is evaluated. */
    private final boolean sameInEvery;
    /** Per environment, the values on every instance once asked for, else null. */
    private final List<List<Matrix>> onAll = new ArrayList<>();
    /** The one value evaluated alone last ({@link #all}): its environment, instance and value. */
    private int lastEnv = -1;
    private int lastInstance = -1;
    private Matrix last;
    /** The value on the doubled batch in its RIGHT environment, once asked for ({@link #onDoubled}). */
    private Matrix onDoubled;

    LineValues(EquationLine line, CheckInstances cases, boolean sameInEvery) {
        this.line = line;
        this.cases = cases;
        this.sameInEvery = sameInEvery;
        for (int env = EquationChecker.WRITTEN; env <= EquationChecker.RIGHT_OTHER; env++) {
            onAll.add(null);
        }
    }

    /** The values on every instance in an environment. */
    List<Matrix> on(int env) {
        int e = sameInEvery ? EquationChecker.WRITTEN : env;
        if (onAll.get(e) == null) {
            last = null;
            List<Matrix> out = new ArrayList<>();
            for (int i = 0; i < cases.instances().size(); i++) {
                out.add(evaluate(e, i));
            }
            onAll.set(e, out);
        }
        return onAll.get(e);
    }

    /** Whether the values in an environment meet a test on every instance, asked in order until one does not. */
    boolean all(int env, Test test) {
        List<Matrix> values = oneAtATime(env);
        for (int i = 0; i < values.size(); i++) {
            if (!test.holds(values.get(i), i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What {@code measure} makes of the value on an instance in an environment, the value let go at
     * once unless kept on every instance ({@link #on}): what is asked of it next ({@link
     * CheckInstances#equalsReference}'s noise and rounding bound, each a pass over the network) is
     * then made with no value of the line held. Asked for again, it is evaluated again.
     */
    <T> T measured(int env, int instance, Function<Matrix, T> measure) {
        int e = sameInEvery ? EquationChecker.WRITTEN : env;
        T out = measure.apply(one(e, instance));
        last = null;
        lastEnv = -1;
        lastInstance = -1;
        return out;
    }

    /**
     * The values on every instance in an environment, each evaluated when asked for and only the last
     * one kept (unless {@link #on} keeps them all): asking for the instances in turn holds one value
     * at a time, asking for one again evaluates it again. Held at once, a wrong 4096 x 4096 param
     * line's values on the instances were the largest thing its diagnosis kept.
     */
    List<Matrix> oneAtATime(int env) {
        int e = sameInEvery ? EquationChecker.WRITTEN : env;
        return eachWhenAsked(cases.instances().size(), instance -> one(e, instance));
    }

    /** A list of {@code size} values, each computed by {@code value} when asked for and not kept by the list. */
    static List<Matrix> eachWhenAsked(int size, IntFunction<Matrix> value) {
        return new AbstractList<>() {
            @Override
            public Matrix get(int instance) {
                return value.apply(Objects.checkIndex(instance, size));
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /**
     * Whether a value of the line is held: one evaluated alone, or those on every instance in some
     * environment. Asked by CheckMemoryTest alone (why, at {@link CheckInstances#boundedValues}).
     */
    boolean holdsAValue() {
        return last != null || onAll.stream().anyMatch(Objects::nonNull);
    }

    /** Whether the values on every instance in an environment are kept ({@link #on}). */
    boolean keepsAll(int env) {
        return onAll.get(sameInEvery ? EquationChecker.WRITTEN : env) != null;
    }

    /** One value: from the values on every instance when they are kept, else the last one evaluated alone, else evaluated. */
    private Matrix one(int env, int instance) {
        if (onAll.get(env) != null) {
            return onAll.get(env).get(instance);
        }
        if (lastEnv != env || lastInstance != instance) {
            last = null; // let go of the previous one before the next is made
            last = evaluate(env, instance);
            lastEnv = env;
            lastInstance = instance;
        }
        return last;
    }

    /**
     * The value on the doubled batch, in its RIGHT environment: asked only how a wrong line's value
     * given right inputs depends on m, and put in there when later lines read the line.
     */
    Matrix onDoubled() {
        if (onDoubled == null) {
            onDoubled = Evaluator.evaluate(line.value(), cases.doubled().envs().get(EquationChecker.RIGHT));
        }
        return onDoubled;
    }

    private Matrix evaluate(int env, int instance) {
        return Evaluator.evaluate(line.value(), cases.instances().get(instance).envs().get(env));
    }
}
