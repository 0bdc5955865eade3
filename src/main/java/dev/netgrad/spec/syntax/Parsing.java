package dev.netgrad.spec.syntax;

import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.NotText;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.ast.EquationAst;
import dev.netgrad.spec.ast.SpecAst;
import dev.netgrad.spec.parser.NetgradLexer;
import dev.netgrad.spec.parser.NetgradParser;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * The syntax stage: text to syntax tree, or every syntax error in {@link Diagnostics}. The only
 * door to ANTLR; the parse tree never leaves this package.
 */
public final class Parsing {
    private Parsing() {
    }

    /** A {@code .nn} file; empty when there were errors (they are in {@code diagnostics}). */
    public static Optional<SpecAst> spec(String text, Diagnostics diagnostics) {
        return parse(text, diagnostics, NetgradParser::spec, true, "a network spec (.nn)")
                .flatMap(tree -> converted(diagnostics, c -> c.spec(tree)));
    }

    /** A {@code .eq} file; empty when there were errors. */
    public static Optional<List<EquationAst>> equations(String text, Diagnostics diagnostics) {
        return parse(text, diagnostics, NetgradParser::equations, false, "equations (.eq)")
                .flatMap(tree -> converted(diagnostics, c -> c.equations(tree)));
    }

    private static <T> Optional<T> converted(Diagnostics diagnostics, Function<TreeConverter, T> conversion) {
        int before = diagnostics.count();
        T result = conversion.apply(new TreeConverter(diagnostics));
        return diagnostics.count() > before ? Optional.empty() : Optional.of(result);
    }

    private static <T extends ParserRuleContext> Optional<T> parse(String text, Diagnostics diagnostics,
            Function<NetgradParser, T> rule, boolean requireContent, String expected) {
        if (text.length() > SyntaxLimits.MAX_CHARS) {
            // No count of the characters: a reader stops one past the limit (think /dev/zero), so the text may be cut.
            diagnostics.error(new SourcePos(1, 1), SyntaxLimits.tooLarge());
            return Optional.empty();
        }
        Optional<NotText> binary = NotText.find(text);
        if (binary.isPresent()) {
            // One error, not one per undecodable byte that the lexer would find.
            diagnostics.error(binary.get().pos(), binary.get().message(expected));
            return Optional.empty();
        }
        SyntaxErrors errors = new SyntaxErrors();
        // A byte-order mark is no column of line 1, as an editor shows it (and the CSV and JSON readers count).
        String lexed = text.startsWith("\uFEFF") ? text.substring(1) : text;
        SpecLexer lexer = new SpecLexer(CharStreams.fromString(lexed), errors);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        T tree = null;
        try {
            tokens.fill();
            if (lexer.stoppedTooDeep()) {
                errors.reportTo(diagnostics);
                return Optional.empty();
            }
            if (requireContent && !errors.any() && onlySeparators(tokens)) {
                String what = text.isBlank() ? "the file is empty" : "the file has no network, only comments";
                diagnostics.error(new SourcePos(1, 1), what + ": expected a network, 'network NAME { ... }'");
                return Optional.empty();
            }
            tree = parseTokens(tokens, errors, rule, false);
            if (errors.anyParse()) {
                // Parsed again with the whole rule stack at every decision, so that each error is where the
                // input stops making sense (FullContextPrediction says why the first parse may not know).
                errors.forgetParse();
                tokens.seek(0);
                tree = parseTokens(tokens, errors, rule, true);
            }
        } catch (SyntaxErrors.Abort e) {
            tree = null;
        }
        errors.reportTo(diagnostics);
        return errors.any() || tree == null ? Optional.empty() : Optional.of(tree);
    }

    /** One parse of the tokens by {@code rule}; {@code fullContext}: predicting with FullContextPrediction. */
    private static <T extends ParserRuleContext> T parseTokens(CommonTokenStream tokens, SyntaxErrors errors,
            Function<NetgradParser, T> rule, boolean fullContext) {
        NetgradParser parser = new NetgradParser(tokens);
        if (fullContext) {
            parser.setInterpreter(new FullContextPrediction(parser));
        }
        parser.removeErrorListeners();
        parser.setErrorHandler(new FriendlyErrorStrategy(errors));
        try {
            return rule.apply(parser);
        } catch (SyntaxErrors.Abort e) {
            if (fullContext) {
                throw e;
            }
            return null;
        }
    }

    private static boolean onlySeparators(CommonTokenStream tokens) {
        return tokens.getTokens().stream().map(Token::getType)
                .allMatch(t -> t == NetgradLexer.NL || t == NetgradLexer.SEMI || t == Token.EOF);
    }
}
