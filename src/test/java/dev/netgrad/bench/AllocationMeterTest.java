package dev.netgrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.runtime.MatrixProducts;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The bench counts what the trainer's threads allocate (the timing thread and the runtime's
 * helpers), not what other threads of the JVM do meanwhile, such as those of earlier tests.
 */
class AllocationMeterTest {
    /** 8 MB, far above anything else the window may hold. */
    private static final int DOUBLES = 1 << 20;

    @Test
    void countsTheHelpersAndNotOtherThreads() throws Exception {
        AllocationMeter meter = AllocationMeter.create();
        assertNotNull(meter, "this JVM counts allocations per thread");
        CountDownLatch allocated = new CountDownLatch(2);
        CountDownLatch measured = new CountDownLatch(1);
        Runnable allocate = () -> {
            double[] kept = new double[DOUBLES];
            kept[0] = 1;
            allocated.countDown();
            try {
                measured.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        meter.start();
        Thread helper = new Thread(allocate, MatrixProducts.HELPER_THREAD_NAME + "99");
        Thread other = new Thread(allocate, "not-the-trainer");
        helper.start();
        other.start();
        allocated.await();
        long bytes = meter.stop();
        measured.countDown();
        helper.join();
        other.join();
        // The helper's 8 MB, once: not the other thread's as well.
        assertTrue(bytes >= 8L * DOUBLES && bytes < 2 * 8L * DOUBLES, "counted " + bytes + " bytes");
    }

    /** Kept in a field so that the JIT cannot drop the allocations. */
    private Object kept;

    /** A step that allocates as a leaking trainer would: every step's bytes show in the total, and every step is counted. */
    @Test
    void aStepThatAllocatesIsReportedInBytesAndInSteps() {
        AllocationMeter meter = AllocationMeter.create();
        assertNotNull(meter, "this JVM counts allocations per thread");
        int steps = 100;
        meter.start();
        for (int s = 0; s < steps; s++) {
            kept = new double[128]; // 1,040 bytes with its header
            meter.afterStep();
        }
        long bytes = meter.stop();
        assertEquals(steps, meter.allocatingSteps());
        assertTrue(bytes >= steps * 8L * 128 && bytes < 2 * steps * 8L * 128 + 10_000, "counted " + bytes + " bytes");
        BenchResult result = new BenchResult("N", 1, 1, 1, 0, 0, 0, steps, 1, -1, -1, 0, bytes, meter.allocatingSteps(), 0, false);
        assertTrue(result.allocatedBytesPerStep() >= 8 * 128, "per step " + result.allocatedBytesPerStep());
    }

    @Test
    void countsTheStepsInWhichTheTimingThreadAllocated() {
        AllocationMeter meter = AllocationMeter.create();
        assertNotNull(meter, "this JVM counts allocations per thread");
        meter.start();
        meter.afterStep(); // a step that allocated nothing: not counted
        kept = new double[16];
        meter.afterStep(); // counted
        meter.afterStep(); // nothing since the last: not counted
        kept = new byte[1000];
        meter.afterStep(); // counted
        assertEquals(2, meter.allocatingSteps());
        meter.start(); // a new window starts from none
        assertEquals(0, meter.allocatingSteps());
        meter.afterStep();
        assertEquals(0, meter.allocatingSteps(), "start's own reads are not a step's");
    }
}
