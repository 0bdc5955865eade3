package com.acme.b;

import com.acme.a.Small;

/** Uses a's trainer beside b's own. */
public final class Both {
    private Both() {
    }

    public static double[][] predictions() {
        double[][] small = new Small(1L).predict(new double[][] {{0.5, -1.0, 2.0}});
        double[][] other = new Other(2L).predict(new double[][] {{1.0, 0.0}});
        return new double[][] {small[0], other[0]};
    }
}
