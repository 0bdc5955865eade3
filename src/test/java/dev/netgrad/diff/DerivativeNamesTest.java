package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one allocation of derivative names: a name the spec already uses is never handed out, a
 * free plain name goes to its own value first, and every derivation of a network (fused or not,
 * either convention) prints the names that {@code check} reads equation files with.
 */
class DerivativeNamesTest {
    /** The statements of each case sit in a network with input X[3], target Y[1] and params W[1, 3], b[1]. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain names", """
                        Z = W @ X + b
                        A = sigmoid(Z)
                        """, "A=dA, W=dW, Z=dZ, b=db"),
                Arguments.of("values named like the params' gradients", """
                        dW = W @ X
                        db = dW + b
                        A = sigmoid(db)
                        """, "A=dA, W=dW_2, b=db_2, dW=ddW, db=ddb"),
                Arguments.of("a suffixed name goes to the value that has it", """
                        Z = W @ X + b
                        dZ = tanh(Z)
                        Z_2 = sigmoid(dZ)
                        """, "W=dW, Z=dZ_3, Z_2=dZ_2, b=db, dZ=ddZ"),
                Arguments.of("an input, a const and a dim named like derivatives", """
                        input dW[3]
                        const dA = 2
                        dim dZ = 1
                        Z = W @ (X + dW) + b
                        A = dA * sigmoid(Z)
                        """, "A=dA_2, W=dW_2, Z=dZ_2, b=db"),
                Arguments.of("a value of the inputs alone has no derivative", """
                        Xs = tanh(X) * X * 2
                        Z = W @ Xs + b
                        A = sigmoid(Z)
                        """, "A=dA, W=dW, Z=dZ, b=db"),
                Arguments.of("a target named like a derivative", """
                        target db[1]
                        Z = W @ X + b
                        A = sigmoid(Z) + 0 * db
                        """, "A=dA, W=dW, Z=dZ, b=db_2"));
    }

    private static Network network(String statements) throws Exception {
        String text = "network N {\n input X[3]\n target Y[1]\n param W[1, 3]\n param b[1]\n" + statements
                + " loss L = (A_out - Y)^2\n cost J = mean(L)\n}\n";
        String last = statements.strip().lines().reduce((a, b) -> b).orElseThrow().split("=")[0].strip();
        return SpecReader.read("names.nn", text.replace("A_out", last));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void derivativesAreNamedOnceForEveryDerivation(String name, String statements, String expected) throws Exception {
        Network network = network(statements);
        Map<String, String> names = Deriver.derivativeNames(network);
        Map<String, String> byValue = new TreeMap<>();
        names.forEach((derivative, of) -> byValue.put(of, derivative));
        assertEquals("{" + expected + "}", byValue.toString());
        for (Convention c : Convention.values()) {
            for (Derivation d : new Derivation[] {Deriver.derive(network, c), Deriver.deriveWithoutFusion(network, c)}) {
                for (Equation e : d.equations()) {
                    assertEquals(e.of(), names.get(e.name()), e.name() + " in a derivation, convention " + c);
                }
            }
        }
    }

    @Test
    void aWrongActivationIsNamedThroughARenamedDerivative() throws Exception {
        Path clash = Path.of("src/test/resources/specs/name_clash.nn");
        Network network = SpecReader.read(clash.toString(), Files.readString(clash));
        String text = "ddH = H_2 - Y\ndH_3 = V.T @ ddH\nddb = dH_3 * (1 - H)\n";
        List<EquationChecker.Verdict> v = EquationChecker.check(network,
                SpecReader.readEquations("a.eq", text, network, Deriver.derivativeNames(network))).verdicts();
        assertEquals("has the wrong derivative of tanh: for H = tanh(db), ddb = dH_3 * (1 - H^2)", v.get(2).message());
    }
}
