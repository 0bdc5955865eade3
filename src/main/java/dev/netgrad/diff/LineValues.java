package dev.netgrad.diff;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.RowBlocks;
import dev.netgrad.spec.EquationLine;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A line's values on the instances, in each environment ({@link EquationChecker#WRITTEN}, {@link
 * EquationChecker#RIGHT}, {@link EquationChecker#RIGHT_OTHER}), evaluated when first asked for. A
 * verdict that only asks whether every value equals a derivative gets them one instance at a time
 * and keeps none once measured ({@link #measured}): a param's gradient on a wide network is 4096 x
 * 4096 on each instance, and a right line's values are needed by nothing else unless a later line
 * reads them. So does a wrong line's diagnosis ({@link #oneAtATime}), which goes through the
 * instances in turn, holding one value at a time, as it is or transposed.
 * The values on every instance at once ({@link #on}) are kept once asked for: those a later line reads.
 */
final class LineValues {
    private final EquationLine line;
    private final CheckInstances cases;
    /** A line that reads no wrong line has the same value in every environment: only WRITTEN's is evaluated. */
    private final boolean sameInEvery;
    /** Per environment, the values on every instance once asked for, else null. */
    private final List<List<Matrix>> onAll = new ArrayList<>();
    /** The one value evaluated alone last ({@link #oneAtATime}): its environment, instance, whether transposed, and value. */
    private int lastEnv = -1;
    private int lastInstance = -1;
    private boolean lastTransposed;
    private Matrix last;
    /** The value on the doubled batch in its RIGHT environment, once asked for ({@link #onDoubled}). */
    private Matrix onDoubled;
    /** How many values of the line on an instance have been made whole ({@link #madeWhole}). */
    private int madeWhole;

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
            letGo();
            List<Matrix> out = new ArrayList<>();
            for (int i = 0; i < cases.instances().size(); i++) {
                out.add(evaluate(e, i));
            }
            onAll.set(e, out);
        }
        return onAll.get(e);
    }

    /**
     * What {@code measure} makes of the value on an instance in an environment, the value let go at
     * once unless kept on every instance ({@link #on}): what is asked of it next ({@link
     * CheckInstances#equalsReference}'s noise and rounding bound, each a pass over the network) is
     * then made with no value of the line held. Asked for again, it is evaluated again.
     */
    <T> T measured(int env, int instance, Function<Matrix, T> measure) {
        return measured(sameInEvery ? EquationChecker.WRITTEN : env, instance, false, measure);
    }

    /**
     * The {@link CheckInstances.Difference}s of the value on an instance in an environment from each
     * reference: of the value held, if it is, else made a block of rows at a time where it can be and
     * never held whole ({@link CheckInstances#differences(RowBlocks, List)}), else as {@link
     * #measured}.
     */
    private List<CheckInstances.Difference> differences(int env, int instance, boolean transposed, List<Matrix> references) {
        return measuredInBlocks(env, instance, transposed, value -> CheckInstances.differences(value, references),
                blocks -> CheckInstances.differences(blocks, references));
    }

    /**
     * {@link Numerics#distance(Matrix, Matrix)} of {@code evaluated} from the value on an instance
     * ({@code differentShapes} when they differ in shape): of
     * the value held, if it is, else made a block of rows at a time where it can be and never held whole
     * ({@link Numerics#distance(Matrix, RowBlocks, double)}, the same bits), else as {@link #measured}. Made whole,
     * a wrong 4096 x 4096 param line's value was held beside the evaluation of its inlined expression
     * ({@link Cancellation}) and the three instances' params and references, the largest heap of its check.
     */
    private double distance(int env, int instance, boolean transposed, Matrix evaluated, double differentShapes) {
        return measuredInBlocks(env, instance, transposed,
                value -> evaluated == null || !evaluated.sameShape(value) ? differentShapes : Numerics.distance(evaluated, value),
                blocks -> Numerics.distance(evaluated, blocks, differentShapes));
    }

    /**
     * The value on an instance measured by {@code inBlocks}, made a block of rows at a time and never
     * whole, where it is not held already (held, it costs nothing more) and its rows can be made so;
     * else by {@code whole}, as {@link #measured}. Either way no value of the line is held after.
     */
    private <T> T measuredInBlocks(int env, int instance, boolean transposed, Function<Matrix, T> whole,
            Function<RowBlocks, T> inBlocks) {
        boolean held = onAll.get(env) != null || (lastEnv == env && lastInstance == instance);
        RowBlocks blocks = held || transposed ? null : RowBlocks.of(line.value(), environment(env, instance));
        if (blocks == null) {
            return measured(env, instance, transposed, whole);
        }
        letGo();
        return inBlocks.apply(blocks);
    }

    private <T> T measured(int env, int instance, boolean transposed, Function<Matrix, T> measure) {
        T out = measure.apply(one(env, instance, transposed));
        letGo();
        return out;
    }

    /**
     * The values on every instance in an environment, each evaluated when asked for and only the last
     * one kept (unless {@link #on} keeps them all): asking for the instances in turn holds one value
     * at a time, asking for one again evaluates it again. Held at once, a wrong 4096 x 4096 param
     * line's values on the instances were the largest thing its diagnosis kept.
     */
    OneAtATime oneAtATime(int env) {
        return new OneAtATime(sameInEvery ? EquationChecker.WRITTEN : env, cases.instances().size(), false);
    }

    /**
     * The values on the first {@code size} instances in one environment, as they are or transposed:
     * a view of the {@link LineValues}, each evaluated when asked for and held by them until another
     * is asked for. A value transposed is held in place of the value, not beside it: with a square
     * param's result transposed ({@link Diagnosis}) and a diagnosis's fit of it, a wrong 4096 x 4096
     * param line took three such matrices at once.
     */
    final class OneAtATime extends AbstractList<Matrix> {
        private final int env;
        private final int size;
        private final boolean transposed;

        private OneAtATime(int env, int size, boolean transposed) {
            this.env = env;
            this.size = size;
            this.transposed = transposed;
        }

        @Override
        public Matrix get(int instance) {
            return one(env, Objects.checkIndex(instance, size), transposed);
        }

        @Override
        public int size() {
            return size;
        }

        /** The values on the first {@code count} instances alone. */
        OneAtATime first(int count) {
            Objects.checkFromToIndex(0, count, size);
            return new OneAtATime(env, count, transposed);
        }

        /** The values transposed (or back as they are). */
        OneAtATime transposed() {
            return new OneAtATime(env, size, !transposed);
        }

        /**
         * What {@code measure} makes of the value on an instance, the value let go after ({@link
         * LineValues#measured}): what is asked next, a reference's noise or rounding bound, is made
         * with no value of the line held.
         */
        <T> T measured(int instance, Function<Matrix, T> measure) {
            return LineValues.this.measured(env, Objects.checkIndex(instance, size), transposed, measure);
        }

        /**
         * {@link LineValues#distance}: how far the value on an instance is from {@code evaluated}
         * ({@code differentShapes} when they differ in shape), the value never held after.
         */
        double distanceFrom(int instance, Matrix evaluated, double differentShapes) {
            return LineValues.this.distance(env, Objects.checkIndex(instance, size), transposed, evaluated, differentShapes);
        }

        /** {@link LineValues#differences}: the value's differences from each reference, never held after. */
        List<CheckInstances.Difference> differences(int instance, List<Matrix> references) {
            return LineValues.this.differences(env, Objects.checkIndex(instance, size), transposed, references);
        }

        /** Lets go of the value held, if one is: a rewritten line is evaluated next, and measured against a reference. */
        void letGo() {
            LineValues.this.letGo();
        }
    }

    /**
     * Whether a value of the line is held: one evaluated alone, or those on every instance in some
     * environment. Asked by CheckMemoryTest alone (why, at {@link CheckInstances#boundedValues}).
     */
    boolean holdsAValue() {
        return last != null || onAll.stream().anyMatch(Objects::nonNull);
    }

    /**
     * How many values of the line on an instance have been made whole, each a matrix of the line's
     * shape: not those compared a block of rows at a time ({@link #differences}), nor those transposed
     * from their blocks ({@link #one}). Asked by
     * CheckMemoryTest alone.
     */
    int madeWhole() {
        return madeWhole;
    }

    /** Whether the values on every instance in an environment are kept ({@link #on}). */
    boolean keepsAll(int env) {
        return onAll.get(sameInEvery ? EquationChecker.WRITTEN : env) != null;
    }

    /**
     * One value, transposed when {@code transposed}: from the values on every instance when they are
     * kept, else the last one held alone, else evaluated; transposed from its blocks of rows where it
     * can be made so ({@link RowBlocks#transposed}), never made whole beside its transpose. A value
     * held alone in the other form is let go and made again so: transposed beside it (Diagnosis's
     * transposed result), a wrong 4096 x 4096 param line's value took two such matrices at once. Only
     * the values kept on every instance, or a value that cannot be made a block of rows at a time, are
     * transposed whole.
     */
    private Matrix one(int env, int instance, boolean transposed) {
        if (!transposed && onAll.get(env) != null) {
            return onAll.get(env).get(instance);
        }
        if (lastEnv != env || lastInstance != instance || lastTransposed != transposed) {
            Matrix from = null;
            boolean fromTransposed = false;
            if (onAll.get(env) != null) {
                from = onAll.get(env).get(instance);
            } else if (lastEnv == env && lastInstance == instance) {
                from = last;
                fromTransposed = lastTransposed;
            }
            letGo(); // the previous one, before the next is made
            // Never transposed from a value held whole: its blocks of rows are made again instead.
            RowBlocks blocks = onAll.get(env) == null && fromTransposed != transposed
                    ? RowBlocks.of(line.value(), environment(env, instance)) : null;
            if (blocks != null) {
                from = null; // let go before its other form is made: held beside it, it took the most heap
                from = transposed ? blocks.transposed() : evaluate(env, instance);
                fromTransposed = transposed;
            } else if (from == null) {
                from = evaluate(env, instance);
            }
            last = fromTransposed == transposed ? from : from.transposed();
            lastEnv = env;
            lastInstance = instance;
            lastTransposed = transposed;
        }
        return last;
    }

    private void letGo() {
        last = null;
        lastEnv = -1;
        lastInstance = -1;
        lastTransposed = false;
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
        madeWhole++;
        return Evaluator.evaluate(line.value(), environment(env, instance));
    }

    private Environment environment(int env, int instance) {
        return cases.instances().get(instance).envs().get(env);
    }
}
