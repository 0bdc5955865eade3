package dev.netgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.Compilation.Format;
import dev.netgrad.diff.Convention;
import dev.netgrad.spec.SpecException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The pipeline in one place: text to printed equations and a trainer class. */
class CompilationTest {
    private static final Path PLANAR = SampleFiles.spec("planar.nn");

    @Test
    void planarGoesFromTextToTheGoldenEquationsAndTrainer() throws SpecException {
        Compilation c = Compilation.of(PLANAR.toString(), SampleFiles.read(PLANAR), Convention.LOSS);
        assertEquals(SampleFiles.read(Path.of("src/test/resources/goldens/planar.txt")), c.equations(Format.TEXT));
        assertEquals("Planar", c.trainerClassName());
        assertEquals(SampleFiles.read(Path.of("generated/Planar.md")), c.equations(Format.MARKDOWN));
        assertTrue(c.trainer("").contains("public final class Planar"), "the trainer class is generated");
    }

    @Test
    void aBadSpecStopsAtTheCheckWithEveryError() {
        String text = "network Bad {\n  input X[2]\n  target Y[1]\n  Z = W @ X\n  loss L = (Z - Y)^2\n"
                + "  cost J = mean(K)\n}\n";
        SpecException e = assertThrows(SpecException.class, () -> Compilation.of("bad.nn", text, Convention.LOSS));
        assertEquals(2, e.diagnostics().size(), e.getMessage());
        assertTrue(e.diagnostics().get(0).message().contains("undefined name 'W'"), e.getMessage());
    }
}
