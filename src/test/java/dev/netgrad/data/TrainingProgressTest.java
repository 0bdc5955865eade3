package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class TrainingProgressTest {
    @Test
    void longRunsReportAtARoundInterval() {
        assertEquals(1, TrainingProgress.reportEvery(20));
        assertEquals(5, TrainingProgress.reportEvery(50));
        assertEquals(10, TrainingProgress.reportEvery(100));
        assertEquals(50, TrainingProgress.reportEvery(300));
        assertEquals(1000, TrainingProgress.reportEvery(10_000));
    }

    /** A clock that moves 10 ms a reading. */
    private static LongSupplier ticking() {
        long[] now = {0};
        return () -> now[0] += 10_000_000L;
    }

    @Test
    void withoutATerminalPlainLinesWithTheTimeGoToStderr() {
        StringWriter err = new StringWriter();
        TrainingProgress p = new TrainingProgress(new PrintWriter(err), 100, false, ticking());
        for (int e = 1; e <= 100; e++) {
            p.onEpoch(e, 1.0 / e);
        }
        p.finish();
        String[] lines = err.toString().split("\n");
        assertEquals(11, lines.length);
        assertEquals("epoch   1/100  cost 1.00000  0.0 s", lines[0]);
        assertEquals("epoch  50/100  cost 0.0200000  0.5 s, 100.0 epochs/s, 0.5 s left", lines[5]);
        assertEquals("epoch 100/100  cost 0.0100000  1.0 s, 100.0 epochs/s", lines[10]);
        assertFalse(err.toString().contains("\r"));
    }

    /** Epochs of 7 s, lines every 100 epochs (700 s): without a bar a line comes at the end of an epoch a minute or more on. */
    @Test
    void withoutATerminalALongRunSaysAtLeastEveryMinuteHowItGoes() {
        long[] now = {0};
        StringWriter err = new StringWriter();
        TrainingProgress p = new TrainingProgress(new PrintWriter(err), 1000, false, () -> now[0]);
        for (int e = 1; e <= 1000; e++) {
            now[0] = e * 7_000_000_000L;
            p.onEpoch(e, 1.0 / e);
        }
        String[] lines = err.toString().split("\n");
        assertEquals("epoch    1/1000  cost 1.00000  7.0 s", lines[0]);
        assertEquals("epoch   10/1000  cost 0.100000  1:10, 7.0 s/epoch, 1:55:30 left", lines[1]);
        assertEquals("epoch   19/1000  cost 0.0526316  2:13, 7.0 s/epoch, 1:54:27 left", lines[2]);
        assertTrue(err.toString().contains("\nepoch  100/1000  cost "), "the round interval's lines stay: " + err);
        int last = 0;
        for (String line : lines) {
            int epoch = Integer.parseInt(line.substring("epoch ".length(), line.indexOf('/')).strip());
            assertTrue(epoch - last <= 9, "63 s at most between two lines: " + line);
            last = epoch;
        }
        assertEquals(1000, last);
    }

    @Test
    void slowEpochsShowSecondsPerEpochAndMinutesLeftCountedFromTheFirstEpoch() {
        long[] now = {0};
        StringWriter err = new StringWriter();
        TrainingProgress p = new TrainingProgress(new PrintWriter(err), 10, false, () -> now[0]);
        now[0] = 2_500_000_000L;
        p.onEpoch(1, 0.5);
        now[0] = 90_000_000_000L;
        p.onEpoch(5, 0.25);
        assertEquals("epoch  1/10  cost 0.500000  2.5 s\n"
                + "epoch  5/10  cost 0.250000  1:30, 21.9 s/epoch, 1:49 left\n", err.toString());
        assertEquals("1:02:03", TrainingProgress.duration(3723));
    }

    @Test
    void theBarRedrawsInPlaceBelowTheLinesAndIsWipedAtTheEnd() {
        StringWriter err = new StringWriter();
        TrainingProgress p = new TrainingProgress(new PrintWriter(err), 4, true, ticking());
        for (int e = 1; e <= 4; e++) {
            p.onEpoch(e, 0.5);
        }
        p.finish();
        String text = err.toString();
        assertTrue(text.contains("\r[##############################] 100%  epoch 4/4  cost 0.500000  0.0 s, 100.0 epochs/s"), text);
        assertTrue(text.contains("\repoch 4/4  cost 0.500000  0.0 s, 100.0 epochs/s\n"), "the line after a wiped bar: " + text);
        assertTrue(text.endsWith("\r"), "wiped: " + text);
        for (String line : text.split("\n")) {
            // What a terminal shows of the line: what follows its last carriage return.
            String shown = line.substring(line.lastIndexOf('\r') + 1);
            assertTrue(shown.startsWith("epoch ") || shown.isEmpty(), "a cost line or nothing: " + line);
        }
    }

    @Test
    void theStyleCanBeForced() {
        System.setProperty(TrainingProgress.STYLE_PROPERTY, "bar");
        try {
            assertTrue(TrainingProgress.barWanted());
            System.setProperty(TrainingProgress.STYLE_PROPERTY, "lines");
            assertFalse(TrainingProgress.barWanted());
        } finally {
            System.clearProperty(TrainingProgress.STYLE_PROPERTY);
        }
    }
}
