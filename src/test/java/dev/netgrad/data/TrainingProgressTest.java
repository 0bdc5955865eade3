package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
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

    @Test
    void withoutATerminalOnlyCostLinesAppear() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        TrainingProgress p = new TrainingProgress(new PrintWriter(out), new PrintWriter(err), 100, false);
        for (int e = 1; e <= 100; e++) {
            p.onEpoch(e, 1.0 / e);
        }
        p.finish();
        String[] lines = out.toString().split("\n");
        assertEquals(11, lines.length);
        assertEquals("epoch   1/100  cost 1.00000", lines[0]);
        assertEquals("epoch 100/100  cost 0.0100000", lines[10]);
        assertEquals("", err.toString());
    }

    @Test
    void theBarRedrawsInPlaceAndIsWipedAtTheEnd() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        TrainingProgress p = new TrainingProgress(new PrintWriter(out), new PrintWriter(err), 4, true);
        for (int e = 1; e <= 4; e++) {
            p.onEpoch(e, 0.5);
        }
        p.finish();
        String bar = err.toString();
        assertTrue(bar.contains("\r[##############################] 100%  epoch 4/4  cost 0.500000"), bar);
        assertTrue(bar.endsWith("\r"), "wiped: " + bar);
        assertTrue(!bar.contains("\n"), bar);
    }
}
