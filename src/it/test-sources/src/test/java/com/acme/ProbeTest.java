package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.probes.Probe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A test that trains a trainer generated for the tests alone, on the runtime the build put where it says. */
class ProbeTest {
    @Test
    void theTestTrainerLearns() {
        double[][] x = {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}};
        double[][] y = {{0}, {0}, {1}, {1}};
        Probe net = new Probe(1L);
        List<Double> costs = new ArrayList<>();
        net.fit(x, y, 200, 0, (epoch, cost) -> costs.add(cost));
        assertTrue(costs.get(199) < costs.get(0), "the cost fell from " + costs.get(0) + " to " + costs.get(199));
        assertEquals(4, net.predict(x).length);
    }

    /** The runtime's classes come from one folder: the test classes' own copy, or the main classes' runtime. */
    @Test
    void theRuntimeIsWhereTheBuildPutIt() throws Exception {
        String location = Class.forName("dev.netgrad.runtime.Trainer").getProtectionDomain().getCodeSource().getLocation().getPath();
        assertTrue(location.endsWith("/target/" + System.getProperty("runtime.folder") + "/"), location);
    }
}
