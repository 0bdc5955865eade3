package dev.netgrad.codegen;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The assignments of a compiled statement in the shorter forms a person would write, computing
 * the same bits: {@code x[i] = x[i] + h} as {@code x[i] += h} (Java defines {@code a op= b} as
 * {@code a = a op b}, the same operation on the same operands), {@code x[i] = oneOverM * x[i]} as
 * {@code x[i] *= oneOverM} (IEEE multiplication is commutative, and 1/m is never NaN, so not even
 * a NaN's payload can differ), and {@code d[0] = A; d[0] = f(d[0]);} as {@code d[0] = f(A);}
 * (Java rounds every double operation to double, so A is the same value stored or not).
 */
final class AssignmentForms {
    private static final Map<BinaryExpr.Operator, AssignExpr.Operator> COMPOUND = Map.of(
            BinaryExpr.Operator.PLUS, AssignExpr.Operator.PLUS, BinaryExpr.Operator.MINUS, AssignExpr.Operator.MINUS,
            BinaryExpr.Operator.MULTIPLY, AssignExpr.Operator.MULTIPLY, BinaryExpr.Operator.DIVIDE, AssignExpr.Operator.DIVIDE);

    private AssignmentForms() {
    }

    /** Rewrites {@code statements} in place: the scalar pairs merged, then every assignment under them compound where it can be. */
    static void shorten(List<Statement> statements) {
        mergeScalarPairs(statements);
        statements.forEach(AssignmentForms::compound);
    }

    /** Every assignment under {@code node} of the form {@code x = x op e} (or {@code x = oneOverM * x}) as {@code x op= e}. */
    static void compound(Node node) {
        for (AssignExpr assign : node.findAll(AssignExpr.class, a -> a.getOperator() == AssignExpr.Operator.ASSIGN)) {
            if (!(assign.getTarget() instanceof ArrayAccessExpr) || !(assign.getValue() instanceof BinaryExpr value)) {
                continue;
            }
            AssignExpr.Operator op = COMPOUND.get(value.getOperator());
            if (op == null) {
                continue;
            }
            if (value.getLeft().equals(assign.getTarget())) {
                assign.setOperator(op);
                assign.setValue(unwrapped(value.getRight()));
            } else if (op == AssignExpr.Operator.MULTIPLY && value.getRight().equals(assign.getTarget())
                    && value.getLeft() instanceof NameExpr scale && scale.getNameAsString().equals("oneOverM")) {
                assign.setOperator(op);
                assign.setValue(scale.clone());
            }
        }
    }

    /**
     * {@code d[0] = A;} followed by {@code d[0] = f(d[0]);}, f reading d[0] once, as {@code d[0] =
     * f(A);}: the same operations on the same values, without storing A first.
     */
    private static void mergeScalarPairs(List<Statement> statements) {
        for (int k = statements.size() - 1; k > 0; k--) {
            Optional<AssignExpr> first = plainAssign(statements.get(k - 1));
            Optional<AssignExpr> second = plainAssign(statements.get(k));
            if (first.isEmpty() || second.isEmpty() || !isEntryZero(first.get().getTarget())
                    || !first.get().getTarget().equals(second.get().getTarget())) {
                continue;
            }
            Expression target = first.get().getTarget();
            List<ArrayAccessExpr> reads = second.get().getValue().findAll(ArrayAccessExpr.class, target::equals);
            List<NameExpr> arrayReads = second.get().getValue().findAll(NameExpr.class,
                    n -> n.equals(((ArrayAccessExpr) target).getName()));
            if (reads.size() != 1 || arrayReads.size() != 1 || second.get().getValue() == reads.get(0)) {
                continue;
            }
            Expression a = first.get().getValue().clone();
            reads.get(0).replace(standsAlone(a) ? a : new EnclosedExpr(a));
            statements.get(k).setComment(statements.get(k - 1).getComment().orElse(null));
            statements.remove(k - 1);
        }
    }

    /** Whether {@code e} can replace an array read in any expression without parentheses. */
    private static boolean standsAlone(Expression e) {
        return e instanceof MethodCallExpr || e instanceof NameExpr || e instanceof ArrayAccessExpr || e instanceof EnclosedExpr
                || e.isLiteralExpr();
    }

    private static Optional<AssignExpr> plainAssign(Statement s) {
        return s instanceof ExpressionStmt stmt && stmt.getExpression() instanceof AssignExpr a && a.getOperator() == AssignExpr.Operator.ASSIGN
                ? Optional.of(a) : Optional.empty();
    }

    private static boolean isEntryZero(Expression e) {
        return e instanceof ArrayAccessExpr a && a.getName() instanceof NameExpr && a.getIndex().toString().equals("0");
    }

    private static Expression unwrapped(Expression e) {
        return e instanceof EnclosedExpr enclosed ? enclosed.getInner() : e;
    }
}
