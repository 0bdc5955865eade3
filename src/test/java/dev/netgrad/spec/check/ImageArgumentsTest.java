package dev.netgrad.spec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.netgrad.diff.Deriver;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A window, stride or padding out of range names the call it is an argument of, as the calls' other
 * errors do ("maxpool_input stands for maxpool(A1, ...), which does not fit: ..."): "the window must be
 * a whole number" left the user to find which of a line's pools or convolutions was meant.
 */
class ImageArgumentsTest {
    private static final String RANGE = " must be a whole number between %d and 16777216, found ";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a line of an equation file for samples/images/lenet.nn      | the error names          | least | found
        "dP2 = maxpool_input(Z3, A1, 0)                                 | the window of maxpool_input | 1 | 0",
        "dP2 = maxpool_input(Z3, A1, 2.5)                               | the window of maxpool_input | 1 | 2.5",
        "dP2 = maxpool_input(Z3, A1, 2, stride=0)                       | the stride of maxpool_input | 1 | 0",
        "dA3 = avgpool_input(P4, 0, like=A3)                            | the window of avgpool_input | 1 | 0",
        "dA3 = avgpool_input(P4, 2, like=A3, stride=1e9)                | the stride of avgpool_input | 1 | 1000000000",
        "dP2 = conv2d_input(Z3, W3, like=P2, stride=0, pad=1)           | the stride of conv2d_input | 1 | 0",
        "dP2 = conv2d_input(Z3, W3, like=P2, pad=-1)                    | the padding of conv2d_input | 0 | -1",
        "dW3 = conv2d_weight(Z3, P2, like=W3, pad=0.5)                  | the padding of conv2d_weight | 0 | 0.5",
        "dP2 = maxpool(Z3, 0)                                           | the window of maxpool | 1 | 0",
        "dP2 = avgpool(Z3, 3, stride=-2)                                | the stride of avgpool | 1 | -2",
        "dP2 = conv2d(Z3, W3, stride=1, pad=-3)                         | the padding of conv2d | 0 | -3",
    })
    void anImageArgumentOutOfRangeNamesItsCall(String line, String what, int min, String found) throws Exception {
        Path spec = Path.of("samples/images/lenet.nn");
        Network network = SpecReader.read(spec.toString(), Files.readString(spec));
        SpecException e = assertThrows(SpecException.class,
                () -> SpecReader.readEquations("t.eq", line + "\n", network, Deriver.derivativeNames(network)));
        assertEquals(what + String.format(RANGE, min) + found, e.diagnostics().get(0).message(), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a spec's forward line                                    | the error
        "Z1 = maxpool(X, 0)                                          | the window of maxpool must be a whole number between 1 and 16777216, found 0",
        "Z1 = conv2d(X, K, stride=0)                                 | the stride of conv2d must be a whole number between 1 and 16777216, found 0",
        "Z1 = avgpool(X, W)                                          | the window of avgpool must be a constant (a number or a const, or arithmetic on them), found 'W' (3 x 8)",
    })
    void inASpecToo(String line, String message) {
        String text = "network N {\n  input X[4, 4, 2]\n  target Y[3]\n  param K[3, 3, 2, 2]\n  param W[3, 8]\n  " + line
                + "\n  A = softmax(W @ flatten(Z1))\n  loss L = -sum(Y * log(A), axis=0)\n  cost J = mean(L)\n}\n";
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read("n.nn", text));
        assertEquals(message, e.diagnostics().get(0).message(), e.getMessage());
    }
}
