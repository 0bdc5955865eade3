package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What reading a CSV file says on stderr, timed by a clock the test moves (no real time passes). */
class ReadingProgressTest {
    @TempDir
    Path dir;

    /**
     * Reports at the given seconds (rows and bytes grow by 1,000 and 1 MB a report; the read ends
     * a second after the last), with the stderr they leave. "\r" is a redraw in place, "\n" a line.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # style | seconds of the reports | stderr
            lines   | 0.5 2 4.9              | ""
            lines   | 0.5 5 6 19.9 20        | "reading d.csv: 2.0 MB of 10.0 MB (20%), 2,000 rows, 5.0 s\\nreading d.csv: 5.0 MB of 10.0 MB (50%), 5,000 rows, 20.0 s\\nread 6,000 rows of d.csv in 21.0 s\\n"
            bar     | 0.5 0.9                | ""
            bar     | 0.5 1 1.2 1.5          | "\\rreading d.csv: 2.0 MB of 10.0 MB (20%), 2,000 rows, 1.0 s\\rreading d.csv: 4.0 MB of 10.0 MB (40%), 4,000 rows, 1.5 s\\r                                                         \\rread 5,000 rows of d.csv in 2.5 s\\n"
            """)
    void aReadIsShownOnlyOnceItTakesAWhile(String style, String seconds, String expected) {
        AtomicLong now = new AtomicLong();
        StringWriter err = new StringWriter();
        ReadingProgress progress = new ReadingProgress(new PrintWriter(err, true), "d.csv", 10_000_000, style.equals("bar"), now::get);
        int report = 0;
        for (String s : seconds.split(" ")) {
            now.set((long) (Double.parseDouble(s) * 1e9));
            report++;
            progress.rowsRead(1000 * report, 1_000_000L * report);
        }
        now.addAndGet(1_000_000_000L);
        progress.done(1000 * (report + 1));
        assertEquals(expected.replace("\\n", "\n").replace("\\r", "\r"), err.toString());
    }

    /** A file whose size is unknown (a pipe) says how much was read, without a total. */
    @Test
    void aReadOfUnknownSizeSaysTheBytesSoFar() {
        AtomicLong now = new AtomicLong();
        StringWriter err = new StringWriter();
        ReadingProgress progress = new ReadingProgress(new PrintWriter(err, true), "/dev/stdin", -1, false, now::get);
        now.set(6_000_000_000L);
        progress.rowsRead(2048, 3_500_000);
        assertEquals("reading /dev/stdin: 3.5 MB, 2,048 rows, 6.0 s\n", err.toString());
    }

    /** The reader reports every 1,024 rows, how far into the file they end. */
    @Test
    void theReaderReportsEveryThousandAndTwentyFourRows() throws Exception {
        StringBuilder text = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 2500; i++) {
            text.append(i % 10).append(",1.5,").append(i % 2).append('\n');
        }
        Path file = Files.writeString(dir.resolve("d.csv"), text);
        List<String> reports = new ArrayList<>();
        Dataset read = CsvReader.readDataset(file, new DataLayout("X", 2, "Y", 1, dev.netgrad.runtime.Prediction.PROBABILITY),
                CsvReader.memoryLimit(), (rows, bytes) -> reports.add(rows + " " + bytes));
        assertEquals(2500, read.size());
        // The header is 6 bytes, every row 8.
        assertEquals(List.of("1024 " + (6 + 8 * 1024), "2048 " + (6 + 8 * 2048)), reports);
    }
}
