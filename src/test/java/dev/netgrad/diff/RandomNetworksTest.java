package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three hundred random networks, 300 networks of random expressions and 120 random image networks,
 * each derived in both conventions and checked against finite differences.
 */
class RandomNetworksTest {
    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 300).boxed();
    }

    static Stream<Long> expressionSeeds() {
        return LongStream.rangeClosed(1, 300).boxed();
    }

    static Stream<Long> imageSeeds() {
        return LongStream.rangeClosed(1, 120).boxed();
    }

    @ParameterizedTest(name = "random network {0}")
    @MethodSource("seeds")
    void derivedGradientsMatchFiniteDifferencesInBothConventions(long seed) throws SpecException {
        check(seed, RandomSpecs.generate(seed));
    }

    @ParameterizedTest(name = "random expression network {0}")
    @MethodSource("expressionSeeds")
    void expressionNetworksMatchFiniteDifferencesInBothConventions(long seed) throws SpecException {
        check(seed, RandomExpressions.generate(seed));
    }

    @ParameterizedTest(name = "random image network {0}")
    @MethodSource("imageSeeds")
    void imageNetworksMatchFiniteDifferencesInBothConventions(long seed) throws SpecException {
        check(seed, RandomSpecs.generateImage(seed));
    }

    private static void check(long seed, String text) throws SpecException {
        Network network = SpecReader.read("random" + seed + ".nn", text);
        Derivation loss = Deriver.derive(network, Convention.LOSS);
        Derivation cost = Deriver.derive(network, Convention.COST);

        Environment env = RandomInstance.of(loss, seed, 6);
        FiniteDifferences.assertAgree(loss, env, 1e-7, "random network " + seed + ":\n" + text);

        Evaluation.Result a = Evaluation.run(loss, env.copy());
        Evaluation.Result b = Evaluation.run(cost, env.copy());
        // A gradient that is zero in exact arithmetic (a bias before a batchnorm) is rounding noise in
        // both conventions: allowed to differ by a thousand times that noise, measured as the check does.
        Evaluation.Result nudged = Evaluation.run(loss, RandomInstance.nudged(loss, env, 0x1p-48, -seed));
        for (Equation g : loss.gradients()) {
            Matrix x = a.derivatives().get(g.name());
            Matrix y = b.derivatives().get(cost.gradient(g.of()).name());
            double noise = Numerics.distance(x, nudged.derivatives().get(g.name()));
            assertTrue(Numerics.close(x, y, Numerics.TOLERANCE, 1e3 * noise), () -> g.name() + " differs between conventions in\n" + text);
        }
        for (Equation e : loss.deltas()) {
            if (e.numerator() != Numerator.COST) {
                assertFalse(mentionsCostScale(e.value()), () -> e.name() + " has 1/m in the loss convention:\n" + text);
            }
        }
        for (Equation e : cost.equations()) {
            assertEquals(Numerator.COST, e.numerator(), e.name());
        }
    }

    @Test
    void theGeneratorCoversEveryFeatureManyTimes() {
        Map<String, Pattern> features = new LinkedHashMap<>();
        features.put("batchnorm", Pattern.compile("batchnorm\\("));
        features.put("dropout", Pattern.compile("dropout\\("));
        features.put("tied weights", Pattern.compile("V_\\d+\\.T @"));
        features.put("shared weights", Pattern.compile("(?s)= (W\\d+_\\d+) @.*= \\1 @"));
        features.put("skip connection", Pattern.compile("@ A\\d + A\\d|@ A\\d \\+ W\\d+_\\d+ @ (A\\d|X)|@ A\\d \\+ X"));
        features.put("L2", Pattern.compile("/ \\(2 \\* m\\)"));
        features.put("sum cost", Pattern.compile("cost J = sum\\(L\\)"));
        features.put("softmax", Pattern.compile("= softmax\\(ZO\\)\\n  loss L = -sum\\(Y \\* log\\(AO"));
        features.put("log_softmax", Pattern.compile("log_softmax\\(ZO\\)"));
        features.put("multi-label", Pattern.compile("-sum\\(Y \\* log\\(AO\\) \\+"));
        features.put("mse", Pattern.compile("\\(AO - Y\\)\\^2"));
        Map<String, Integer> counts = new LinkedHashMap<>();
        features.keySet().forEach(k -> counts.put(k, 0));
        seeds().map(RandomSpecs::generate).forEach(text -> features.forEach((name, pattern) -> {
            if (pattern.matcher(text).find()) {
                counts.merge(name, 1, Integer::sum);
            }
        }));
        counts.forEach((name, n) -> assertTrue(n >= 10, () -> name + " appears in only " + n + " of 300 networks"));
    }

    /** Every operation, function and shape of the language's sections 2 to 6, each in at least ten of the 300 networks. */
    @Test
    void theExpressionGeneratorCoversEveryFeatureManyTimes() {
        Map<String, Pattern> features = new LinkedHashMap<>();
        String[] functions = {"tanh", "sigmoid", "relu", "exp", "log", "sqrt", "abs", "softplus", "softmax", "log_softmax",
            "ones_like", "dropout", "batchnorm"};
        for (String f : functions) {
            features.put(f, Pattern.compile("[^_a-z]" + f + "\\("));
        }
        features.put("leaky_relu", Pattern.compile("leaky_relu\\([^,()]*(\\([^()]*\\))?[^,()]*\\)"));
        features.put("leaky_relu with a slope", Pattern.compile("leaky_relu\\(.*, (0\\.2|0\\.05|\\(?c\\d)"));
        features.put("+ - * /", Pattern.compile("(?s)\\) \\+ .*\\) - .*\\) \\* .* / \\("));
        features.put("@ by a param", Pattern.compile("\\(W\\d+ @ "));
        features.put("@ by a transposed param", Pattern.compile("W\\d+\\.T @ "));
        features.put("@ over the examples", Pattern.compile(" @ \\((X2?|\\(V\\d+\\))\\.T @ "));
        features.put("^ integer", Pattern.compile("\\)\\^2"));
        features.put("** integer", Pattern.compile("\\) \\*\\* 3"));
        features.put("^ fractional or negative", Pattern.compile("\\^(0\\.5|\\(1/2\\)|-1|1\\.5|-0\\.5)"));
        features.put("^ or ** of a const", Pattern.compile("(\\^|\\*\\* -)c\\d"));
        features.put("unary minus", Pattern.compile("\\(-[^ ]"));
        features.put("comparison", Pattern.compile(" (>|<|>=|<=) "));
        features.put(".T of a value", Pattern.compile("\\)\\.T"));
        features.put("sum of all", Pattern.compile("[^_a-z]sum\\([^\\n]*\\)\\)?( [-+*/]|\\)|$)"));
        features.put("sum axis=0", Pattern.compile("sum\\(.*, axis=0\\)"));
        features.put("sum axis=1", Pattern.compile("sum\\(.*, axis=1\\)"));
        features.put("mean axis=0", Pattern.compile("mean\\(.*, axis=0\\)"));
        features.put("mean axis=1", Pattern.compile("mean\\(.*, axis=1\\)"));
        features.put("a value of m x k", Pattern.compile("V\\d = .*\\(X\\.T @ W\\d+\\)"));
        features.put("m in the forward pass", Pattern.compile("(?m)^  V\\d = .*[( ]m[ )]"));
        features.put("const", Pattern.compile("const c1 = "));
        features.put("const from a const", Pattern.compile("const c2 = 2 \\* c1"));
        features.put("dim", Pattern.compile("dim n_x = "));
        features.put("two inputs", Pattern.compile("input X2"));
        features.put("no target", Pattern.compile("(?s)^(?!.*target).*loss L"));
        features.put("dense shorthand", Pattern.compile("dense \\d (relu|tanh|sigmoid|softplus|leaky_relu|softmax|linear)"));
        features.put("loss cross_entropy", Pattern.compile("loss cross_entropy"));
        features.put("loss mse", Pattern.compile("loss mse"));
        features.put("regularize", Pattern.compile("regularize l2"));
        features.put("L1 term", Pattern.compile("sum\\(abs\\(\\w+\\)\\)"));
        features.put("sum cost", Pattern.compile("cost J = sum\\(L\\)"));
        Map<String, Integer> counts = new LinkedHashMap<>();
        features.keySet().forEach(k -> counts.put(k, 0));
        expressionSeeds().map(RandomExpressions::generate).forEach(text -> features.forEach((name, pattern) -> {
            if (pattern.matcher(text).find()) {
                counts.merge(name, 1, Integer::sum);
            }
        }));
        counts.forEach((name, n) -> assertTrue(n >= 10, () -> name + " appears in only " + n + " of 300 networks"));
    }

    @Test
    void theImageGeneratorCoversEveryFeatureManyTimes() {
        Map<String, Pattern> features = new LinkedHashMap<>();
        features.put("stride 2", Pattern.compile("stride=2, pad"));
        features.put("padding", Pattern.compile("pad=1\\)"));
        features.put("pad=same", Pattern.compile("pad=same"));
        features.put("shared filter bank", Pattern.compile("(?s)conv2d\\(\\w+, (K\\d+),.*conv2d\\(\\w+, \\1,"));
        features.put("per-channel scale", Pattern.compile("g\\d_\\d+ \\* conv2d"));
        features.put("skip connection", Pattern.compile("\\) \\+ (X|P\\d|A\\d) \\+ b"));
        features.put("dropout", Pattern.compile("dropout\\("));
        features.put("maxpool", Pattern.compile("maxpool\\("));
        features.put("avgpool", Pattern.compile("avgpool\\("));
        features.put("per-example sum of an image", Pattern.compile("sum\\(\\w+, axis=0\\)\\n"));
        features.put("two stages", Pattern.compile("Z2 = "));
        features.put("shorthand", Pattern.compile("  conv \\d"));
        features.put("L2 on filters", Pattern.compile("sum\\(K\\d+\\^2\\)"));
        features.put("sum cost", Pattern.compile("cost J = sum\\(L\\)"));
        features.put("stride 3", Pattern.compile("stride=3, pad"));
        features.put("pool window 3", Pattern.compile("pool\\(\\w+, 3"));
        features.put("pool stride past the window", Pattern.compile("pool\\(\\w+, 1, stride=2|pool\\(\\w+, 2, stride=3|pool\\(\\w+, 3, stride=4"));
        features.put("avgpool with stride after a strided conv", Pattern.compile("(?s)stride=2, pad.*\\n  A(\\d) = [^\\n]*\\n  P\\1 = avgpool\\(A\\1, \\d, stride"));
        features.put("image times image", Pattern.compile(" \\* sigmoid\\(Z\\d\\)"));
        features.put("comparison on an image", Pattern.compile("\\(Z\\d > 0\\) \\*"));
        features.put("division and power on an image", Pattern.compile("/ \\(1 \\+ Z\\d\\^2\\)"));
        features.put("sqrt, log and abs on an image", Pattern.compile("sqrt\\(1 \\+ .*log\\(1 \\+ abs"));
        features.put("1 x m into an image", Pattern.compile("\\+ mean\\(\\w+, axis=0\\) \\* exp"));
        features.put("mean of all of an image", Pattern.compile("\\+ mean\\(\\w+\\)\\n"));
        Map<String, Integer> counts = new LinkedHashMap<>();
        features.keySet().forEach(k -> counts.put(k, 0));
        imageSeeds().map(RandomSpecs::generateImage).forEach(text -> features.forEach((name, pattern) -> {
            if (pattern.matcher(text).find()) {
                counts.merge(name, 1, Integer::sum);
            }
        }));
        counts.forEach((name, n) -> assertTrue(n >= 5, () -> name + " appears in only " + n + " of 120 image networks"));
    }

    private static boolean mentionsCostScale(Node n) {
        if (n instanceof Ref r) {
            return r.kind() == RefKind.COST_SCALE;
        }
        return n instanceof Apply a && a.args().stream().anyMatch(RandomNetworksTest::mentionsCostScale);
    }
}
