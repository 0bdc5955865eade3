package dev.netgrad.cli;

import dev.netgrad.codegen.Logistic;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Logistic} whose second training step lasts until the test releases it: one step over a large
 * full batch, which has no point inside to stop at. The first step is Logistic's own.
 */
public final class LongTrainingStep extends Logistic {
    /** Opened by the test once it has seen what it wanted; the instances are made by reflection. */
    static volatile CountDownLatch release = new CountDownLatch(1);
    /** Opened when the long step begins, for a test that presses Ctrl-C within it. */
    static volatile CountDownLatch entered = new CountDownLatch(1);
    /** Whether the long step has returned. */
    static final AtomicBoolean ended = new AtomicBoolean();
    private static final AtomicInteger steps = new AtomicInteger();

    /** Before a test: no step taken, none ended, the second one held until released. */
    static void reset() {
        release = new CountDownLatch(1);
        entered = new CountDownLatch(1);
        ended.set(false);
        steps.set(0);
    }

    public LongTrainingStep(long seed) {
        super(seed);
    }

    @Override
    protected void forward() {
        if (steps.incrementAndGet() == 2) {
            entered.countDown();
            try {
                release.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended.set(true);
        }
        super.forward();
    }
}
