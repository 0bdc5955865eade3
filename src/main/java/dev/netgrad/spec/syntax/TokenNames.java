package dev.netgrad.spec.syntax;

import static dev.netgrad.spec.parser.NetgradLexer.*;

import dev.netgrad.spec.DiagnosticFormatter;
import dev.netgrad.spec.parser.NetgradLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Tokens and sets of expected tokens in the words a user knows (not ANTLR's token names). */
final class TokenNames {
    private static final Set<Integer> KEYWORDS = Set.of(NETWORK, INPUT, TARGET, PARAM, CONST, DIM, INIT,
            LOSS, COST, OUTPUT, DENSE, CONV, MAXPOOL, AVGPOOL, FLATTEN, REGULARIZE, TRAIN, OPTIMIZER, BATCH, EPOCHS,
            SEED);
    private static final Set<Integer> MEMBER_STARTS = Set.of(INPUT, TARGET, PARAM, CONST, DIM, LOSS, COST,
            OUTPUT, DENSE, CONV, MAXPOOL, AVGPOOL, FLATTEN, REGULARIZE, TRAIN, ID);
    private static final Set<Integer> TRAIN_STARTS = Set.of(OPTIMIZER, BATCH, EPOCHS, SEED);
    private static final Set<Integer> OPERATORS = Set.of(PLUS, MINUS, STAR, SLASH, AT, CARET, STARSTAR,
            TRANSPOSE, GT, LT, GE, LE);
    private static final Set<Integer> EXPRESSION_STARTS = Set.of(NUMBER, ID, LPAREN, MINUS, MAXPOOL, AVGPOOL, FLATTEN);
    private static final int MAX_QUOTED = 12;

    private TokenNames() {
    }

    static boolean isKeyword(int type) {
        return KEYWORDS.contains(type);
    }

    static boolean isOperator(int type) {
        return OPERATORS.contains(type);
    }

    /** What was found, e.g. {@code name 'X1'}, {@code the end of the line}, {@code '+'}. */
    static String found(Token t) {
        return switch (t.getType()) {
            case Token.EOF -> "the end of the file";
            case NL -> lineBreak(t.getText());
            case ID -> "name '" + t.getText() + "'";
            case NUMBER -> "number " + t.getText();
            default -> (isKeyword(t.getType()) ? "keyword '" : "'") + t.getText() + "'";
        };
    }

    /** Line breaks the lexer adds before '}' and the end of the file carry what follows as text. */
    private static String lineBreak(String text) {
        if (text.isEmpty()) {
            return "the end of the file";
        }
        return text.equals("}") ? "'}'" : "the end of the line";
    }

    /** The words that begin a declaration ({@code input}, {@code dense}, ...): what a misspelt first word was meant to be. */
    static List<String> declarationWords() {
        return words(MEMBER_STARTS);
    }

    /** The words that begin a train setting. */
    static List<String> trainWords() {
        return words(TRAIN_STARTS);
    }

    private static List<String> words(Set<Integer> types) {
        return types.stream().filter(t -> t != ID).sorted().map(t -> NetgradLexer.VOCABULARY.getLiteralName(t))
                .map(literal -> literal.substring(1, literal.length() - 1)).toList();
    }

    /** What was expected, grouped: "an expression", "an operator or the end of the statement". */
    static String expected(IntervalSet expected) {
        Set<Integer> left = new TreeSet<>(expected.toList());
        List<String> items = new ArrayList<>();
        if (left.contains(NETWORK)) {
            // Only line breaks may come before the network: name what the file must hold.
            items.add("a network, 'network NAME { ... }'");
            left.removeAll(Set.of(NETWORK, NL, SEMI));
        }
        if (left.containsAll(Set.of(INPUT, PARAM))) {
            items.add("a declaration or statement");
            left.removeAll(MEMBER_STARTS);
        }
        if (left.containsAll(Set.of(CONST, ID)) && !left.contains(INPUT)) {
            items.add("an init (zeros, ones, const(v), randn(scale), uniform(lo, hi), xavier or he)");
            left.removeAll(Set.of(CONST, ID));
        }
        if (left.containsAll(Set.of(OPTIMIZER, EPOCHS))) {
            items.add("a train setting (optimizer, batch, epochs or seed)");
            left.removeAll(TRAIN_STARTS);
        }
        if (left.containsAll(Set.of(NUMBER, ID, LPAREN))) {
            items.add("an expression");
            left.removeAll(EXPRESSION_STARTS);
        }
        if (left.stream().anyMatch(t -> OPERATORS.contains(t) && t != MINUS)) {
            items.add("an operator");
            left.removeAll(OPERATORS);
        }
        if (left.contains(Token.EOF)) {
            // Line breaks may come before the end of the file, but naming them adds nothing.
            left.remove(NL);
            left.remove(SEMI);
        }
        if (left.contains(NL) || left.contains(SEMI)) {
            items.add("the end of the statement");
            left.remove(NL);
            left.remove(SEMI);
        }
        left.forEach(type -> items.add(describe(type)));
        return joinAlternatives(items);
    }

    private static String describe(int type) {
        return switch (type) {
            case Token.EOF -> "the end of the file";
            case ID -> "a name";
            case NUMBER -> "a number";
            default -> {
                String literal = NetgradLexer.VOCABULARY.getLiteralName(type);
                yield literal != null ? literal : NetgradLexer.VOCABULARY.getDisplayName(type);
            }
        };
    }

    private static String joinAlternatives(List<String> items) {
        if (items.isEmpty()) {
            return "something else";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    /** Characters for a message: printable ones quoted, others as code points (U+0000). */
    static String quoteChars(String run) {
        StringBuilder quoted = new StringBuilder();
        StringBuilder codes = new StringBuilder();
        int[] cps = run.codePoints().limit(MAX_QUOTED).toArray();
        boolean printable = true;
        for (int cp : cps) {
            // A no-break space or a zero-width space (pasted from a web page) shows as nothing between the quotes.
            printable &= !Character.isISOControl(cp) && Character.isDefined(cp) && !DiagnosticFormatter.showsBlank(cp);
            quoted.appendCodePoint(cp);
            codes.append(codes.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "U+%04X", cp));
        }
        String more = run.codePointCount(0, run.length()) > MAX_QUOTED ? " ..." : "";
        return printable ? "'" + quoted + "'" + more : codes + more;
    }
}
