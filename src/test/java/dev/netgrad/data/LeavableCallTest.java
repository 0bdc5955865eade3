package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A long held-out pass runs where the run can leave it, and what it gives or throws reaches the run as it was. */
class LeavableCallTest {
    @Test
    void aCallThatEndsGivesItsResult() {
        try (LeavableCall calls = new LeavableCall()) {
            assertEquals(Optional.of(0.5), calls.run(() -> 0.5, () -> true), "stop is asked only while the call runs");
        }
    }

    @Test
    void whatTheCallThrowsIsThrownAsItWas() {
        OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
        IllegalStateException nan = new IllegalStateException("the loss L is NaN");
        try (LeavableCall calls = new LeavableCall()) {
            assertSame(heap, assertThrows(OutOfMemoryError.class, () -> calls.run(() -> {
                throw heap;
            }, () -> false)), "the trace tells the heap running out as such");
            assertSame(nan, assertThrows(IllegalStateException.class, () -> calls.run(() -> {
                throw nan;
            }, () -> false)));
        }
    }

    /** The call lasts until released; stop says true: the run goes on without it. */
    @Test
    void aCallStillRunningWhenStopSaysTrueIsLeft() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        try (LeavableCall calls = new LeavableCall()) {
            Optional<Double> left = calls.run(() -> {
                release.await(2, TimeUnit.MINUTES);
                ended.set(true);
                return 1.0;
            }, () -> true);
            assertEquals(Optional.empty(), left);
            assertFalse(ended.get(), "left while it ran");
        } finally {
            release.countDown();
        }
    }
}
