package dev.netgrad.data;

import dev.netgrad.codegen.CompiledTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reports a training run as it goes: a line with the cost every few epochs on {@code out}, and,
 * when stderr is a terminal, a bar on {@code err} that redraws itself in place (carriage return)
 * whenever the percentage moves. The bar is wiped before each cost line and at the end, so
 * neither stream ever shows a half-drawn bar.
 */
public final class TrainingProgress implements CompiledTrainer.EpochListener {
    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final PrintWriter err;
    private final int epochs;
    private final int every;
    private final boolean bar;
    private final String epochFormat;
    private int shownPercent = -1;
    private int barLength;

    public TrainingProgress(PrintWriter out, PrintWriter err, int epochs, boolean bar) {
        this.out = out;
        this.err = err;
        this.epochs = epochs;
        this.every = reportEvery(epochs);
        this.bar = bar;
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
        if (epoch == 1 || epoch % every == 0 || epoch == epochs) {
            clearBar();
            out.println("epoch " + String.format(Locale.ROOT, epochFormat, epoch) + "/" + epochs + "  cost " + format(cost));
            out.flush();
            shownPercent = -1;
        }
        if (bar) {
            drawBar(epoch, cost);
        }
    }

    /** Wipes the bar; call when training ends, successfully or not. */
    public void finish() {
        clearBar();
    }

    private void drawBar(int epoch, double cost) {
        int percent = (int) (100L * epoch / Math.max(1, epochs));
        if (percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        int filled = BAR_WIDTH * percent / 100;
        String line = "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", percent) + "  epoch " + epoch + "/" + epochs + "  cost " + format(cost);
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

    public static String format(double cost) {
        return String.format(Locale.ROOT, "%.6g", cost);
    }

    /**
     * Whether stderr is an interactive terminal. Java has no isatty; on Linux the descriptor's
     * link names a tty device, elsewhere a console on stdin/stdout is the best guess.
     */
    public static boolean stderrIsTerminal() {
        if (System.console() == null) {
            return false;
        }
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            String target = Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return !Files.exists(Path.of("/proc/self"));
        }
    }
}
