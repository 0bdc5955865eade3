package com.acme.b;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BothTest {
    @Test
    void bothTrainersRunOnTheOneRuntime() {
        double[][] p = Both.predictions();
        assertEquals(1, p[0].length);
        assertEquals(1, p[1].length);
    }
}
