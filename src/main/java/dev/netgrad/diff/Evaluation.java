package dev.netgrad.diff;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.Matrix;
import dev.netgrad.spec.Constant;
import dev.netgrad.spec.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
