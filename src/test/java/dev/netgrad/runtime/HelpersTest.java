package dev.netgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Helper threads wait a minute for work (longer than the sharing tuner's longest wait, so that a
 * training trainer never starts them again), but a parked helper holds its products only weakly:
 * a dropped trainer is collected, and its helper ends within seconds.
 */
class HelpersTest {
    @Test
    void aParkedHelperLetsItsProductsGoAndEnds() throws InterruptedException {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        WeakReference<MatrixProducts> dropped = shareOnce();
        Thread helper = null;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.getName().startsWith(MatrixProducts.HELPER_THREAD_NAME)) {
                helper = t;
            }
        }
        assertTrue(helper != null && helper.isAlive(), "a shared product starts a helper");
        // Past the helper's spin: it parks, holding only the weak reference.
        Thread.sleep(50);
        // Within 0.2 s: a helper that held its products until it ended (after a second idle, before) fails here.
        for (int i = 0; i < 10 && dropped.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(dropped.get(), "the parked helper kept its products reachable");
        helper.join(5_000);
        assertFalse(helper.isAlive(), "the helper of collected products did not end");
    }

    /** A product big enough to share on 2 threads; returns the products, no longer referenced. */
    private static WeakReference<MatrixProducts> shareOnce() {
        MatrixProducts products = new MatrixProducts(2);
        int n = 256;
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        double[] out = new double[n * n];
        products.multiply(a, b, out, n, n, n);
        return new WeakReference<>(products);
    }
}
