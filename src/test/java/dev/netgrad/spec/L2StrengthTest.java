package dev.netgrad.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strength of l2 a spec may write: from 0, which regularizes nothing, as the course's lambd = 0 does. */
class L2StrengthTest {
    private static String spec(String strength) {
        return "network T {\n  input X[2]\n  target Y[1]\n  dense 1 sigmoid\n  loss cross_entropy\n  regularize l2(" + strength
                + ")\n}\n";
    }

    // strength | what the checker says ("" when it accepts it)
    @ParameterizedTest(name = "l2({0})")
    @CsvSource(delimiter = '|', textBlock = """
            0       | ''
            0.7     | ''
            1e308   | ''
            -0.1    | the strength of l2 must be at least 0, found -0.1
            """)
    void aStrengthFromZeroIsAccepted(String strength, String refusal) throws SpecException {
        if (refusal.isEmpty()) {
            SpecReader.read("t.nn", spec(strength));
        } else {
            SpecException e = assertThrows(SpecException.class, () -> SpecReader.read("t.nn", spec(strength)));
            assertEquals(refusal, e.diagnostics().get(0).message(), e.formatted());
        }
    }
}
