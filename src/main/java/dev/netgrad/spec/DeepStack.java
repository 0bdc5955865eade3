package dev.netgrad.spec;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * Runs a task on a thread of its own with a large stack. Parsing and checking recurse once per
 * nesting level, and deriving, printing and generating once per level of an expression; the
 * limits keep that bounded, and this makes the bound independent of the caller's thread (Maven's,
 * a test's, the command line's).
 */
public final class DeepStack {
    /** At the nesting limits reading needs about 4 MB; this leaves a wide margin. */
    static final long STACK_BYTES = 64L * 1024 * 1024;
    /**
     * The whole pipeline, read to generated code, at the nesting limits: deriving a deep expression
     * makes deeper ones (about 4 MB for a sum of 2,000 terms). The command line's and the plugin's
     * threads have this much: it is reserved address space, used only as deep as a spec needs.
     */
    public static final long PIPELINE_STACK_BYTES = 512L * 1024 * 1024;

    private DeepStack() {
    }

    /** The task's result; its exception (checked or not) is rethrown as is. */
    static <T> T call(Callable<T> task) throws Exception {
        return call("netgrad-reader", STACK_BYTES, task);
    }

    /** The task's result, run on a thread named {@code name} of {@code stackBytes}; its exception (checked or not) is rethrown as is. */
    public static <T> T call(String name, long stackBytes, Callable<T> task) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                result[0] = task.call();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, name, stackBytes);
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted in " + name);
        }
        if (failure[0] instanceof Exception e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
