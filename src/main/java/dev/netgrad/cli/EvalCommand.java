package dev.netgrad.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.netgrad.English;
import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.data.DataException;
import dev.netgrad.data.JsonText;
import dev.netgrad.data.ParamsFile;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.DerivationException;
import dev.netgrad.diff.Deriver;
import dev.netgrad.diff.Equation;
import dev.netgrad.ir.Shape;
import dev.netgrad.ir.ShortestDecimal;
import dev.netgrad.runtime.NetworkTrainer;
import dev.netgrad.spec.DataValue;
import dev.netgrad.spec.Network;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netgrad eval SPEC --in CASE.json}: runs the generated class (compiled in memory, not an
 * interpreter) on given params, inputs and dropout masks, and prints the cost, the losses, the
 * output, every gradient and every other derivative as JSON (README.md, "eval"; a case file: samples/planar.case.json).
 */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the generated trainer on a case's params and inputs, and prints the results as JSON.",
            "The trainer class is compiled in memory (not an interpreter) and run on the params, inputs and dropout "
                + "masks of CASE.json; the JSON holds cost, loss, outputs, grads (dJ/dP of every param) and deltas "
                + "(every other derivative).",
            "Matrices are arrays of rows in the equations' layout (X is n x m, one column per example; an image "
                + "h x w x c x m is (h*w*c) x m, row (i*w + j)*c + k for pixel (i, j), channel k). A filter bank "
                + "param [f, f, c_in, c_out] is the nested array of that shape (numpy's tolist()) or, as in a params file, its "
                + "(f*f*c_in) x c_out rows (row (a*f + b)*c_in + ci); its gradient is printed nested. Masks, keyed "
                + "by the value each dropout assigns, hold 0 (dropped) or 1 (kept) and default to all ones. \"convention\": \"loss\" "
                + "(default) or \"cost\" chooses the numerators of the deltas. Numbers are printed so that they parse "
                + "back to the same double; a value that is not finite is printed as the string \"NaN\", \"Infinity\" "
                + "or \"-Infinity\" (JSON has no such numbers), with a warning on stderr. Input numbers must be finite."})
public final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the network spec (.nn)")
    Path file;

    @Option(names = "--in", required = true, paramLabel = "CASE.json",
            description = "{\"params\": {...}, \"inputs\": {\"X\": ..., \"Y\": ...}, \"masks\": {...}, \"convention\": \"loss\"}")
    Path input;

    @Override
    public Integer call() {
        Network network = SpecFiles.readTrainable(file);
        JsonText.Document json = readCase(network);
        EvalCase c = new EvalCase(json, network);
        Convention convention = c.convention();
        Derivation d;
        try {
            d = Deriver.derive(network, convention);
        } catch (DerivationException e) {
            return DeriveCommand.internalError(e, spec.commandLine().getErr());
        }
        CompiledTrainer trainer = compile(d);
        double cost;
        c.setParams(trainer);
        try {
            trainer.setMasks(c.masks(trainer.maskNames()));
            cost = trainer.costAndGradients(c.inputs(), c.targets(d.unitSumTargets()));
        } catch (IllegalArgumentException e) {
            // The trainer's refusal (a mask of the wrong shape) names what it refuses but not where the file has it.
            throw new UserError(Main.USAGE, DataException.inFile(input.toString(), e.getMessage()).getMessage());
        }
        int[] nonFinite = {0};
        spec.commandLine().getOut().print(result(d, trainer, cost, nonFinite));
        if (nonFinite[0] > 0) {
            spec.commandLine().getErr().println("netgrad eval: warning: " + nonFinite[0] + (nonFinite[0] == 1 ? " value is" : " values are")
                    + " not finite; written as the strings \"NaN\", \"Infinity\" or \"-Infinity\", since JSON has no such numbers");
        }
        return Main.OK;
    }

    /** The generated class, compiled in memory; an unsupported network is exit 2 (a Java without javac too, in Main). */
    private CompiledTrainer compile(Derivation d) {
        try {
            return CompiledTrainer.of(d, 0);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("netgrad eval", "cannot generate a trainer for " + file + ": " + e.getMessage());
        }
    }

    /** The keys of a case file; any other is a typo, which would otherwise run a case the user did not write. */
    static final List<String> CASE_KEYS = List.of("params", "inputs", "masks", "convention");

    private JsonText.Document readCase(Network network) {
        // One past the cap, which the parser refuses: /dev/zero must not fill the heap first.
        String text = SpecFiles.readText(input, JsonText.maxChars() + 1, true);
        try {
            JsonText.Document json = JsonText.document(input.toString(), text);
            if (!json.root().isJsonObject()) {
                throw DataException.inFile(input.toString(), "expected a JSON object with \"params\" and \"inputs\"");
            }
            JsonObject root = json.root().getAsJsonObject();
            json.requireKnownKeys(root, CASE_KEYS, "a case file");
            if (root.get("inputs") instanceof JsonObject inputs) {
                List<String> data = Stream.concat(network.inputs().stream(), network.targets().stream()).map(DataValue::name).toList();
                json.requireKnownKeys(inputs, data, "\"inputs\" of network " + network.name());
            }
            return json;
        } catch (DataException e) {
            throw new UserError(Main.USAGE, e.getMessage());
        }
    }

    private static String result(Derivation d, CompiledTrainer trainer, double cost, int[] nonFinite) {
        Map<String, double[][]> outputs = new LinkedHashMap<>();
        outputs.put(trainer.outputName(), trainer.value(trainer.outputName()));
        Map<String, double[][]> grads = new LinkedHashMap<>();
        Map<String, Shape.Grid> filterBanks = new LinkedHashMap<>();
        for (String p : trainer.paramNames()) {
            grads.put(d.gradient(p).name(), trainer.gradient(p));
            Shape shape = d.network().param(p).orElseThrow().shape();
            if (shape.isFilterBank()) {
                filterBanks.put(d.gradient(p).name(), shape.grid());
            }
        }
        Map<String, double[][]> deltas = new LinkedHashMap<>();
        for (Equation e : d.deltas()) {
            deltas.put(e.name(), trainer.delta(e.name()));
        }
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"cost\": ").append(number(cost)).append(",\n");
        out.append("  \"loss\": ").append(matrix(new double[][] {trainer.losses()})).append(",\n");
        section(out, "outputs", outputs, Map.of(), false);
        section(out, "grads", grads, filterBanks, false);
        section(out, "deltas", deltas, Map.of(), true);
        nonFinite[0] = countNonFinite(cost, trainer.losses(), outputs, grads, deltas);
        return out.append("}\n").toString();
    }

    @SafeVarargs
    private static int countNonFinite(double cost, double[] losses, Map<String, double[][]>... sections) {
        int count = Double.isFinite(cost) ? 0 : 1;
        count += (int) java.util.Arrays.stream(losses).filter(v -> !Double.isFinite(v)).count();
        for (Map<String, double[][]> section : sections) {
            for (double[][] m : section.values()) {
                for (double[] row : m) {
                    count += (int) java.util.Arrays.stream(row).filter(v -> !Double.isFinite(v)).count();
                }
            }
        }
        return count;
    }

    /** {@code "name": {"A": [[...]], ...}}, one matrix a line; the filter banks among them as f x f x c_in x c_out arrays. */
    private static void section(StringBuilder out, String name, Map<String, double[][]> matrices, Map<String, Shape.Grid> filterBanks,
            boolean last) {
        out.append("  \"").append(name).append("\": {");
        String separator = "\n";
        for (Map.Entry<String, double[][]> e : matrices.entrySet()) {
            Shape.Grid grid = filterBanks.get(e.getKey());
            String value = grid == null ? matrix(e.getValue()) : filterBank(e.getValue(), grid);
            out.append(separator).append("    \"").append(e.getKey()).append("\": ").append(value);
            separator = ",\n";
        }
        out.append(matrices.isEmpty() ? "}" : "\n  }").append(last ? "\n" : ",\n");
    }

    private static String matrix(double[][] m) {
        StringBuilder out = new StringBuilder("[");
        for (int r = 0; r < m.length; r++) {
            out.append(r == 0 ? "" : ", ").append(row(m[r]));
        }
        return out.append(']').toString();
    }

    private static String row(double[] values) {
        StringBuilder out = new StringBuilder("[");
        for (int c = 0; c < values.length; c++) {
            out.append(c == 0 ? "" : ", ").append(number(values[c]));
        }
        return out.append(']').toString();
    }

    /**
     * A filter bank, (f*f*c_in) x c_out with row (a*f + b)*c_in + ci, as the nested array
     * f x f x c_in x c_out: entry [a][b][ci][co] (numpy's tolist() of the course's W).
     */
    private static String filterBank(double[][] m, Shape.Grid grid) {
        StringBuilder out = new StringBuilder("[");
        for (int a = 0; a < grid.h(); a++) {
            out.append(a == 0 ? "[" : ", [");
            for (int b = 0; b < grid.w(); b++) {
                out.append(b == 0 ? "[" : ", [");
                for (int ci = 0; ci < grid.c(); ci++) {
                    out.append(ci == 0 ? "" : ", ").append(row(m[grid.row(a, b, ci)]));
                }
                out.append(']');
            }
            out.append(']');
        }
        return out.append(']').toString();
    }

    /**
     * The shortest decimal that parses back to the same double ({@link ShortestDecimal}). JSON has no NaN
     * or infinities: they are written as the strings "NaN", "Infinity" and "-Infinity", as
     * protobuf's JSON mapping writes them, so that the output stays JSON.
     */
    private static String number(double v) {
        return Double.isFinite(v) ? ShortestDecimal.of(v) : "\"" + v + "\"";
    }

    /**
     * The matrices of an eval case, checked against the network as they are read. A problem is
     * reported at the key it is about (FILE:LINE:COL, the line and a caret), or at the key of the
     * object that lacks a key; one about the whole file as FILE: error: ....
     */
    private static final class EvalCase {
        private final JsonText.Document document;
        private final JsonObject json;
        private final Network network;

        EvalCase(JsonText.Document document, Network network) {
            this.document = document;
            this.json = document.root().getAsJsonObject();
            this.network = network;
        }

        Convention convention() {
            JsonElement c = json.get("convention");
            if (c == null || c.isJsonNull()) {
                return Convention.LOSS;
            }
            String value = c.isJsonPrimitive() ? c.getAsString() : c.toString();
            return Convention.of(value).orElseThrow(() -> problem(json, "convention",
                    "\"convention\" must be \"loss\" or \"cost\", found " + c));
        }

        void setParams(CompiledTrainer trainer) {
            JsonObject params = object("params", true);
            for (String name : params.keySet()) {
                if (network.param(name).isEmpty()) {
                    throw problem(params, name, "params." + name + ": " + network.name() + " has no param " + name);
                }
            }
            for (String name : trainer.paramNames()) {
                Shape shape = network.param(name).orElseThrow().shape();
                double[][] value = shape.isFilterBank() ? filterBank(params, name, shape) : matrix(params, "params", name);
                try {
                    trainer.setParam(name, value);
                } catch (IllegalArgumentException e) {
                    throw problem(params, name, e.getMessage());
                }
            }
        }

        /** The input, one example per row (the file has it one example per column). */
        double[][] inputs() {
            return transpose(data(network.inputs().get(0)));
        }

        /** The target, one example per row; those in {@code unitSumTargets} must have examples that sum to 1. */
        double[][] targets(List<String> unitSumTargets) {
            if (network.targets().isEmpty()) {
                return null;
            }
            String name = network.targets().get(0).name();
            double[][] y = transpose(data(network.targets().get(0)));
            if (y.length != inputs().length) {
                throw problem(object("inputs", true), name, "inputs." + name + " has " + y.length + " columns (examples) but inputs."
                        + network.inputs().get(0).name() + " has " + inputs().length);
            }
            if (unitSumTargets.contains(name)) {
                requireUnitSums(name, y);
            }
            return y;
        }

        /**
         * A softmax's cross-entropy is derived as dZ = A - Y, its derivative when Y's column sums to 1;
         * another sum s makes it s * A - Y, so the grads printed would not be those of the cost printed.
         */
        private void requireUnitSums(String name, double[][] y) {
            for (int e = 0; e < y.length; e++) {
                OptionalDouble sum = NetworkTrainer.sumUnlessOne(y[e]);
                if (sum.isPresent()) {
                    throw problem(object("inputs", true), name, "inputs." + name + ": column " + e + " sums to "
                            + ShortestDecimal.of(sum.getAsDouble()) + ", not 1: " + network.name() + "'s loss is a cross-entropy over a"
                            + " softmax, derived as A - " + name + ", which holds only when every column of " + name + " sums to 1"
                            + " (one-hot classes, or probabilities)");
                }
            }
        }

        /** The given masks, all ones where none is given. */
        Map<String, double[][]> masks(String[] owners) {
            JsonObject masks = object("masks", false);
            Map<String, double[][]> out = new LinkedHashMap<>();
            int m = inputs().length;
            for (String owner : owners) {
                int rows = network.statement(owner).orElseThrow().shape().rows();
                if (masks.has(owner)) {
                    double[][] mask = matrix(masks, "masks", owner);
                    int cols = mask.length == 0 ? 0 : mask[0].length;
                    if (mask.length != rows || cols != m) {
                        // Checked here, where the file's place is known: the trainer's own check could only name the mask.
                        throw problem(masks, owner, "mask " + owner + " must be " + rows + " x " + m + " (the shape of " + owner
                                + " for the case's " + m + " examples), found " + mask.length + " x " + cols);
                    }
                    requireZeroOrOne(masks, owner, mask);
                    out.put(owner, mask);
                } else {
                    double[][] ones = new double[rows][m];
                    for (double[] row : ones) {
                        java.util.Arrays.fill(row, 1.0);
                    }
                    out.put(owner, ones);
                }
            }
            for (String owner : masks.keySet()) {
                if (!java.util.Arrays.asList(owners).contains(owner)) {
                    throw problem(masks, owner, "masks." + owner + ": " + network.name() + " has no dropout that assigns " + owner);
                }
            }
            return out;
        }

        /** A keep-mask keeps (1) or drops (0) each entry; anything else would scale a unit as no dropout does. */
        private void requireZeroOrOne(JsonObject masks, String owner, double[][] mask) {
            for (int r = 0; r < mask.length; r++) {
                for (int c = 0; c < mask[r].length; c++) {
                    if (mask[r][c] != 0 && mask[r][c] != 1) {
                        throw problem(masks, owner, "masks." + owner + "[" + r + "][" + c + "] must be 0 or 1 (a dropout keep-mask), found "
                                + masks.getAsJsonArray(owner).get(r).getAsJsonArray().get(c));
                    }
                }
            }
        }

        private double[][] data(DataValue declared) {
            String name = declared.name();
            int rows = declared.rows();
            JsonObject inputs = object("inputs", true);
            if (declared.grid() != null && nested(inputs.get(name))) {
                throw problem(inputs, name, "inputs." + name + " is an image of " + declared.grid() + " (height x width x"
                        + " channels) a column: give its " + rows + " x m matrix (one column per example" + imageRows(declared)
                        + "), not nested arrays");
            }
            double[][] value = matrix(inputs, "inputs", name);
            if (value.length != rows) {
                throw problem(inputs, name, "inputs." + name + " must have " + English.count(rows, "row")
                        + " (one column per example" + imageRows(declared) + "), found " + value.length);
            }
            if (value[0].length == 0) {
                // Else the trainer's own check names its argument (x), without a place in the file.
                throw problem(inputs, name, "inputs." + name + " holds no example: a case needs at least one column");
            }
            return value;
        }

        /** For an image, how its pixels are rows: "; pixel (i, j), channel k is row (i * w + j) * c + k, numpy's ..."; else empty. */
        private static String imageRows(DataValue value) {
            Shape.Grid g = value.grid();
            return g == null ? "" : "; pixel (i, j), channel k is row (i * " + g.w() + " + j) * " + g.c() + " + k, numpy's"
                    + " images.reshape(m, -1).T for images of shape (m, " + g.h() + ", " + g.w() + ", " + g.c() + ")";
        }

        /** Rows whose entries are arrays: an image as numpy's tolist() of (h, w, c) or (m, h, w, c) gives it. */
        private static boolean nested(JsonElement e) {
            return e != null && e.isJsonArray() && !e.getAsJsonArray().isEmpty() && e.getAsJsonArray().get(0).isJsonArray()
                    && !e.getAsJsonArray().get(0).getAsJsonArray().isEmpty()
                    && e.getAsJsonArray().get(0).getAsJsonArray().get(0).isJsonArray();
        }

        private JsonObject object(String key, boolean required) {
            JsonElement e = json.get(key);
            if (e == null || e.isJsonNull()) {
                if (required) {
                    throw problem(json, key, "missing \"" + key + "\"");
                }
                return new JsonObject();
            }
            if (!e.isJsonObject()) {
                throw problem(json, key, "\"" + key + "\" must be an object of named matrices");
            }
            return e.getAsJsonObject();
        }

        private double[][] matrix(JsonObject holder, String section, String name) {
            JsonElement e = holder.get(name);
            String path = section + "." + name;
            if (e == null) {
                throw missing(section, path);
            }
            if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
                throw problem(holder, name, path + " must be a non-empty array of rows");
            }
            JsonArray rows = e.getAsJsonArray();
            double[][] out = new double[rows.size()][];
            for (int r = 0; r < out.length; r++) {
                JsonElement row = rows.get(r);
                if (!row.isJsonArray()) {
                    throw problemAt(rows, r, path + "[" + r + "] must be an array of numbers, found "
                            + (row.isJsonObject() ? "an object" : row));
                }
                out[r] = new double[row.getAsJsonArray().size()];
                for (int c = 0; c < out[r].length; c++) {
                    JsonElement v = row.getAsJsonArray().get(c);
                    if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                        throw problemAt(row.getAsJsonArray(), c, path + "[" + r + "][" + c + "] must be a number, found " + v);
                    }
                    out[r][c] = v.getAsDouble();
                }
                if (out[r].length != out[0].length) {
                    throw problemAt(rows, r, path + " is not rectangular: row " + r + " has " + entries(out[r].length)
                            + ", row 0 has " + entries(out[0].length));
                }
            }
            return out;
        }

        /**
         * A filter bank, as a params file gives it: the nested array f x f x c_in x c_out (numpy's
         * tolist() of the course's W) or the (f*f*c_in) x c_out rows the trainer holds.
         */
        private double[][] filterBank(JsonObject holder, String name, Shape shape) {
            if (!holder.has(name)) {
                throw missing("params", "params." + name);
            }
            try {
                return ParamsFile.param(document, holder, name, shape);
            } catch (DataException e) {
                throw new UserError(Main.USAGE, e.getMessage());
            }
        }

        /** A problem with the value of {@code key} in {@code holder}, at the key. */
        private UserError problem(JsonObject holder, String key, String message) {
            return new UserError(Main.USAGE, document.atKey(holder, key, message).getMessage());
        }

        /** "1 entry", "2 entries". */
        private static String entries(int n) {
            return n + (n == 1 ? " entry" : " entries");
        }

        /** A problem with entry {@code index} of {@code array} (a row, a number), at the entry, as a params file's. */
        private UserError problemAt(JsonArray array, int index, String message) {
            return new UserError(Main.USAGE, document.atEntry(array, index, message).getMessage());
        }

        /** A matrix missing from a section: at the section's key, the object that lacks it. */
        private UserError missing(String section, String path) {
            return problem(json, section, path + " is missing");
        }

        private static double[][] transpose(double[][] a) {
            double[][] t = new double[a[0].length][a.length];
            for (int r = 0; r < a.length; r++) {
                for (int c = 0; c < a[0].length; c++) {
                    t[c][r] = a[r][c];
                }
            }
            return t;
        }
    }
}
