package dev.netgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.cli.Main;
import dev.netgrad.runtime.Optimizer;
import dev.netgrad.runtime.spark.NetgradEstimator;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.DoublePredicate;
import org.apache.spark.ml.param.DoubleParam;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each hyper-parameter's range is stated in each layer that takes it, which cannot share code (the
 * spec's checker, the runtime's Optimizer, which is java.base alone, the Spark estimator's params,
 * the command line's --lr): one table of values, each accepted or refused by every layer alike.
 */
class HyperparameterRangesTest {
    // name | value | whether it is accepted
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            lr      | -1        | false
            lr      | 0         | false
            lr      | 4.9E-324  | true
            lr      | 0.01      | true
            lr      | 1.0E308   | true
            lr      | Infinity  | false
            lr      | NaN       | false
            eps     | 0         | false
            eps     | 1.0E-8    | true
            eps     | Infinity  | false
            beta    | -0.1      | false
            beta    | 0         | true
            beta    | 0.9       | true
            beta    | 1         | false
            beta    | NaN       | false
            beta1   | 0         | true
            beta1   | 0.999     | true
            beta1   | 1         | false
            beta2   | -1.0E-300 | false
            beta2   | 0.999     | true
            beta2   | 1         | false
            """)
    void everyLayerAcceptsTheSameValues(String name, double value, boolean accepted) {
        assertEquals(accepted, spec(name, value), "the spec's train block");
        assertEquals(accepted, runtime(name, value), "the runtime's Optimizer");
        assertEquals(accepted, spark(name).isValid().apply(value), "the Spark estimator's param");
        if (name.equals("lr")) {
            assertEquals(accepted, commandLine(value), "train --lr");
        }
    }

    private static boolean spec(String name, double value) {
        String optimizer = switch (name) {
            case "lr" -> "gd(lr = V)";
            case "beta" -> "momentum(0.1, beta = V)";
            default -> "adam(0.1, " + name + " = V)";
        };
        // A number the language cannot write is written as an expression that gives it.
        String written = Double.isNaN(value) ? "1e999 - 1e999" : Double.isInfinite(value) ? "1e999"
                : String.valueOf(value).replace('E', 'e');
        String text = "network T {\n input X[2]\n target Y[1]\n dense 1 sigmoid\n loss cross_entropy\n train {\n optimizer "
                + optimizer.replace("V", written) + "\n }\n}\n";
        try {
            SpecReader.read("t.nn", text);
            return true;
        } catch (SpecException e) {
            return false;
        }
    }

    private static boolean runtime(String name, double value) {
        DoublePredicate makes = switch (name) {
            case "lr" -> v -> Optimizer.gd(v) != null;
            case "beta" -> v -> Optimizer.momentum(0.1, v) != null;
            case "beta1" -> v -> Optimizer.adam(0.1, v, 0.999, 1e-8) != null;
            case "beta2" -> v -> Optimizer.adam(0.1, 0.9, v, 1e-8) != null;
            default -> v -> Optimizer.adam(0.1, 0.9, 0.999, v) != null;
        };
        try {
            return makes.test(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static DoubleParam spark(String name) {
        NetgradEstimator estimator = new NetgradEstimator("ranges");
        return switch (name) {
            case "lr" -> estimator.learningRate();
            case "beta" -> estimator.beta();
            case "beta1" -> estimator.beta1();
            case "beta2" -> estimator.beta2();
            default -> estimator.epsilon();
        };
    }

    /** Whether train takes the --lr: it is checked before any file is read, so a missing data file follows an accepted one. */
    private static boolean commandLine(double value) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.run(new String[] {"train", "samples/iris.nn", "--data", "absent.csv", "--lr", String.valueOf(value)},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return !err.toString(StandardCharsets.UTF_8).contains("--lr must be");
    }
}
