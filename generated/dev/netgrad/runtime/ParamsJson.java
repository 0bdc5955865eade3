package dev.netgrad.runtime;

import dev.netgrad.runtime.NetworkTrainer.Layout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Params files: the JSON that {@link NetworkTrainer#save} writes and {@link NetworkTrainer#load}
 * reads, by hand (java.base alone), with {@link JsonCursor}; the params, the batchnorms' running
 * statistics and the standardization, every part checked against the network before any is used, and
 * the forward pass they were trained through, which load compares with the network's (the command line warns).
 */
final class ParamsJson {
    /**
     * The keys of a params file: those {@link NetworkTrainer#save} writes (with "forward", the forward pass,
     * which load and the command line check), the "columns" that {@code netgrad train --save} adds (the CSV file's feature
     * columns), and those of a case of
     * {@code netgrad eval}, which the command line also takes as params. Any other key is refused:
     * skipping a misspelt "standardisation" would load the params without what they need.
     */
    private static final List<String> PARAMS_FILE_KEYS = List.of("network", "params", "batchnorm", "standardization", "columns",
            "forward", "inputs", "masks", "convention");

    /**
     * A params file's contents, checked: each param flat and row-major in the layout's order, per
     * batchnorm its {mean, variance}, and the standardization's {mean, std} (null when the file has none).
     */
    record Contents(double[][] params, double[][][] statistics, double[][] standardization) {
    }

    private final Layout layout;
    private final BatchnormAverages batchnorms;
    private final ArgumentChecks checks;
    private final InputStandardization standardization;

    ParamsJson(Layout layout, BatchnormAverages batchnorms, ArgumentChecks checks, InputStandardization standardization) {
        this.layout = layout;
        this.batchnorms = batchnorms;
        this.checks = checks;
        this.standardization = standardization;
    }

    /**
     * The params file's text, in {@link NetworkTrainer#save}'s format: the trainer's params and
     * running statistics, its standardization when it has one, and the forward pass they were trained through.
     */
    String text(NetworkTrainer trainer) {
        double[] standardMean = standardization.mean();
        double[] standardStd = standardization.std();
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"network\": ").append(quote(layout.network())).append(",\n  \"params\": {");
        for (int p = 0; p < layout.paramNames().length; p++) {
            json.append(p == 0 ? "\n    " : ",\n    ").append(quote(layout.paramNames()[p])).append(": [");
            double[] w = trainer.paramBuffer(p);
            requireFinite(layout.paramNames()[p], w, layout.paramRows()[p] * layout.paramCols()[p], layout.paramCols()[p]);
            for (int r = 0; r < layout.paramRows()[p]; r++) {
                json.append(r == 0 ? "[" : ", [");
                for (int c = 0; c < layout.paramCols()[p]; c++) {
                    json.append(c == 0 ? "" : ", ").append(Double.toString(w[r * layout.paramCols()[p] + c]));
                }
                json.append(']');
            }
            json.append(']');
        }
        json.append("\n  }");
        if (batchnorms.names().length > 0) {
            json.append(",\n  \"batchnorm\": {");
            for (int b = 0; b < batchnorms.names().length; b++) {
                // As a param's: prediction normalizes with these.
                double[] mean = batchnorms.runningMean(b);
                double[] variance = batchnorms.runningVariance(b);
                requireFinite("the running mean of " + batchnorms.names()[b], mean, mean.length, 0);
                requireFinite("the running variance of " + batchnorms.names()[b], variance, variance.length, 0);
                json.append(b == 0 ? "\n    " : ",\n    ").append(quote(batchnorms.names()[b])).append(": {\"mean\": ")
                        .append(numbers(batchnorms.runningMean(b))).append(", \"variance\": ").append(numbers(batchnorms.runningVariance(b))).append('}');
            }
            json.append("\n  }");
        }
        if (standardMean != null) {
            json.append(",\n  \"standardization\": {\"mean\": ").append(numbers(standardMean)).append(", \"std\": ").append(numbers(standardStd)).append('}');
        }
        if (layout.forward().length > 0) {
            // As train --save writes it: load refuses, and netgrad predict and train --init warn of, params used through another forward pass.
            json.append(",\n  \"forward\": [");
            for (int i = 0; i < layout.forward().length; i++) {
                json.append(i == 0 ? "\n    " : ",\n    ").append(quote(layout.forward()[i]));
            }
            json.append("\n  ]");
        }
        json.append("\n}\n");
        return json.toString();
    }

    /**
     * Refuses to save {@code what} unless its first {@code n} entries are finite: JSON has no NaN,
     * and load would refuse the file. One wording for params and running statistics: the entry as
     * the trainer's getter indexes it, {@code [r][c]} in a matrix of {@code cols} columns (a param,
     * from getParam), {@code [i]} in a vector ({@code cols} 0: a running statistic, from runningMean).
     */
    private static void requireFinite(String what, double[] values, int n, int cols) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                String at = cols == 0 ? "[" + i + "]" : "[" + i / cols + "][" + i % cols + "]";
                throw new IllegalStateException("cannot save " + what + ": it has a non-finite entry (" + values[i] + " at " + at + ")");
            }
        }
    }

    /**
     * Reads a params file into the trainer, its params, the running statistics of its batchnorms and
     * its standardization (or none), once every part is checked: nothing changes if one is refused.
     */
    void load(Path file, NetworkTrainer trainer) throws IOException {
        Contents read = read(file, trainer.filterSides(), trainer.getClass().getName());
        for (int p = 0; p < layout.paramNames().length; p++) {
            System.arraycopy(read.params()[p], 0, trainer.paramBuffer(p), 0, read.params()[p].length);
        }
        for (int b = 0; b < batchnorms.names().length; b++) {
            batchnorms.setRunning(b, read.statistics()[b][0], read.statistics()[b][1]);
        }
        standardization.read(read.standardization());
    }

    /**
     * Reads a params file and checks all of it against the network ({@link NetworkTrainer#load}
     * says what is refused, and how), changing nothing: {@link #load} takes what it returns.
     */
    private Contents read(Path file, int[] filterSides, String className) throws IOException {
        String where = file.toString();
        JsonCursor json = JsonCursor.open(file, maxParamsFileBytes(), "the params of " + layout.network() + " would");
        String network = null;
        Map<String, double[][]> found = new LinkedHashMap<>();
        Map<String, double[][][][]> nested = new LinkedHashMap<>();
        double[][] stats = null;
        Map<String, double[][]> running = null;
        List<String> forward = List.of();
        json.expect('{');
        Set<String> keys = new HashSet<>();
        if (!json.skip('}')) {
            do {
                int keyAt = json.position();
                String key = json.key(keys);
                if (!PARAMS_FILE_KEYS.contains(key)) {
                    throw json.error(keyAt, "unknown key \"" + key + "\"; the keys of a params file are \"network\", \"params\", \"batchnorm\","
                            + " \"standardization\", \"columns\" and \"forward\" (and a netgrad eval case's \"inputs\", \"masks\" and"
                            + " \"convention\", which load skips)");
                }
                json.expect(':');
                if (key.equals("network")) {
                    network = json.string();
                } else if (key.equals("params")) {
                    readParams(json, found, nested);
                } else if (key.equals("batchnorm") && !json.skipNull()) {
                    running = readRunningStatistics(json);
                } else if (key.equals("standardization") && !json.skipNull()) {
                    stats = readStandardization(json);
                } else if (key.equals("forward")) {
                    forward = readLines(json);
                } else if (!key.equals("batchnorm") && !key.equals("standardization")) {
                    json.skipValue();
                }
            } while (json.skip(','));
            json.expect('}');
        }
        json.end();
        if (!keys.contains("params")) {
            throw new IOException(where + ": not a netgrad params file: it has no \"params\" entry");
        }
        // A file that does not name its network (an eval case, the course's initial params) is taken by its params'
        // names and shapes, as the command line's --params and --init take it.
        if (network != null && !network.equals(layout.network())) {
            throw new IllegalArgumentException(where + " holds params of the network " + network + ", not of " + layout.network());
        }
        for (Map.Entry<String, double[][][][]> e : nested.entrySet()) {
            int p = NamedBuffers.indexOf(layout.paramNames(), e.getKey());
            if (p < 0) {
                throw new IllegalArgumentException(where + " has a param " + e.getKey() + ", which " + layout.network() + " does not have");
            }
            found.put(e.getKey(), filterBankRows("param " + e.getKey() + " in " + where, e.getValue(), filterSides[p],
                    layout.paramRows()[p], layout.paramCols()[p]));
        }
        double[][] values = new double[layout.paramNames().length][];
        for (Map.Entry<String, double[][]> e : found.entrySet()) {
            int p = NamedBuffers.indexOf(layout.paramNames(), e.getKey());
            if (p < 0) {
                throw new IllegalArgumentException(where + " has a param " + e.getKey() + ", which " + layout.network() + " does not have");
            }
            values[p] = ArgumentChecks.flatten("param " + e.getKey() + " in " + where, e.getValue(), layout.paramRows()[p], layout.paramCols()[p]);
        }
        for (int p = 0; p < layout.paramNames().length; p++) {
            if (values[p] == null) {
                throw new IllegalArgumentException(where + " has no param " + layout.paramNames()[p]);
            }
        }
        if (stats != null) {
            checks.standardization(where + ": the standardization", stats[0], stats[1]);
        }
        double[][][] statistics = runningStatistics(where, running);
        requireSameForward(where, forward, className);
        return new Contents(values, statistics, stats);
    }

    /**
     * Refuses params trained through another forward pass than the network's (relu where tanh trained them: the same
     * names and shapes, so they would load and predict through another network without a word), naming the first line
     * that differs, by the rule of the command line's warning and the Spark model's refusal ({@link ForwardPass}); a
     * file that does not say (an older netgrad's, an eval case), or values only renamed ({@code H1} for {@code A1}), load.
     */
    private void requireSameForward(String where, List<String> trained, String className) {
        ForwardPass.otherLine(trained, List.of(layout.forward()), "the class").ifPresent(line -> {
            throw new IllegalArgumentException(where + " was trained through another forward pass than " + layout.network() + " ("
                    + className + ")'s: " + line + "; the params fit by names and shapes, but the network they make is not the one"
                    + " trained: load them with the class they were trained by (or, to start from them anyway, delete the file's"
                    + " \"forward\" entry)");
        });
    }

    /** {@code ["Z1 = W1 @ X + b1", ...]}: the forward pass's lines, as save writes them. */
    private static List<String> readLines(JsonCursor json) throws IOException {
        List<String> lines = new ArrayList<>();
        json.expect('[');
        if (json.skip(']')) {
            return lines;
        }
        do {
            lines.add(json.string());
        } while (json.skip(','));
        json.expect(']');
        return lines;
    }

    /**
     * The most bytes a params file of this network is read to: 128 a number (a number in its
     * longest form, 24 characters, indented on a line of its own) and a megabyte for the rest.
     */
    private long maxParamsFileBytes() {
        long numbers = 2L * layout.inputSize();
        for (int p = 0; p < layout.paramNames().length; p++) {
            numbers += (long) layout.paramRows()[p] * layout.paramCols()[p];
        }
        for (int b = 0; b < batchnorms.names().length; b++) {
            numbers += 2L * batchnorms.runningMean(b).length;
        }
        return (1L << 20) + 128 * numbers;
    }

    /** Per batchnorm, its {mean, variance} from the file's "batchnorm" entry, every one checked. */
    private double[][][] runningStatistics(String where, Map<String, double[][]> running) {
        if (batchnorms.names().length > 0 && running == null) {
            throw new IllegalArgumentException(where + " has no running statistics of " + layout.network() + "'s batchnorms ("
                    + String.join(", ", batchnorms.names()) + "), which prediction normalizes with: it was saved without them"
                    + " (by an older netgrad, or it holds params alone); train and save again");
        }
        double[][][] out = new double[batchnorms.names().length][][];
        if (running == null) {
            return out;
        }
        for (Map.Entry<String, double[][]> e : running.entrySet()) {
            int b = NamedBuffers.indexOf(batchnorms.names(), e.getKey());
            if (b < 0) {
                throw new IllegalArgumentException(where + " has running statistics of a batchnorm " + e.getKey() + ", which " + layout.network()
                        + (batchnorms.names().length == 0 ? " does not have (it has no batchnorm)" : " does not have; its batchnorms are " + String.join(", ", batchnorms.names())));
            }
            batchnorms.check(where + ": the running statistics of " + e.getKey(), b, e.getValue()[0], e.getValue()[1]);
            out[b] = e.getValue();
        }
        for (int b = 0; b < batchnorms.names().length; b++) {
            if (out[b] == null) {
                throw new IllegalArgumentException(where + " has no running statistics of the batchnorm " + batchnorms.names()[b]);
            }
        }
        return out;
    }

    /** {@code {"Zn1": {"mean": [...], "variance": [...]}, ...}} as name to {mean, variance}. */
    private static Map<String, double[][]> readRunningStatistics(JsonCursor json) throws IOException {
        Map<String, double[][]> out = new LinkedHashMap<>();
        json.expect('{');
        if (json.skip('}')) {
            return out;
        }
        Set<String> names = new HashSet<>();
        do {
            String name = json.key(names);
            json.expect(':');
            out.put(name, vectorPair(json, "mean", "variance",
                    "the running statistics of the batchnorm " + name + " need both \"mean\" and \"variance\""));
        } while (json.skip(','));
        json.expect('}');
        return out;
    }

    /** {@code {"mean": [...], "std": [...]}} as {mean, std}. */
    private static double[][] readStandardization(JsonCursor json) throws IOException {
        return vectorPair(json, "mean", "std", "the standardization needs both \"mean\" and \"std\"");
    }

    /**
     * An object holding two vectors, {@code {"<first>": [...], "<second>": [...]}} (other keys
     * skipped, a key twice refused), as {first, second}; {@code missing} is the error when either is absent.
     */
    private static double[][] vectorPair(JsonCursor json, String first, String second, String missing) throws IOException {
        double[] a = null;
        double[] b = null;
        json.expect('{');
        Set<String> keys = new HashSet<>();
        if (!json.skip('}')) {
            do {
                String key = json.key(keys);
                json.expect(':');
                if (key.equals(first)) {
                    a = json.vector();
                } else if (key.equals(second)) {
                    b = json.vector();
                } else {
                    json.skipValue();
                }
            } while (json.skip(','));
            json.expect('}');
        }
        if (a == null || b == null) {
            throw json.error(missing);
        }
        return new double[][] {a, b};
    }

    /** Each param's rows, or its nested array f x f x c_in x c_out (a filter bank as numpy's tolist() gives it). */
    private static void readParams(JsonCursor json, Map<String, double[][]> found, Map<String, double[][][][]> nested) throws IOException {
        json.expect('{');
        if (json.skip('}')) {
            return;
        }
        Set<String> names = new HashSet<>();
        do {
            String name = json.key(names);
            json.expect(':');
            if (json.nestedAhead()) {
                nested.put(name, json.nested());
            } else {
                found.put(name, json.matrix());
            }
        } while (json.skip(','));
        json.expect('}');
    }

    /**
     * A filter bank given nested, f x f x c_in x c_out, as the (f*f*c_in) x c_out rows the trainer
     * holds: pixel (a, b), input channel ci is row (a*f + b)*c_in + ci, as the command line's params
     * files read it. Refused for a param that is no filter bank ({@code side} 0), or of other sides.
     */
    private static double[][] filterBankRows(String what, double[][][][] nested, int side, int rows, int cols) {
        if (side == 0) {
            throw new IllegalArgumentException(what + " must be " + rows + " x " + cols + " (an array of rows), found a nested array:"
                    + " only a filter bank is given nested, f x f x c_in x c_out");
        }
        int channels = rows / (side * side);
        String shape = what + " must be " + side + " x " + side + " x " + channels + " x " + cols + " (f x f x c_in x c_out) nested, or its "
                + rows + " x " + cols + " rows; ";
        if (inPyTorchLayout(nested, side, channels, cols)) {
            throw new IllegalArgumentException(shape + "found " + cols + " x " + channels + " x " + side + " x " + side
                    + ", PyTorch's layout of a Conv2d weight (c_out x c_in x f x f): give numpy's W.transpose(2, 3, 1, 0).tolist()"
                    + " (PyTorch's W.permute(2, 3, 1, 0).tolist())");
        }
        if (nested.length != side) {
            throw new IllegalArgumentException(shape + "found " + nested.length + " arrays of rows of filter pixels, not " + side);
        }
        double[][] out = new double[rows][];
        for (int a = 0; a < side; a++) {
            if (nested[a].length != side) {
                throw new IllegalArgumentException(shape + "its [" + a + "] has " + nested[a].length + " entries, not " + side);
            }
            for (int b = 0; b < side; b++) {
                if (nested[a][b].length != channels) {
                    throw new IllegalArgumentException(shape + "its [" + a + "][" + b + "] has " + nested[a][b].length + " entries, not " + channels);
                }
                for (int ci = 0; ci < channels; ci++) {
                    if (nested[a][b][ci].length != cols) {
                        throw new IllegalArgumentException(shape + "its [" + a + "][" + b + "][" + ci + "] has " + nested[a][b][ci].length
                                + " entries, not " + cols);
                    }
                    out[(a * side + b) * channels + ci] = nested[a][b][ci];
                }
            }
        }
        return out;
    }

    /**
     * Whether a nested filter bank's first entries have PyTorch's sides, c_out x c_in x f x f, where the
     * trainer's are f x f x c_in x c_out: a Conv2d weight's tolist() (when the two are the same sides, the
     * entries cannot tell them apart).
     */
    private static boolean inPyTorchLayout(double[][][][] nested, int side, int channels, int cols) {
        boolean same = cols == side && channels == side;
        return !same && nested.length == cols && nested[0].length == channels && nested[0].length > 0
                && nested[0][0].length == side && nested[0][0].length > 0 && nested[0][0][0].length == side;
    }

    private static String numbers(double[] values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ", ").append(Double.toString(values[i]));
        }
        return out.append(']').toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }
}
