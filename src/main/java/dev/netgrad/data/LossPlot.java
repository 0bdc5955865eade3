package dev.netgrad.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Draws the cost per epoch as a PNG line chart with axes, ticks and labels. */
public final class LossPlot {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    private static final int TICKS = 5;

    private final double[] costs;
    private final String title;
    private final Axis x;
    private final Axis y;

    private LossPlot(double[] costs, String title) {
        this.costs = costs.clone();
        this.title = title;
        this.x = Axis.of(1, Math.max(2, costs.length));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double c : costs) {
            if (Double.isFinite(c)) {
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
        }
        this.y = lo > hi ? Axis.of(0, 1) : Axis.of(lo, hi);
    }

    /** Writes {@code costs[i]}, the cost of epoch i + 1, as a PNG image. */
    public static void write(Path file, double[] costs, String title) throws DataException {
        // Drawing needs no display; without this an X11-less machine fails to start AWT.
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new LossPlot(costs, title).draw();
        try {
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw DataException.inFile(file.toString(), "cannot write the plot: no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw DataException.inFile(file.toString(), "cannot write the plot: " + CsvReader.describe(e));
        }
    }

    BufferedImage draw() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            drawGrid(g);
            drawCurve(g);
            drawFrame(g);
            drawText(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    private double xAt(double epoch) {
        return LEFT + (epoch - x.lo) / (x.hi - x.lo) * (WIDTH - LEFT - RIGHT);
    }

    private double yAt(double cost) {
        return HEIGHT - BOTTOM - (cost - y.lo) / (y.hi - y.lo) * (HEIGHT - TOP - BOTTOM);
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

    private void drawCurve(Graphics2D g) {
        Path2D.Double curve = new Path2D.Double();
        boolean started = false;
        for (int i = 0; i < costs.length; i++) {
            if (!Double.isFinite(costs[i])) {
                started = false;
                continue;
            }
            if (started) {
                curve.lineTo(xAt(i + 1), yAt(costs[i]));
            } else {
                curve.moveTo(xAt(i + 1), yAt(costs[i]));
                started = true;
            }
        }
        g.setColor(new Color(31, 119, 180));
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        if (costs.length == 1) {
            g.fillOval(px(1) - 3, py(costs[0]) - 3, 6, 6);
        }
        g.draw(curve);
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
            rotated.drawString("cost", -(TOP + HEIGHT - BOTTOM + fm.stringWidth("cost")) / 2, 25);
            rotated.dispose();
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, (WIDTH - g.getFontMetrics().stringWidth(title)) / 2, TOP - 18);
        } catch (RuntimeException | Error noFonts) {
            // Headless runtimes without fontconfig throw from the font system; keep the chart.
        }
    }

    /** An axis range widened to round tick values. */
    private record Axis(double lo, double hi, double step) {
        static Axis of(double min, double max) {
            if (max - min < 1e-12 * Math.max(1, Math.abs(max))) {
                double pad = Math.max(Math.abs(max) * 0.05, 1e-3);
                min -= pad;
                max += pad;
            }
            double step = niceStep((max - min) / TICKS);
            return new Axis(Math.floor(min / step) * step, Math.ceil(max / step) * step, step);
        }

        static double niceStep(double raw) {
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            double fraction = raw / power;
            double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
            return nice * power;
        }

        double[] ticks() {
            int count = (int) Math.round((hi - lo) / step) + 1;
            double[] ticks = new double[count];
            for (int i = 0; i < count; i++) {
                ticks[i] = lo + i * step;
            }
            return ticks;
        }

        String label(double value) {
            if (step >= 1 && Math.abs(value) < 1e9) {
                return Long.toString(Math.round(value));
            }
            int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step)));
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }
    }
}
