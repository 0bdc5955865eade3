package dev.netgrad.codegen;

import static dev.netgrad.codegen.Ast.lit;
import static dev.netgrad.codegen.Ast.name;

import com.github.javaparser.ast.expr.Expression;
import dev.netgrad.ir.Shape;

/** Sizes of shapes as Java int expressions: a number, or one built from the batch size {@code m}. */
final class Sizes {
    private Sizes() {
    }

    static Expression side(int n) {
        return n == Shape.M ? name("m") : lit(n);
    }

    static Expression rows(Shape s) {
        return side(s.rows());
    }

    static Expression cols(Shape s) {
        return side(s.cols());
    }

    /** rows * cols, folded when both are numbers. */
    static Expression cells(Shape s) {
        if (s.rows() == 1) {
            return cols(s);
        }
        if (s.cols() == 1) {
            return rows(s);
        }
        if (!s.hasBatchSide()) {
            return lit(fixedCells(s));
        }
        return Ast.times(rows(s), cols(s));
    }

    /** {@code r * cols + c}. */
    static Expression flatIndex(Shape s) {
        return Ast.plus(Ast.times(name("r"), cols(s)), name("c"));
    }

    /** The entry count of a shape without m; generation fails for one no Java array can hold. */
    static int fixedCells(Shape s) {
        long n = (long) s.rows() * s.cols();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + s + " matrix has " + n + " entries, more than a Java array can hold");
        }
        return (int) n;
    }
}
