package dev.netgrad.data;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Runs a call with no point inside it to ask whether to stop (one forward pass over a large
 * held-out part, which a batchnorm network's batch statistics make one call) on a thread of its
 * own, asking {@code stop} every {@link #POLL_MILLIS} ms while it runs: true leaves the call to
 * finish there unheard, so that Ctrl-C need not wait for it. What it works on must then be
 * dropped by the caller. The thread is a daemon: a call left running never holds the process.
 */
final class LeavableCall implements AutoCloseable {
    static final long POLL_MILLIS = 100;
    /** The name of the thread the calls run on. */
    private final String threadName;
    /** Made on the first call: most runs never need it. */
    private ExecutorService thread;

    /** Calls on a thread named for a held-out pass, the one kind of call that needed it first. */
    LeavableCall() {
        this("netgrad-held-out-pass");
    }

    LeavableCall(String threadName) {
        this.threadName = threadName;
    }

    /** The call's result, or empty when {@code stop} said true first; what the call throws is thrown. */
    <T> Optional<T> run(Callable<T> call, BooleanSupplier stop) {
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(work -> {
                Thread t = new Thread(work, threadName);
                t.setDaemon(true);
                return t;
            });
        }
        Future<T> result = thread.submit(call);
        try {
            while (true) {
                try {
                    return Optional.of(result.get(POLL_MILLIS, TimeUnit.MILLISECONDS));
                } catch (TimeoutException stillRunning) {
                    if (stop.getAsBoolean()) {
                        return Optional.empty();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    /** The call's own exception or error (an OutOfMemoryError above all), thrown as it was. */
    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    /** Lets the thread end once a call left running there has finished. */
    @Override
    public void close() {
        if (thread != null) {
            thread.shutdown();
        }
    }
}
