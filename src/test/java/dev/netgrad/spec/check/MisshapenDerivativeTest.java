package dev.netgrad.spec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.diff.Deriver;
import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A derivative line of the wrong shape that a failing line reads is reported at its own line too: the
 * mistake is there, and the reading line's mismatched '@' alone sent the user to the wrong line. One
 * that no line reads, or that every line reading it fits, is left to check, which names a wrong axis
 * or a transposed result from the values (exit 1, not a read error).
 */
class MisshapenDerivativeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // lines of an equation file for planar.nn (\n between them)  | the errors, in order ('-': none, check judges it)
        "dZ2 = (A2 - Y).T\\ndW2 = 1/m * dZ2 @ A1.T                      | 1:7 dZ2 has shape m x 1, but Z2 is 1 x m: the result is transposed (line 2 reads it)"
            + "; 2:17 inner dimensions of '@' do not match: m x 1 @ m x 4 (1 column against m rows)", // no dZ2.T: dZ2's line is wrong
        "dZ2 = A2 - Y\\ndA1 = W2.T @ dZ2\\ndZ1 = sum(dA1 * (1 - A1^2), axis=1)\\ndW1 = 1/m * dZ1 @ X.T"
            + "                                                      | 3:7 dZ1 has shape 4 x 1, but Z1 is 4 x m (line 4 reads it)"
            + "; 4:17 inner dimensions of '@' do not match: 4 x 1 @ m x 2 (1 column against m rows)",
        // Every reading line fits the transposed dZ2: check judges the lines.
        "dZ2 = (A2 - Y).T\\ndW2 = 1/m * dZ2.T @ A1.T                    | -",
        // No line reads it: check says 'has shape m x 1, but Z2 is 1 x m: the result is transposed'.
        "dZ2 = (A2 - Y).T                                                | -",
        // The reading line fails, but on a name of its own: dZ2 is right, nothing more is said.
        "dZ2 = A2 - Y\\ndW2 = 1/m * dZ2 @ A1.T + W3                     | 2:26 undefined name 'W3'; did you mean 'W1'?",
    })
    void aMisshapenDerivativeIsReportedAtItsOwnLineWhenAFailingLineReadsIt(String lines, String errors) throws Exception {
        Path spec = Path.of("src/test/resources/check/planar.nn");
        Network network = SpecReader.read(spec.toString(), Files.readString(spec));
        String text = lines.replace("\\n", "\n") + "\n";
        List<String> got;
        try {
            SpecReader.readEquations("t.eq", text, network, Deriver.derivativeNames(network));
            got = List.of("-");
        } catch (SpecException e) {
            got = e.diagnostics().stream().map(MisshapenDerivativeTest::shown).toList();
        }
        assertEquals(List.of(errors.split("; (?=[0-9]+:[0-9]+ )")), got);
    }

    private static String shown(Diagnostic d) {
        return d.line() + ":" + d.column() + " " + d.message();
    }
}
