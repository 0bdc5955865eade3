package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random convolutional networks of the geometry the other random generators stay clear of: paddings
 * up to one past the filter (border outputs that see only zeros), strides up to two past it (rows and
 * columns no filter reads), 1 x 1 filters and pools, pool strides past their window, up to four
 * stages. Each network's generated trainer agrees with the reference evaluator to the last bit and its
 * gradients with finite differences ({@code netgrad gradcheck}'s rule). A 1 x 1 max pool crashed
 * gradcheck here once.
 */
class ImageGeometryTest {
    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 40).boxed();
    }

    @ParameterizedTest(name = "random image geometry {0}")
    @MethodSource("seeds")
    void generatedGradientsMatchTheEvaluatorAndFiniteDifferences(long seed) {
        String text = spec(seed);
        Derivation d = Specs.derive("geometry" + seed + ".nn", text);
        try {
            EvaluationAgreementTest.agree(d, seed, 0);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nin\n" + text, e);
        }
        CompiledTrainer trainer = CompiledTrainer.of(d, seed);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = RandomExamples.inputs(6, trainer.inputSize(), random);
        double[][] y = RandomExamples.targets(6, trainer.targetSize(), RandomExamples.TargetKind.ONE_HOT, random);
        GradientCheck.prepare(trainer, d, x, y, seed);
        for (GradientCheck.ParamResult r : GradientCheck.run(trainer, d, x, y, 60, seed)) {
            assertTrue(r.passed(), () -> r + "\nin\n" + text);
        }
    }

    /** The seeds reach every shape of geometry the class is for (a generator change cannot drop one unseen). */
    @Test
    void theSeedsCoverEveryEdgeOfTheGeometry() {
        Map<String, Pattern> features = Map.of(
                "a padding past the filter", Pattern.compile("param W(\\d+)\\[(\\d), [^\\n]*\\n[^\\n]*\\n[^\\n]*conv2d\\(\\w+, W\\1, stride=\\d+, pad=(\\d+)\\)"),
                "a 1 x 1 max pool", Pattern.compile("maxpool\\(\\w+, 1,"),
                "a 1 x 1 filter", Pattern.compile("param W\\d+\\[1, 1,"),
                "a pool stride past its window", Pattern.compile("pool\\(\\w+, (\\d), stride=(\\d)\\)"),
                "four stages", Pattern.compile("Z4 = conv2d"),
                "an average pool", Pattern.compile("avgpool\\("));
        List<String> specs = seeds().map(ImageGeometryTest::spec).toList();
        for (Map.Entry<String, Pattern> f : features.entrySet()) {
            long found = specs.stream().filter(s -> f.getValue().matcher(s).results().anyMatch(ImageGeometryTest::edge)).count();
            assertTrue(found > 0, f.getKey() + " in none of the networks");
        }
        assertEquals(40, specs.stream().distinct().count());
    }

    /** A padding counts when it is at least the filter's size, a stride when it is past the window. */
    private static boolean edge(java.util.regex.MatchResult m) {
        if (m.groupCount() == 3) {
            return Integer.parseInt(m.group(3)) >= Integer.parseInt(m.group(2));
        }
        if (m.groupCount() == 2) {
            return Integer.parseInt(m.group(2)) > Integer.parseInt(m.group(1));
        }
        return true;
    }

    /** A network of one to four convolution stages, each maybe pooled, then flatten, dense softmax and cross-entropy. */
    static String spec(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int h = 2 + r.nextInt(6);
        int w = 2 + r.nextInt(6);
        int c = 1 + r.nextInt(3);
        StringBuilder out = new StringBuilder("network Geometry" + seed + " {\n  input X[" + h + ", " + w + ", " + c
                + "]\n  target Y[3]\n");
        String prev = "X";
        int stages = 1 + r.nextInt(4);
        for (int l = 1; l <= stages; l++) {
            int f = 1 + r.nextInt(4);
            int pad = r.nextInt(f + 2);
            if (f > h + 2 * pad || f > w + 2 * pad) {
                pad = f; // the filter fits the padded input
            }
            int stride = 1 + r.nextInt(f + 2);
            int cOut = 1 + r.nextInt(3);
            String act = List.of("relu", "tanh", "sigmoid", "leaky_relu").get(r.nextInt(4));
            out.append("  param W").append(l).append("[").append(f).append(", ").append(f).append(", ").append(c).append(", ")
                    .append(cOut).append("]\n  param b").append(l).append("[").append(cOut).append("]\n  Z").append(l)
                    .append(" = conv2d(").append(prev).append(", W").append(l).append(", stride=").append(stride)
                    .append(", pad=").append(pad).append(") + b").append(l).append("\n  A").append(l).append(" = ")
                    .append(act).append("(Z").append(l).append(")\n");
            h = (h + 2 * pad - f) / stride + 1;
            w = (w + 2 * pad - f) / stride + 1;
            c = cOut;
            prev = "A" + l;
            if (r.nextInt(5) < 3) {
                int k = 1 + r.nextInt(Math.min(3, Math.min(h, w)));
                int s = 1 + r.nextInt(k + 2);
                out.append("  P").append(l).append(" = ").append(r.nextBoolean() ? "maxpool" : "avgpool").append("(")
                        .append(prev).append(", ").append(k).append(", stride=").append(s).append(")\n");
                h = (h - k) / s + 1;
                w = (w - k) / s + 1;
                prev = "P" + l;
            }
        }
        out.append("  F = flatten(").append(prev).append(")\n  param WO[3, ").append(h * w * c).append("]\n  param bO[3]\n")
                .append("  ZO = WO @ F + bO\n  AO = softmax(ZO)\n  loss L = -sum(Y * log(AO), axis=0)\n  cost J = mean(L)\n}\n");
        return out.toString();
    }
}
