package dev.netgrad.spec.syntax;

import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.parser.NetgradLexer;
import dev.netgrad.spec.parser.NetgradParser;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery, with messages in the form "expected X, found Y" sent to {@link SyntaxErrors}
 * instead of ANTLR's "mismatched input ... expecting {...}".
 */
final class FriendlyErrorStrategy extends DefaultErrorStrategy {
    private final SyntaxErrors errors;
    /** Text after the network is one mistake, however many lines it has. */
    private boolean reportedTrailingText;

    FriendlyErrorStrategy(SyntaxErrors errors) {
        this.errors = errors;
    }

    /**
     * Never recovers by deleting a line break or ';': the statement after it would be read as the
     * rest of the broken one, and every following line would report the consequence.
     */
    @Override
    protected Token singleTokenDeletion(Parser parser) {
        int type = parser.getInputStream().LA(1);
        return type == NetgradLexer.NL || type == NetgradLexer.SEMI ? null : super.singleTokenDeletion(parser);
    }

    @Override
    protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
        IntervalSet expected = e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        report(parser, e.getOffendingToken(), expected);
    }

    @Override
    protected void reportInputMismatch(Parser parser, InputMismatchException e) {
        report(parser, e.getOffendingToken(), e.getExpectedTokens());
    }

    @Override
    protected void reportFailedPredicate(Parser parser, FailedPredicateException e) {
        report(parser, e.getOffendingToken(), parser.getExpectedTokens());
    }

    @Override
    protected void reportUnwantedToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        report(parser, parser.getCurrentToken(), getExpectedTokens(parser));
    }

    @Override
    protected void reportMissingToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        report(parser, parser.getCurrentToken(), getExpectedTokens(parser));
    }

    private void report(Parser parser, Token found, IntervalSet expected) {
        boolean trailing = expected.contains(Token.EOF) && !expected.contains(NetgradLexer.ID);
        if (trailing && reportedTrailingText) {
            return;
        }
        reportedTrailingText |= trailing;
        String message = "expected " + TokenNames.expected(expected) + ", found " + TokenNames.found(found);
        if (parser.getContext() instanceof NetgradParser.DenseDeclContext) {
            message += " (a dense layer is 'dense N ACTIVATION', e.g. 'dense 4 relu')";
        } else if (found.getType() == NetgradLexer.NETWORK && expected.contains(Token.EOF)) {
            message += " (a file holds one network)";
        } else if (TokenNames.isKeyword(found.getType()) && expected.contains(NetgradLexer.ID)) {
            message += " ('" + found.getText() + "' is a keyword and cannot be used as a name)";
        } else if (found.getType() == NetgradLexer.ASSIGN && found.getTokenIndex() > 0
                && TokenNames.isKeyword(parser.getInputStream().get(found.getTokenIndex() - 1).getType())) {
            String keyword = parser.getInputStream().get(found.getTokenIndex() - 1).getText();
            message += " ('" + keyword + "' is a keyword and cannot be used as a name)";
        }
        boolean atEnd = atEndOfFile(found);
        errors.parse(atEnd ? afterLastToken(parser, found) : SyntaxErrors.pos(found), message, atEnd);
    }

    private static boolean atEndOfFile(Token t) {
        return t.getType() == Token.EOF || (t.getType() == NetgradLexer.NL && t.getText().isEmpty());
    }

    /** Where the file's last token ends: what is missing is missing there, not after trailing comments. */
    private static SourcePos afterLastToken(Parser parser, Token end) {
        TokenStream tokens = parser.getInputStream();
        for (int i = end.getTokenIndex() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (!atEndOfFile(t)) {
                int width = t.getType() == NetgradLexer.NL ? 0 : t.getText().length();
                return new SourcePos(t.getLine(), t.getCharPositionInLine() + 1 + width);
            }
        }
        return new SourcePos(1, 1);
    }
}
