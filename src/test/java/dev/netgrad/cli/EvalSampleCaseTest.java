package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.netgrad.SampleFiles;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Deriver;
import dev.netgrad.diff.Equation;
import dev.netgrad.diff.Evaluation;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Matrix;
import dev.netgrad.spec.SpecReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's example, {@code netgrad eval samples/planar.nn --in samples/planar.case.json}. */
class EvalSampleCaseTest {
    private static final Path SPEC = SampleFiles.spec("planar.nn");
    private static final Path CASE = SampleFiles.spec("planar.case.json");

    @Test
    void theSampleCasePrintsWhatTheReferenceEvaluatorComputes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"eval", SPEC.toString(), "--in", CASE.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonObject printed = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();

        JsonObject given = JsonParser.parseString(SampleFiles.read(CASE)).getAsJsonObject();
        Derivation d = Deriver.derive(SpecReader.read(SPEC.toString(), SampleFiles.read(SPEC)), Convention.LOSS);
        Matrix x = matrix(given.getAsJsonObject("inputs").get("X"));
        Environment env = new Environment(x.cols()).put("X", x)
                .put("Y", matrix(given.getAsJsonObject("inputs").get("Y")));
        for (Map.Entry<String, JsonElement> p : given.getAsJsonObject("params").entrySet()) {
            env.put(p.getKey(), matrix(p.getValue()));
        }
        Evaluation.Result expected = Evaluation.run(d, env);

        assertEquals(4, x.cols(), "the case holds four examples");
        assertEquals(expected.cost(), printed.get("cost").getAsDouble());
        assertEquals(expected.loss(), matrix(printed.get("loss")));
        assertEquals(expected.values().get("A2"), matrix(printed.getAsJsonObject("outputs").get("A2")));
        assertEquals(d.equations().size(),
                printed.getAsJsonObject("grads").size() + printed.getAsJsonObject("deltas").size());
        for (Equation e : d.equations()) {
            String section = e.kind() == Equation.Kind.GRADIENT ? "grads" : "deltas";
            assertTrue(printed.getAsJsonObject(section).has(e.name()), e.name());
            assertEquals(expected.derivatives().get(e.name()), matrix(printed.getAsJsonObject(section).get(e.name())),
                    e.name());
        }
    }

    private static Matrix matrix(JsonElement e) {
        JsonArray rows = e.getAsJsonArray();
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonArray row = rows.get(r).getAsJsonArray();
            out[r] = new double[row.size()];
            for (int c = 0; c < out[r].length; c++) {
                out[r][c] = row.get(c).getAsDouble();
            }
        }
        return Matrix.of(out);
    }
}
