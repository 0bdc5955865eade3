package dev.netgrad.spec;

import java.util.List;

/** How a param starts: {@code zeros}, {@code ones}, {@code const(v)}, {@code randn(scale)}, {@code uniform(lo, hi)}, {@code xavier}, {@code he}. */
public record Init(Kind kind, List<Double> args) {
    public enum Kind {
        ZEROS("zeros", 0), ONES("ones", 0), CONST("const", 1), RANDN("randn", 1),
        UNIFORM("uniform", 2), XAVIER("xavier", 0), HE("he", 0);

        private final String keyword;
        private final int arity;

        Kind(String keyword, int arity) {
            this.keyword = keyword;
            this.arity = arity;
        }

        public String keyword() {
            return keyword;
        }

        public int arity() {
            return arity;
        }
    }

    public Init {
        args = List.copyOf(args);
        if (args.size() != kind.arity()) {
            throw new IllegalArgumentException(kind.keyword() + " takes " + kind.arity() + " arguments");
        }
    }

    public static Init of(Kind kind, double... args) {
        return new Init(kind, java.util.Arrays.stream(args).boxed().toList());
    }
}
