package dev.netgrad.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Daemon threads that help with the rows of big matrix products and the entries of heavy
 * elementwise loops. The work is cut into chunks that the calling thread and the helpers claim
 * one at a time, so a helper that is slow to wake (or descheduled) only leaves more chunks to
 * the others. Between the shared parts of a step the helpers spin briefly, then park; after a
 * second without work they end (so that a dropped trainer leaves no thread behind), and the
 * next shared part starts them again.
 */
final class Helpers {
    /** About the longest gap between two products of one step. */
    private static final long SPIN_NANOS = 200_000;
    private static final long IDLE_NANOS = 1_000_000_000;
    /** Chunks a thread of a shared product: more than one, so that a helper slow to wake leaves its chunks to the others. */
    static final int CHUNKS_PER_THREAD = 4;

    private final MatrixProducts products;
    private final Thread[] threads;
    /** Guarded by this: whether helper h's thread is alive and will see the next round. */
    private final boolean[] running;
    /** The round (high 32 bits), the next chunk to claim (middle 16) and the number of chunks (low 16). */
    private final AtomicLong work = new AtomicLong();
    private final AtomicInteger chunksDone = new AtomicInteger();
    private volatile int rows;
    private volatile Throwable failure;
    private int round;

    Helpers(MatrixProducts products, int count) {
        this.products = products;
        this.threads = new Thread[count];
        this.running = new boolean[count];
    }

    int count() {
        return threads.length;
    }

    /**
     * Parts 0 .. n - 1 of the work being shared (rows of a product, entries of a loop), cut into
     * {@code chunksPerThread} chunks a thread and shared with the helpers; returns when all are done.
     */
    void share(int n, int chunksPerThread) {
        int chunks = Math.min(n, (threads.length + 1) * chunksPerThread);
        rows = n;
        chunksDone.set(0);
        synchronized (this) {
            round++;
            work.set((long) round << 32 | chunks);
            for (int h = 0; h < threads.length; h++) {
                if (!running[h]) {
                    running[h] = true;
                    start(h, round - 1);
                }
            }
        }
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        claimChunks(round);
        while (chunksDone.get() < chunks) {
            Thread.onSpinWait();
        }
        Throwable f = failure;
        if (f != null) {
            failure = null;
            throw new IllegalStateException("a helper thread failed: " + f, f);
        }
    }

    /**
     * Claims and computes chunks of round r until none is left. A claim succeeds only while round r
     * is under way, so the product's fields are those of round r.
     */
    private void claimChunks(int r) {
        while (true) {
            long w = work.get();
            int chunks = (int) (w & 0xFFFF);
            int next = (int) (w >>> 16) & 0xFFFF;
            if ((int) (w >>> 32) != r || next >= chunks) {
                return;
            }
            if (work.compareAndSet(w, w + (1L << 16))) {
                int n = rows;
                try {
                    products.part((int) ((long) n * next / chunks), (int) ((long) n * (next + 1) / chunks));
                } catch (RuntimeException | Error e) {
                    failure = e;
                } finally {
                    chunksDone.incrementAndGet();
                }
            }
        }
    }

    private void start(int h, int seen) {
        Thread t = new Thread(() -> helpUntilIdle(h, seen), "netgrad-helper-" + (h + 1));
        t.setDaemon(true);
        threads[h] = t;
        t.start();
    }

    private void helpUntilIdle(int h, int seen) {
        while (true) {
            long idleSince = System.nanoTime();
            while (roundOf(work.get()) == seen) {
                long idle = System.nanoTime() - idleSince;
                if (idle < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else if (idle < IDLE_NANOS) {
                    LockSupport.parkNanos(this, IDLE_NANOS - idle);
                } else if (stop(h, seen)) {
                    return;
                }
            }
            seen = roundOf(work.get());
            claimChunks(seen);
        }
    }

    /** Ends helper h unless a new round has begun meanwhile. */
    private synchronized boolean stop(int h, int seen) {
        if (roundOf(work.get()) != seen) {
            return false;
        }
        running[h] = false;
        return true;
    }

    private static int roundOf(long work) {
        return (int) (work >>> 32);
    }
}
