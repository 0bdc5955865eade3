package dev.netgrad.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What a node keeps of its arguments (its hash, its written size) instead of walking them again. */
class ApplyTest {
    private static final Ref Z = Ref.of("Z", RefKind.VALUE, Shape.batch(4));

    @Test
    void aDeepChainIsBuiltHashedAndMeasuredWithoutWalkingIt() throws InterruptedException {
        // A record's hashCode recursed once per level, so interning each level cost time quadratic in
        // the depth (cubic for a derivative's chain rule); on a small stack it overflowed here.
        int depth = 20_000;
        Node[] top = new Node[1];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                Node n = Z;
                for (int i = 0; i < depth; i++) {
                    n = Apply.of(Op.TANH, n);
                }
                top[0] = n;
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "small-stack", 128 * 1024);
        small.setDaemon(true);
        small.start();
        small.join(120_000); // a hang guard only: the chain takes well under a second
        assertFalse(small.isAlive(), "still building the chain after two minutes");
        assertNull(failure.get());
        assertEquals(depth + 1, top[0].writtenSize());
        assertSame(top[0], Apply.of(Op.TANH, ((Apply) top[0]).x()));
    }

    @Test
    void equalityIsStillStructural() {
        Apply interned = Apply.of(Op.MUL, Apply.of(Op.TANH, Z), Z);
        Apply built = new Apply(Op.MUL, List.of(new Apply(Op.TANH, List.of(Z), Z.shape()), Z), Z.shape());
        assertEquals(interned, built);
        assertEquals(interned.hashCode(), built.hashCode());
        assertNotEquals(interned, Apply.of(Op.MUL, Z, Apply.of(Op.TANH, Z)));
        assertEquals("Apply[op=TANH, args=[" + Z + "], shape=" + Z.shape() + "]", Apply.of(Op.TANH, Z).toString());
    }

    @Test
    void writtenSizeCountsASharedSubexpressionAtEachUse() {
        Node tanh = Apply.of(Op.TANH, Z);
        record Case(Node node, long size) {
        }
        List<Case> cases = List.of(
                new Case(Num.of(2), 1),                                        // a number
                new Case(Z, 1),                                                // a name
                new Case(tanh, 2),                                             // tanh(Z)
                new Case(Apply.of(Op.MUL, tanh, tanh), 5),                     // tanh(Z) * tanh(Z): written twice
                new Case(Apply.of(Op.SUB, Num.of(1), Apply.of(Op.MUL, tanh, tanh)), 7)); // 1 - tanh(Z) * tanh(Z)
        for (Case c : cases) {
            assertEquals(c.size(), c.node().writtenSize(), c.node().toString());
        }
    }

    @Test
    void writtenSizeStopsAtTheLargestLong() {
        Node n = Z;
        for (int i = 0; i < 70; i++) { // 2^70 nodes written out
            n = Apply.of(Op.MUL, n, n);
        }
        assertEquals(Long.MAX_VALUE, n.writtenSize());
    }
}
