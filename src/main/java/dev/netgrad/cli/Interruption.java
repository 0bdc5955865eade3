package dev.netgrad.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Ctrl-C (or a plain kill) while a command works: a shutdown hook asks the command to stop at
 * its next safe point and holds the process open until the command has finished (saved its
 * params), or {@link #GRACE_SECONDS} have passed. Close it when the command is done.
 */
final class Interruption implements AutoCloseable {
    /** How long an interrupted process waits for the command to wrap up. */
    static final long GRACE_SECONDS = 30;
    /**
     * How long a command may go on to its natural stopping point (an epoch's end) before it must
     * stop at the next point it can (a mini-batch's end): half the grace, the other half to save.
     */
    static final long OVERDUE_SECONDS = GRACE_SECONDS / 2;
    /**
     * How long a command may wait for a step that has no point inside to stop at (one step over a large
     * batch) before it leaves it running and saves what it has: two thirds of the grace, the rest to save.
     */
    static final long LEAVE_SECONDS = GRACE_SECONDS * 2 / 3;

    /** When the process was asked to end, by {@link #clock}; {@link Long#MIN_VALUE} until then. */
    private final AtomicLong requestedAt = new AtomicLong(Long.MIN_VALUE);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final LongSupplier clock;
    private final Thread hook;

    private Interruption() {
        this(System::nanoTime);
    }

    /** {@code clock}: nanoseconds, as System.nanoTime counts them (a test's own clock). */
    Interruption(LongSupplier clock) {
        this.clock = clock;
        hook = new Thread(() -> {
            request();
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "netgrad-interruption");
    }

    /** Starts listening for the process being asked to end. */
    static Interruption install() {
        Interruption interruption = new Interruption();
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    /** Marks the process as asked to end, once (the hook's first act). */
    void request() {
        requestedAt.compareAndSet(Long.MIN_VALUE, clock.getAsLong());
    }

    /** Whether the process was asked to end. */
    boolean requested() {
        return requestedAt.get() != Long.MIN_VALUE;
    }

    /** Whether it was asked more than {@link #OVERDUE_SECONDS} ago: the command must stop at once. */
    boolean overdue() {
        return askedMoreThan(OVERDUE_SECONDS);
    }

    /** Whether it was asked more than {@link #LEAVE_SECONDS} ago: what has not stopped yet must be left. */
    boolean leaving() {
        return askedMoreThan(LEAVE_SECONDS);
    }

    private boolean askedMoreThan(long seconds) {
        long at = requestedAt.get();
        return at != Long.MIN_VALUE && clock.getAsLong() - at > TimeUnit.SECONDS.toNanos(seconds);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs already; counting down lets it, and so the process, end.
        }
    }
}
