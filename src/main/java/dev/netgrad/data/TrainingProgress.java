package dev.netgrad.data;

import dev.netgrad.codegen.CompiledTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Reports a training run as it goes, on stderr (stdout is for the results): a line with the
 * cost, the time so far, the rate and the time left every few epochs (without a bar, also at an epoch's end a
 * minute or more after the last line, so that a log shows a long run moving), and, when stderr is a
 * terminal, a bar that redraws itself in place (carriage return) below those lines. The bar is
 * wiped before each line and at the end, so the stream never shows a half-drawn bar.
 */
public final class TrainingProgress implements CompiledTrainer.EpochListener {
    /** How progress is shown, whatever the terminal: {@code bar} or {@code lines} (for scripts and tests). */
    public static final String STYLE_VARIABLE = "NETGRAD_PROGRESS";
    /** The same as a system property, which wins over the environment. */
    public static final String STYLE_PROPERTY = "netgrad.progress";

    private static final int BAR_WIDTH = 30;
    /** The bar redraws when its percentage moves, or at this interval so the clock keeps moving. */
    private static final long REDRAW_NANOS = 500_000_000L;
    /**
     * Without a bar, the longest silence between two lines, the epochs allowing: a tenth of a long run said
     * nothing for an hour in a CI log, where a job silent for 10 minutes looks hung (Travis CI ends it).
     */
    static final long SILENCE_NANOS = 60_000_000_000L;

    private final PrintWriter err;
    private final int epochs;
    private final int every;
    private final boolean bar;
    private final LongSupplier clock;
    private final long start;
    private final String epochFormat;
    /** When the first epoch was heard: the rate is measured from there, past the JIT's warm-up. */
    private long firstAt;
    private int first;
    private int shownPercent = -1;
    private long shownAt;
    private int barLength;
    private long lineAt;

    /** Progress timed by {@link System#nanoTime}. */
    public TrainingProgress(PrintWriter err, int epochs, boolean bar) {
        this(err, epochs, bar, System::nanoTime);
    }

    /** Progress timed by {@code clock}, in nanoseconds; the run starts now. */
    public TrainingProgress(PrintWriter err, int epochs, boolean bar, LongSupplier clock) {
        this.err = err;
        this.epochs = epochs;
        this.every = reportEvery(epochs);
        this.bar = bar;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lineAt = start;
        this.epochFormat = "%" + Integer.toString(epochs).length() + "d";
    }

    /** Report every epoch for short runs, else at a round interval giving about ten lines. */
    public static int reportEvery(int epochs) {
        if (epochs <= 20) {
            return 1;
        }
        double raw = epochs / 10.0;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return (int) (nice * power);
    }

    @Override
    public void onEpoch(int epoch, double cost) {
        long now = clock.getAsLong();
        if (first == 0) {
            first = epoch;
            firstAt = now;
        }
        if (epoch == 1 || epoch % every == 0 || epoch == epochs || (!bar && now - lineAt >= SILENCE_NANOS)) {
            lineAt = now;
            clearBar();
            err.println("epoch " + String.format(Locale.ROOT, epochFormat, epoch) + "/" + epochs + "  cost " + format(cost)
                    + "  " + timing(epoch, now));
            err.flush();
            shownPercent = -1;
        }
        if (bar) {
            drawBar(epoch, cost, now);
        }
    }

    /** Wipes the bar; call when training ends, successfully or not. */
    public void finish() {
        clearBar();
    }

    private void drawBar(int epoch, double cost, long now) {
        int percent = (int) (100L * epoch / Math.max(1, epochs));
        if (percent == shownPercent && now - shownAt < REDRAW_NANOS) {
            return;
        }
        shownPercent = percent;
        shownAt = now;
        int filled = BAR_WIDTH * percent / 100;
        String line = "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", percent) + "  epoch " + epoch + "/" + epochs + "  cost " + format(cost)
                + "  " + timing(epoch, now);
        err.print("\r" + line + " ".repeat(Math.max(0, barLength - line.length())));
        err.flush();
        barLength = line.length();
    }

    private void clearBar() {
        if (barLength > 0) {
            err.print("\r" + " ".repeat(barLength) + "\r");
            err.flush();
            barLength = 0;
        }
    }

    /**
     * "1.5 s, 40.0 epochs/s, 3.0 s left": the time so far, the rate and the estimated time to the
     * end (none at the end). The rate counts from the first epoch on, whose time is mostly the
     * JIT's warm-up; until a second epoch there is no rate.
     */
    String timing(int epoch, long now) {
        double elapsed = (now - start) / 1e9;
        if (epoch <= first || now <= firstAt) {
            return duration(Math.max(0, elapsed));
        }
        double rate = (epoch - first) / ((now - firstAt) / 1e9);
        String speed = rate >= 1 ? String.format(Locale.ROOT, "%.1f epochs/s", rate)
                : String.format(Locale.ROOT, "%.1f s/epoch", 1 / rate);
        String soFar = duration(elapsed) + ", " + speed;
        return epoch >= epochs ? soFar : soFar + ", " + duration((epochs - epoch) / rate) + " left";
    }

    /** Seconds as "4.2 s" below a minute, else "1:05" or "1:02:03". */
    public static String duration(double seconds) {
        if (seconds < 59.95) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    public static String format(double cost) {
        return String.format(Locale.ROOT, "%.6g", cost);
    }

    /**
     * Whether to draw the bar: as {@value #STYLE_PROPERTY} or {@value #STYLE_VARIABLE} say
     * ({@code bar} or {@code lines}), else when stderr is a terminal.
     */
    public static boolean barWanted() {
        String style = System.getProperty(STYLE_PROPERTY, System.getenv(STYLE_VARIABLE));
        if ("bar".equals(style)) {
            return true;
        }
        return !"lines".equals(style) && stderrIsTerminal();
    }

    /**
     * Whether stderr is an interactive terminal. Java has no isatty; on Linux the descriptor's
     * link names a tty device (so the bar shows when stdout goes to a file), elsewhere a console
     * on stdin and stdout is the best guess.
     */
    public static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
