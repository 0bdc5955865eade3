package dev.netgrad.diff;

/** What a derivative is a derivative of. */
public enum Numerator {
    /** One example's loss: column i of dV is dL(i)/dV(:, i) (row i, of a value that holds its examples in rows). */
    LOSS("dL", "\\mathcal{L}"),
    /** The batch sum of the losses, for values that couple examples. */
    BATCH_SUM("d(sum L)", "\\textstyle\\sum_i \\mathcal{L}^{(i)}"),
    /** The cost J. */
    COST("dJ", "J");

    private final String symbol;
    private final String latex;

    Numerator(String symbol, String latex) {
        this.symbol = symbol;
        this.latex = latex;
    }

    /** As printed: {@code dL}, {@code d(sum L)}, {@code dJ}. */
    public String symbol() {
        return symbol;
    }

    public String latex() {
        return latex;
    }

    /** {@code dL/dZ2}. */
    public String over(String value) {
        return symbol + "/d" + value;
    }
}
