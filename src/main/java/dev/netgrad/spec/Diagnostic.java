package dev.netgrad.spec;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One problem in a source file, printed as {@code path:line:col: error: message}. */
public record Diagnostic(String path, int line, int column, String message) {
    /** A word of a message longer than this (a name can have at most 255 characters) is shown cut. */
    static final int MAX_WORD = 255;
    private static final Pattern LONG_WORD = Pattern.compile("[\\p{L}\\p{N}_$]{" + (MAX_WORD + 1) + ",}");

    /**
     * The message quotes what it found; a hostile file's 300,000-letter word would otherwise be
     * printed whole (the source line is shown as a window, but the message repeated the word).
     */
    public Diagnostic {
        message = LONG_WORD.matcher(message).replaceAll(m -> Matcher.quoteReplacement(m.group().substring(0, 20)
                + "... (" + String.format(Locale.ROOT, "%,d", m.group().length()) + " characters)"));
    }

    public static Diagnostic at(String path, SourcePos pos, String message) {
        return new Diagnostic(path, pos.line(), pos.column(), message);
    }

    @Override
    public String toString() {
        return DiagnosticFormatter.error(DiagnosticFormatter.escapeName(path) + ":" + line + ":" + column, message);
    }
}
