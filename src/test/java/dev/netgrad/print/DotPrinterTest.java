package dev.netgrad.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import org.junit.jupiter.api.Test;

class DotPrinterTest {
    private final Derivation planar = Samples.planar(Convention.LOSS);
    private final String dot = DotPrinter.print(planar);

    @Test
    void isOneDigraphWithAForwardAndABackwardCluster() {
        assertTrue(dot.startsWith("digraph \"Planar\" {\n"), dot);
        assertTrue(dot.endsWith("}\n"), dot);
        assertTrue(dot.contains("subgraph cluster_forward {"), dot);
        assertTrue(dot.contains("subgraph cluster_backward {"), dot);
        assertEquals(dot.chars().filter(c -> c == '{').count(), dot.chars().filter(c -> c == '}').count());
    }

    @Test
    void forwardEdgesComeFromWhatEachStatementReads() {
        assertTrue(dot.contains("\"W1\" -> \"Z1\";"), dot);
        assertTrue(dot.contains("\"X\" -> \"Z1\";"), dot);
        assertTrue(dot.contains("\"A2\" -> \"L\";"), dot);
        assertTrue(dot.contains("\"L\" -> \"J\";"), dot);
    }

    @Test
    void backwardEdgesComeFromTheDerivativesEachEquationReads() {
        assertTrue(dot.contains("\"dZ2\" -> \"dW2\";"), dot);
        assertTrue(dot.contains("\"dA1\" -> \"dZ1\";"), dot);
        assertTrue(dot.contains("\"dZ2\" [label=\"dZ2\\ndL/dZ2\\n1 x m\""), dot);
    }

    @Test
    void dropoutMasksDoNotMakeSelfLoops() {
        String graph = DotPrinter.print(Samples.derive(Samples.DIR.resolve("dropout.nn"), Convention.LOSS));
        assertTrue(!graph.contains("\"A1\" -> \"A1\""), graph);
        assertTrue(graph.contains("\"Z1\" -> \"A1\";"), graph);
    }
}
