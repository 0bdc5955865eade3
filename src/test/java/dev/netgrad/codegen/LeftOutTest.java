package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A param's entries left out of its comparison: how many, and every reason with its count and first case. */
class LeftOutTest {
    private static final Slope KINK_1 = Slope.leftOut(LeftOut.Reason.ACROSS_A_KINK, "moving W at row 1, column 1 crosses a kink");
    private static final Slope KINK_2 = Slope.leftOut(LeftOut.Reason.ACROSS_A_KINK, "moving W at row 2, column 1 crosses a kink");
    private static final Slope BENDS = Slope.leftOut(LeftOut.Reason.BENDS, "the differences of W at row 1, column 2 bend");
    private static final Slope COMPARED = new Slope(0.5, 1e-12, null, null);

    @Test
    void nothingLeftOutHasNoReason() {
        LeftOut leftOut = new LeftOut();
        assertTrue(leftOut.keeps(COMPARED));
        assertEquals(0, leftOut.count());
        assertEquals("", leftOut.why());
    }

    @Test
    void oneReasonIsTheFirstEntrysSentence() {
        LeftOut leftOut = new LeftOut();
        assertFalse(leftOut.keepsUnlessAcrossAKink(COMPARED, KINK_1));
        assertFalse(leftOut.keepsUnlessAcrossAKink(KINK_2));
        assertEquals(2, leftOut.count());
        assertEquals("moving W at row 1, column 1 crosses a kink", leftOut.why()); // the verdict gives the count
    }

    /** Before, only the kink was named: the entry lost to bending near a pole went unexplained. */
    @Test
    void everyReasonIsNamedWithItsCount() {
        LeftOut leftOut = new LeftOut();
        assertFalse(leftOut.keepsUnlessAcrossAKink(KINK_1));
        assertTrue(leftOut.keeps(COMPARED));
        assertFalse(leftOut.keeps(BENDS));
        assertFalse(leftOut.keepsUnlessAcrossAKink(KINK_2));
        assertEquals(3, leftOut.count());
        assertEquals("2 where a step crosses a kink or a pole (the first: moving W at row 1, column 1 crosses a kink), "
                + "1 where the differences bend too much near a pole (the differences of W at row 1, column 2 bend)",
                leftOut.why());
    }
}
