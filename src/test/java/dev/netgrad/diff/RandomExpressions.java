package dev.netgrad.diff;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded generator of random valid networks built from random expressions rather than layers, so
 * that the finite-difference check meets every operation in combination: {@code + - * /}, {@code @}
 * (by params, their transposes, and products over the examples), {@code ^} and {@code **} (integer,
 * fractional, negative and const exponents), unary minus, the comparisons, {@code .T} of per-example
 * values, every elementwise function, {@code leaky_relu} with and without its slope, softmax and
 * log_softmax (down a value's rows or across the examples of a transposed one), sum and mean over
 * everything and along each axis, {@code ones_like}, dropout, batchnorm, numbers, consts, dims and
 * {@code m}; over values of every shape the language has (k x m, m x k, r x c, r x 1, 1 x m, 1 x 1),
 * each broadcast where the language allows it. The cost adds terms of the params (L2, L1, a mean,
 * a plain sum) or {@code regularize l2}; a quarter of the networks are the dense shorthand with
 * {@code loss cross_entropy} or {@code mse}. The arguments of log, sqrt, fractional and negative
 * powers and every divisor are kept positive and away from 0, so every cost is smooth where it is
 * measured (apart from the kinks of relu, abs, the comparisons, which no seed sits on).
 */
public final class RandomExpressions {
    /** The batch size as a size of {@link Dims}. */
    private static final int M = -1;
    private static final String[] SMOOTH = {"tanh", "sigmoid", "softplus"};
    private static final String[] SHORTHAND_ACTIVATIONS = {"relu", "leaky_relu", "tanh", "sigmoid", "softmax", "softplus", "linear"};

    /** A shape: rows and columns, each a whole number or {@link #M}. */
    private record Dims(int rows, int cols) {
        boolean perExample() {
            return rows == M || cols == M;
        }

        Dims transposed() {
            return new Dims(cols, rows);
        }
    }

    private record Value(String name, Dims dims) {
    }

    private final SplittableRandom rnd;
    private final StringBuilder out = new StringBuilder();
    private final List<String> pending = new ArrayList<>();
    private final List<Value> values = new ArrayList<>();
    private final Set<String> unread = new LinkedHashSet<>();
    private final List<String> params = new ArrayList<>();
    private final List<String> consts = new ArrayList<>();
    private int count;
    private int budget;
    private boolean dropoutTaken;
    /** Whether a param was declared with two sizes, which {@code regularize l2} needs. */
    private boolean weights;

    private RandomExpressions(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    public static String generate(long seed) {
        return new RandomExpressions(seed).network(seed);
    }

    private String network(long seed) {
        int n = 1 + rnd.nextInt(4);
        String kind = pick("mse", "binary", "softmax", "log_softmax");
        int k = kind.equals("binary") ? 1 : 2 + rnd.nextInt(2);
        line("network Expressions" + seed + " {");
        if (rnd.nextInt(4) == 0) {
            return shorthand(n, k, kind);
        }
        boolean dim = rnd.nextInt(3) == 0;
        if (dim) {
            line("  dim n_x = " + n);
        }
        for (int i = 0, consts = rnd.nextInt(3); i < consts; i++) {
            String name = "c" + (i + 1);
            line("  const " + name + " = " + (i > 0 && rnd.nextInt(2) == 0 ? "2 * c" + i : pick("0.5", "2", "0.3", "1.5", "3")));
            this.consts.add(name);
        }
        line("  input X[" + (dim ? "n_x" : n) + "]");
        values.add(new Value("X", new Dims(n, M)));
        unread.add("X");
        if (rnd.nextInt(6) == 0) {
            int n2 = 1 + rnd.nextInt(3);
            line("  input X2[" + n2 + "]");
            values.add(new Value("X2", new Dims(n2, M)));
            unread.add("X2");
        }
        boolean autoencoder = kind.equals("mse") && rnd.nextInt(6) == 0;
        if (!autoencoder) {
            line("  target Y[" + k + "]");
        } else {
            k = n;
        }
        for (int i = 1, statements = 2 + rnd.nextInt(3); i <= statements; i++) {
            statement("V" + i, pickDims());
        }
        List<String> terms = new ArrayList<>();
        for (String name : List.copyOf(unread)) {
            terms.add(projected(value(name), new Dims(k, M)));
        }
        terms.add(param("b", new Dims(k, 1)));
        flush();
        line("  ZO = " + String.join(" + ", terms));
        loss(kind, autoencoder ? "X" : "Y");
        cost();
        line("}");
        return out.toString();
    }

    /** A dense shorthand network: random widths, activations, inits and dropouts, a shorthand loss. */
    private String shorthand(int n, int k, String kind) {
        line("  input X[" + n + "]");
        line("  target Y[" + k + "]");
        for (int l = 1, layers = rnd.nextInt(3); l <= layers; l++) {
            String act = pick(SHORTHAND_ACTIVATIONS);
            int units = 1 + rnd.nextInt(4);
            // A softmax down one row is 1 whatever its input, and refused (no gradient would flow).
            units = units == 1 && act.equals("softmax") ? 2 : units;
            line("  dense " + units + " " + act + (rnd.nextInt(3) == 0 ? " init " + pick("he", "xavier", "randn(0.3)") : "")
                    + (rnd.nextInt(4) == 0 ? " dropout " + pick("0.5", "0.8") : ""));
        }
        String last = kind.equals("binary") ? "sigmoid" : kind.equals("mse") ? "linear" : pick("softmax", "sigmoid");
        line("  dense " + k + " " + last);
        line("  loss " + (kind.equals("mse") ? "mse" : "cross_entropy"));
        if (rnd.nextInt(2) == 0) {
            line("  regularize l2(" + pick("0.1", "0.7") + ")");
        }
        if (rnd.nextInt(4) == 0) {
            line("  cost J = sum(L)");
        }
        line("}");
        return out.toString();
    }

    private void statement(String name, Dims d) {
        budget = 4 + rnd.nextInt(6);
        dropoutTaken = false;
        String e = expr(d, 3);
        if (!dropoutTaken && d.perExample() && rnd.nextInt(6) == 0) {
            e = "dropout(" + e + ", " + keep() + ")";
        }
        flush();
        line("  " + name + " = " + e);
        values.add(new Value(name, d));
        unread.add(name);
    }

    private Dims pickDims() {
        int r = 1 + rnd.nextInt(4);
        return switch (rnd.nextInt(10)) {
            case 0, 1, 2, 3 -> new Dims(r, M);
            case 4, 5 -> new Dims(M, r);
            case 6 -> new Dims(r, 1 + rnd.nextInt(3));
            case 7 -> new Dims(r, 1);
            case 8 -> new Dims(1, M);
            default -> new Dims(1, 1);
        };
    }

    private String expr(Dims d, int depth) {
        if (depth == 0 || budget <= 0) {
            return leaf(d);
        }
        budget--;
        int sub = depth - 1;
        while (true) {
            switch (rnd.nextInt(16)) {
                case 0 -> {
                    return pick(SMOOTH) + "(" + expr(d, sub) + ")";
                }
                case 1 -> {
                    String x = expr(d, sub);
                    return switch (rnd.nextInt(4)) {
                        case 0 -> "relu(" + x + ")";
                        case 1 -> "abs(" + x + ")";
                        case 2 -> "leaky_relu(" + x + ")";
                        default -> "leaky_relu(" + x + ", " + pick("0.2", "0.05", constant("0.1")) + ")";
                    };
                }
                case 2 -> {
                    return pick("log", "sqrt") + "(" + positive(d, sub) + ")";
                }
                case 3 -> {
                    return "exp(" + (rnd.nextInt(2) == 0 ? "tanh(" + expr(d, sub) + ")" : expr(d, sub) + " / 4") + ")";
                }
                case 4, 5 -> {
                    String a = expr(d, sub);
                    String b = expr(side(d), sub);
                    String op = pick(" + ", " - ", " * ");
                    return "(" + (rnd.nextInt(2) == 0 ? a + op + b : b + op + a) + ")";
                }
                case 6 -> {
                    String numerator = rnd.nextInt(5) == 0 && d.equals(new Dims(1, 1)) ? constant("1") : expr(d, sub);
                    return "(" + numerator + " / " + positive(rnd.nextInt(2) == 0 ? d : side(d), sub) + ")";
                }
                case 7 -> {
                    return power(d, sub);
                }
                case 8 -> {
                    return "(-" + expr(d, sub) + ")";
                }
                case 9, 10 -> {
                    String product = product(d, sub);
                    if (product != null) {
                        return product;
                    }
                }
                case 11 -> {
                    if (!d.equals(d.transposed()) || rnd.nextInt(2) == 0) {
                        return "(" + expr(d.transposed(), sub) + ").T";
                    }
                }
                case 12 -> {
                    if (d.rows() != 1) {
                        return pick("softmax", "log_softmax") + "(" + expr(d, sub) + ")";
                    }
                }
                case 13 -> {
                    String reduction = reduction(d, sub);
                    if (reduction != null) {
                        return reduction;
                    }
                }
                case 14 -> {
                    String mask = "(" + expr(d, sub) + " " + pick(">", "<", ">=", "<=") + " "
                            + (rnd.nextInt(2) == 0 ? "0" : expr(side(d), sub)) + ")";
                    return "(" + mask + " * " + expr(d, sub) + ")";
                }
                default -> {
                    if (!dropoutTaken && d.perExample() && rnd.nextInt(2) == 0) {
                        dropoutTaken = true;
                        return "dropout(" + expr(d, sub) + ", " + keep() + ")";
                    }
                    if (d.cols() == M && d.rows() > 1 && rnd.nextInt(2) == 0) {
                        return batchnorm(d, sub);
                    }
                    if (rnd.nextInt(2) == 0) {
                        return "(ones_like(" + expr(d, sub) + ") * " + expr(new Dims(1, 1), sub) + ")";
                    }
                }
            }
        }
    }

    /** A matrix product of shape d, or null when d has no room for one. */
    private String product(Dims d, int sub) {
        int k = 1 + rnd.nextInt(3);
        switch (!d.perExample() && rnd.nextInt(2) == 0 ? 2 : rnd.nextInt(4)) {
            case 0 -> {
                if (d.rows() != M) {
                    return rnd.nextInt(2) == 0
                            ? "(" + param("W", new Dims(d.rows(), k)) + " @ " + expr(new Dims(k, d.cols()), sub) + ")"
                            : "(" + param("W", new Dims(k, d.rows())) + ".T @ " + expr(new Dims(k, d.cols()), sub) + ")";
                }
            }
            case 1 -> {
                if (d.cols() != M) {
                    return "(" + expr(new Dims(d.rows(), k), sub) + " @ " + param("W", new Dims(k, d.cols())) + ")";
                }
            }
            case 2 -> {
                if (!d.perExample()) {
                    // A product over the examples: it couples them.
                    return "(" + expr(new Dims(d.rows(), M), sub) + " @ " + expr(new Dims(M, d.cols()), sub) + ")";
                }
            }
            default -> {
                if (d.rows() != M || d.cols() != M) {
                    return "(" + expr(new Dims(d.rows(), k), sub) + " @ " + expr(new Dims(k, d.cols()), sub) + ")";
                }
            }
        }
        return null;
    }

    /** A sum or mean that gives d, or null when no reduction does. */
    private String reduction(Dims d, int sub) {
        String f = pick("sum", "mean");
        if (d.equals(new Dims(1, 1))) {
            return f + "(" + expr(pickDims(), sub) + ")";
        }
        if (d.rows() == 1) {
            return f + "(" + expr(new Dims(d.cols() == M ? 1 + rnd.nextInt(4) : pick(2, 3, M), d.cols()), sub) + ", axis=0)";
        }
        if (d.cols() == 1) {
            return f + "(" + expr(new Dims(d.rows(), d.rows() == M ? 1 + rnd.nextInt(4) : pick(2, 3, M)), sub) + ", axis=1)";
        }
        return null;
    }

    private String batchnorm(Dims d, int sub) {
        // The argument mixes several inputs through a product: batchnorm of a row that is an affine copy of one input
        // leaves the weight a gradient of zero up to eps, which no finite difference resolves.
        String x = "(" + param("W", new Dims(d.rows(), values.get(0).dims().rows())) + " @ X + " + expr(d, sub) + ")";
        unread.remove("X");
        return "batchnorm(" + x + ", " + param("g", new Dims(d.rows(), 1)) + ", " + param("be", new Dims(d.rows(), 1)) + ")";
    }

    private String power(Dims d, int sub) {
        return switch (rnd.nextInt(5)) {
            case 0 -> "(" + expr(d, sub) + ")^2";
            case 1 -> "(" + expr(d, sub) + ") ** 3";
            case 2 -> positive(d, sub) + "^" + pick("0.5", "(1/2)", "-1", "1.5", "-0.5");
            case 3 -> positive(d, sub) + "^" + (consts.isEmpty() ? "2" : pick(consts) + (rnd.nextInt(2) == 0 ? "" : " ^ 0.5"));
            default -> positive(d, sub) + " ** -" + (consts.isEmpty() ? "2" : pick(consts));
        };
    }

    /** An expression of shape d whose entries are at least about 0.05: a safe divisor and argument of log, sqrt, ^0.5. */
    private String positive(Dims d, int sub) {
        return switch (rnd.nextInt(6)) {
            case 0 -> "(1 + (" + expr(d, sub) + ")^2)";
            case 1 -> "sigmoid(" + expr(d, sub) + ")";
            case 2 -> "exp(tanh(" + expr(d, sub) + "))";
            case 3 -> "(2 + tanh(" + expr(d, sub) + "))";
            case 4 -> "(1 + abs(" + expr(d, sub) + "))";
            default -> "(m + softplus(" + expr(d, sub) + "))";
        };
    }

    /** A shape that broadcasts over d: d itself, a column, a row or a number. */
    private Dims side(Dims d) {
        return switch (rnd.nextInt(5)) {
            case 0 -> new Dims(d.rows(), 1);
            case 1 -> new Dims(1, d.cols());
            case 2 -> new Dims(1, 1);
            default -> d;
        };
    }

    /** A name of shape d: an earlier value (unread ones first), a new param, a constant, or a projection of a per-example value. */
    private String leaf(Dims d) {
        List<Value> fits = values.stream().filter(v -> v.dims().equals(d)).toList();
        List<Value> fresh = fits.stream().filter(v -> unread.contains(v.name())).toList();
        if (!fresh.isEmpty() || !fits.isEmpty() && rnd.nextInt(3) != 0) {
            Value v = pick(fresh.isEmpty() ? fits : fresh);
            unread.remove(v.name());
            return v.name();
        }
        if (d.equals(new Dims(1, 1)) && rnd.nextInt(2) == 0) {
            return constant(pick("0.5", "2", "m", "(1 / m)", "2.5E-1", "3."));
        }
        if (!d.perExample()) {
            return param(d.cols() == 1 ? "b" : "W", d);
        }
        List<Value> perExample = values.stream().filter(v -> v.dims().rows() != M && v.dims().cols() == M).toList();
        Value v = rnd.nextInt(2) == 0 ? values.get(0) : pick(perExample);
        return projected(v, d);
    }

    /** Value v brought to shape d (k x m, m x k, 1 x m or what broadcasts over d) through new params. */
    private String projected(Value v, Dims d) {
        unread.remove(v.name());
        Dims from = v.dims();
        if (from.equals(d) && d.rows() != M) {
            return "(" + param("W", new Dims(d.rows(), from.rows())) + " @ " + v.name() + ")";
        }
        if (from.rows() != M && from.cols() == M) {
            String p = param("W", d.rows() == M ? new Dims(from.rows(), d.cols()) : new Dims(d.rows(), from.rows()));
            return d.rows() == M ? "(" + v.name() + ".T @ " + p + ")" : "(" + p + " @ " + v.name() + ")";
        }
        if (from.rows() == M) {
            // An m x r value: back to r x m, then as above.
            return projected(new Value("(" + v.name() + ").T", from.transposed()), d);
        }
        // A fixed value reaches an m-column one as a number, times a product so that it differs from row to row (the
        // same number added to every row of a softmax's logits has a gradient of 0, which no relative check resolves).
        return "(" + pick("sum", "mean") + "(" + v.name() + ") * (" + param("W", new Dims(d.rows(), values.get(0).dims().rows())) + " @ X))";
    }

    private void loss(String kind, String target) {
        switch (kind) {
            case "binary" -> {
                line("  AO = sigmoid(ZO)");
                line("  loss L = -(" + target + " * log(AO) + (1 - " + target + ") * log(1 - AO))");
            }
            case "softmax" -> {
                line("  AO = softmax(ZO)");
                line("  loss L = -sum(" + target + " * log(AO), axis=0)");
            }
            case "log_softmax" -> line("  loss L = -sum(" + target + " * log_softmax(ZO), axis=0)");
            default -> line(rnd.nextInt(2) == 0 ? "  loss L = sum((ZO - " + target + ")^2, axis=0) / 2"
                    : "  loss L = mean((ZO - " + target + ") ** 2, axis=0)");
        }
    }

    private void cost() {
        StringBuilder cost = new StringBuilder("  cost J = " + (rnd.nextInt(5) == 0 ? "sum" : "mean") + "(L)");
        for (String p : params) {
            switch (rnd.nextInt(12)) {
                case 0 -> cost.append(" + ").append(constant("0.3")).append(" / (2 * m) * sum(").append(p).append("^2)");
                case 1 -> cost.append(" + 0.01 * sum(abs(").append(p).append("))");
                case 2 -> cost.append(" + 0.1 * sum(").append(p).append(")");
                case 3 -> cost.append(" - mean(").append(p).append(") / m");
                default -> {
                }
            }
        }
        line(cost.toString());
        if (rnd.nextInt(5) == 0 && weights) {
            line("  regularize l2(" + (consts.isEmpty() ? "0.2" : pick(consts)) + ")");
        }
    }

    private String keep() {
        return pick("0.5", "0.8", consts.isEmpty() ? "0.9" : "1 / (1 + " + pick(consts) + ")");
    }

    /** A number, or a const (or arithmetic on one) in its place. */
    private String constant(String number) {
        if (consts.isEmpty() || rnd.nextInt(2) == 0) {
            return number;
        }
        String c = pick(consts);
        return pick(c, "(" + c + " / 2)", "(1 - " + c + ")");
    }

    private String param(String prefix, Dims d) {
        count++;
        String name = prefix + count;
        String size = d.cols() == 1 && rnd.nextInt(3) != 0 ? "" + d.rows() : d.rows() + ", " + d.cols();
        weights |= size.contains(",");
        pending.add("  param " + name + "[" + size + "] init " + pick("xavier", "he", "randn(0.5)", "uniform(-0.5, 0.5)", "zeros"));
        params.add(name);
        return name;
    }

    private Value value(String name) {
        return values.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private void flush() {
        pending.forEach(this::line);
        pending.clear();
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[rnd.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
        return options.get(rnd.nextInt(options.size()));
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
