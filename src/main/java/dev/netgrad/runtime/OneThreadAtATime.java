package dev.netgrad.runtime;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Refuses a call on a trainer while a call of another thread is still in it: a trainer holds its
 * batch's values in its buffers, so two calls at once overwrite each other's, and each gives back
 * numbers of the other's batch, or of both, without a word (predict from two threads answered one
 * call in some two hundred with another's rows). Each public call takes the trainer for its thread
 * on entry and gives it back on return: a call made from inside one on the same thread (a fit's
 * Progress that predicts) goes on, one from another thread is refused before it touches anything.
 * Calls from several threads one after another are fine. One compare-and-set a call; nothing allocated.
 */
final class OneThreadAtATime {
    private final String network;
    private final AtomicReference<Thread> holder = new AtomicReference<>();
    /** The call the holder is in, for the refusal's message (set just after the holder). */
    private volatile String holderCall;

    OneThreadAtATime(String network) {
        this.network = network;
    }

    /**
     * Takes the trainer for this thread for {@code call} (its name, for a refusal's message): true when
     * this call took it, and must give it back by {@link #leave}; false when this thread holds it
     * already (a call from inside another). Refused with an IllegalStateException while another
     * thread holds it.
     */
    boolean enter(String call) {
        Thread caller = Thread.currentThread();
        Thread was = holder.compareAndExchange(null, caller);
        if (was == null) {
            holderCall = call;
            return true;
        }
        if (was == caller) {
            return false;
        }
        String busy = holderCall;
        throw new IllegalStateException(network + " is in use by the thread " + was.getName() + (busy == null ? "" : " (in " + busy + ")")
                + ", so " + call + " from the thread " + caller.getName() + " is refused: a trainer serves one thread at a time, since a"
                + " call overwrites the values of the batch another is using; give each thread a trainer of its own (with the same"
                + " params by load or setParam)");
    }

    /** Gives the trainer back after a call that took it ({@code entered}, from {@link #enter}). */
    void leave(boolean entered) {
        if (entered) {
            holderCall = null;
            holder.set(null);
        }
    }
}
