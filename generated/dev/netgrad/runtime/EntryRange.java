package dev.netgrad.runtime;

/** Entries from .. to - 1 of an elementwise loop; the shares of one loop may run on several threads at once. */
@FunctionalInterface
public interface EntryRange {
    void compute(int from, int to);
}
