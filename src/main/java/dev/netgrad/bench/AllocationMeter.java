package dev.netgrad.bench;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes allocated by every live thread of this JVM (the benchmarking thread and the trainer's
 * helper threads) between {@link #start} and {@link #stop}, from HotSpot's per-thread allocation
 * counters. Reading every thread's counter allocates two small arrays, so the other threads are
 * read outside the window and this thread's own counter, which allocates nothing, inside it.
 */
final class AllocationMeter {
    private final com.sun.management.ThreadMXBean threads;
    private long othersAtStart;
    private long selfAtStart;

    private AllocationMeter(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
    }

    /** A meter, or null when this JVM does not count allocations per thread. */
    static AllocationMeter create() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            t.setThreadAllocatedMemoryEnabled(true);
            return new AllocationMeter(t);
        }
        return null;
    }

    void start() {
        othersAtStart = othersAllocated();
        selfAtStart = threads.getCurrentThreadAllocatedBytes();
    }

    /** The bytes allocated by all threads since {@link #start}. */
    long stop() {
        long self = threads.getCurrentThreadAllocatedBytes() - selfAtStart;
        return self + othersAllocated() - othersAtStart;
    }

    /** What every thread but this one has allocated so far. */
    private long othersAllocated() {
        long self = Thread.currentThread().getId();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        long total = 0;
        for (int i = 0; i < ids.length; i++) {
            total += ids[i] == self ? 0 : Math.max(bytes[i], 0);
        }
        return total;
    }
}
