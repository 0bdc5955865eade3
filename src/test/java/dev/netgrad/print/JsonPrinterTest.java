package dev.netgrad.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.spec.Param;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class JsonPrinterTest {
    static List<Path> samples() {
        return Samples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void parsesBackWithAGradientForEveryParam(Path sample) {
        Derivation d = Samples.derive(sample, Convention.LOSS);
        JsonObject root = JsonParser.parseString(JsonPrinter.print(d)).getAsJsonObject();
        assertEquals(d.network().name(), root.get("network").getAsString());
        assertEquals("loss", root.get("convention").getAsString());
        Set<String> gradients = new HashSet<>();
        for (JsonElement e : root.getAsJsonArray("equations")) {
            JsonObject eq = e.getAsJsonObject();
            if (eq.get("kind").getAsString().equals("gradient")) {
                assertEquals("dJ", eq.get("numerator").getAsString());
                gradients.add(eq.get("of").getAsString());
            }
        }
        for (Param p : d.network().params()) {
            assertTrue(gradients.contains(p.name()), p.name());
        }
        assertTrue(root.getAsJsonObject("oneOverM").get("ok").getAsBoolean());
    }

    @Test
    void equationsHaveTheirKeysInAFixedOrderAndMForTheBatchSide() {
        JsonObject root = JsonParser.parseString(JsonPrinter.print(Samples.planar(Convention.LOSS))).getAsJsonObject();
        assertEquals(List.of("network", "convention", "labels", "equations", "oneOverM"), List.copyOf(root.keySet()));
        JsonObject dz2 = root.getAsJsonArray("equations").get(0).getAsJsonObject();
        assertEquals(List.of("name", "of", "expression", "numerator", "label", "shape", "kind"), List.copyOf(dz2.keySet()));
        assertEquals("A2 - Y", dz2.get("expression").getAsString());
        assertEquals("dL", dz2.get("numerator").getAsString());
        assertEquals("delta", dz2.get("kind").getAsString());
        JsonArray shape = dz2.getAsJsonArray("shape");
        assertEquals(1, shape.get(0).getAsInt());
        assertEquals("m", shape.get(1).getAsString());
    }

    /** What the labels' J and L stand for: the spec's cost and loss, whatever their names; no L in the cost convention. */
    @ParameterizedTest(name = "cost {0}, loss {1}, {2}")
    @CsvSource(delimiter = '|', textBlock = """
            J | L | LOSS | {"J":"J","L":"L"}
            J | L | COST | {"J":"J"}
            C | E | LOSS | {"J":"C","L":"E"}
            C | E | COST | {"J":"C"}
            L | J | LOSS | {"J":"L","L":"J"}
            """)
    void labelsSayWhichValuesJAndLAre(String cost, String loss, Convention convention, String labels) {
        String spec = """
                network Names {
                  input X[2]
                  target Y[1]
                  param W1[1, 2] init randn(0.01)
                  param b1[1] init zeros
                  A1 = sigmoid(W1 @ X + b1)
                  loss %2$s = -(Y * log(A1) + (1 - Y) * log(1 - A1))
                  cost %1$s = mean(%2$s)
                  output A1
                }
                """.formatted(cost, loss);
        JsonObject root = JsonParser.parseString(JsonPrinter.print(Samples.derive("names.nn", spec, convention))).getAsJsonObject();
        assertEquals(JsonParser.parseString(labels), root.get("labels"));
    }

    @Test
    void costConventionSaysSoAndGivesEveryValueDj() {
        JsonObject root = JsonParser.parseString(JsonPrinter.print(Samples.planar(Convention.COST))).getAsJsonObject();
        assertEquals("cost", root.get("convention").getAsString());
        for (JsonElement e : root.getAsJsonArray("equations")) {
            assertEquals("dJ", e.getAsJsonObject().get("numerator").getAsString());
        }
    }
}
