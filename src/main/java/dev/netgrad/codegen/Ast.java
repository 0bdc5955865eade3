package dev.netgrad.codegen;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.PrimitiveType;
import java.util.List;

/**
 * Typed JavaParser nodes for the generated code, with the parentheses that keep the IR's grouping:
 * the printer does not add any, and floating-point operations must happen in exactly the order the
 * equations say.
 */
final class Ast {
    private static final int PRIMARY = 16;
    private static final int UNARY = 14;

    private Ast() {
    }

    static NameExpr name(String identifier) {
        return new NameExpr(identifier);
    }

    static ArrayAccessExpr at(String array, Expression index) {
        return new ArrayAccessExpr(name(array), index);
    }

    /** A double literal; a negative number is a unary minus on its absolute value. */
    static Expression lit(double value) {
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            return neg(lit(-value));
        }
        return new DoubleLiteralExpr(Double.toString(value));
    }

    static IntegerLiteralExpr lit(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative int literal " + value);
        }
        return new IntegerLiteralExpr(Integer.toString(value));
    }

    static StringLiteralExpr str(String value) {
        return new StringLiteralExpr().setString(value);
    }

    static Expression bin(Expression left, BinaryExpr.Operator op, Expression right) {
        int p = precedence(op);
        Expression l = precedence(left) < p ? new EnclosedExpr(left) : left;
        Expression r = precedence(right) <= p ? new EnclosedExpr(right) : right;
        return new BinaryExpr(l, r, op);
    }

    static Expression plus(Expression a, Expression b) {
        return bin(a, BinaryExpr.Operator.PLUS, b);
    }

    static Expression minus(Expression a, Expression b) {
        return bin(a, BinaryExpr.Operator.MINUS, b);
    }

    static Expression times(Expression a, Expression b) {
        return bin(a, BinaryExpr.Operator.MULTIPLY, b);
    }

    static Expression divide(Expression a, Expression b) {
        return bin(a, BinaryExpr.Operator.DIVIDE, b);
    }

    static Expression neg(Expression x) {
        boolean wrap = precedence(x) < UNARY || x instanceof UnaryExpr;
        return new UnaryExpr(wrap ? new EnclosedExpr(x) : x, UnaryExpr.Operator.MINUS);
    }

    static Expression toDouble(Expression x) {
        return new CastExpr(PrimitiveType.doubleType(), precedence(x) < UNARY ? new EnclosedExpr(x) : x);
    }

    /** {@code condition ? a : b}, always parenthesized where it is an operand. */
    static Expression choose(Expression condition, Expression a, Expression b) {
        return new EnclosedExpr(new ConditionalExpr(condition, a, b));
    }

    static MethodCallExpr call(String method, Expression... args) {
        return new MethodCallExpr(null, method, new NodeList<>(args));
    }

    static MethodCallExpr call(String scope, String method, Expression... args) {
        return new MethodCallExpr(name(scope), method, new NodeList<>(args));
    }

    static ExpressionStmt assign(Expression target, Expression value) {
        return new ExpressionStmt(new AssignExpr(target, value, AssignExpr.Operator.ASSIGN));
    }

    static ExpressionStmt addAssign(Expression target, Expression value) {
        return new ExpressionStmt(new AssignExpr(target, value, AssignExpr.Operator.PLUS));
    }

    static ExpressionStmt run(Expression call) {
        return new ExpressionStmt(call);
    }

    static ExpressionStmt localDouble(String identifier, Expression init) {
        return local(PrimitiveType.doubleType(), identifier, init);
    }

    static ExpressionStmt localInt(String identifier, Expression init) {
        return local(PrimitiveType.intType(), identifier, init);
    }

    private static ExpressionStmt local(PrimitiveType type, String identifier, Expression init) {
        return new ExpressionStmt(new VariableDeclarationExpr(new VariableDeclarator(type, identifier, init)));
    }

    /** {@code for (int var = 0; var < bound; var++) { body }}. */
    static ForStmt loop(String var, Expression bound, List<Statement> body) {
        return loop(var, lit(0), bound, body);
    }

    /** {@code for (int var = start; var < bound; var++) { body }}. */
    static ForStmt loop(String var, Expression start, Expression bound, List<Statement> body) {
        VariableDeclarationExpr init = new VariableDeclarationExpr(new VariableDeclarator(PrimitiveType.intType(), var, start));
        Expression compare = bin(name(var), BinaryExpr.Operator.LESS, bound);
        UnaryExpr update = new UnaryExpr(name(var), UnaryExpr.Operator.POSTFIX_INCREMENT);
        return new ForStmt(new NodeList<>(init), compare, new NodeList<>(update), block(body));
    }

    static BlockStmt block(List<Statement> statements) {
        return new BlockStmt(new NodeList<>(statements));
    }

    /** How tightly an expression binds, on the scale of the Java Language Specification's operators. */
    static int precedence(Expression e) {
        if (e instanceof BinaryExpr b) {
            return precedence(b.getOperator());
        }
        if (e instanceof UnaryExpr || e instanceof CastExpr) {
            return UNARY;
        }
        if (e instanceof ConditionalExpr) {
            return 2;
        }
        if (e instanceof AssignExpr) {
            return 1;
        }
        return PRIMARY;
    }

    private static int precedence(BinaryExpr.Operator op) {
        return switch (op) {
            case MULTIPLY, DIVIDE, REMAINDER -> 12;
            case PLUS, MINUS -> 11;
            case LEFT_SHIFT, SIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> 10;
            case LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> 9;
            case EQUALS, NOT_EQUALS -> 8;
            case BINARY_AND -> 7;
            case XOR -> 6;
            case BINARY_OR -> 5;
            case AND -> 4;
            case OR -> 3;
        };
    }
}
