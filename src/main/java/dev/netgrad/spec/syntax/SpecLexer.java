package dev.netgrad.spec.syntax;

import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.parser.NetgradLexer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/**
 * The generated lexer plus what a grammar cannot say well: line breaks inside parentheses or
 * brackets continue the statement, an unterminated block comment or a stray character is one
 * friendly error (not ANTLR's), and bracket nesting is capped so the parser's recursion stays
 * bounded whatever the input.
 */
final class SpecLexer extends NetgradLexer {
    private final SyntaxErrors errors;
    private final Deque<Token> open = new ArrayDeque<>();
    private Token badStart;
    private StringBuilder badRun;
    private int badEnd;
    private boolean stopped;
    /** Whether the last token handed out ended a line; further line breaks add nothing. */
    private boolean afterLineBreak = true;
    /** A '}' or end of file held back while the line break that ends the last statement goes out. */
    private Token held;

    SpecLexer(CharStream input, SyntaxErrors errors) {
        super(input);
        this.errors = errors;
        removeErrorListeners();
    }

    @Override
    public Token nextToken() {
        Token t;
        if (held != null) {
            t = held;
            held = null;
        } else {
            t = next();
            if ((t.getType() == RBRACE || t.getType() == EOF) && !afterLineBreak && open.isEmpty()) {
                held = t;
                t = lineBreakBefore(t);
            }
        }
        afterLineBreak = t.getType() == NL || t.getType() == SEMI;
        return t;
    }

    /** A line break the user did not write; its text says what follows, for error messages. */
    private Token lineBreakBefore(Token next) {
        String text = next.getType() == EOF ? "" : next.getText();
        return getTokenFactory().create(_tokenFactorySourcePair, NL, text, DEFAULT_TOKEN_CHANNEL,
                next.getStartIndex(), next.getStartIndex() - 1, next.getLine(), next.getCharPositionInLine());
    }

    private Token next() {
        while (true) {
            Token t = stopped ? eofToken() : super.nextToken();
            if (t.getType() != ERROR_CHAR) {
                flushBadRun();
            }
            switch (t.getType()) {
                case ERROR_CHAR -> addBad(t);
                case BLOCK_COMMENT -> checkComment(t);
                case NL -> {
                    if (open.isEmpty() && !afterLineBreak) {
                        return t;
                    }
                }
                case LPAREN, LBRACK -> {
                    return opened(t);
                }
                case RPAREN, RBRACK -> {
                    open.poll();
                    return t;
                }
                case EOF -> {
                    reportUnclosed();
                    return t;
                }
                default -> {
                    return t;
                }
            }
        }
    }

    private Token opened(Token t) {
        open.push(t);
        if (open.size() > SyntaxLimits.MAX_DEPTH) {
            errors.cutoff(SyntaxErrors.pos(t), "parentheses and brackets are nested too deeply (more than "
                    + SyntaxLimits.MAX_DEPTH + " levels)");
            open.clear();
            stopped = true;
        }
        return t;
    }

    /** Whether lexing stopped at the nesting limit; parsing the rest would only repeat that error. */
    boolean stoppedTooDeep() {
        return stopped;
    }

    private Token eofToken() {
        return getTokenFactory().create(_tokenFactorySourcePair, EOF, null, DEFAULT_TOKEN_CHANNEL,
                _input.index(), _input.index() - 1, getLine(), getCharPositionInLine());
    }

    private void reportUnclosed() {
        if (open.isEmpty()) {
            return;
        }
        Token first = open.peekLast();
        String bracket = first.getText();
        String closer = bracket.equals("(") ? ")" : "]";
        SourcePos pos = SyntaxErrors.pos(first);
        errors.cutoff(pos, "'" + bracket + "' opened at " + pos.line() + ":" + pos.column()
                + " is never closed: expected '" + closer + "'");
        open.clear();
    }

    private void checkComment(Token t) {
        String text = t.getText();
        if (text.length() < 4 || !text.endsWith("*/")) {
            errors.cutoff(SyntaxErrors.pos(t), "unterminated block comment: expected '*/' before the end of the file");
        }
    }

    /** Whether a letter follows the stray run just ended (numpy's {@code Z.t}, {@code Z.shape}). */
    private boolean followedByName() {
        int next = badEnd + 1;
        CharStream input = badStart.getInputStream();
        return next < input.size() && Character.isLetter(input.getText(Interval.of(next, next)).charAt(0));
    }

    /** Whether the stray run just ended follows the name {@code np} (numpy's {@code np.sum}, {@code np.dot}). */
    private boolean precededByNumpy() {
        int start = badStart.getStartIndex();
        CharStream input = badStart.getInputStream();
        if (start < 2 || !input.getText(Interval.of(start - 2, start - 1)).equals("np")) {
            return false;
        }
        if (start == 2) {
            return true;
        }
        char before = input.getText(Interval.of(start - 3, start - 3)).charAt(0);
        return !Character.isLetterOrDigit(before) && before != '_';
    }

    /**
     * What numpy's {@code np.} before {@code name} is here. A sum or mean says how its call translates: the course's
     * {@code np.sum(dZ, axis=1, keepdims=True)}, with np. dropped alone, next meets the error on keepdims.
     */
    private static String numpyHint(String name) {
        String prefix = ": numpy's np. is not written here: the functions are built in (sum, exp, log, tanh, ...), and ";
        if (name.equals("sum") || name.equals("mean")) {
            return prefix + "np." + name + "(dZ, axis=1, keepdims=True) is " + name + "(dZ, axis=1), which keeps the column"
                    + " (every value keeps two dimensions: no keepdims)";
        }
        return prefix + switch (name) {
            case "multiply" -> "np.multiply(a, b) is a * b";
            case "divide" -> "np.divide(a, b) is a / b";
            case "power" -> "np.power(a, k) is a^k";
            case "square" -> "np.square(a) is a^2";
            case "transpose" -> "np.transpose(a) is a.T";
            case "maximum" -> "np.maximum(0, Z) is relu(Z)";
            case "int64", "float64", "where" -> "a comparison is already 1 where true and 0 elsewhere: np." + name
                    + (name.equals("where") ? "(Z > 0, 1, 0)" : "(Z > 0)") + " is (Z > 0)";
            case "exp", "log", "tanh", "sqrt", "abs", "ones_like" -> "np." + name + "(x) is " + name + "(x)";
            case "matmul" -> "np.matmul(a, b) is a @ b";
            default -> "np.dot(a, b) is a @ b";
        };
    }

    /**
     * What numpy's {@code a.NAME} is here: the course's {@code dZ2.dot(A1.T)} is a product, and its
     * {@code m = X.shape[1]} is the built-in m.
     */
    private static String fieldHint(String name) {
        return switch (name) {
            case "dot" -> ": a value has no methods; numpy's a.dot(b) is a @ b";
            case "transpose" -> ": a value has no methods; numpy's a.transpose() is a.T";
            case "sum", "mean" -> ": a value has no methods; numpy's a." + name + "(axis=1, keepdims=True) is " + name
                    + "(a, axis=1)";
            case "shape" -> ": a value has no fields; the course's m = X.shape[1], the number of examples, is m here, built"
                    + " in: write m and leave out the line that computes it";
            default -> ": a value has no fields; the transpose is .T (capital T)";
        };
    }

    /** The name that follows the stray run just ended, or "" (the {@code sum} of {@code np.sum}). */
    private String nameAfter() {
        CharStream input = badStart.getInputStream();
        int end = badEnd + 1;
        while (end < input.size() && Character.isLetterOrDigit(input.getText(Interval.of(end, end)).charAt(0))) {
            end++;
        }
        return end == badEnd + 1 ? "" : input.getText(Interval.of(badEnd + 1, end - 1));
    }

    /** Consecutive stray characters make one error. */
    private void addBad(Token t) {
        boolean adjacent = badRun != null && badStart.getLine() == t.getLine() && badEnd + 1 == t.getStartIndex();
        if (!adjacent) {
            flushBadRun();
            badStart = t;
            badRun = new StringBuilder();
        }
        badRun.append(t.getText());
        badEnd = t.getStopIndex();
    }

    private void flushBadRun() {
        if (badRun == null) {
            return;
        }
        String run = badRun.toString();
        badRun = null;
        String what = run.length() == 1 ? "character " : "characters ";
        // Python's and the shell's comment sign: say what a comment is here.
        String hint = run.startsWith("#") ? ": comments start with // (to the end of the line) or are /* ... */"
                : run.equals(".") && precededByNumpy() ? numpyHint(nameAfter())
                : run.equals(".") && followedByName() ? fieldHint(nameAfter()) : "";
        errors.lexical(SyntaxErrors.pos(badStart), "unexpected " + what + TokenNames.quoteChars(run) + hint);
    }
}
