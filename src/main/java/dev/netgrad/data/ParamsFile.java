package dev.netgrad.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.netgrad.IoReason;
import dev.netgrad.OutputFiles;
import dev.netgrad.diff.Batchnorm;
import dev.netgrad.ir.Shape;
import dev.netgrad.runtime.ForwardPass;
import dev.netgrad.spec.DataValue;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.NetworkPrinter;
import dev.netgrad.spec.Param;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Params files: {@code {"network": ..., "params": {"W1": [[...], ...], ...},
 * "batchnorm": {"Zn1": {"mean": [...], "variance": [...]}, ...},
 * "standardization": {"mean": [...], "std": [...]}, "columns": ["x1", ...], "forward": ["Z1 = W1 @ X + b1", ...]}}:
 * the columns, the names of the feature columns of the CSV file the params were trained on, in order, and the
 * forward pass of the network that trained them. The params part is the layout of the
 * {@code eval} command's input, so its files can start a training run (a filter bank there is the
 * nested array f x f x c_in x c_out, here also its (f*f*c_in) x c_out rows, which writing gives); predicting with a network
 * that has batchnorms needs their running statistics too ({@link #readForPrediction}). Reading
 * checks every param's name and shape against the network; writing replaces the file atomically.
 */
public final class ParamsFile {
    private ParamsFile() {
    }

    public static SavedParams read(Path file, Network network) throws DataException {
        String where = file.toString();
        long networkCap = maxChars(network);
        // One past the cap, which parse refuses: /dev/zero must not fill the heap first.
        String text = TextFile.readOrRefuse(file, (int) Math.min(JsonText.maxChars(), networkCap) + 1, true);
        if (text.length() > networkCap) {
            throw DataException.cannotRead(where, String.format(Locale.ROOT, "the file is too large to be params of network %s: "
                    + "more than %,d characters, far more than its %,d numbers take", network.name(), networkCap, numbers(network)));
        }
        return parse(where, text, network);
    }

    /**
     * The most characters a params file of this network is read to: 128 a number (a shortest
     * double takes at most 24, with its separator and the indentation of its row) and 1 MB more
     * for names, keys and an eval case's small extras. As the runtime's load caps it: a 100 MB
     * file of numbers took a minute and gigabytes of heap before its error.
     */
    static long maxChars(Network network) {
        return (1L << 20) + 128 * numbers(network);
    }

    /** The numbers a params file of the network holds at most: params, standardization, batchnorms' running statistics. */
    private static long numbers(Network network) {
        long numbers = 0;
        for (Param p : network.params()) {
            numbers += (long) p.shape().rows() * p.shape().cols();
        }
        for (DataValue input : network.inputs()) {
            numbers += 2L * input.rows();
        }
        for (Batchnorm b : Batchnorm.of(network)) {
            numbers += 2L * b.rows();
        }
        return numbers;
    }

    /**
     * Params to predict with: for a network with batchnorms, the file must hold their running
     * statistics, which prediction normalizes with (a file of params alone is refused).
     */
    public static SavedParams readForPrediction(Path file, Network network) throws DataException {
        SavedParams saved = read(file, network);
        List<String> batchnorms = Batchnorm.of(network).stream().map(Batchnorm::name).toList();
        if (!batchnorms.isEmpty() && saved.batchnorm().isEmpty()) {
            throw DataException.inFile(file.toString(), "no running statistics of the batchnorms of network " + network.name()
                    + " (" + String.join(", ", batchnorms) + "), which prediction normalizes with; expected \"batchnorm\": {\""
                    + batchnorms.get(0) + "\": {\"mean\": [...], \"variance\": [...]}}, which train --save writes (a file saved"
                    + " before netgrad kept them, or of params alone, cannot predict: train and save again)");
        }
        return saved;
    }

    /**
     * The keys of a params file: what {@code train --save} writes, and those of an {@code eval} case
     * (whose params part has this layout, so a case can start a training run). Any other key is a
     * typo to point at: ignoring it would run with something the user did not ask for.
     */
    static final List<String> KEYS = List.of("network", "params", "batchnorm", "standardization", "columns", "forward", "inputs",
            "masks", "convention");

    /**
     * Reads the text of a params file; a refusal points at the key it concerns (the param, the
     * batchnorm, "network"), or at the whole file when the key is missing from it.
     */
    public static SavedParams parse(String where, String text, Network network) throws DataException {
        JsonText.Document json = JsonText.document(where, text);
        if (!json.root().isJsonObject()) {
            throw DataException.inFile(where, "the file should be an object with \"params\"");
        }
        JsonObject root = json.root().getAsJsonObject();
        json.requireKnownKeys(root, KEYS, "a params file");
        if (root.has("network") && !network.name().equals(stringOf(root.get("network")))) {
            throw json.atKey(root, "network", "these params belong to network " + stringOf(root.get("network"))
                    + ", not to " + network.name());
        }
        if (!root.has("params")) {
            throw DataException.inFile(where, "no \"params\" object; expected {\"params\": {\"NAME\": [[...], ...], ...}}");
        }
        Map<String, double[][]> params = params(json, object(json, root, "params", "\"params\"", "an object"), network);
        Map<String, RunningStatistics> batchnorm = root.has("batchnorm") && !root.get("batchnorm").isJsonNull()
                ? batchnorm(json, object(json, root, "batchnorm", "\"batchnorm\"", "an object"), network)
                : Map.of();
        Optional<Standardization> standardization = root.has("standardization") && !root.get("standardization").isJsonNull()
                ? Optional.of(standardization(json, root, network))
                : Optional.empty();
        List<String> columns = root.has("columns") ? columns(json, root, network) : List.of();
        List<String> forward = root.has("forward") ? forward(json, root) : List.of();
        return new SavedParams(network.name(), params, batchnorm, standardization, columns, forward);
    }

    /** The forward pass of the network the params were trained by, a string a value's line. */
    private static List<String> forward(JsonText.Document json, JsonObject root) throws DataException {
        if (!root.get("forward").isJsonArray()) {
            throw json.atKey(root, "forward", "\"forward\" should be an array of the lines of the forward pass the params were"
                    + " trained through, found " + root.get("forward"));
        }
        return strings(json, root.getAsJsonArray("forward"), "forward", "a line of the forward pass");
    }

    /** The entries of {@code array}, the value of {@code key}, each refused at its place unless it is a string, {@code what}. */
    private static List<String> strings(JsonText.Document json, JsonArray array, String key, String what) throws DataException {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < array.size(); j++) {
            JsonElement entry = array.get(j);
            if (!entry.isJsonPrimitive() || !entry.getAsJsonPrimitive().isString()) {
                throw json.atEntry(array, j, key + "[" + j + "] should be " + what + ", a string, found " + entry);
            }
            out.add(entry.getAsString());
        }
        return out;
    }

    /**
     * A warning when params trained through the forward pass {@code trained} (a params file's "forward") are used
     * with {@code network}, whose forward pass differs: the same names and shapes (or they would be refused), another
     * computation (relu where tanh trained them), so the predictions are not those of the trained network. Empty
     * when they agree, when they differ only in the names of the values they define (A1 renamed H1 computes the
     * same network), or when the file does not say.
     */
    static Optional<String> otherForward(List<String> trained, Network network, String params) {
        return ForwardPass.otherLine(trained, NetworkPrinter.forward(network), "this spec").map(line -> params
                + " was trained through another forward pass than " + network.name() + "'s here: " + line
                + "; the params fit by names and shapes, but the network they make is not the one trained");
    }

    /** The names of the feature columns the params were trained on: as many strings as the network has features. */
    private static List<String> columns(JsonText.Document json, JsonObject root, Network network) throws DataException {
        int n = DataLayout.of(network).featureCount();
        String expected = "an array of the " + n + " names of the feature columns the params were trained on";
        if (!root.get("columns").isJsonArray() || root.getAsJsonArray("columns").size() != n) {
            throw json.atKey(root, "columns", "\"columns\" should be " + expected + ", found " + root.get("columns"));
        }
        return strings(json, root.getAsJsonArray("columns"), "columns", "a column's name");
    }

    private static Map<String, double[][]> params(JsonText.Document json, Place given, Network network) throws DataException {
        for (String name : given.object().keySet()) {
            if (network.param(name).isEmpty()) {
                throw json.atKey(given.object(), name, "unknown param " + name + ": network " + network.name()
                        + " has params " + network.params().stream().map(Param::name).collect(Collectors.joining(", ")));
            }
        }
        Map<String, double[][]> params = new LinkedHashMap<>();
        for (Param param : network.params()) {
            if (!given.object().has(param.name())) {
                throw given.error(json, "param " + param.name() + " of network " + network.name() + " is missing");
            }
            params.put(param.name(), param(json, given.object(), param.name(), param.shape()));
        }
        return params;
    }

    /** The running statistics of every batchnorm of the network, none missing, none unknown. */
    private static Map<String, RunningStatistics> batchnorm(JsonText.Document json, Place given, Network network) throws DataException {
        List<Batchnorm> batchnorms = Batchnorm.of(network);
        String known = batchnorms.isEmpty() ? "it has no batchnorm"
                : "its batchnorms are " + batchnorms.stream().map(Batchnorm::name).collect(Collectors.joining(", "));
        for (String name : given.object().keySet()) {
            if (batchnorms.stream().noneMatch(b -> b.name().equals(name))) {
                throw json.atKey(given.object(), name, "running statistics of an unknown batchnorm " + name + ": network " + network.name() + " has none of that name; " + known);
            }
        }
        Map<String, RunningStatistics> out = new LinkedHashMap<>();
        for (Batchnorm b : batchnorms) {
            if (!given.object().has(b.name())) {
                throw given.error(json, "the running statistics of the batchnorm " + b.name() + " of network " + network.name() + " are missing");
            }
            Place stats = object(json, given.object(), b.name(), "the running statistics of " + b.name(), "an object with \"mean\" and \"variance\"");
            double[] mean = vector(json, stats, "mean", "batchnorm " + b.name() + " mean", b.rows());
            double[] variance = vector(json, stats, "variance", "batchnorm " + b.name() + " variance", b.rows());
            for (int j = 0; j < variance.length; j++) {
                if (variance[j] < 0) {
                    throw json.atKey(stats.object(), "variance", "batchnorm " + b.name() + " variance[" + j + "] is " + variance[j] + "; it must not be negative");
                }
            }
            out.put(b.name(), new RunningStatistics(mean, variance));
        }
        return out;
    }

    /**
     * The param {@code name} at {@code holder}'s key, as the trainer holds it: its rows, or for a
     * filter bank also the nested array f x f x c_in x c_out. Params files and eval cases both read
     * a param so. A refusal of its shape points at the key, one of a row or a number at that row or number.
     */
    public static double[][] param(JsonText.Document json, JsonObject holder, String name, Shape shape) throws DataException {
        JsonElement element = holder.get(name);
        String expected = "a " + shape.rows() + " x " + shape.cols() + " array of rows";
        if (!element.isJsonArray()) {
            throw json.atKey(holder, name, "param " + name + " should be " + expected);
        }
        JsonArray rows = element.getAsJsonArray();
        if (shape.isFilterBank() && isNested(rows)) {
            return filterBank(json, holder, name, rows, shape);
        }
        int cols = rows.size() > 0 && rows.get(0).isJsonArray() ? rows.get(0).getAsJsonArray().size() : -1;
        if (rows.size() != shape.rows() || cols != shape.cols()) {
            String found = cols < 0 ? rows.size() + " entries" : rows.size() + " x " + cols;
            throw json.atKey(holder, name, "param " + name + " is " + found + ", but the network declares it "
                    + declared(shape));
        }
        double[][] values = new double[shape.rows()][];
        for (int i = 0; i < values.length; i++) {
            int row = i;
            values[i] = numbers(json, name + "[" + i + "]", rows.get(i), shape.cols(), m -> json.atEntry(rows, row, m));
        }
        return values;
    }

    /** A filter bank in words: the nested array an eval case gives, and the rows train --save writes. */
    private static String declared(Shape shape) {
        return shape.isFilterBank() ? shape + " (a nested array f x f x c_in x c_out, as eval takes, or its "
                + shape.rows() + " x " + shape.cols() + " rows, as train --save writes)" : shape.rows() + " x " + shape.cols();
    }

    /** Rows whose first entry is itself an array of arrays: a filter bank as numpy's tolist() gives it. */
    private static boolean isNested(JsonArray rows) {
        return rows.size() > 0 && rows.get(0).isJsonArray() && rows.get(0).getAsJsonArray().size() > 0
                && rows.get(0).getAsJsonArray().get(0).isJsonArray();
    }

    /**
     * A filter bank given as an eval case gives it, the nested array f x f x c_in x c_out, as the
     * (f*f*c_in) x c_out rows the trainer holds (pixel (a, b), channel ci is row (a*f + b)*c_in + ci).
     */
    private static double[][] filterBank(JsonText.Document json, JsonObject holder, String name, JsonArray nested, Shape shape)
            throws DataException {
        Shape.Grid g = shape.grid();
        if (inPyTorchLayout(nested, g, shape.cols())) {
            throw json.atKey(holder, name, "param " + name + " is nested " + shape.cols() + " x " + g.c() + " x " + g.h() + " x " + g.w()
                    + ", PyTorch's layout of a Conv2d weight (c_out x c_in x f x f), but the network declares the filter bank "
                    + shape + " (f x f x c_in x c_out): give numpy's W.transpose(2, 3, 1, 0).tolist() (PyTorch's W.permute(2, 3, 1, 0).tolist())");
        }
        double[][] out = new double[shape.rows()][];
        JsonArray byRow = sized(name, nested, g.h(), shape, m -> json.atKey(holder, name, m));
        for (int a = 0; a < g.h(); a++) {
            int ia = a;
            JsonArray byColumn = sized(name + "[" + a + "]", byRow.get(a), g.w(), shape, m -> json.atEntry(byRow, ia, m));
            for (int b = 0; b < g.w(); b++) {
                int ib = b;
                JsonArray byChannel = sized(name + "[" + a + "][" + b + "]", byColumn.get(b), g.c(), shape, m -> json.atEntry(byColumn, ib, m));
                for (int ci = 0; ci < g.c(); ci++) {
                    int ic = ci;
                    out[g.row(a, b, ci)] = numbers(json, name + "[" + a + "][" + b + "][" + ci + "]",
                            byChannel.get(ci), shape.cols(), m -> json.atEntry(byChannel, ic, m));
                }
            }
        }
        return out;
    }

    /**
     * Whether a nested filter bank's first entries have PyTorch's sides, c_out x c_in x f x f, where the
     * network's are f x f x c_in x c_out: a Conv2d weight's tolist() (when the two are the same sides, the
     * entries cannot tell them apart).
     */
    private static boolean inPyTorchLayout(JsonArray nested, Shape.Grid g, int cOut) {
        int[] sides = {cOut, g.c(), g.h(), g.w()};
        if (cOut == g.h() && g.c() == g.w()) {
            return false;
        }
        JsonElement level = nested;
        for (int side : sides) {
            if (!level.isJsonArray() || level.getAsJsonArray().size() != side) {
                return false;
            }
            level = level.getAsJsonArray().get(0);
        }
        return true;
    }

    /** The array at a level of a nested filter bank, {@code size} entries long; a refusal is {@code misfit}'s, at the array. */
    private static JsonArray sized(String path, JsonElement e, int size, Shape shape, Function<String, DataException> misfit)
            throws DataException {
        if (!e.isJsonArray() || e.getAsJsonArray().size() != size) {
            throw misfit.apply("param " + path + " should be an array of " + size + " entries: the network "
                    + "declares the filter bank " + shape + " (f x f x c_in x c_out)");
        }
        return e.getAsJsonArray();
    }


    /** The array of {@code size} numbers at {@code holder}'s key {@code key}; a missing key is an error at the holder. */
    private static double[] vector(JsonText.Document json, Place holder, String key, String name, int size) throws DataException {
        if (!holder.object().has(key)) {
            throw holder.error(json, name + " should be an array of " + size + " numbers; it is missing");
        }
        return numbers(json, name, holder.object().get(key), size, m -> json.atKey(holder.object(), key, m));
    }

    /**
     * The array of {@code size} finite numbers {@code element}: another value or length is
     * {@code misfit}'s error (at the array's place), an entry that is no finite number an error at the entry.
     */
    private static double[] numbers(JsonText.Document json, String name, JsonElement element, int size,
            Function<String, DataException> misfit) throws DataException {
        if (!element.isJsonArray()) {
            throw misfit.apply(name + " should be an array of " + size + " numbers, found " + (element.isJsonObject() ? "an object" : element));
        }
        if (element.getAsJsonArray().size() != size) {
            throw misfit.apply(name + " should be an array of " + size + " numbers");
        }
        JsonArray array = element.getAsJsonArray();
        double[] values = new double[size];
        for (int j = 0; j < size; j++) {
            JsonElement v = array.get(j);
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber() || !Double.isFinite(v.getAsDouble())) {
                throw json.atEntry(array, j, name + "[" + j + "] should be a finite number, found " + v);
            }
            values[j] = v.getAsDouble();
        }
        return values;
    }

    private static Standardization standardization(JsonText.Document json, JsonObject root, Network network) throws DataException {
        int n = DataLayout.of(network).featureCount();
        Place stats = object(json, root, "standardization", "\"standardization\"", "an object with \"mean\" and \"std\"");
        double[] mean = vector(json, stats, "mean", "standardization mean", n);
        double[] std = vector(json, stats, "std", "standardization std", n);
        for (int j = 0; j < n; j++) {
            if (!(std[j] > 0)) {
                throw json.atKey(stats.object(), "std", "standardization std[" + j + "] is " + std[j] + "; it must be positive");
            }
        }
        return new Standardization(mean, std);
    }

    /** An object of the file and the key it stands at in its holder: what lacks a key inside it is an error at that key. */
    private record Place(JsonObject holder, String key, JsonObject object) {
        DataException error(JsonText.Document json, String message) {
            return json.atKey(holder, key, message);
        }
    }

    /** The object at {@code holder}'s key {@code key}, refused at the key when it is something else. */
    private static Place object(JsonText.Document json, JsonObject holder, String key, String what, String expected) throws DataException {
        JsonElement element = holder.get(key);
        if (element == null || !element.isJsonObject()) {
            throw json.atKey(holder, key, what + " should be " + expected);
        }
        return new Place(holder, key, element.getAsJsonObject());
    }

    private static String stringOf(JsonElement element) {
        return element.isJsonPrimitive() ? element.getAsString() : element.toString();
    }

    /** Writes the params and standardization, through a temporary file renamed over the target. */
    public static void write(Path file, SavedParams saved) throws DataException {
        requireFinite(file, saved);
        try {
            OutputFiles.writeAtomically(file, json(saved).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw DataException.inFile(file.toString(), "cannot write: " + IoReason.ofWrite(e));
        }
    }

    /** JSON has no Infinity or NaN, and {@link #read} refuses them: such a file is never written. */
    private static void requireFinite(Path file, SavedParams saved) throws DataException {
        Optional<String> entry = nonFinite(saved);
        if (entry.isPresent()) {
            throw DataException.inFile(file.toString(), "not written: " + entry.get() + ", which a params file cannot hold");
        }
    }

    /**
     * The first entry of {@code saved} that is not finite, which no params file holds ({@code W1[0][1] is NaN}), or
     * none: what {@link #json} would print as JSON that is no JSON.
     */
    public static Optional<String> nonFinite(SavedParams saved) {
        Map<String, double[]> arrays = new LinkedHashMap<>();
        saved.params().forEach((name, rows) -> {
            for (int i = 0; i < rows.length; i++) {
                arrays.put(name + "[" + i + "]", rows[i]);
            }
        });
        saved.batchnorm().forEach((name, s) -> {
            arrays.put("batchnorm " + name + " mean", s.mean());
            arrays.put("batchnorm " + name + " variance", s.variance());
        });
        saved.standardization().ifPresent(s -> {
            arrays.put("standardization mean", s.mean());
            arrays.put("standardization std", s.std());
        });
        for (Map.Entry<String, double[]> a : arrays.entrySet()) {
            for (int j = 0; j < a.getValue().length; j++) {
                if (!Double.isFinite(a.getValue()[j])) {
                    return Optional.of(a.getKey() + "[" + j + "] is " + a.getValue()[j]);
                }
            }
        }
        return Optional.empty();
    }

    /** The file's text: one matrix row a line, numbers in Java's round-trip form. */
    public static String json(SavedParams saved) {
        StringBuilder out = new StringBuilder("{\n  \"network\": \"").append(saved.network()).append("\",\n  \"params\": {");
        String separator = "\n";
        for (Map.Entry<String, double[][]> param : saved.params().entrySet()) {
            out.append(separator).append("    \"").append(param.getKey()).append("\": [");
            double[][] rows = param.getValue();
            for (int i = 0; i < rows.length; i++) {
                out.append(i == 0 ? "\n      " : ",\n      ").append(array(rows[i]));
            }
            out.append("\n    ]");
            separator = ",\n";
        }
        out.append("\n  }");
        if (!saved.batchnorm().isEmpty()) {
            out.append(",\n  \"batchnorm\": {");
            separator = "\n";
            for (Map.Entry<String, RunningStatistics> b : saved.batchnorm().entrySet()) {
                out.append(separator).append("    \"").append(b.getKey()).append("\": {\n      \"mean\": ").append(array(b.getValue().mean()))
                        .append(",\n      \"variance\": ").append(array(b.getValue().variance())).append("\n    }");
                separator = ",\n";
            }
            out.append("\n  }");
        }
        saved.standardization().ifPresent(s -> out.append(",\n  \"standardization\": {\n    \"mean\": ")
                .append(array(s.mean())).append(",\n    \"std\": ").append(array(s.std())).append("\n  }"));
        if (!saved.columns().isEmpty()) {
            out.append(",\n  \"columns\": [").append(saved.columns().stream().map(name -> new JsonPrimitive(name).toString())
                    .collect(Collectors.joining(", "))).append(']');
        }
        if (!saved.forward().isEmpty()) {
            out.append(",\n  \"forward\": [").append(saved.forward().stream().map(line -> "\n    " + new JsonPrimitive(line))
                    .collect(Collectors.joining(","))).append("\n  ]");
        }
        return out.append("\n}\n").toString();
    }

    private static String array(double[] values) {
        StringBuilder out = new StringBuilder("[");
        for (int j = 0; j < values.length; j++) {
            out.append(j == 0 ? "" : ", ").append(values[j]);
        }
        return out.append(']').toString();
    }
}
