package dev.netgrad.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import dev.netgrad.IoReason;
import dev.netgrad.OutputFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws the cost per epoch as a PNG line chart with axes, ticks and labels: the training cost,
 * and the held-out cost when there is one, on a linear or a logarithmic cost axis.
 */
public final class LossPlot {
    /** The cost axis: linear, or logarithmic (powers of ten equally spaced; costs of 0 or less are left out). */
    public enum Scale { LINEAR, LOG }

    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    static final Color TRAINING = new Color(31, 119, 180);
    static final Color HELD_OUT = new Color(255, 127, 14);
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    private static final int TICKS = 5;

    private final double[] costs;
    private final double[] heldOutCosts;
    private final String title;
    private final Scale scale;
    private final Axis x;
    private final Axis y;

    private LossPlot(double[] costs, double[] heldOutCosts, String title, Scale scale) {
        this.costs = costs.clone();
        this.heldOutCosts = heldOutCosts.clone();
        this.title = title;
        this.scale = scale;
        this.x = Axis.linear(1, Math.max(2, Math.max(costs.length, heldOutCosts.length)));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] curve : new double[][] {costs, heldOutCosts}) {
            for (double c : curve) {
                if (plotted(c)) {
                    lo = Math.min(lo, c);
                    hi = Math.max(hi, c);
                }
            }
        }
        if (scale == Scale.LOG) {
            this.y = lo > hi ? Axis.log(0.1, 1) : Axis.log(lo, hi);
        } else {
            this.y = lo > hi ? Axis.linear(0, 1) : Axis.linear(lo, hi);
        }
    }

    /**
     * Writes {@code costs[i]}, the training cost of epoch i + 1, and {@code heldOutCosts[i]}, the
     * held-out cost after it (empty when nothing was held out), as a PNG image. The file is
     * replaced atomically: a failed write leaves the old one as it was.
     */
    public static void write(Path file, double[] costs, double[] heldOutCosts, String title, Scale scale)
            throws DataException {
        try {
            OutputFiles.writeAtomically(file, png(costs, heldOutCosts, title, scale));
        } catch (IOException e) {
            throw DataException.inFile(file.toString(), "cannot write: " + IoReason.ofWrite(e));
        }
    }

    /**
     * Draws an empty chart, to find before a long run that this Java runtime can draw PNGs, and to
     * have AWT and ImageIO started (they cannot start while an interrupted process shuts down).
     */
    public static void prepare() throws DataException {
        png(new double[0], new double[0], "", Scale.LINEAR);
    }

    /** The chart as PNG bytes. */
    static byte[] png(double[] costs, double[] heldOutCosts, String title, Scale scale) throws DataException {
        // Drawing needs no display; without this an X11-less machine fails to start AWT.
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new LossPlot(costs, heldOutCosts, title, scale).draw();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // Into memory: ImageIO's file writer deletes the file first and prints stack traces. And through a
        // memory cache: ImageIO's default caches an OutputStream's image in a file in the temporary folder,
        // so a full or missing /tmp failed every --plot (before training, when prepare() draws).
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            if (!ImageIO.write(image, "png", out)) {
                throw DataException.unplaced("cannot draw the plot: no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw DataException.unplaced("cannot draw the plot: " + IoReason.of(e));
        }
        return bytes.toByteArray();
    }

    /**
     * How many finite costs of the two curves the scale leaves out: on a log axis, those of 0 or less (a
     * regression fitted exactly), which would otherwise leave the chart empty without a word.
     */
    public static int leftOut(double[] costs, double[] heldOutCosts, Scale scale) {
        int count = 0;
        for (double[] curve : new double[][] {costs, heldOutCosts}) {
            for (double c : curve) {
                count += Double.isFinite(c) && !plotted(c, scale) ? 1 : 0;
            }
        }
        return count;
    }

    private boolean plotted(double cost) {
        return plotted(cost, scale);
    }

    /** Whether {@code scale} draws {@code cost}: a finite one, and on a log axis a positive one. */
    private static boolean plotted(double cost, Scale scale) {
        return Double.isFinite(cost) && (scale == Scale.LINEAR || cost > 0);
    }

    BufferedImage draw() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            drawGrid(g);
            drawCurve(g, costs, TRAINING);
            drawCurve(g, heldOutCosts, HELD_OUT);
            drawFrame(g);
            drawText(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    private double xAt(double epoch) {
        return LEFT + (x.position(epoch) - x.lo) / (x.hi - x.lo) * (WIDTH - LEFT - RIGHT);
    }

    private double yAt(double cost) {
        return HEIGHT - BOTTOM - (y.position(cost) - y.lo) / (y.hi - y.lo) * (HEIGHT - TOP - BOTTOM);
    }

    private int px(double epoch) {
        return (int) Math.round(xAt(epoch));
    }

    private int py(double cost) {
        return (int) Math.round(yAt(cost));
    }

    private void drawGrid(Graphics2D g) {
        g.setColor(new Color(230, 230, 230));
        for (double t : y.ticks()) {
            g.drawLine(LEFT, py(t), WIDTH - RIGHT, py(t));
        }
        for (double t : x.ticks()) {
            g.drawLine(px(t), TOP, px(t), HEIGHT - BOTTOM);
        }
    }

    private void drawCurve(Graphics2D g, double[] curve, Color color) {
        Path2D.Double line = new Path2D.Double();
        boolean started = false;
        int points = 0;
        for (int i = 0; i < curve.length; i++) {
            if (!plotted(curve[i])) {
                started = false;
                continue;
            }
            points++;
            if (started) {
                line.lineTo(xAt(i + 1), yAt(curve[i]));
            } else {
                line.moveTo(xAt(i + 1), yAt(curve[i]));
                started = true;
            }
        }
        g.setColor(color);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        if (points == 1) {
            for (int i = 0; i < curve.length; i++) {
                if (plotted(curve[i])) {
                    g.fillOval(px(i + 1) - 3, py(curve[i]) - 3, 6, 6);
                }
            }
        }
        g.draw(line);
    }

    private void drawFrame(Graphics2D g) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
        g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
        for (double t : y.ticks()) {
            g.drawLine(LEFT - 5, py(t), LEFT, py(t));
        }
        for (double t : x.ticks()) {
            g.drawLine(px(t), HEIGHT - BOTTOM, px(t), HEIGHT - BOTTOM + 5);
        }
    }

    /** Labels need fonts; a runtime without any still gets the chart, unlabelled. */
    private void drawText(Graphics2D g) {
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            FontMetrics fm = g.getFontMetrics();
            for (double t : y.ticks()) {
                String label = y.label(t);
                g.drawString(label, LEFT - 8 - fm.stringWidth(label), py(t) + fm.getAscent() / 2 - 1);
            }
            for (double t : x.ticks()) {
                String label = x.label(t);
                g.drawString(label, px(t) - fm.stringWidth(label) / 2, HEIGHT - BOTTOM + 8 + fm.getAscent());
            }
            g.drawString("epoch", (LEFT + WIDTH - RIGHT - fm.stringWidth("epoch")) / 2, HEIGHT - 20);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            String yLabel = scale == Scale.LOG ? "cost (log scale)" : "cost";
            rotated.drawString(yLabel, -(TOP + HEIGHT - BOTTOM + fm.stringWidth(yLabel)) / 2, 25);
            rotated.dispose();
            if (heldOutCosts.length > 0) {
                drawLegend(g, fm);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, (WIDTH - g.getFontMetrics().stringWidth(title)) / 2, TOP - 18);
        } catch (RuntimeException | Error noFonts) {
            // Headless runtimes without fontconfig throw from the font system; keep the chart.
        }
    }

    /** Which colour is which curve, in the top right corner of the chart. */
    private void drawLegend(Graphics2D g, FontMetrics fm) {
        String[] names = {"training", "held out"};
        Color[] colors = {TRAINING, HELD_OUT};
        int right = WIDTH - RIGHT - 10;
        int width = Math.max(fm.stringWidth(names[0]), fm.stringWidth(names[1])) + 34;
        int top = TOP + 10;
        g.setColor(Color.WHITE);
        g.fillRect(right - width - 6, top - 4, width + 6, 2 * fm.getHeight() + 8);
        for (int i = 0; i < names.length; i++) {
            int baseline = top + (i + 1) * fm.getHeight() - fm.getDescent();
            int middle = baseline - fm.getAscent() / 2 + 1;
            g.setColor(colors[i]);
            g.setStroke(new BasicStroke(2f));
            g.drawLine(right - width, middle, right - width + 24, middle);
            g.setColor(Color.BLACK);
            g.drawString(names[i], right - width + 30, baseline);
        }
    }

    /**
     * An axis: its range {@code lo..hi} in drawing units (the value itself, or its base-10
     * logarithm) widened to round tick values, and the ticks as values.
     */
    private record Axis(double lo, double hi, boolean log, double[] ticks, double step) {
        static Axis linear(double min, double max) {
            if (max - min < 1e-12 * Math.max(1, Math.abs(max))) {
                double pad = Math.max(Math.abs(max) * 0.05, 1e-3);
                min -= pad;
                max += pad;
            }
            double step = niceStep((max - min) / TICKS);
            double lo = Math.floor(min / step) * step;
            double hi = Math.ceil(max / step) * step;
            int count = (int) Math.round((hi - lo) / step) + 1;
            double[] ticks = new double[count];
            for (int i = 0; i < count; i++) {
                ticks[i] = lo + i * step;
            }
            return new Axis(lo, hi, false, ticks, step);
        }

        /** Whole decades around positive {@code min..max}; ticks at 1, 2 and 5 times the powers of ten over a short range. */
        static Axis log(double min, double max) {
            int lo = (int) Math.floor(Math.log10(min));
            int hi = Math.max(lo + 1, (int) Math.ceil(Math.log10(max)));
            int every = Math.max(1, (hi - lo + 9) / 10);
            double[] mantissas = hi - lo <= 2 ? new double[] {1, 2, 5} : new double[] {1};
            java.util.List<Double> ticks = new java.util.ArrayList<>();
            for (int k = lo; k <= hi; k += every) {
                for (double m : mantissas) {
                    if (k < hi || m == 1) {
                        ticks.add(Double.parseDouble(m + "e" + k));
                    }
                }
            }
            return new Axis(lo, hi, true, ticks.stream().mapToDouble(Double::doubleValue).toArray(), 0);
        }

        static double niceStep(double raw) {
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            double fraction = raw / power;
            double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
            return nice * power;
        }

        double position(double value) {
            return log ? Math.log10(value) : value;
        }

        String label(double value) {
            if (log) {
                return value >= 1e-4 && value < 1e5 ? new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString()
                        : String.format(Locale.ROOT, "%.0e", value).replace("e-0", "e-").replace("e+0", "e").replace("e+", "e");
            }
            if (step >= 1 && Math.abs(value) < 1e9) {
                return Long.toString(Math.round(value));
            }
            int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step)));
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }
    }
}
