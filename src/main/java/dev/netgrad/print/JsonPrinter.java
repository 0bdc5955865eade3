package dev.netgrad.print;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Equation;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The backward pass as pretty-printed JSON, keys in a fixed order:
 * {@code {"network", "convention", "labels": {"J", "L"?}, "helpers"?, "equations": [{"name", "of",
 * "expression", "numerator", "label", "shape", "kind"}], "oneOverM": {"ok", "sentence"}}}.
 * Expressions are in the text syntax; a side of size m is the string {@code "m"}.
 */
public final class JsonPrinter {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private JsonPrinter() {
    }

    public static String print(Derivation d) {
        JsonObject root = new JsonObject();
        root.addProperty("network", d.network().name());
        root.addProperty("convention", d.convention().keyword());
        root.add("labels", labels(d));
        List<Statement> helpers = ForwardHelpers.of(d);
        if (!helpers.isEmpty()) {
            JsonArray array = new JsonArray();
            helpers.forEach(h -> array.add(helper(h)));
            root.add("helpers", array);
        }
        JsonArray equations = new JsonArray();
        d.equations().forEach(e -> equations.add(equation(e)));
        root.add("equations", equations);
        JsonObject verdict = new JsonObject();
        // A derivation that broke the invariant throws instead of printing, so a printed one is ok.
        verdict.addProperty("ok", true);
        verdict.addProperty("sentence", d.oneOverM().sentence());
        root.add("oneOverM", verdict);
        return GSON.toJson(root) + "\n";
    }

    /**
     * What the labels' symbols stand for in this spec: {@code {"J": "C", "L": "E"}} for a network whose cost is C and
     * loss E. A program reading {@code "numerator": "dJ"} learns here which of the spec's values J is, as the text
     * header says it when the names differ ({@link TextPrinter#symbolsClause}). The cost convention's labels hold no L.
     */
    private static JsonObject labels(Derivation d) {
        JsonObject o = new JsonObject();
        o.addProperty(TextPrinter.COST_SYMBOL, d.network().cost());
        if (d.convention() == Convention.LOSS) {
            o.addProperty(TextPrinter.LOSS_SYMBOL, d.network().loss());
        }
        return o;
    }

    private static JsonObject equation(Equation e) {
        JsonObject o = new JsonObject();
        o.addProperty("name", e.name());
        o.addProperty("of", e.of());
        o.addProperty("expression", ExprPrinter.print(e.value()));
        o.addProperty("numerator", e.numerator().symbol());
        o.addProperty("label", e.label());
        o.add("shape", shape(e.shape()));
        o.addProperty("kind", e.kind().name().toLowerCase(Locale.ROOT));
        return o;
    }

    private static JsonObject helper(Statement h) {
        JsonObject o = new JsonObject();
        o.addProperty("name", h.name());
        o.addProperty("expression", ExprPrinter.print(h.value()));
        o.add("shape", shape(h.shape()));
        return o;
    }

    /**
     * {@code [4, 2]}, or {@code [1, "m"]} for a side of size m; an image {@code [8, 8, 8, "m"]}, a filter
     * bank {@code [3, 3, 1, 8]}.
     */
    static JsonArray shape(Shape s) {
        JsonArray a = new JsonArray();
        int[] sides = s.grid() == null ? new int[] {s.rows(), s.cols()}
                : new int[] {s.grid().h(), s.grid().w(), s.grid().c(), s.cols()};
        for (int side : sides) {
            if (side == Shape.M) {
                a.add("m");
            } else {
                a.add(side);
            }
        }
        return a;
    }
}
