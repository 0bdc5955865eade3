package dev.netgrad.bench;

import dev.netgrad.runtime.MatrixProducts;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;

/**
 * Heap bytes allocated by the trainer's threads (this benchmarking thread and the runtime's helper
 * threads, named {@link MatrixProducts#HELPER_THREAD_NAME}1, ...) between {@link #start} and
 * {@link #stop}, from HotSpot's per-thread allocation counters. Other threads of the JVM are not
 * the trainer's: a CNN bench of 200 steps counted 13,600 bytes inside the test suite, whose JVM
 * holds the threads of earlier tests, and 0 - 728 run alone or in its test class alone. Reading every
 * thread's counter allocates small arrays, so the other threads are read outside the window and
 * this thread's own counter, which allocates nothing, inside it.
 *
 * <p>It also counts the steps in which this thread allocated anything ({@link #afterStep}), so that
 * a one-off allocation is told from one in every step: HotSpot's first request to compile a method
 * of a class with C2 resolves all the string constants of that class on the requesting thread
 * (CompileBroker::compile_method), a few hundred bytes once; a method called once a step asks for C2
 * after about 5,000 calls, which falls inside the timed steps when the warm-up ran fewer.
 */
final class AllocationMeter {
    private final com.sun.management.ThreadMXBean threads;
    /** The other threads at start, by id (sorted), and what each had allocated then. */
    private long[] idsAtStart = new long[0];
    private long[] bytesAtStart = new long[0];
    private long selfAtStart;
    /** This thread's counter after the last step, and the steps since start in which it moved. */
    private long selfAfterLastStep;
    private long allocatingSteps;

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
        selfAfterLastStep = selfAtStart;
        allocatingSteps = 0;
    }

    /** Called after every step (it allocates nothing): counts the step if this thread allocated in it. */
    void afterStep() {
        long self = threads.getCurrentThreadAllocatedBytes();
        if (self != selfAfterLastStep) {
            allocatingSteps++;
            selfAfterLastStep = self;
        }
    }

    /** The steps since {@link #start} in which this thread allocated (the helpers' allocations are counted only in {@link #stop}). */
    long allocatingSteps() {
        return allocatingSteps;
    }

    /**
     * The bytes allocated since {@link #start} by this thread and by every helper thread alive at
     * the end (from 0 for those started meanwhile). A helper that ended meanwhile is not counted:
     * its counter is gone with it. Helpers end only after a minute without work (or with their
     * trainer), so they allocated nothing in the window then; counting their totals as of start against nothing made the sum
     * negative.
     */
    long stop() {
        long self = threads.getCurrentThreadAllocatedBytes() - selfAtStart;
        long selfId = Thread.currentThread().getId();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        long helpers = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == selfId || bytes[i] < 0 || infos[i] == null || !infos[i].getThreadName().startsWith(MatrixProducts.HELPER_THREAD_NAME)) {
                continue;
            }
            int before = Arrays.binarySearch(idsAtStart, ids[i]);
            long atStart = before >= 0 ? Math.max(bytesAtStart[before], 0) : 0;
            helpers += Math.max(bytes[i] - atStart, 0);
        }
        return self + helpers;
    }
}
