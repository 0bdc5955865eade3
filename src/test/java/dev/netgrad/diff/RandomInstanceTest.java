package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.Matrix;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import dev.netgrad.spec.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * check's random instances keep every pre-activation of order 1: a weight and a filter bank get entries of deviation
 * 1/sqrt(fan-in), f·f·c_in for a filter bank, biases 0.7. Filter banks had 0.7 too, as they enter no {@code @}: the
 * pre-activations of a stack of wide convolutions grew about 0.7 * sqrt(f·f·c_in) times a layer (Z4 of the stack below to
 * about 2000), where a tanh or a sigmoid saturates and a wrong line that differs only where an activation is in its
 * linear range may pass.
 */
class RandomInstanceTest {
    private static final String STACK = """
            network Stack {
              input X[6, 6, 3]
              target Y[1]
              param W1[3, 3, 3, 32]
              param b1[32]
              Z1 = conv2d(X, W1, stride=1, pad=1) + b1
              A1 = relu(Z1)
              param W2[3, 3, 32, 32]
              param b2[32]
              Z2 = conv2d(A1, W2, stride=1, pad=1) + b2
              A2 = relu(Z2)
              param W3[3, 3, 32, 32]
              param b3[32]
              Z3 = conv2d(A2, W3, stride=1, pad=1) + b3
              A3 = relu(Z3)
              param W4[5, 5, 32, 16]
              param b4[16]
              Z4 = conv2d(A3, W4, stride=1, pad=2) + b4
              F4 = flatten(Z4)
              param W5[1, 576]
              param b5[1]
              Z5 = W5 @ F4 + b5
              loss L = (Z5 - Y)^2
              cost J = mean(L)
            }
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the param | its fan-in (the length of the sums it enters; 0: none, a bias) | or the value | its root mean square,
        // to 15% (with filter banks of deviation 0.7, Z1, Z3 and Z4 were 3.4, 160 and 2000)
        "W1 | 27   |    |",
        "W2 | 288  |    |",
        "W4 | 800  |    |",
        "W5 | 576  |    |",
        "b2 | 0    |    |",
        // each pre-activation of order 1, however many channels the convolutions add up
        "   |      | Z1 | 1.2",
        "   |      | Z3 | 0.74",
        "   |      | Z4 | 0.65",
    })
    void paramsAndFilterBanksHaveTheDeviationOfTheirFanIn(String param, Integer fanIn, String value, Double rms) throws Exception {
        Network net = SpecReader.read("stack.nn", STACK);
        Derivation d = Deriver.derive(net, Convention.LOSS);
        Environment env = RandomInstance.of(d, 11, 5);
        if (param != null) {
            double want = fanIn == 0 ? 0.7 : 1 / Math.sqrt(fanIn);
            double got = rms(env.value(param));
            assertEquals(want, got, 0.15 * want, param);
            return;
        }
        for (Statement s : d.forward()) {
            env.put(s.name(), Evaluator.evaluate(s.value(), env));
        }
        double got = rms(env.value(value));
        assertEquals(rms, got, 0.15 * rms, value);
        assertTrue(got < 10, value);
    }

    private static double rms(Matrix m) {
        double sum = 0;
        for (double x : m.data()) {
            sum += x * x;
        }
        return Math.sqrt(sum / m.data().length);
    }
}
