package dev.netgrad.ir;

/**
 * Every operation of the expression IR. Infix operators carry their symbol and precedence
 * (as in docs/language.md section 4, higher binds tighter); functions carry the name users write.
 */
public enum Op {
    GT(">", 1), LT("<", 1), GE(">=", 1), LE("<=", 1),
    ADD("+", 2), SUB("-", 2),
    MUL("*", 3), DIV("/", 3), MATMUL("@", 3),
    NEG("-", 4),
    POW("^", 5),
    TRANSPOSE(".T", 6),
    TANH("tanh"), SIGMOID("sigmoid"), RELU("relu"), EXP("exp"), LOG("log"), SQRT("sqrt"),
    ABS("abs"), SOFTPLUS("softplus"), LEAKY_RELU("leaky_relu"),
    SOFTMAX("softmax"), LOG_SOFTMAX("log_softmax"),
    SUM("sum"), SUM0("sum"), SUM1("sum"), MEAN("mean"), MEAN0("mean"), MEAN1("mean"),
    DROPOUT("dropout"), BATCHNORM("batchnorm"),
    /** The 0/1 keep-mask of the dropout that assigns the named value: {@code mask(A1)}. */
    MASK("mask"),
    /** Ones in the shape of its argument; spells out a broadcast that nothing else performs. */
    ONES_LIKE("ones_like");

    /** Precedence of function calls and atoms: they never need parentheses. */
    public static final int ATOM = 7;

    private final String symbol;
    private final int precedence;

    Op(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    Op(String functionName) {
        this(functionName, ATOM);
    }

    public String symbol() {
        return symbol;
    }

    public int precedence() {
        return precedence;
    }

    public boolean isInfix() {
        return precedence >= 1 && precedence <= 5 && this != NEG;
    }

    public boolean isComparison() {
        return precedence == 1;
    }

    /** Elementwise functions of one matrix argument whose result has the argument's shape. */
    public boolean isElementwiseFunction() {
        return switch (this) {
            case TANH, SIGMOID, RELU, EXP, LOG, SQRT, ABS, SOFTPLUS -> true;
            default -> false;
        };
    }

    public boolean isReduction() {
        return switch (this) {
            case SUM, SUM0, SUM1, MEAN, MEAN0, MEAN1 -> true;
            default -> false;
        };
    }

    /** The axis of a reduction: -1 for all entries, else 0 or 1. */
    public int axis() {
        return switch (this) {
            case SUM0, MEAN0 -> 0;
            case SUM1, MEAN1 -> 1;
            default -> -1;
        };
    }

    public static Op reduction(boolean mean, int axis) {
        return switch (axis) {
            case 0 -> mean ? MEAN0 : SUM0;
            case 1 -> mean ? MEAN1 : SUM1;
            default -> mean ? MEAN : SUM;
        };
    }
}
