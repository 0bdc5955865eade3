package dev.netgrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bench verb's JSON line is JSON whatever the figures: one that is not finite is null. */
class BenchResultTest {
    // Each case: seconds and the last cost measured, then the JSON expected for the keys they give
    // (seconds, steps_per_s, last_cost); 10 steps of batch 4.
    @ParameterizedTest(name = "seconds {0}, last cost {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2.0       | 0.5       | 2.0  | 5.0  | 0.5
            0.0       | 0.5       | 0.0  | null | 0.5
            2.0       | NaN       | 2.0  | 5.0  | null
            2.0       | Infinity  | 2.0  | 5.0  | null
            2.0       | -Infinity | 2.0  | 5.0  | null
            Infinity  | 0.5       | null | 0.0  | 0.5
            """)
    void aFigureThatIsNotFiniteIsWrittenAsNull(double seconds, double lastCost, String secondsJson, String stepsJson,
            String lastCostJson) {
        BenchResult r = new BenchResult("Mlp", 4, 1, 1, 10, 5, 0.5, 10, seconds, -1, -1, 100, -1, -1, lastCost, false);
        String line = r.jsonLine(Map.of("cores", 2));
        JsonObject json = JsonParser.parseString(line).getAsJsonObject();
        assertEquals(secondsJson, text(json.get("seconds")), line);
        assertEquals(stepsJson, text(json.get("steps_per_s")), line);
        assertEquals(lastCostJson, text(json.get("last_cost")), line);
        assertEquals(2, json.get("cores").getAsInt(), line);
        assertTrue(json.has("examples_per_s") && json.has("gflops"), "every key is kept: " + line);
        assertTrue(!line.contains("NaN") && !line.contains("Infinity"), line);
    }

    private static String text(JsonElement value) {
        return value.isJsonNull() ? "null" : Double.toString(value.getAsDouble());
    }
}
