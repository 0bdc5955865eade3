package com.acme;

/** Hand-written code that depends on a generated class that both versions of the specs keep. */
public final class UsesKept {
    private UsesKept() {
    }

    public static Kept create() {
        return new Kept(1L);
    }
}
