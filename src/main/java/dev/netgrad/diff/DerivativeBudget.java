package dev.netgrad.diff;

import dev.netgrad.ir.Node;
import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.SourcePos;
import java.util.Locale;

/**
 * Bounds what a derivation writes, counted as {@link Node#writtenSize}. The chain rule through k
 * calls nested in one expression writes each inner level again at every level, about k^2/2 nodes:
 * a few hundred nested calls would make a backward pass of megabytes that every verb spends
 * minutes deriving, printing and compiling. Real networks are far below (the largest equation of
 * the samples has 18 nodes); a spec that crosses a bound is an error at the statement.
 */
final class DerivativeBudget {
    /** The most one derivative (an adjoint on its way, or an equation) may write. */
    static final long PER_EQUATION = 50_000;
    /** The most the equations of one derivation may write together. */
    static final long IN_ALL = 500_000;

    private final String path;
    private long total;

    DerivativeBudget(String path) {
        this.path = path;
    }

    /** An adjoint or an equation's value being derived for the statement at {@code pos}. */
    void check(Node derivative, SourcePos pos) {
        if (derivative.writtenSize() > PER_EQUATION) {
            throw tooLarge(pos, String.format(Locale.ROOT,
                    "the derivative of this statement would be too large to write out (more than %,d operations and names)",
                    PER_EQUATION));
        }
    }

    /** An equation's value, counted into the derivation's total. */
    void count(Node value, SourcePos pos) {
        check(value, pos);
        total += value.writtenSize();
        if (total > IN_ALL) {
            throw tooLarge(pos, String.format(Locale.ROOT,
                    "the derivatives of this network would be too large to write out (more than %,d operations and names in all)",
                    IN_ALL));
        }
    }

    private DerivativeTooLargeException tooLarge(SourcePos pos, String what) {
        return new DerivativeTooLargeException(Diagnostic.at(path, pos, what
                + ": the chain rule repeats every level of a deeply nested expression; split it into statements"
                + " ('A1 = tanh(Z1)', 'A2 = tanh(A1)', ...), whose derivatives stay short"));
    }
}
