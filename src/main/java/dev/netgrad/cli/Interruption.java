package dev.netgrad.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (or a plain kill) while a command works: a shutdown hook asks the command to stop at
 * its next safe point and holds the process open until the command has finished (saved its
 * params), or {@link #GRACE_SECONDS} have passed. Close it when the command is done.
 */
final class Interruption implements AutoCloseable {
    /** How long an interrupted process waits for the command to wrap up. */
    static final long GRACE_SECONDS = 30;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private Interruption() {
        hook = new Thread(() -> {
            requested.set(true);
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

    /** Whether the process was asked to end. */
    boolean requested() {
        return requested.get();
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
