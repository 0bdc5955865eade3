package dev.netgrad.diff;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.spec.EquationLine;
import java.util.List;
import java.util.Objects;

/**
 * A wrong line as {@link EquationChecker} judged it, the facts every diagnosis of it reads: built
 * once where the checker starts explaining the line, so that {@link Diagnosis} and the diagnoses it
 * asks in turn take one value instead of each storing the same five again.
 *
 * @param checker the instances, references and earlier verdicts the line is judged against
 * @param line the user's line
 * @param reference netgrad's equation for the derivative the line names
 * @param values the line's value on each instance, evaluated in {@code env}: a view that evaluates
 *     each when asked for and keeps the last alone ({@link LineValues#oneAtATime}), not copied
 * @param env the environment ({@link EquationChecker#WRITTEN}, {@link EquationChecker#RIGHT} or
 *     {@link EquationChecker#RIGHT_OTHER}) that {@code values} were evaluated in
 */
record JudgedLine(EquationChecker checker, EquationLine line, Equation reference, LineValues.OneAtATime values, int env) {
    JudgedLine {
        Objects.requireNonNull(checker, "checker");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(values, "values");
    }

    /** The value the line is the derivative of: Z2 for dZ2. */
    String of() {
        return reference.of();
    }

    /** The line's name: dZ2. */
    String name() {
        return line.name();
    }

    /** The same line judged on other values: transposed, or evaluated in another environment. */
    JudgedLine with(LineValues.OneAtATime otherValues, int otherEnv) {
        return new JudgedLine(checker, line, reference, otherValues, otherEnv);
    }

    /** The same line with its values transposed, each when asked for: a square result transposed ({@link Diagnosis}). */
    JudgedLine transposed() {
        return with(values.transposed(), env);
    }

    /**
     * Whether the values equal the derivative the line names on every instance (dJ/dV when {@code
     * cost}), to rounding ({@link CheckInstances#equalsReference}): each value let go once measured,
     * before the reference's noise and rounding bound are made, each a pass over the network.
     */
    boolean matchesAll(boolean cost) {
        for (int i = 0; i < values.size(); i++) {
            if (!equalsReference(i, cost)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the line's values equal {@code value}, evaluated where they were, on every instance, to a factor's tolerance:
     * the line is another expression written out (relu's derivative of the user's dA where tanh's belongs, say).
     */
    boolean equalsEverywhere(Node value) {
        for (int i = 0; i < values.size(); i++) {
            if (!Numerics.close(values.get(i), Evaluator.evaluate(value, environment(i)), Numerics.FACTOR_TOLERANCE, 0)) {
                return false;
            }
        }
        return true;
    }

    /** {@link #matchesAll} on one instance. */
    boolean equalsReference(int instance, boolean cost) {
        return checker.equalsReference(valueDifference(instance, cost), instance, of(), cost);
    }

    /** Whether a rewritten line, evaluated where the line's values were, equals the derivative on an instance ({@link #matchesAll}). */
    boolean equalsReference(Node rewritten, int instance, boolean cost) {
        return checker.equalsReference(rewrittenDifference(rewritten, instance, cost), instance, of(), cost);
    }

    /*
     * The reference is asked for before the value is evaluated: a param's d(sum L) is made again
     * (CheckInstances#reference), a pass whose product and its scaling are each the size of a param
     * line's value. Neither is held after: the reference's noise and rounding bound may take passes
     * of their own.
     */

    private CheckInstances.Difference valueDifference(int instance, boolean cost) {
        Matrix reference = rightValue(instance, cost);
        return values.differences(instance, List.of(reference)).get(0);
    }

    private CheckInstances.Difference rewrittenDifference(Node rewritten, int instance, boolean cost) {
        values.letGo(); // held by an earlier diagnosis; evaluated again when asked for
        Matrix reference = rightValue(instance, cost);
        return CheckInstances.differences(rewritten, environment(instance), List.of(reference)).get(0);
    }

    /** Instance {@code instance}'s environment that the values were evaluated in, where a rewritten line is evaluated too. */
    Environment environment(int instance) {
        return checker.instances().get(instance).envs().get(env);
    }

    /** The batch size m of instance {@code instance}. */
    int batchSize(int instance) {
        return checker.instances().get(instance).m();
    }

    /** Whether the line names a param's gradient (or another whose only numerator is dJ). */
    boolean isParamLike() {
        return checker.isParamLike(of());
    }

    /** The derivative the line names on an instance: dJ/dV when {@code cost}, else the per-example numerator's. */
    Matrix rightValue(int instance, boolean cost) {
        return checker.reference(instance, of(), cost);
    }
}
