package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.codegen.RandomExamples.TargetKind;
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

    @Test
    void sameSubjectGivesTheSameBytes() {
        assertEquals(GradientTestWriter.write(IRIS), GradientTestWriter.write(IRIS));
    }
}
