package dev.netgrad.runtime;

/** Entries from .. to - 1 of an elementwise loop; the shares of one loop may run on several threads at once. */
@FunctionalInterface
public interface EntryRange {
    /** Computes the loop's entries {@code from} to {@code to - 1}. */
    void compute(int from, int to);
}
