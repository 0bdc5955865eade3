package dev.netgrad.spec.ast;

import dev.netgrad.ir.Op;
import dev.netgrad.spec.SourcePos;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An expression as the user wrote it, before names are resolved and shapes inferred. Every node
 * keeps the place the user should look at: the operator of an operation, else its first token.
 */
public sealed interface Expr {
    SourcePos pos();

    /** The expressions this one is made of, left to right (a call's arguments' values); none for a leaf. */
    List<Expr> children();

    /** Where the expression's text starts (the left operand's start for an infix operation). */
    default SourcePos start() {
        Expr e = this;
        while (true) {
            if (e instanceof Binary b) {
                e = b.left();
            } else if (e instanceof Power p) {
                e = p.base();
            } else if (e instanceof Transpose t) {
                e = t.operand();
            } else {
                return e.pos();
            }
        }
    }

    /** A number literal; {@code text} is kept for integers that a double cannot hold (seeds). */
    record Literal(double value, String text, SourcePos pos) implements Expr {
        public Literal {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(pos, "pos");
        }

        @Override
        public List<Expr> children() {
            return List.of();
        }
    }

    record Name(String name, SourcePos pos) implements Expr {
        public Name {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pos, "pos");
        }

        @Override
        public List<Expr> children() {
            return List.of();
        }
    }

    /** Unary minus; {@code pos} is the minus sign. */
    record Negate(Expr operand, SourcePos pos) implements Expr {
        public Negate {
            Objects.requireNonNull(operand, "operand");
            Objects.requireNonNull(pos, "pos");
        }

        @Override
        public List<Expr> children() {
            return List.of(operand);
        }
    }

    /** An infix operation: arithmetic, {@code @} or a comparison; {@code pos} is the operator. */
    record Binary(Op op, Expr left, Expr right, SourcePos pos) implements Expr {
        public Binary {
            Objects.requireNonNull(op, "op");
            if (!op.isInfix() || op == Op.POW) {
                throw new IllegalArgumentException("not a binary operator: " + op);
            }
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            Objects.requireNonNull(pos, "pos");
        }

        @Override
        public List<Expr> children() {
            return List.of(left, right);
        }
    }

    /** {@code base ^ exponent} or {@code base ** exponent}; {@code pos} is the operator. */
    record Power(Expr base, Expr exponent, SourcePos pos) implements Expr {
        public Power {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(exponent, "exponent");
            Objects.requireNonNull(pos, "pos");
        }

        @Override
        public List<Expr> children() {
            return List.of(base, exponent);
        }
    }

    /** Postfix {@code .T}; {@code pos} is the {@code .T}. */
    record Transpose(Expr operand, SourcePos pos) implements Expr {
        public Transpose {
            Objects.requireNonNull(operand, "operand");
            Objects.requireNonNull(pos, "pos");
        }

        @Override
        public List<Expr> children() {
            return List.of(operand);
        }
    }

    /** A function call; {@code pos} is the function's name. */
    record Call(String function, List<Arg> args, SourcePos pos) implements Expr {
        public Call {
            Objects.requireNonNull(function, "function");
            args = List.copyOf(args);
            Objects.requireNonNull(pos, "pos");
        }

        @Override
        public List<Expr> children() {
            return args.stream().map(Arg::value).toList();
        }

        public List<Arg> positional() {
            return args.stream().filter(a -> a.name().isEmpty()).toList();
        }

        public Optional<Arg> named(String name) {
            return args.stream().filter(a -> a.name().filter(name::equals).isPresent()).findFirst();
        }
    }

    /** An argument of a call, positional or {@code name = value}. */
    record Arg(Optional<String> name, Expr value, SourcePos pos) {
        public Arg {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(pos, "pos");
        }
    }
}
