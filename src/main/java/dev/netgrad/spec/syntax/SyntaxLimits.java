package dev.netgrad.spec.syntax;

import java.util.Locale;

/**
 * Bounds that keep every recursive pass (ours and the derivation's) far from the end of the
 * stack. Real networks stay below a few dozen levels.
 */
public final class SyntaxLimits {
    /** The deepest nesting of brackets, and of operations in one expression. */
    public static final int MAX_DEPTH = 2000;

    /**
     * The largest source netgrad reads, in characters. A hand-written spec is a few kilobytes;
     * half a megabyte already means some ten thousand statements, more than any later stage is for,
     * and reading it takes a second or two.
     */
    public static final int MAX_CHARS = 1 << 19;

    /** Why a text longer than {@link #MAX_CHARS} is refused (a reader stops one past it, so no count of its characters). */
    public static String tooLarge() {
        return String.format(Locale.ROOT, "the file is too large: more than %,d characters, the most netgrad reads", MAX_CHARS);
    }

    private SyntaxLimits() {
    }
}
