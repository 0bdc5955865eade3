package dev.netgrad.cli;

import dev.netgrad.kernels.VectorKernels;
import java.util.function.LongSupplier;

/**
 * Installs the Vector API's kernels into a training when it will run long enough to pay for their
 * warm-up, not from its start. Until C2 has compiled them, the Vector API's loops run in the JVM's
 * interpreter and C1, where every vector is an object, and C2 takes long over them: their warm-up
 * costs about a second, while the plain loops are compiled in a few milliseconds. With the SIMD
 * kernels from the start, each sample's training (planar, iris, breast cancer, digits) took 2 to 6
 * times longer than on the plain loops alone, although once compiled the SIMD kernels run its
 * steps 2 to 6 times faster. So a training starts on the plain loops; from {@link #MEASURE_FROM}
 * on it measures their pace (over {@link #MEASURE_FOR} at least), and when the epochs left would take them more than
 * {@link #WORTH_SWITCHING} (twice the warm-up: the SIMD kernels are at least twice as fast on every
 * sample), the kernels are installed. A training that no epoch ends in for that long (one long
 * epoch) switches then. The two give the same bits, so the switch changes no result. Polled on the
 * training thread between steps, when no product is under way.
 * <p>
 * Only the command line's own process installs kernels ({@link #allowInstalling}, from
 * {@code Main.main}): they are the JVM's for good, and a verb run inside another program (a test
 * calling {@code Main.run}) must leave that program's kernels as they were.
 */
final class KernelsWhenWarm {
    /** The plain loops' first moments (their own compilation) say nothing of their pace. */
    static final double MEASURE_FROM = 0.25;
    /** The pace is measured over this long at least: one epoch of a few microseconds may meet a collection. */
    static final double MEASURE_FOR = 0.25;
    /** Plain-loop seconds left from which the SIMD kernels' warm-up (about a second) pays. */
    static final double WORTH_SWITCHING = 2.0;
    private static volatile boolean installing;

    private final LongSupplier nanoTime;
    private final Runnable install;
    private final int epochs;
    private final long start;
    /** When the pace is measured from (-1 until MEASURE_FROM), and the epochs done then. */
    private long measuredFrom = -1;
    private int epochsThen;
    private int epochsDone;
    private boolean installed;

    private KernelsWhenWarm(LongSupplier nanoTime, Runnable install, int epochs) {
        this.nanoTime = nanoTime;
        this.install = install;
        this.epochs = epochs;
        this.start = nanoTime.getAsLong();
    }

    /** Lets this process's verbs install the Vector API's kernels: called by the command line's main alone. */
    static void allowInstalling() {
        installing = true;
    }

    /** Installs the Vector API's kernels at once, if allowed and the JVM has them: for bench, which times them warmed up. */
    static void installNow() {
        if (installing) {
            VectorKernels.installIfAvailable();
        }
    }

    /** A training of {@code epochs} epochs from now, on the JVM's clock, installing the Vector API's kernels if allowed. */
    static KernelsWhenWarm startingNow(int epochs) {
        return new KernelsWhenWarm(System::nanoTime, KernelsWhenWarm::installNow, epochs);
    }

    /** The same on {@code nanoTime}, calling {@code install} once when the time comes: for tests. */
    static KernelsWhenWarm startingNow(int epochs, LongSupplier nanoTime, Runnable install) {
        return new KernelsWhenWarm(nanoTime, install, epochs);
    }

    /** Epoch {@code epoch} has ended; decides as {@link #poll}. */
    void epochEnded(int epoch) {
        epochsDone = epoch;
        poll();
    }

    /** Installs the kernels if the training will run long enough on the plain loops to pay for them; cheap to call every step. */
    void poll() {
        if (installed || epochsDone >= epochs) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (measuredFrom < 0) {
            if (now - start < seconds(MEASURE_FROM)) {
                return;
            }
            // Polls this far apart (epochs of a second, one step each) measure from the start: the plain
            // loops' compilation is a small part of that.
            boolean sparse = now - start >= seconds(MEASURE_FROM + MEASURE_FOR);
            measuredFrom = sparse ? start : now;
            epochsThen = sparse ? 0 : epochsDone;
        }
        long measured = now - measuredFrom;
        if (measured < seconds(MEASURE_FOR)) {
            return;
        }
        int ended = epochsDone - epochsThen;
        boolean worth = ended > 0
                ? (double) measured / ended * (epochs - epochsDone) >= seconds(WORTH_SWITCHING)
                : measured >= seconds(WORTH_SWITCHING);
        if (worth) {
            installed = true;
            install.run();
        }
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }
}
