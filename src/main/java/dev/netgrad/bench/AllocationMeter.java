package dev.netgrad.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Heap bytes allocated by every live thread of this JVM (the benchmarking thread and the trainer's
 * helper threads) between {@link #start} and {@link #stop}, from HotSpot's per-thread allocation
 * counters. Reading every thread's counter allocates two small arrays, so the other threads are
 * read outside the window and this thread's own counter, which allocates nothing, inside it.
 */
final class AllocationMeter {
    private final com.sun.management.ThreadMXBean threads;
    /** The other threads at start, by id (sorted), and what each had allocated then. */
    private long[] idsAtStart = new long[0];
    private long[] bytesAtStart = new long[0];
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
        long[] ids = threads.getAllThreadIds().clone();
        Arrays.sort(ids);
        idsAtStart = ids;
        bytesAtStart = threads.getThreadAllocatedBytes(ids);
        selfAtStart = threads.getCurrentThreadAllocatedBytes();
    }

    /**
     * The bytes allocated since {@link #start} by this thread and by every other thread alive at the
     * end (from 0 for those started meanwhile). A thread that ended meanwhile is not counted: its
     * counter is gone with it. The trainer's helpers end only after a second without work, so they
     * allocated nothing in the window then; counting their totals as of start against nothing made
     * the sum negative.
     */
    long stop() {
        long self = threads.getCurrentThreadAllocatedBytes() - selfAtStart;
        long selfId = Thread.currentThread().getId();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        long others = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == selfId || bytes[i] < 0) {
                continue;
            }
            int before = Arrays.binarySearch(idsAtStart, ids[i]);
            long atStart = before >= 0 ? Math.max(bytesAtStart[before], 0) : 0;
            others += Math.max(bytes[i] - atStart, 0);
        }
        return self + others;
    }
}
