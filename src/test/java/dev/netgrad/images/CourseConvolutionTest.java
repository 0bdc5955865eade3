package dev.netgrad.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Deriver;
import dev.netgrad.diff.Evaluation;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Matrix;
import dev.netgrad.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The course's published conv_forward and conv_backward checks, reproduced by evaluating specs:
 * the inputs are the course's own random draws (src/test/resources/images/course_conv.py writes
 * them with numpy's seeded generator), the expected means are the numbers the course prints.
 */
class CourseConvolutionTest {
    private static JsonObject data;

    @BeforeAll
    static void load() throws Exception {
        data = JsonParser.parseString(Files.readString(Path.of("src/test/resources/images/course_conv.json")))
                .getAsJsonObject();
    }

    @Test
    void convForwardGivesTheCoursesMeanOfZ() throws Exception {
        String spec = """
                network ConvForward {
                  input X[5, 7, 4]
                  param W[3, 3, 4, 8]
                  param b[8]
                  Z = conv2d(X, W, stride=2, pad=1) + b
                  loss L = sum(Z^2, axis=0) / 2
                  cost J = sum(L)
                }
                """;
        Derivation d = Deriver.derive(SpecReader.read("conv_forward.nn", spec), Convention.LOSS);
        JsonObject c = data.getAsJsonObject("conv_forward");
        Environment env = environment(c, "X", 2);
        Matrix z = Evaluation.forward(d, env).get("Z");
        assertEquals(3 * 4 * 8, z.rows());
        assertEquals(0.5511276474566768, mean(z), 1e-14);
    }

    @Test
    void convBackwardGivesTheCoursesMeansOfDaDwAndDb() throws Exception {
        // A = X + a with a zero per-channel param: inputs get no derivative, A does.
        String spec = """
                network ConvBackward {
                  input X[4, 4, 3]
                  param a[3] init zeros
                  param W[2, 2, 3, 8]
                  param b[8]
                  A = X + a
                  Z = conv2d(A, W, stride=2, pad=2) + b
                  loss L = sum(Z^2, axis=0) / 2
                  cost J = sum(L)
                }
                """;
        Derivation d = Deriver.derive(SpecReader.read("conv_backward.nn", spec), Convention.LOSS);
        assertEquals("Z", ExprPrinter.print(d.equation("dZ").orElseThrow().value()), "dZ = Z, as the course feeds it");
        assertEquals("conv2d_weight(A, dZ, like=W, stride=2, pad=2)",
                ExprPrinter.print(d.gradient("W").value()), "a sum cost: no 1/m");
        JsonObject c = data.getAsJsonObject("conv_backward");
        Environment env = environment(c, "X", 10);
        env.put("a", Matrix.zeros(3, 1));
        Evaluation.Result r = Evaluation.run(d, env);
        assertEquals(1.45243777754, mean(r.derivatives().get("dA")), 1e-11);
        assertEquals(1.72699145831, mean(r.derivatives().get("dW")), 1e-11);
        assertEquals(7.83923256462, mean(r.derivatives().get("db")), 1e-11);
        assertTrue(r.derivatives().get("dW").rows() == 2 * 2 * 3 && r.derivatives().get("dW").cols() == 8);
    }

    private static Environment environment(JsonObject c, String input, int m) {
        Environment env = new Environment(m);
        env.put(input, matrix(c.getAsJsonArray("A")));
        env.put("W", matrix(c.getAsJsonArray("W")));
        env.put("b", matrix(c.getAsJsonArray("b")));
        assertEquals(m, env.value(input).cols());
        return env;
    }

    private static Matrix matrix(JsonArray rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            JsonArray row = rows.get(i).getAsJsonArray();
            out[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                out[i][j] = row.get(j).getAsDouble();
            }
        }
        return Matrix.of(out);
    }

    private static double mean(Matrix x) {
        return Arrays.stream(x.data()).sum() / x.data().length;
    }
}
