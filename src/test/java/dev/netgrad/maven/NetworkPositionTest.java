package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.spec.SourcePos;
import org.junit.jupiter.api.Test;

class NetworkPositionTest {
    @Test
    void pointsAtTheNetworksName() {
        String text = "// Iris\n\nnetwork  Iris {\n  input X[4]\n}\n";
        assertEquals(new SourcePos(3, 10), NetworkPosition.find(text, "Iris"));
    }

    @Test
    void aLongerNameIsNotTakenForAPrefix() {
        String text = "network IrisDeep {\n}\nnetwork Iris {\n}\n";
        assertEquals(new SourcePos(3, 9), NetworkPosition.find(text, "Iris"));
    }

    @Test
    void missingDeclarationFallsBackToTheFileStart() {
        assertEquals(new SourcePos(1, 1), NetworkPosition.find("dense 3 relu\n", "Iris"));
    }
}
