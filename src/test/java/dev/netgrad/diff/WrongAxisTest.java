package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.EquationChecker.Status;
import dev.netgrad.diff.EquationChecker.Verdict;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bias's gradient summed over the wrong axis (the course's np.sum(dZ1, axis=1, keepdims=True) written with axis=0,
 * or over every entry) has the wrong shape: the message names the sum and the one that is right. It said only
 * "db1 has shape 1 x m, but b1 is 4 x 1".
 */
class WrongAxisTest {
    /** Right lines down to dZ1 of planar.nn, db2 left out; each case adds one line. */
    private static final String PLANAR = """
            dZ2 = A2 - Y
            dW2 = 1/m * dZ2 @ A1.T
            dZ1 = W2.T @ dZ2 * (1 - A1^2)
            """;
    /** Right lines down to dZ1 of the convolutional digits_cnn.nn. */
    private static final String CNN = """
            dZ2 = A2 - Y
            dF1 = W2.T @ dZ2
            dP1 = unflatten(dF1, like=P1)
            dA1 = maxpool_input(dP1, A1, 2, stride=2)
            dZ1 = dA1 * (Z1 > 0)
            """;

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            planar | db1 = 1/m * sum(dZ1, axis=0) | db1 has shape 1 x m, but b1 is 4 x 1: the sum is over the wrong axis: sum(dZ1, axis=0) adds up each example's entries; write sum(dZ1, axis=1), which adds up each row over the examples
            planar | db1 = 1/m * sum(dZ1)         | db1 has shape 1 x 1, but b1 is 4 x 1: the sum is over the wrong axis: sum(dZ1) adds up every entry; write sum(dZ1, axis=1), which adds up each row over the examples
            planar | db1 = mean(dZ1, axis=0)      | db1 has shape 1 x m, but b1 is 4 x 1: the mean is over the wrong axis: mean(dZ1, axis=0) averages each example's entries; write mean(dZ1, axis=1), which averages each row over the examples
            planar | db2 = 1/m * sum(dZ2, axis=0) | db2 has shape 1 x m, but b2 is 1 x 1: the sum is over the wrong axis: sum(dZ2, axis=0) adds up each example's entries; write sum(dZ2, axis=1), which adds up each row over the examples
            planar | db1 = sum(dZ1, axis=0)       | db1 has shape 1 x m, but b1 is 4 x 1: the sum is over the wrong axis: sum(dZ1, axis=0) adds up each example's entries; write sum(dZ1, axis=1), which adds up each row over the examples (with that alone the line is still wrong)
            planar | dW1 = 1/m * X @ dZ1.T        | dW1 has shape 2 x 4, but W1 is 4 x 2: the result is transposed
            cnn    | db1 = 1/m * sum(dZ1, axis=0) | db1 has shape 1 x m, but b1 is 8 x 1: the sum is over the wrong axis: sum(dZ1, axis=0) adds up each example's entries; write channel_sum(dZ1), which adds up each channel over positions and examples
            cnn    | db1 = 1/m * sum(dZ1)         | db1 has shape 1 x 1, but b1 is 8 x 1: the sum is over the wrong axis: sum(dZ1) adds up every entry; write channel_sum(dZ1), which adds up each channel over positions and examples
            """)
    void theSumOverTheWrongAxisIsNamedWithTheRightOne(String network, String line, String expected) throws Exception {
        Path spec = Path.of(network.equals("cnn") ? "samples/images/digits_cnn.nn" : "src/test/resources/check/planar.nn");
        Network net = SpecReader.read(spec.toString(), Files.readString(spec));
        String text = (network.equals("cnn") ? CNN : PLANAR) + line + "\n";
        List<Verdict> verdicts = EquationChecker.check(net,
                SpecReader.readEquations("t.eq", text, net, Deriver.derivativeNames(net))).verdicts();
        Verdict last = verdicts.get(verdicts.size() - 1);
        assertEquals(Status.WRONG, last.status(), last.message());
        assertEquals(expected, last.line().name() + " " + last.message());
    }
}
