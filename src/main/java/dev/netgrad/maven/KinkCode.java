package dev.netgrad.maven;

import dev.netgrad.codegen.GradientCheck;
import dev.netgrad.codegen.Kink;
import dev.netgrad.diff.Derivation;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kinks of a network ({@link GradientCheck#kinks}, as {@code netgrad gradcheck} watches them) as
 * Java expressions of the generated gradient test: each computes one kink's states from a trainer
 * {@code net} after a forward pass, {@code signs(...)} of a relu's, leaky_relu's or abs's input or of
 * a comparison's sides' difference, {@code edges(...)} of a sqrt's, log's or power's input,
 * {@code maxima(...)} of a max pool's windows. The input, whatever
 * expression it is, is computed by the test's own small matrix functions from the values the trainer
 * keeps (its inputs, targets and every statement's result) and its params, to the last bit as
 * gradcheck's reference evaluator computes it (so that an input within rounding of 0 is on the same
 * side of it in both); a dropout mask is taken as all ones, which can only leave out more entries
 * than needed.
 */
final class KinkCode {
    /**
     * The runtime's kernels, written beside every trainer: the trainer's own exp and tanh, which
     * gradcheck's evaluator shares to the last bit. Math's may differ from them in the last bit, and
     * a kink's input within that of 0 (exp(Z) - c) had another side of it in the test than in gradcheck.
     */
    private static final String KERNELS = "dev.netgrad.runtime.Kernels.";

    private final Set<String> kept = new HashSet<>();
    private final Map<String, Node> definitions = new HashMap<>();
    private final Map<String, Double> consts = new HashMap<>();

    private KinkCode(Derivation d) {
        d.network().inputs().forEach(v -> kept.add(v.name()));
        d.network().targets().forEach(v -> kept.add(v.name()));
        d.stableForward().forEach(s -> kept.add(s.name()));
        // A value no buffer keeps is computed from its statement.
        for (Statement s : d.forward()) {
            definitions.putIfAbsent(s.name(), s.value());
        }
        d.network().consts().forEach(c -> consts.put(c.name(), c.value()));
    }

    /** One Java expression of type {@code int[]} per kink of {@code d}'s forward pass that a param moves. */
    static List<String> states(Derivation d) {
        KinkCode code = new KinkCode(d);
        return GradientCheck.kinks(d).stream().map(code::states).toList();
    }

    private String states(Kink kink) {
        String input = java(kink.input());
        Kink.Pool p = kink.pool();
        return switch (kink.kind()) {
            case SIGN -> "signs(" + input + ")";
            case EDGE -> "edges(" + input + ")";
            case POOL -> "maxima(" + input + ", " + ints(p.f(), p.stride(), p.in().h(), p.in().w(), p.in().c(), p.out().h(),
                    p.out().w()) + ")";
        };
    }

    private String java(Node node) {
        if (node instanceof Num n) {
            return "scalar(" + literal(n.value()) + ")";
        }
        if (node instanceof Ref r) {
            return ref(r);
        }
        Apply a = (Apply) node;
        return switch (a.op()) {
            case ADD -> zip(a, "u + v");
            case SUB -> zip(a, "u - v");
            case MUL -> zip(a, "u * v");
            case DIV -> zip(a, "u / v");
            case GT -> zip(a, "u > v ? 1 : 0");
            case LT -> zip(a, "u < v ? 1 : 0");
            case GE -> zip(a, "u >= v ? 1 : 0");
            case LE -> zip(a, "u <= v ? 1 : 0");
            case POW -> map(a, number(a.arg(1)) == 2 ? "u * u" : "Math.pow(u, " + literal(number(a.arg(1))) + ")");
            case NEG -> map(a, "-u");
            case TANH -> map(a, KERNELS + "tanh(u)");
            case SIGMOID -> map(a, KERNELS + "sigmoid(u)");
            case RELU -> map(a, "u > 0 ? u : 0");
            case EXP -> map(a, KERNELS + "exp(u)");
            case LOG -> map(a, "Math.log(u)");
            case SQRT -> map(a, "Math.sqrt(u)");
            case ABS -> map(a, "Math.abs(u)");
            case SOFTPLUS -> map(a, KERNELS + "softplus(u)");
            case LEAKY_RELU -> map(a, "u > 0 ? u : " + literal(number(a.arg(1))) + " * u");
            case ONES_LIKE -> map(a, "1");
            case MASK -> "ones(" + a.shape().rows() + ", EXAMPLES)";
            case TRANSPOSE -> "transpose(" + java(a.x()) + ")";
            case MATMUL -> "matmul(" + java(a.arg(0)) + ", " + java(a.arg(1)) + ")";
            case SOFTMAX, LOG_SOFTMAX -> "softmax(" + java(a.x()) + ", " + (a.op() == Op.LOG_SOFTMAX) + ")";
            case SUM, SUM0, SUM1, MEAN, MEAN0, MEAN1 -> "reduce(" + java(a.x()) + ", " + a.op().axis() + ", "
                    + (a.op() == Op.MEAN || a.op() == Op.MEAN0 || a.op() == Op.MEAN1) + ")";
            case CONV2D -> conv(a);
            case MAXPOOL, AVGPOOL -> pool(a);
            case FLATTEN, UNFLATTEN -> java(a.arg(0));
            default -> throw new IllegalStateException(a.op() + " is not an operation of a forward pass");
        };
    }

    private String ref(Ref r) {
        return switch (r.kind()) {
            case PARAM -> "net.getParam(\"" + r.name() + "\")";
            case INPUT, TARGET, VALUE -> kept.contains(r.name()) || !definitions.containsKey(r.name())
                    ? "net.value(\"" + r.name() + "\")" : java(definitions.get(r.name()));
            case CONST -> "scalar(" + literal(consts.get(r.name())) + ")";
            case BATCH_SIZE -> "scalar(EXAMPLES)";
            case COST_SCALE -> "scalar(1.0 / EXAMPLES)";
            default -> throw new IllegalStateException(r.name() + " is not a value of a forward pass");
        };
    }

    /** {@code zip(a, b, (u, v) -> u + v)}: the language's broadcast, as the reference evaluator's. */
    private String zip(Apply a, String body) {
        return "zip(" + java(a.arg(0)) + ", " + java(a.arg(1)) + ", (u, v) -> " + body + ")";
    }

    private String map(Apply a, String body) {
        return "map(" + java(a.x()) + ", u -> " + body + ")";
    }

    private String conv(Apply a) {
        Shape.Grid in = a.arg(0).shape().grid();
        Shape.Grid out = a.shape().grid();
        return "conv(" + java(a.arg(0)) + ", " + java(a.arg(1)) + ", " + ints(a.arg(1).shape().grid().h(),
                (int) number(a.arg(2)), (int) number(a.arg(3)), in.h(), in.w(), in.c(), out.h(), out.w(), out.c()) + ")";
    }

    private String pool(Apply a) {
        Shape.Grid in = a.arg(0).shape().grid();
        Shape.Grid out = a.shape().grid();
        return "pool(" + java(a.arg(0)) + ", " + (a.op() == Op.MAXPOOL) + ", " + ints((int) number(a.arg(1)),
                (int) number(a.arg(2)), in.h(), in.w(), in.c(), out.h(), out.w()) + ")";
    }

    /** A number the language requires to be one: a literal, or a const. */
    private double number(Node n) {
        if (n instanceof Num num) {
            return num.value();
        }
        Ref r = (Ref) n;
        Double value = consts.get(r.name());
        if (value == null) {
            throw new IllegalStateException(r.name() + " is not a number known before the data");
        }
        return value;
    }

    private static String ints(int... values) {
        StringBuilder out = new StringBuilder();
        for (int v : values) {
            out.append(out.length() == 0 ? "" : ", ").append(v);
        }
        return out.toString();
    }

    /** A Java double literal: {@code 0.5}, {@code 1.0E-5}, or a constant of java.lang.Double for what has none. */
    private static String literal(double v) {
        if (Double.isNaN(v)) {
            return "java.lang.Double.NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "java.lang.Double.POSITIVE_INFINITY" : "java.lang.Double.NEGATIVE_INFINITY";
        }
        String s = Double.toString(v);
        return v < 0 ? "(" + s + ")" : s;
    }
}
