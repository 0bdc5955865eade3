package com.acme;

/** Compiles only if the generated source folder is a compile source root in the skipped build too. */
public final class UsesTiny {
    private UsesTiny() {
    }

    public static Tiny create() {
        return new Tiny(1L);
    }
}
