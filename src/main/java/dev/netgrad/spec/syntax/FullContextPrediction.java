package dev.netgrad.spec.syntax;

import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNConfigSet;
import org.antlr.v4.runtime.atn.ParserATNSimulator;
import org.antlr.v4.runtime.atn.PredictionContextCache;
import org.antlr.v4.runtime.dfa.DFA;
import org.antlr.v4.runtime.dfa.DFAState;

/**
 * ANTLR's prediction with the parser's whole rule stack at every decision, for the second parse of
 * a file that has syntax errors (see {@link Parsing}).
 *
 * <p>ANTLR predicts first without the rule stack (SLL), following a rule's end to every place the
 * grammar calls it, and falls back to the stack only when the alternatives conflict. In this
 * grammar one expression may follow another ({@code conv N f act}), so without the stack an
 * operator after an operand may also begin the next expression: in the equation
 * {@code dZ2 = A2 - Y +} both readings of the {@code -} fail at the end of the line, together,
 * which is no conflict, and ANTLR then takes the reading that leaves the expression, reporting
 * "expected the end of the statement, found '-'" at the {@code -}. With the stack, the equation's
 * expression is followed by the end of the statement alone, and the error is where the
 * expression really stops: "expected an expression, found the end of the line". The first parse
 * keeps ANTLR's cached predictions (the same trees on valid input, which full context only
 * confirms); only a file with errors pays for this one, whose predictions are not cached.
 */
final class FullContextPrediction extends ParserATNSimulator {
    FullContextPrediction(Parser parser) {
        super(parser, parser.getATN(), freshDfas(parser.getATN()), new PredictionContextCache());
    }

    @Override
    protected int execATN(DFA dfa, DFAState s0, TokenStream input, int startIndex, ParserRuleContext outerContext) {
        ATNConfigSet start = computeStartState(dfa.atnStartState, outerContext, true);
        return execATNWithFullContext(dfa, s0, start, input, startIndex, outerContext);
    }

    /** DFAs of this parser's own: nothing this prediction does reaches the cache the first parse uses. */
    private static DFA[] freshDfas(ATN atn) {
        DFA[] dfas = new DFA[atn.getNumberOfDecisions()];
        for (int i = 0; i < dfas.length; i++) {
            dfas[i] = new DFA(atn.getDecisionState(i), i);
        }
        return dfas;
    }
}
