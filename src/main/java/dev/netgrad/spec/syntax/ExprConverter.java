package dev.netgrad.spec.syntax;

import static dev.netgrad.spec.parser.NetgradLexer.*;

import dev.netgrad.ir.Op;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.ast.Expr;
import dev.netgrad.spec.parser.NetgradParser.*;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Expressions of the parse tree to {@link Expr}. The grammar gives each precedence level as a flat
 * list; this class folds the lists (left for the usual operators, right for the power) without
 * recursion, and rejects expressions nested deeper than {@link SyntaxLimits#MAX_DEPTH}.
 */
final class ExprConverter {
    private final Diagnostics diagnostics;

    ExprConverter(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** A whole expression, checked for depth. */
    Expr expr(ExprContext ctx) {
        Expr e = comparison(ctx);
        if (depthExceeds(e, SyntaxLimits.MAX_DEPTH)) {
            diagnostics.error(e.start(), "expression is nested too deeply (more than " + SyntaxLimits.MAX_DEPTH
                    + " levels of operations): split it into several statements");
        }
        return e;
    }

    /** A call's arguments; as in Python, a positional one after a named one is an error (which would it be?). */
    List<Expr.Arg> args(ArgsContext ctx) {
        List<Expr.Arg> args = new ArrayList<>();
        if (ctx == null) {
            return args;
        }
        boolean named = false;
        for (ArgContext a : ctx.arg()) {
            Optional<String> name = a.name == null ? Optional.empty() : Optional.of(a.name.getText());
            Token first = a.name != null ? a.name : a.expr().getStart();
            if (name.isEmpty() && named) {
                diagnostics.error(TreeConverter.pos(first), "a positional argument follows a named one: put the "
                        + "positional arguments first, as in Python");
            }
            named |= name.isPresent();
            args.add(new Expr.Arg(name, comparison(a.expr()), TreeConverter.pos(first)));
        }
        return args;
    }

    private Expr comparison(ExprContext ctx) {
        List<ParseTree> children = ctx.children;
        Expr left = additive((AdditiveContext) children.get(0));
        if (children.size() > 3) {
            diagnostics.error(TreeConverter.pos(((CompareOpContext) children.get(3)).getStart()),
                    "comparisons do not chain: write (a < b) * (b < c) to compare twice");
        }
        if (children.size() > 1) {
            Token op = ((CompareOpContext) children.get(1)).getStart();
            left = new Expr.Binary(binary(op), left, additive((AdditiveContext) children.get(2)), TreeConverter.pos(op));
        }
        return left;
    }

    /*
     * The operand lists are walked through ctx.children once: ANTLR's indexed getters (ctx.unary(i))
     * scan the children on every call, which is quadratic in a 100,000-term sum.
     */
    private Expr additive(AdditiveContext ctx) {
        List<ParseTree> children = ctx.children;
        Expr left = multiplicative((MultiplicativeContext) children.get(0));
        for (int i = 1; i + 1 < children.size(); i += 2) {
            Token op = ((AddOpContext) children.get(i)).getStart();
            Expr right = multiplicative((MultiplicativeContext) children.get(i + 1));
            left = new Expr.Binary(binary(op), left, right, TreeConverter.pos(op));
        }
        return left;
    }

    private Expr multiplicative(MultiplicativeContext ctx) {
        List<ParseTree> children = ctx.children;
        Expr left = unary((UnaryContext) children.get(0));
        for (int i = 1; i + 1 < children.size(); i += 2) {
            Token op = ((MulOpContext) children.get(i)).getStart();
            left = new Expr.Binary(binary(op), left, unary((UnaryContext) children.get(i + 1)), TreeConverter.pos(op));
        }
        return left;
    }

    private Expr unary(UnaryContext ctx) {
        List<ParseTree> children = ctx.children;
        Expr e = power((PowerContext) children.get(children.size() - 1));
        for (int i = children.size() - 2; i >= 0; i--) {
            e = new Expr.Negate(e, TreeConverter.pos(((TerminalNode) children.get(i)).getSymbol()));
        }
        return e;
    }

    /** One operand of a power chain with the minus signs written before it. */
    private record Operand(List<Token> minuses, Expr value, Token operator) {
    }

    /** {@code a ^ -b ^ c} is {@code a ^ (-(b ^ c))}: fold from the right, minus binding looser. */
    private Expr power(PowerContext ctx) {
        Deque<Operand> operands = new ArrayDeque<>();
        List<Token> minuses = new ArrayList<>();
        Token operator = null;
        for (ParseTree child : ctx.children) {
            if (child instanceof PostfixContext p) {
                operands.push(new Operand(List.copyOf(minuses), postfix(p), operator));
                minuses.clear();
            } else if (child instanceof PowOpContext op) {
                operator = op.getStart();
            } else if (child instanceof TerminalNode t && t.getSymbol().getType() == MINUS) {
                minuses.add(t.getSymbol());
            }
        }
        Operand last = operands.pop();
        Expr acc = negated(last.value(), last.minuses());
        Token op = last.operator();
        while (!operands.isEmpty()) {
            Operand next = operands.pop();
            acc = negated(new Expr.Power(next.value(), acc, TreeConverter.pos(op)), next.minuses());
            op = next.operator();
        }
        return acc;
    }

    private static Expr negated(Expr e, List<Token> minuses) {
        for (int i = minuses.size() - 1; i >= 0; i--) {
            e = new Expr.Negate(e, TreeConverter.pos(minuses.get(i)));
        }
        return e;
    }

    private Expr postfix(PostfixContext ctx) {
        List<ParseTree> children = ctx.children;
        Expr e = primary((PrimaryContext) children.get(0));
        for (int i = 1; i < children.size(); i++) {
            e = new Expr.Transpose(e, TreeConverter.pos(((TerminalNode) children.get(i)).getSymbol()));
        }
        return e;
    }

    private Expr primary(PrimaryContext ctx) {
        if (ctx instanceof NumberContext c) {
            return number(c.NUMBER().getSymbol());
        }
        if (ctx instanceof NameContext c) {
            return new Expr.Name(c.name.getText(), TreeConverter.pos(c.name));
        }
        if (ctx instanceof CallContext c) {
            return new Expr.Call(c.name.getText(), args(c.args()), TreeConverter.pos(c.name));
        }
        ParensContext parens = (ParensContext) ctx;
        return startingAt(comparison(parens.expr()), TreeConverter.pos(parens.getStart()));
    }

    /**
     * {@code e}, written in parentheses that open at {@code open}: an operation's text starts there, so that
     * a caret under it, or under an operation it is the first operand of, stands under the parenthesis
     * ({@code (1/m) * sum(L)}), not inside. A leaf or a prefix operation keeps its own place ({@code (W)} at W).
     */
    private static Expr startingAt(Expr e, SourcePos open) {
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), b.left(), b.right(), b.pos(), open);
        }
        if (e instanceof Expr.Power p) {
            return new Expr.Power(p.base(), p.exponent(), p.pos(), open);
        }
        if (e instanceof Expr.Transpose t) {
            return new Expr.Transpose(t.operand(), t.pos(), open);
        }
        return e;
    }

    private Expr number(Token t) {
        double value = Double.parseDouble(t.getText());
        SourcePos pos = TreeConverter.pos(t);
        if (Double.isInfinite(value)) {
            diagnostics.error(pos, "number " + t.getText() + " is too large for a double");
            value = 0;
        } else if (value == 0 && roundsToZero(t.getText())) {
            // Taken as 0 it would be judged as 0 ("dropout 1e-400 ... found 0"), which is not what was written.
            diagnostics.error(pos, "number " + t.getText() + " is too small for a double: it would be 0 (the smallest "
                    + "positive double is 4.9e-324)");
        }
        return new Expr.Literal(value, t.getText(), pos);
    }

    /** Whether a literal that parsed as 0 has a digit other than 0 before its exponent: it underflowed. */
    private static boolean roundsToZero(String literal) {
        int exponent = Math.max(literal.indexOf('e'), literal.indexOf('E'));
        String digits = exponent < 0 ? literal : literal.substring(0, exponent);
        return digits.chars().anyMatch(c -> c >= '1' && c <= '9');
    }

    private static Op binary(Token op) {
        return switch (op.getType()) {
            case PLUS -> Op.ADD;
            case MINUS -> Op.SUB;
            case STAR -> Op.MUL;
            case SLASH -> Op.DIV;
            case AT -> Op.MATMUL;
            case GT -> Op.GT;
            case LT -> Op.LT;
            case GE -> Op.GE;
            case LE -> Op.LE;
            default -> throw new IllegalStateException("not a binary operator: " + op.getText());
        };
    }

    /** Whether the tree is deeper than {@code limit}, found without recursion. */
    static boolean depthExceeds(Expr root, int limit) {
        Deque<Expr> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(1);
        while (!nodes.isEmpty()) {
            Expr e = nodes.pop();
            int depth = depths.pop();
            if (depth > limit) {
                return true;
            }
            for (Expr child : e.children()) {
                nodes.push(child);
                depths.push(depth + 1);
            }
        }
        return false;
    }
}
