package dev.netgrad.bench;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the heap by every live thread of this JVM (the benchmarking thread and any
 * worker pool of the trainer), from HotSpot's per-thread allocation counters. Reading the meter
 * allocates a little itself, so it is read only before and after a timed run.
 */
final class AllocationMeter {
    private final com.sun.management.ThreadMXBean threads;

    /** What one reading allocates itself, subtracted from a difference of two readings. */
    private long ownBytes;

    private AllocationMeter(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
        allocatedBytes();
        long first = allocatedBytes();
        ownBytes = Math.max(0, allocatedBytes() - first);
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

    /** The bytes a reading allocates by itself (its arrays of thread ids and counts). */
    long ownBytes() {
        return ownBytes;
    }

    /** The bytes every live thread has allocated so far. */
    long allocatedBytes() {
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(bytes, 0);
        }
        return total;
    }
}
