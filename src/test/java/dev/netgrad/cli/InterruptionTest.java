package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When an interrupted command must stop at once rather than at its natural stopping point. */
class InterruptionTest {
    @Test
    void overdueOnlyOnceHalfTheGraceHasPassedSinceTheRequest() {
        long[] now = {1_000};
        Interruption interruption = new Interruption(() -> now[0]);
        assertFalse(interruption.requested());
        now[0] += TimeUnit.SECONDS.toNanos(100);
        assertFalse(interruption.overdue(), "never asked: never overdue, however long the run");

        interruption.request();
        assertTrue(interruption.requested());
        now[0] += TimeUnit.SECONDS.toNanos(Interruption.OVERDUE_SECONDS);
        assertFalse(interruption.overdue(), "exactly half the grace: the epoch may still end");
        now[0] += 1;
        assertTrue(interruption.overdue());

        interruption.request();
        assertTrue(interruption.overdue(), "a second Ctrl-C does not restart the count");
    }
}
