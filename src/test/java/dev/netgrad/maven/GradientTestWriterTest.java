package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.codegen.RandomExamples.TargetKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GradientTestWriterTest {
    private static final GradientTestWriter.Subject IRIS =
            new GradientTestWriter.Subject("com.acme", "Iris", "com/acme/Iris.nn", 4, 3, TargetKind.ONE_HOT);

    @Test
    void testIsNamedAfterTheNetworkInItsPackage() {
        String source = GradientTestWriter.write(IRIS);
        assertEquals("IrisGradientTest", GradientTestWriter.testClassName("Iris"));
        assertTrue(source.startsWith("package com.acme;\n"), source);
        assertTrue(source.contains("class IrisGradientTest {"), source);
        assertTrue(source.contains("Iris net = new Iris(SEED);"), source);
        assertTrue(source.contains("from com/acme/Iris.nn;"), source);
    }

    @Test
    void sizesComeFromTheNetworksInputAndTarget() {
        String source = GradientTestWriter.write(IRIS);
        assertTrue(source.contains("INPUT_ROWS = 4;"), source);
        assertTrue(source.contains("TARGET_ROWS = 3;"), source);
        assertTrue(source.contains("TARGET_KIND = \"ONE_HOT\";"), source);
    }

    @Test
    void everyPlaceholderIsFilled() {
        assertFalse(GradientTestWriter.write(IRIS).contains("${"));
    }

    /** The whole test, byte for byte; rewrite on purpose with -Dnetgrad.updateGoldens=true. */
    @Test
    void theWrittenTestMatchesItsGolden() throws IOException {
        String source = GradientTestWriter.write(IRIS);
        Path golden = Path.of("src/test/resources/goldens/IrisGradientTest.java.txt");
        if (Boolean.getBoolean("netgrad.updateGoldens")) {
            Files.writeString(golden, source, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), source,
                () -> golden + " differs; if the change is intended, run with -Dnetgrad.updateGoldens=true");
    }
}
