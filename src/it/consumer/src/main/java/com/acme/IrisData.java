package com.acme;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Iris examples, one per row: standardized features and the species label 0, 1 or 2. */
public final class IrisData {
    public final double[][] features;
    public final int[] labels;

    private IrisData(double[][] features, int[] labels) {
        this.features = features;
        this.labels = labels;
    }

    /** Reads a CSV with a header, four feature columns and a label column. */
    public static IrisData read(InputStream csv) {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    rows.add(parse(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double[][] features = new double[rows.size()][4];
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, features[i], 0, 4);
            labels[i] = (int) rows.get(i)[4];
        }
        standardize(features);
        return new IrisData(features, labels);
    }

    /** One-hot targets, one example per row. */
    public double[][] oneHot() {
        double[][] y = new double[labels.length][3];
        for (int i = 0; i < labels.length; i++) {
            y[i][labels[i]] = 1;
        }
        return y;
    }

    /** 1 for a setosa (label 0), 0 otherwise, one example per row. */
    public double[][] isSetosa() {
        double[][] y = new double[labels.length][1];
        for (int i = 0; i < labels.length; i++) {
            y[i][0] = labels[i] == 0 ? 1 : 0;
        }
        return y;
    }

    public static int argmax(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    private static double[] parse(String line) {
        String[] cells = line.split(",");
        double[] values = new double[cells.length];
        for (int j = 0; j < cells.length; j++) {
            values[j] = Double.parseDouble(cells[j].trim());
        }
        return values;
    }

    private static void standardize(double[][] x) {
        int n = x.length;
        for (int j = 0; j < x[0].length; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j] / n;
            }
            double variance = 0;
            for (double[] row : x) {
                variance += (row[j] - mean) * (row[j] - mean) / n;
            }
            double sd = Math.sqrt(variance);
            for (double[] row : x) {
                row[j] = (row[j] - mean) / sd;
            }
        }
    }
}
