package dev.netgrad.spec;

/**
 * A place in a source file; line and column both count from 1, the column in Unicode code points
 * (as the lexer counts: an emoji, two chars in Java, is one column; a tab is one).
 */
public record SourcePos(int line, int column) {
    public static final SourcePos NONE = new SourcePos(0, 0);

    /** The column of the char at {@code index} of {@code text}, on a line that starts at {@code lineStart}. */
    public static int column(CharSequence text, int lineStart, int index) {
        return Character.codePointCount(text, lineStart, index) + 1;
    }
}
