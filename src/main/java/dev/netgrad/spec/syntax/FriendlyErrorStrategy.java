package dev.netgrad.spec.syntax;

import dev.netgrad.spec.NearMiss;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.parser.NetgradLexer;
import dev.netgrad.spec.parser.NetgradParser;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATNConfig;
import org.antlr.v4.runtime.atn.ATNConfigSet;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery, with messages in the form "expected X, found Y" sent to {@link SyntaxErrors}
 * instead of ANTLR's "mismatched input ... expecting {...}".
 */
final class FriendlyErrorStrategy extends DefaultErrorStrategy {
    private final SyntaxErrors errors;
    /** Text after the network is one mistake, however many lines it has. */
    private boolean reportedTrailingText;
    /**
     * A broken header ('network 3 {', 'network A' or 'train' without its '{') is one mistake: the parser
     * cannot enter the block, so each line after it would be reported as text after the network, or as
     * another missing '{'.
     */
    private boolean reportedBrokenHeader;

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

    /**
     * Where a statement starts (in the network's body, the train block or an equation file), a token
     * that cannot start one is reported there and its line skipped. ANTLR would leave the block
     * instead, report the mismatch with the expected tokens of an earlier statement, and every
     * later line as text after the network.
     */
    @Override
    public void sync(Parser parser) throws RecognitionException {
        if (!inErrorRecoveryMode(parser) && atStatementStart(parser)) {
            Token found = parser.getCurrentToken();
            IntervalSet expected = parser.getExpectedTokens();
            if (!expected.contains(found.getType())) {
                beginErrorCondition(parser);
                report(parser, found, statementStarts(expected));
                skipRestOfLine(parser);
                return;
            }
        }
        super.sync(parser);
    }

    private static boolean atStatementStart(Parser parser) {
        boolean statementList = parser.getContext() instanceof NetgradParser.BodyContext
                || parser.getContext() instanceof NetgradParser.TrainBodyContext
                || parser.getContext() instanceof NetgradParser.EquationsContext;
        Token t = parser.getCurrentToken();
        if (!statementList || t.getType() == Token.EOF) {
            return false;
        }
        int before = t.getTokenIndex() - 1;
        int type = before < 0 ? NetgradLexer.NL : parser.getInputStream().get(before).getType();
        return type == NetgradLexer.NL || type == NetgradLexer.SEMI || type == NetgradLexer.LBRACE;
    }

    /** What may begin a statement here; the ends of statements and blocks say nothing to a user. */
    private static IntervalSet statementStarts(IntervalSet expected) {
        IntervalSet starts = new IntervalSet(expected);
        for (int end : STATEMENT_ENDS) {
            starts.remove(end);
        }
        return starts.isNil() ? expected : starts;
    }

    /** To the line break or ';' that ends the broken statement (or the '}' or end of file after it). */
    private static void skipRestOfLine(Parser parser) {
        TokenStream tokens = parser.getInputStream();
        while (!endsStatement(tokens.LA(1))) {
            parser.consume();
        }
    }

    /** A line break, ';', '}' or the end of the file: what ends a statement, or the block it is in. */
    private static final int[] STATEMENT_ENDS = {NetgradLexer.NL, NetgradLexer.SEMI, NetgradLexer.RBRACE, Token.EOF};

    private static boolean endsStatement(int type) {
        for (int end : STATEMENT_ENDS) {
            if (type == end) {
                return true;
            }
        }
        return false;
    }

    /**
     * A prediction that failed past its first token (full context, see FullContextPrediction) is
     * reported at the token where it failed, with what its alternatives could take there: not the
     * tokens that could begin the decision, which were there and matched ("expected an
     * expression, found name 'Y'" for {@code dZ2 = A2 Y}).
     */
    @Override
    protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
        IntervalSet expected = e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        ATNConfigSet deadEnds = e.getDeadEndConfigs();
        if (deadEnds != null && e.getStartToken().getTokenIndex() < e.getOffendingToken().getTokenIndex()) {
            IntervalSet possible = new IntervalSet();
            for (ATNConfig config : deadEnds) {
                possible.addAll(parser.getATN().nextTokens(config.state));
            }
            possible.remove(Token.EPSILON);
            if (afterName(parser, e.getOffendingToken()) && possible.size() > 1) {
                // After a name, '(' is only the reading of the name as a function's: rarely what was meant.
                possible.remove(NetgradLexer.LPAREN);
            }
            if (!possible.isNil()) {
                expected = possible;
            }
        }
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

    /**
     * How many more '}' than '{' follow {@code t}: inside a train block, 2 when it and the network
     * are closed, 1 when the only '}' left, the network's, would close the train block.
     */
    private static int closingBracesAfter(Parser parser, Token t) {
        TokenStream tokens = parser.getInputStream();
        int net = 0;
        for (int i = t.getTokenIndex(); i < tokens.size(); i++) {
            int type = tokens.get(i).getType();
            net += type == NetgradLexer.RBRACE ? 1 : type == NetgradLexer.LBRACE ? -1 : 0;
        }
        return net;
    }

    /** A declaration or statement of the network's body: a keyword that begins one, or 'NAME ='. */
    private static boolean startsMember(Parser parser, Token t) {
        return TokenNames.declarationWords().contains(t.getText()) || t.getType() == NetgradLexer.TRAIN
                || (t.getType() == NetgradLexer.ID && next(parser, t) == NetgradLexer.ASSIGN);
    }

    private static boolean afterName(Parser parser, Token t) {
        return t.getTokenIndex() > 0 && parser.getInputStream().get(t.getTokenIndex() - 1).getType() == NetgradLexer.ID;
    }

    private void report(Parser parser, Token found, IntervalSet expected) {
        boolean trailing = expected.contains(Token.EOF) && !expected.contains(NetgradLexer.ID);
        if ((trailing && reportedTrailingText) || reportedBrokenHeader) {
            return;
        }
        reportedTrailingText |= trailing;
        boolean network = parser.getContext() instanceof NetgradParser.NetworkContext n && n.LBRACE() == null;
        boolean train = parser.getContext() instanceof NetgradParser.TrainBlockContext t && t.LBRACE() == null;
        reportedBrokenHeader = network || train;
        Token option = unknownOptionWithoutValue(parser, found);
        if (option != null) {
            errors.parse(SyntaxErrors.pos(option), unknownOption(parser, option), false);
            return;
        }
        if (reportedBrokenHeader && expected.contains(NetgradLexer.LBRACE)) {
            // A line break may come before the '{', but what is missing is the '{'.
            expected = IntervalSet.of(NetgradLexer.LBRACE);
        }
        String message = "expected " + TokenNames.expected(expected) + ", found " + TokenNames.found(found);
        if (reportedBrokenHeader && expected.contains(NetgradLexer.LBRACE)) {
            message += network ? " (a network is 'network NAME { ... }')" : " (a train block is 'train { ... }', its settings inside)";
        } else if (parser.getContext() instanceof NetgradParser.TrainBodyContext body && startsMember(parser, found)
                && closingBracesAfter(parser, found) <= 1) {
            // The network's statements after an unclosed train block: one mistake, the '}' that is missing.
            Token open = ((NetgradParser.TrainBlockContext) body.getParent()).LBRACE().getSymbol();
            message += " (the train block's '{' at " + open.getLine() + ":" + (open.getCharPositionInLine() + 1)
                    + " is never closed: put '}' after its settings)";
            reportedBrokenHeader = true;
        } else if (found.getType() == NetgradLexer.COMMA && afterAxisTuple(parser, found)) {
            // numpy's np.sum(dZ, axis=(0, 1, 2)), the course's vectorized db of a convolution.
            message += " (an axis is 0 or 1, one at a time, and every result keeps two dimensions; numpy's axis=(0, 1, 2)"
                    + " over an image's positions and examples, a channel bias's gradient, is channel_sum(dZ))";
        } else if (inside(parser, NetgradParser.DenseDeclContext.class)) {
            message += " (a dense layer is 'dense N ACTIVATION', e.g. 'dense 4 relu')";
        } else if (found.getType() == NetgradLexer.NETWORK && expected.contains(Token.EOF)) {
            message += " (a file holds one network)";
        } else if (isTrainSetting(found.getType()) && next(parser, found) != NetgradLexer.ASSIGN
                && inside(parser, NetgradParser.TrainBodyContext.class)) {
            // After a setting, on its line: the block's settings are statements, one a line or ';' between.
            message += " (settings on one line are separated by ';': 'optimizer gd(lr = 0.1); epochs 50')";
        } else if (isTrainSetting(found.getType()) && next(parser, found) != NetgradLexer.ASSIGN) {
            message += " ('" + found.getText() + "' is a training setting: it goes in a 'train { ... }' block)";
        } else if (TokenNames.isOperator(found.getType()) && !expected.contains(NetgradLexer.MINUS)
                && previousEndsLine(parser, found)) {
            message += " (a line break ends a statement outside parentheses: to continue an expression on the"
                    + " next line, put it inside (...))";
        } else if (TokenNames.isKeyword(found.getType()) && expected.contains(NetgradLexer.ID)) {
            message += " ('" + found.getText() + "' is a keyword and cannot be used as a name)";
        } else if (TokenNames.isKeyword(found.getType()) && next(parser, found) == NetgradLexer.ASSIGN) {
            message += " ('" + found.getText() + "' is a keyword and cannot be used as a name)";
        } else if (found.getType() == NetgradLexer.ASSIGN && found.getTokenIndex() > 0
                && TokenNames.isKeyword(parser.getInputStream().get(found.getTokenIndex() - 1).getType())) {
            String keyword = parser.getInputStream().get(found.getTokenIndex() - 1).getText();
            message += " ('" + keyword + "' is a keyword and cannot be used as a name)";
        } else if (inside(parser, NetgradParser.ConvDeclContext.class)) {
            // After the keyword checks: `maxpool = 3` is a keyword used as a name, not a broken pool line.
            message += " (a convolutional layer is 'conv N f ACTIVATION', then any of 'stride s', 'pad p' or 'pad same',"
                    + " 'init I', e.g. 'conv 8 3 relu pad 1')";
        } else if (inside(parser, NetgradParser.PoolDeclContext.class)) {
            message += " (a pooling layer is 'maxpool f' or 'avgpool f', then 'stride s' if not f, e.g. 'maxpool 2')";
        } else {
            message += misspeltKeyword(parser, found, expected);
        }
        boolean atEnd = atEndOfFile(found);
        errors.parse(atEnd ? afterLastToken(parser, found) : SyntaxErrors.pos(found), message, atEnd);
    }

    /**
     * {@code inputs X[2]} reads as a value {@code inputs} missing its '=', and {@code epoch 100} in a train
     * block as no setting: a statement's first word a couple of edits from a keyword that begins one
     * was meant to be that keyword, and the message says which.
     */
    private static String misspeltKeyword(Parser parser, Token found, IntervalSet expected) {
        int before = found.getTokenIndex() - 1;
        TokenStream tokens = parser.getInputStream();
        if (found.getType() == NetgradLexer.ID && expected.contains(NetgradLexer.EPOCHS) && startsStatement(tokens, found.getTokenIndex())) {
            return NearMiss.nearest(found.getText(), TokenNames.trainWords()).map(w -> " (did you mean '" + w + "'?)").orElse("");
        }
        if (before >= 0 && tokens.get(before).getType() == NetgradLexer.ID && expected.contains(NetgradLexer.ASSIGN)
                && startsStatement(tokens, before) && parser.getContext() != null && inside(parser, NetgradParser.BodyContext.class)) {
            String word = tokens.get(before).getText();
            return NearMiss.nearest(word, TokenNames.declarationWords())
                    .map(w -> " ('" + word + "' is no keyword: did you mean '" + w + "'?)").orElse("");
        }
        return "";
    }

    /** Whether the token at {@code index} is the first of its statement. */
    private static boolean startsStatement(TokenStream tokens, int index) {
        int type = index == 0 ? NetgradLexer.NL : tokens.get(index - 1).getType();
        return type == NetgradLexer.NL || type == NetgradLexer.SEMI || type == NetgradLexer.LBRACE;
    }

    /**
     * The last word of a layer line that is no option of its layer and has no value after it ({@code conv 8 3 relu
     * batchnorm}, {@code dense 4 relu foo}): read as an option missing its value, the line would be told that an
     * expression is missing at its end, where the word itself is the mistake. Null otherwise, an option of the
     * layer without its value ({@code conv 8 3 relu pad}) among them.
     */
    private static Token unknownOptionWithoutValue(Parser parser, Token found) {
        if (!endsStatement(found.getType())) {
            return null;
        }
        for (RuleContext c = parser.getContext(); c != null; c = c.parent) {
            if (c instanceof NetgradParser.DenseFlagContext flag && flag.option != null
                    && flag.option.getTokenIndex() == found.getTokenIndex() - 1) {
                return LayerOptions.withValue(flag.getParent()).contains(flag.option.getText()) ? null : flag.option;
            }
        }
        return null;
    }

    /** The message for an unknown option {@code option} of the layer line the parser is in. */
    private static String unknownOption(Parser parser, Token option) {
        RuleContext layer = parser.getContext();
        while (!(layer instanceof NetgradParser.DenseFlagContext)) {
            layer = layer.parent;
        }
        return LayerOptions.unknown(layer.parent, option.getText());
    }

    /** Whether the parser is in a rule of this kind, also inside one of its expressions ('dense 4'). */
    private static boolean inside(Parser parser, Class<? extends ParserRuleContext> kind) {
        for (RuleContext c = parser.getContext(); c != null; c = c.parent) {
            if (kind.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code t} follows {@code axis=(N}: numpy's tuple of axes. */
    private static boolean afterAxisTuple(Parser parser, Token t) {
        int i = t.getTokenIndex();
        TokenStream tokens = parser.getInputStream();
        return i >= 4 && tokens.get(i - 1).getType() == NetgradLexer.NUMBER && tokens.get(i - 2).getType() == NetgradLexer.LPAREN
                && tokens.get(i - 3).getType() == NetgradLexer.ASSIGN && tokens.get(i - 4).getText().equals("axis");
    }

    private static boolean previousEndsLine(Parser parser, Token t) {
        return t.getTokenIndex() > 0 && parser.getInputStream().get(t.getTokenIndex() - 1).getType() == NetgradLexer.NL;
    }

    /** The type of the token after {@code t}, or EOF. */
    private static int next(Parser parser, Token t) {
        TokenStream tokens = parser.getInputStream();
        return t.getTokenIndex() + 1 < tokens.size() ? tokens.get(t.getTokenIndex() + 1).getType() : Token.EOF;
    }

    private static boolean isTrainSetting(int type) {
        return type == NetgradLexer.OPTIMIZER || type == NetgradLexer.BATCH || type == NetgradLexer.EPOCHS
                || type == NetgradLexer.SEED;
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
