package dev.netgrad.runtime;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Daemon threads that help with the rows of big matrix products, the entries of heavy elementwise
 * loops and the optimizer's update. The work of a round is cut into chunks, and each thread (the
 * caller is thread 0) owns a run of them: the same rows of every product, and the same rows of every
 * param in the update, on the same thread step after step, so that a core keeps in its own caches
 * the rows of W it multiplies, the rows of dW it sums into and then the rows of W it updates. On
 * cores far apart (a cache line there and back took 0.5 us on the machines measured) moving those
 * rows between the cores every step had cost more than the second core gained. A thread that runs
 * out of its own chunks takes the others' from their far end, so one slow to wake (or descheduled)
 * only leaves more chunks to the others. Which thread computes a chunk never changes its result.
 * Between the shared parts of a step the helpers spin briefly, then park; they end once their
 * trainer has been collected, or after a minute without work (so that a dropped trainer leaves no
 * thread behind), and the next shared part starts them again.
 */
final class Helpers {
    /** About the longest gap between two shared parts of one step. */
    private static final long SPIN_NANOS = 200_000;
    /**
     * How long a helper waits for work before it ends: longer than the sharing tuner's longest wait
     * between measurements (30 s), so that a helper of a trainer still training is never ended and
     * started again (a new thread is about 700 bytes of heap, in the middle of training; the digits
     * CNN, which trains alone, had measured 0.59 - 0.70 B a step that way).
     */
    private static final long IDLE_NANOS = 60_000_000_000L;
    /** The longest a parked helper sleeps before it looks whether its trainer is gone. */
    private static final long PARK_NANOS = 1_000_000_000L;
    /** Chunks a thread of a shared product: more than one, so that a helper slow to wake leaves its chunks to the others. */
    static final int CHUNKS_PER_THREAD = 4;
    /** Longs between two threads' slots: 128 bytes, so that no two threads write to one cache line (or its pair). */
    private static final int PAD = 16;

    private final MatrixProducts products;
    private final Thread[] threads;
    /** Guarded by this: whether helper h's thread is alive and will see the next round. */
    private final boolean[] running;
    /**
     * Per thread t (slot t * PAD): the round (high 32 bits), its next chunk (middle 16) and the end
     * of its run (low 16). The owner claims from the front, the others from the end.
     */
    private final AtomicLongArray runs;
    /** Per thread t (slot t * PAD): the chunks it has computed in the current round. */
    private final AtomicLongArray done;
    /** The round under way, which the helpers wait for. */
    private volatile int round;
    private volatile int rows;
    private volatile int chunks;
    private volatile Throwable failure;

    Helpers(MatrixProducts products, int count) {
        this.products = products;
        this.threads = new Thread[count];
        this.running = new boolean[count];
        this.runs = new AtomicLongArray((count + 1) * PAD);
        this.done = new AtomicLongArray((count + 1) * PAD);
    }

    int count() {
        return threads.length;
    }

    /**
     * Parts 0 .. n - 1 of the work being shared (rows of a product, entries of a loop), cut into
     * {@code chunksPerThread} chunks a thread, thread t owning chunks t c .. (t + 1) c - 1, that is
     * parts about n t / T .. n (t + 1) / T - 1 of T threads; returns when all are done.
     */
    void share(int n, int chunksPerThread) {
        int parties = threads.length + 1;
        int count = Math.min(n, parties * chunksPerThread);
        int r = round + 1;
        rows = n;
        chunks = count;
        for (int t = 0; t < parties; t++) {
            done.set(t * PAD, 0);
            long from = (long) count * t / parties;
            long to = (long) count * (t + 1) / parties;
            runs.set(t * PAD, (long) r << 32 | from << 16 | to);
        }
        synchronized (this) {
            round = r;
            for (int h = 0; h < threads.length; h++) {
                if (!running[h]) {
                    running[h] = true;
                    start(h, r - 1);
                }
            }
        }
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        claimChunks(0, r);
        while (true) {
            long finished = 0;
            for (int t = 0; t < parties; t++) {
                finished += done.get(t * PAD);
            }
            if (finished >= count) {
                break;
            }
            Thread.onSpinWait();
        }
        Throwable f = failure;
        if (f != null) {
            failure = null;
            throw new IllegalStateException("a helper thread failed: " + f, f);
        }
    }

    /**
     * Thread t's chunks of round r, then the others' from their ends, until none is left. A claim
     * succeeds only while round r is under way, so the work's fields are those of round r.
     */
    private void claimChunks(int t, int r) {
        int parties = threads.length + 1;
        for (int i = 0; i < parties; i++) {
            int v = (t + i) % parties;
            while (true) {
                int slot = v * PAD;
                long w = runs.get(slot);
                int next = (int) (w >>> 16) & 0xFFFF;
                int end = (int) (w & 0xFFFF);
                if ((int) (w >>> 32) != r || next >= end) {
                    break;
                }
                boolean own = v == t;
                int chunk = own ? next : end - 1;
                if (runs.compareAndSet(slot, w, own ? w + (1L << 16) : w - 1)) {
                    compute(t, chunk);
                    done.incrementAndGet(t * PAD);
                }
            }
        }
    }

    private void compute(int t, int chunk) {
        int n = rows;
        int count = chunks;
        try {
            products.part(t, (int) ((long) n * chunk / count), (int) ((long) n * (chunk + 1) / count));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /**
     * Starts helper h. Its thread holds these helpers only weakly between rounds (see
     * {@link #helpUntilIdle}): a parked helper does not keep a dropped trainer, its buffers and the
     * last batch's rows reachable.
     */
    private void start(int h, int seen) {
        WeakReference<Helpers> self = new WeakReference<>(this);
        Thread t = new Thread(() -> helpUntilIdle(self, h, seen), MatrixProducts.HELPER_THREAD_NAME + (h + 1));
        t.setDaemon(true);
        threads[h] = t;
        t.start();
    }

    /**
     * Helper h's loop: spins briefly after each round, then parks, waking at least every
     * {@link #PARK_NANOS} to see whether its helpers are still in use; it ends when they have been
     * collected (the trainer dropped) or after {@link #IDLE_NANOS} without work.
     */
    private static void helpUntilIdle(WeakReference<Helpers> self, int h, int seen) {
        long idleSince = System.nanoTime();
        while (true) {
            Helpers helpers = self.get();
            if (helpers == null) {
                return;
            }
            if (helpers.round != seen) {
                seen = helpers.round;
                helpers.claimChunks(h + 1, seen);
                idleSince = System.nanoTime();
                continue;
            }
            long idle = System.nanoTime() - idleSince;
            if (idle < SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (idle < IDLE_NANOS) {
                // No reference to the helpers while parked: only the weak one.
                helpers = null;
                LockSupport.parkNanos(Math.min(PARK_NANOS, IDLE_NANOS - idle));
            } else if (helpers.stop(h, seen)) {
                return;
            }
        }
    }

    /** Ends helper h unless a new round has begun meanwhile. */
    private synchronized boolean stop(int h, int seen) {
        if (round != seen) {
            return false;
        }
        running[h] = false;
        return true;
    }
}
