package dev.netgrad.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Deriving and generating deep networks does not swell: the generated Java grows about linearly
 * with depth (at most 2.2 times per doubling from 25 to 200 layers). Sizes only; nothing is timed.
 */
class GeneratorScalingTest {
    @Test
    void generatedSourceGrowsLinearlyWithDepth() throws Exception {
        int previous = 0;
        for (int depth : new int[] {25, 50, 100, 200}) {
            int chars = GeneratorScaling.generate(depth).length();
            if (previous > 0) {
                double growth = (double) chars / previous;
                assertTrue(growth <= 2.2, "from " + depth / 2 + " to " + depth + " layers the source grew " + growth + " times");
            }
            previous = chars;
        }
    }

    @Test
    void deepSpecHasOneDenseLinePerLayer() {
        String spec = GeneratorScaling.deepSpec(3);
        assertTrue(spec.contains("  dense 16 relu init he\n  dense 16 relu init he\n  dense 16 relu init he\n  dense 1 sigmoid\n"), spec);
    }
}
