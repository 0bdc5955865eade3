package dev.netgrad.spec;

/**
 * Where lines end in a file netgrad reads: at a newline, a carriage return and newline (Windows),
 * or a carriage return alone (classic Mac OS), as javac and most editors count them.
 */
public final class LineBreaks {
    private LineBreaks() {
    }

    /** Whether the char at {@code i} ends a line: a newline, or a carriage return not followed by one. */
    public static boolean endsLine(CharSequence text, int i) {
        char c = text.charAt(i);
        return c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n');
    }

    /**
     * The text with each carriage return that ends a line alone made a newline: as long as the text, so that
     * every offset, line and column stays where it was, for a lexer that counts newlines only.
     */
    public static String normalized(String text) {
        int first = text.indexOf('\r');
        if (first < 0) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (int i = first; i < chars.length; i++) {
            if (chars[i] == '\r' && endsLine(text, i)) {
                chars[i] = '\n';
            }
        }
        return new String(chars);
    }
}
