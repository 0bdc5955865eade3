package dev.netgrad.codegen;

/**
 * Names of the locals one generated method declares: {@code e0, e1, ...} for shared
 * subexpressions, {@code h0, h1, ...} for hoisted reads and {@code s0, s1, ...} for sums.
 * {@link JavaNames} keeps spec names out of these families.
 */
final class Locals {
    private int entries;
    private int hoists;
    private int sums;

    String entry() {
        return "e" + entries++;
    }

    String hoist() {
        return "h" + hoists++;
    }

    String sum() {
        return "s" + sums++;
    }
}
