package dev.netgrad.data;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Says on stderr how far the reading of a large CSV file has come (a 50 MB file takes some 20 s),
 * and nothing for a file read in a moment. On a terminal, after {@link #BAR_AFTER_NANOS}, a line
 * redrawn in place (carriage return), as curl's meter and Maven's downloads are; in a log (stderr
 * not a terminal, or NETGRAD_PROGRESS=lines), one line after {@link #LINE_AFTER_NANOS} and one
 * every {@link #LINE_EVERY_NANOS} after, so that a long read does not look like a hang while a
 * short one, as every sample's, adds nothing. Either way, a read that was shown ends with a line
 * saying how many rows it took how long. Stdout is never written.
 */
public final class ReadingProgress implements CsvReader.Progress {
    static final long BAR_AFTER_NANOS = 1_000_000_000L;
    static final long REDRAW_NANOS = 500_000_000L;
    static final long LINE_AFTER_NANOS = 5_000_000_000L;
    static final long LINE_EVERY_NANOS = 15_000_000_000L;

    private final PrintWriter err;
    private final String path;
    private final long size;
    private final boolean bar;
    private final LongSupplier clock;
    private final long start;
    /** When the next line (or redraw) is due, by the clock. */
    private long due;
    private boolean shown;
    private int barLength;

    /**
     * Progress of reading {@code path}, of {@code size} bytes (negative when unknown: a pipe),
     * timed by {@code clock} in nanoseconds from now; {@code bar}: redrawn in place.
     */
    public ReadingProgress(PrintWriter err, String path, long size, boolean bar, LongSupplier clock) {
        this.err = err;
        this.path = path;
        this.size = size;
        this.bar = bar;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.due = start + (bar ? BAR_AFTER_NANOS : LINE_AFTER_NANOS);
    }

    @Override
    public void rowsRead(int rows, long bytes) {
        long now = clock.getAsLong();
        if (now - due < 0) {
            return;
        }
        shown = true;
        String line = "reading " + path + ": " + amount(bytes) + ", " + String.format(Locale.ROOT, "%,d", rows) + " rows, "
                + TrainingProgress.duration((now - start) / 1e9);
        if (bar) {
            err.print("\r" + line + " ".repeat(Math.max(0, barLength - line.length())));
            barLength = line.length();
            due = now + REDRAW_NANOS;
        } else {
            err.println(line);
            due = now + LINE_EVERY_NANOS;
        }
        err.flush();
    }

    /** The read ended with {@code rows} rows: wipes the redrawn line, and says so when the read was shown. */
    public void done(int rows) {
        finish();
        if (shown) {
            err.println("read " + String.format(Locale.ROOT, "%,d", rows) + " rows of " + path + " in "
                    + TrainingProgress.duration((clock.getAsLong() - start) / 1e9));
            err.flush();
        }
    }

    /** Wipes the redrawn line, if any; call when the read ends, well or not. */
    public void finish() {
        if (barLength > 0) {
            err.print("\r" + " ".repeat(barLength) + "\r");
            err.flush();
            barLength = 0;
        }
    }

    /** "23.4 MB of 78.2 MB (30%)", or "23.4 MB" when the size is unknown. */
    private String amount(long bytes) {
        String read = megabytes(bytes);
        if (size <= 0) {
            return read;
        }
        return read + " of " + megabytes(size) + String.format(Locale.ROOT, " (%d%%)", Math.min(100, 100 * bytes / size));
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
