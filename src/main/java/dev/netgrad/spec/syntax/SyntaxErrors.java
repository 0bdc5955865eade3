package dev.netgrad.spec.syntax;

import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.SourcePos;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/**
 * The errors of the lexer and the parser, filtered before they reach the user so that one mistake
 * gives one message: at most one parser error per line, none on a line the lexer already
 * complained about, and none after a bracket that is never closed (everything after it was
 * glued into one statement).
 */
final class SyntaxErrors {
    /** Thrown to stop lexing or parsing once there are too many errors to be useful. */
    static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super("too many syntax errors", null, false, false);
        }
    }

    private record Error(SourcePos pos, String message, boolean atEnd) {
        Error(SourcePos pos, String message) {
            this(pos, message, false);
        }
    }

    private final List<Error> lexical = new ArrayList<>();
    private final List<Error> parse = new ArrayList<>();
    private final Set<Integer> lexicalLines = new HashSet<>();
    private final Set<Integer> parseLines = new HashSet<>();
    private Error cutoff;

    static SourcePos pos(Token token) {
        return new SourcePos(token.getLine(), token.getCharPositionInLine() + 1);
    }

    void lexical(SourcePos pos, String message) {
        lexical.add(new Error(pos, message));
        lexicalLines.add(pos.line());
        checkLimit();
    }

    /** {@code atEnd}: the parser ran out of input, which after a cutoff is the cutoff's doing. */
    void parse(SourcePos pos, String message, boolean atEnd) {
        if (parseLines.add(pos.line())) {
            parse.add(new Error(pos, message, atEnd));
            checkLimit();
        }
    }

    /** Everything after {@code pos} is a consequence of this error; only the first cutoff counts. */
    void cutoff(SourcePos pos, String message) {
        if (cutoff == null || before(pos, cutoff.pos())) {
            cutoff = new Error(pos, message);
        }
    }

    boolean anyParse() {
        return !parse.isEmpty();
    }

    /** Forgets the parser's errors (not the lexer's, nor a cutoff), before the tokens are parsed again. */
    void forgetParse() {
        parse.clear();
        parseLines.clear();
    }

    boolean any() {
        return !lexical.isEmpty() || !parse.isEmpty() || cutoff != null;
    }

    /** Hands the surviving errors to {@code diagnostics}. */
    void reportTo(Diagnostics diagnostics) {
        for (Error e : lexical) {
            if (cutoff == null || before(e.pos(), cutoff.pos())) {
                diagnostics.error(e.pos(), e.message());
            }
        }
        if (cutoff != null) {
            diagnostics.error(cutoff.pos(), cutoff.message());
        }
        for (Error e : parse) {
            boolean cascade = cutoff != null && (e.atEnd() || !before(e.pos(), cutoff.pos()));
            if (!cascade && !lexicalLines.contains(e.pos().line())) {
                diagnostics.error(e.pos(), e.message());
            }
        }
    }

    private void checkLimit() {
        if (lexical.size() + parse.size() >= Diagnostics.MAX_ERRORS) {
            throw new Abort();
        }
    }

    private static boolean before(SourcePos a, SourcePos b) {
        return a.line() < b.line() || (a.line() == b.line() && a.column() < b.column());
    }
}
