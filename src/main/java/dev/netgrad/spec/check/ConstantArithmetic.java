package dev.netgrad.spec.check;

import dev.netgrad.ir.Op;

/**
 * The arithmetic a constant may hold: + - * / ^ and negation, as Java's doubles and {@link Math#pow}
 * compute them. {@link ConstantFolder} (on the syntax tree, for dims, consts and the constant parts
 * of expressions) and {@link ExprBuilder} (on the built IR, for exponents and constant arguments) both
 * fold through it, so a const and the exponent or argument spelled like it have the same value.
 */
final class ConstantArithmetic {
    private ConstantArithmetic() {
    }

    /** Whether {@link #apply} computes {@code op}. */
    static boolean folds(Op op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, NEG, POW -> true;
            default -> false;
        };
    }

    /** {@code op} on its operands: two, or one for negation. Not finite when a double cannot hold the value. */
    static double apply(Op op, double... operands) {
        return switch (op) {
            case ADD -> operands[0] + operands[1];
            case SUB -> operands[0] - operands[1];
            case MUL -> operands[0] * operands[1];
            case DIV -> operands[0] / operands[1];
            case NEG -> -operands[0];
            case POW -> Math.pow(operands[0], operands[1]);
            default -> throw new IllegalArgumentException("not constant arithmetic: " + op);
        };
    }
}
