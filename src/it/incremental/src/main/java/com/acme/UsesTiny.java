package com.acme;

/** Hand-written code that depends on the generated class, so the compiler has both to consider. */
public final class UsesTiny {
    private UsesTiny() {
    }

    public static Tiny create() {
        return new Tiny(1L);
    }
}
