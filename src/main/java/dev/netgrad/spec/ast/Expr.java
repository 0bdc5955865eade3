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

    /**
     * Where the expression's text starts: an infix operation's or a postfix's first operand's start, or
     * the opening parenthesis when that operand was written in parentheses ({@code (1/m) * sum(L)}
     * starts at its {@code (}); a leaf's or a prefix operation's own place.
     */
    default SourcePos start() {
        return pos();
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

    /**
     * An infix operation: arithmetic, {@code @} or a comparison; {@code pos} is the operator, {@code
     * start} where its text starts (see {@link Expr#start}).
     */
    record Binary(Op op, Expr left, Expr right, SourcePos pos, SourcePos start) implements Expr {
        /** An operation whose text starts where its left operand's does. */
        public Binary(Op op, Expr left, Expr right, SourcePos pos) {
            this(op, left, right, pos, left.start());
        }

        public Binary {
            Objects.requireNonNull(op, "op");
            if (!op.isInfix() || op == Op.POW) {
                throw new IllegalArgumentException("not a binary operator: " + op);
            }
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            Objects.requireNonNull(pos, "pos");
            Objects.requireNonNull(start, "start");
        }

        @Override
        public List<Expr> children() {
            return List.of(left, right);
        }
    }

    /** {@code base ^ exponent} or {@code base ** exponent}; {@code pos} is the operator, {@code start} where its text starts. */
    record Power(Expr base, Expr exponent, SourcePos pos, SourcePos start) implements Expr {
        /** A power whose text starts where its base's does. */
        public Power(Expr base, Expr exponent, SourcePos pos) {
            this(base, exponent, pos, base.start());
        }

        public Power {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(exponent, "exponent");
            Objects.requireNonNull(pos, "pos");
            Objects.requireNonNull(start, "start");
        }

        @Override
        public List<Expr> children() {
            return List.of(base, exponent);
        }
    }

    /** Postfix {@code .T}; {@code pos} is the {@code .T}, {@code start} where its text starts. */
    record Transpose(Expr operand, SourcePos pos, SourcePos start) implements Expr {
        /** A transpose whose text starts where its operand's does. */
        public Transpose(Expr operand, SourcePos pos) {
            this(operand, pos, operand.start());
        }

        public Transpose {
            Objects.requireNonNull(operand, "operand");
            Objects.requireNonNull(pos, "pos");
            Objects.requireNonNull(start, "start");
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
