package dev.netgrad.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodesTest {
    private static final Ref W = Ref.of("W", RefKind.PARAM, new Shape(4, 2));
    private static final Ref X = Ref.of("X", RefKind.INPUT, Shape.batch(2));
    private static final Ref B = Ref.of("b", RefKind.PARAM, new Shape(4, 1));
    private static final Ref A = Ref.of("A", RefKind.VALUE, Shape.batch(4));

    @Test
    void refsComeInReadingOrderEachOnce() {
        Node product = Apply.of(Op.MATMUL, W, X);
        Node z = Apply.of(Op.ADD, product, B);
        Node tanh = Apply.of(Op.TANH, z);
        Node twice = Apply.of(Op.MUL, z, tanh);
        assertEquals(List.of(twice, z, product, W, X, B, tanh), Nodes.of(twice, Nodes.Masks.ENTER));
        assertEquals(List.of(W, X, B), List.copyOf(Nodes.refs(twice, Nodes.Masks.ENTER)));
    }

    @Test
    void aMasksOwnerIsReadOnlyWhenTheWalkEntersMasks() {
        Node dropped = Apply.of(Op.MUL, Apply.of(Op.MASK, A), Apply.of(Op.MATMUL, W, X));
        assertEquals(List.of(A, W, X), List.copyOf(Nodes.refs(dropped, Nodes.Masks.ENTER)));
        assertEquals(List.of(W, X), List.copyOf(Nodes.refs(dropped, Nodes.Masks.SKIP)));
        assertTrue(Nodes.applies(dropped, Op.MASK));
        assertFalse(Nodes.applies(dropped, Op.TANH));
    }

    @Test
    void theDeepestExpressionASpecMayHoldIsWalkedWithoutRecursion() {
        Node n = X;
        for (int i = 0; i < 2000; i++) {
            n = Apply.of(Op.NEG, n);
        }
        assertEquals(List.of(X), List.copyOf(Nodes.refs(n, Nodes.Masks.SKIP)));
    }
}
