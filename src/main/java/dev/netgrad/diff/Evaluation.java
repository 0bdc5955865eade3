package dev.netgrad.diff;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RowBlocks;
import dev.netgrad.spec.Constant;
import dev.netgrad.spec.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a derivation on concrete matrices with the IR evaluator: the forward program (stable
 * forms), then every derived equation. The oracle that finite differences and generated code
 * are compared with.
 */
public final class Evaluation {
    /** The cost, the 1 x m losses, every forward value and every derivative, by name. */
    public record Result(double cost, Matrix loss, Map<String, Matrix> values, Map<String, Matrix> derivatives) {
    }

    private Evaluation() {
    }

    /** {@code env} holds the params, inputs, targets and dropout masks; consts are added here. */
    public static Result run(Derivation d, Environment env) {
        Map<String, Matrix> values = forward(d, env);
        Map<String, Matrix> derivatives = derivatives(d, d.equations(), env);
        return new Result(values.get(d.network().cost()).data()[0], values.get(d.network().loss()), values, derivatives);
    }

    /**
     * The equations {@code of} {@code d} (in its order, each after those it reads), by name, on an
     * environment that holds the forward values already (see {@link #forward}).
     */
    public static Map<String, Matrix> derivatives(Derivation d, List<Equation> of, Environment env) {
        Evaluator evaluator = Evaluator.of(env, of.stream().map(Equation::value).toList());
        Map<String, Matrix> derivatives = new LinkedHashMap<>();
        for (Equation e : of) {
            Matrix value = evaluator.eval(e.value());
            env.put(e.name(), value);
            derivatives.put(e.name(), value);
        }
        return derivatives;
    }

    /**
     * The equations {@code of} (each after those it reads) on an environment that holds the forward
     * values, each handed to {@code each} as soon as it is computed and held no longer than a later
     * equation reads it: {@code env} is spent, every value in it (a param, an input, a forward value,
     * a derivative) removed once no equation left reads it. The equations no other one reads (a
     * param's gradient) are computed last, after those that read the params ({@code dA1 = W2.T @
     * dZ2}), so that a wide layer's weights are let go before its gradient, as large, is made; the
     * values are the same as {@link #derivatives}', in another order.
     */
    static void eachDerivative(List<Equation> of, Environment env, BiConsumer<Equation, Matrix> each) {
        Walk walk = new Walk(of, env);
        while (walk.hasNext()) {
            walk.step(each);
        }
    }

    /**
     * {@link #eachDerivative}'s pass taken one equation at a time, so that two of them (an instance's
     * and its twin's) can go in lockstep, each value on one beside the same value on the other and
     * neither pass's values held beyond it.
     */
    static final class Walk {
        private final List<Equation> order;
        private final LastReads lastReads;
        private final Environment env;
        private final Evaluator evaluator;
        private int next;

        /** The pass over the equations {@code of} (each after those it reads), spending {@code env}. */
        Walk(List<Equation> of, Environment env) {
            Set<String> readByAnother = of.stream().flatMap(e -> reads(e).stream()).collect(Collectors.toSet());
            this.order = Stream.concat(of.stream().filter(e -> readByAnother.contains(e.name())),
                    of.stream().filter(e -> !readByAnother.contains(e.name()))).toList();
            this.lastReads = LastReads.of(order.stream().map(Evaluation::reads).toList());
            this.env = env;
            env.values().keySet().stream().filter(name -> !lastReads.isRead(name)).forEach(env::remove);
            this.evaluator = Evaluator.of(env, order.stream().map(Equation::value).toList());
        }

        boolean hasNext() {
            return next < order.size();
        }

        /** The equation {@link #step} computes next. */
        Equation next() {
            return order.get(next);
        }

        /** The next equation computed and handed to {@code each}, then every value no equation left reads let go. */
        void step(BiConsumer<Equation, Matrix> each) {
            handOn(order.get(next), evaluator, env, lastReads, each);
            passed();
        }

        /**
         * The next equation's value made a block of rows at a time ({@link RowBlocks}), or null when no
         * later equation reads it (it is never made whole, so never held for one) or its rows cannot be
         * made so: to be read before {@link #skip}, which lets go of what it reads.
         */
        RowBlocks blocks() {
            Equation e = order.get(next);
            return lastReads.isRead(e.name()) ? null : RowBlocks.of(e.value(), env);
        }

        /** Passes the next equation by without computing it (its value read from {@link #blocks}). */
        void skip() {
            passed();
        }

        private void passed() {
            lastReads.lastReadBy(next).forEach(env::remove);
            next++;
        }
    }

    /** The names an equation reads. */
    private static List<String> reads(Equation e) {
        return Nodes.refs(e.value(), Nodes.Masks.ENTER).stream().map(Ref::name).distinct().toList();
    }

    /**
     * One equation of {@link #eachDerivative} computed and handed on, put in {@code env} if a later
     * one reads it: no local variable of the loop holds it while the next is computed.
     */
    private static void handOn(Equation e, Evaluator evaluator, Environment env, LastReads lastReads,
            BiConsumer<Equation, Matrix> each) {
        Matrix value = evaluator.eval(e.value());
        if (lastReads.isRead(e.name())) {
            env.put(e.name(), value);
        }
        each.accept(e, value);
    }

    /** The forward program alone; returns every statement's value. */
    public static Map<String, Matrix> forward(Derivation d, Environment env) {
        for (Constant c : d.network().consts()) {
            env.put(c.name(), Matrix.scalar(c.value()));
        }
        Evaluator evaluator = Evaluator.of(env, d.stableForward().stream().map(Statement::value).toList());
        Map<String, Matrix> values = new LinkedHashMap<>();
        for (Statement s : d.stableForward()) {
            Matrix value = evaluator.eval(s.value());
            env.put(s.name(), value);
            values.put(s.name(), value);
        }
        return values;
    }

    /** The cost alone, on a fresh copy of the environment's values. */
    public static double cost(Derivation d, Environment env) {
        Map<String, Matrix> values = forward(d, env);
        return values.get(d.network().cost()).data()[0];
    }
}
