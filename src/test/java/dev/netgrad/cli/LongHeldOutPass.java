package dev.netgrad.cli;

import dev.netgrad.codegen.Logistic;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Logistic regression standing for a network whose values mix the examples even as it predicts (its
 * evaluation cost a single pass over every row, with no point inside to ask whether to stop) on a
 * large held-out part: an evaluation cost over more rows than a scoring chunk (4,096) lasts until the
 * test releases it, two minutes at most. Training never calls it, only the held-out trace and scoring
 * do (scoring's over the training part, too).
 */
public final class LongHeldOutPass extends Logistic {
    static final int CHUNK = 4096;
    /** Opened by the test once it has seen what it wanted; the instances are made by reflection. */
    static volatile CountDownLatch release = new CountDownLatch(1);
    /** Opened when a long pass begins, for a test that presses Ctrl-C within it. */
    static volatile CountDownLatch entered = new CountDownLatch(1);
    /** Whether a long pass has returned. */
    static final AtomicBoolean ended = new AtomicBoolean();

    /** Before a test: no pass begun, none ended, the next one held until released. */
    static void reset() {
        release = new CountDownLatch(1);
        entered = new CountDownLatch(1);
        ended.set(false);
    }

    public LongHeldOutPass(long seed) {
        super(seed);
    }

    @Override
    public Optional<String> batchCoupling() {
        return Optional.of("the test's one pass over every row");
    }

    @Override
    public boolean predictionCouplesExamples() {
        return true;
    }

    @Override
    public double evaluationCost(double[][] x, double[][] y, int chunk) {
        if (x.length > CHUNK) {
            entered.countDown();
            try {
                release.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended.set(true);
        }
        return super.evaluationCost(x, y, chunk);
    }
}
