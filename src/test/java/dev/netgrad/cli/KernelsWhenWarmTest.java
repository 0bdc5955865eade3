package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KernelsWhenWarmTest {
    /**
     * A training of {@code epochs} epochs on the plain loops, polled as train polls it: at the end of
     * every epoch, each {@code epochSeconds} long, and {@code pollsWithin} times within each (between
     * mini-batches); returns the epoch within which the kernels were installed (0 if never), checking
     * they were installed at most once.
     */
    private static int installedInEpoch(int epochs, double epochSeconds, int pollsWithin) {
        AtomicLong clock = new AtomicLong(5_000_000_000L);
        AtomicInteger installs = new AtomicInteger();
        KernelsWhenWarm kernels = KernelsWhenWarm.startingNow(epochs, clock::get, installs::incrementAndGet);
        long step = (long) (epochSeconds * 1e9 / (pollsWithin + 1));
        int installedIn = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int p = 0; p < pollsWithin; p++) {
                clock.addAndGet(step);
                kernels.poll();
                installedIn = installedIn == 0 && installs.get() > 0 ? epoch : installedIn;
            }
            clock.addAndGet(step);
            kernels.epochEnded(epoch);
            installedIn = installedIn == 0 && installs.get() > 0 ? epoch : installedIn;
        }
        assertEquals(installedIn == 0 ? 0 : 1, installs.get(), "installed once at most");
        return installedIn;
    }

    @ParameterizedTest(name = "{0} epochs of {1} s, {2} polls within each: installed in epoch {3}")
    @CsvSource({
        // planar's course run on the plain loops (0.7 s in all): never worth a warm-up of about a second
        "10000, 0.00007, 0, 0",
        // iris (300 epochs, 0.3 s), breast cancer (200 epochs of 8 mini-batches, 0.2 s)
        "300, 0.001, 0, 0",
        "200, 0.001, 7, 0",
        // digits (100 epochs, 0.8 s): the pace, measured from 0.25 s over 0.25 s, leaves 0.3 s
        "100, 0.008, 20, 0",
        // 2.4 s in all: 1.9 s left when the pace is known (0.5 s), under 2 s, not worth it
        "100, 0.024, 0, 0",
        // digits for 1,000 epochs (8 s): switched as soon as the pace is known (measured from epoch 32 to 64)
        "1000, 0.008, 0, 64",
        // 3 s in all: measured from epoch 9's end (0.27 s) to epoch 18's (0.54 s), 2.46 s left
        "100, 0.03, 0, 18",
        // one epoch of 10 s, polled between mini-batches: no epoch ends, so it switches once 2 s have been measured
        "1, 10, 99, 1",
        // epochs of 5 s, one step each (full batch): the first epoch's end is the first poll, and gives the pace
        "3, 5, 0, 1",
        "2, 5, 0, 1",
        // ... unless it is the last
        "1, 5, 0, 0",
    })
    void theKernelsAreInstalledWhenThePlainLoopsWouldTakeLongerThanTheirWarmUpPays(int epochs, double epochSeconds, int pollsWithin,
                                                                                    int expectedEpoch) {
        assertEquals(expectedEpoch, installedInEpoch(epochs, epochSeconds, pollsWithin));
    }
}
