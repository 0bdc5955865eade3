package dev.netgrad.print;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names in the course's notation: a layer's trailing digits become a bracketed superscript
 * ({@code W2} is {@code W^{[2]}}), Greek names become letters ({@code gamma1} is
 * {@code \gamma^{[1]}}), a {@code _hat} suffix a hat and any other suffix a subscript. A name that
 * would read as a derivative ({@code dZ1}, a value of the spec, and {@code d} alone, which juxtaposed with
 * {@code W} reads as {@code dW}) is in typewriter letters, and so is one of the letter m ({@code m1}), which in
 * italics read as the batch size m.
 */
final class LatexNames {
    private static final Pattern NAME = Pattern.compile("([A-Za-z][A-Za-z_]*?)([0-9]*)(?:_([A-Za-z0-9_]+))?");
    /**
     * Names written as Greek letters. Not sigma and Sigma: the equations print the sigmoid as
     * {@code \sigma} and sums as {@code \sum}, so a value sigma juxtaposed with {@code (A + B)}
     * would read as the sigmoid of A + B.
     */
    private static final Set<String> GREEK = Set.of(
            "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
            "mu", "nu", "xi", "pi", "rho", "tau", "upsilon", "phi", "chi", "psi", "omega",
            "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Upsilon", "Phi", "Psi", "Omega");

    private LatexNames() {
    }

    static String symbol(String name) {
        return symbol(name, false);
    }

    /** The symbol of a name, with {@code T} added to its superscript when {@code transposed}. */
    static String symbol(String name, boolean transposed) {
        if (name.equals("d")) {
            // A value d before W, \frac{2}{m} d W, read as 2/m times dW, the derivative of W.
            return superscript("\\mathtt{d}", "", transposed);
        }
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return superscript((readsAsDerivative(name) ? "\\mathtt{" : "\\mathit{") + escape(name) + "}", "", transposed);
        }
        String base = base(m.group(1));
        String suffix = m.group(3);
        String subscript = "";
        if ("hat".equals(suffix)) {
            base = "\\hat{" + base + "}";
        } else if (suffix != null) {
            subscript = "_{\\text{" + escape(suffix) + "}}";
        }
        String layer = m.group(2).isEmpty() ? "" : "[" + m.group(2) + "]";
        return superscript(base, layer, transposed) + subscript;
    }

    private static String base(String letters) {
        if (GREEK.contains(letters)) {
            return "\\" + letters;
        }
        // An italic m is the batch size (\frac{1}{m}): a value m1 in m^{[1]} read as the batch size of layer 1.
        if (readsAsDerivative(letters) || letters.equals("m")) {
            return "\\mathtt{" + escape(letters) + "}";
        }
        return letters.length() == 1 ? letters : "\\mathit{" + escape(letters) + "}";
    }

    /**
     * Whether letters in italics would read as a derivative: a d and a letter. The derivative of Z1 is
     * {@code dZ^{[1]}}, and a spec's own value dZ1 in {@code \mathit{dZ}^{[1]}} looked the same, so such
     * a name is set in typewriter letters, {@code \mathtt{dZ}^{[1]}}, as the name it is.
     */
    private static boolean readsAsDerivative(String letters) {
        return letters.length() > 1 && letters.charAt(0) == 'd' && Character.isLetter(letters.charAt(1));
    }

    private static String superscript(String base, String layer, boolean transposed) {
        String sup = layer + (transposed ? "T" : "");
        return sup.isEmpty() ? base : base + "^{" + sup + "}";
    }

    static String escape(String text) {
        return text.replace("_", "\\_");
    }
}
