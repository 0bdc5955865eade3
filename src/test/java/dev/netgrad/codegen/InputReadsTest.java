package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.runtime.NetworkTrainer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A trainer whose passes read the input only as B of products says so (inputOnlyInProducts), and
 * then never copies a batch into X: its products read the batch's rows. Either way the results are
 * the bits of copying every batch, and value("X") is the batch.
 */
class InputReadsTest {
    private static final String OVERRIDE = "protected boolean inputOnlyInProducts() {\n        return true;\n    }";

    /** {the statement that defines Z1 from X, whether only products read X then}. */
    private static final Object[][] CASES = {
        {"Z1 = W1 @ X + b1", true},                       // B of W1 @ X; and B.T of dW1 = dZ1 @ X.T
        {"Z1 = W1 @ (2 * X) + b1", false},                // an elementwise loop reads X
        {"Z1 = W1 @ dropout(X, 0.8) + b1", false},        // so does the dropout of X
        {"Z1 = W1 @ X + b1 + 0 * sum(X, axis=0)", false}, // and a sum of X, broadcast
    };

    private static String spec(String first) {
        return """
                network Reads {
                  input  X[20]
                  target Y[1]
                  param W1[17, 20] init randn(0.5)
                  param b1[17]     init zeros
                  param W2[1, 17]  init randn(0.5)
                  param b2[1]      init zeros
                  %s
                  A1 = tanh(Z1)
                  Z2 = W2 @ A1 + b2
                  A2 = sigmoid(Z2)
                  loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))
                  cost J = mean(L)
                  output A2
                }
                """.formatted(first);
    }

    @Test
    void onlyANetworkWhoseInputOnlyProductsReadSaysSo() {
        for (Object[] c : CASES) {
            String source = TrainerGenerator.generate(Specs.derive("reads.nn", spec((String) c[0])), CompiledTrainer.PACKAGE);
            assertEquals(c[1], source.contains(OVERRIDE), (String) c[0]);
        }
    }

    @Test
    void readingTheRowsGivesTheBitsOfCopyingThem() {
        String source = TrainerGenerator.generate(Specs.derive("reads.nn", spec("Z1 = W1 @ X + b1")), CompiledTrainer.PACKAGE);
        assertTrue(source.contains(OVERRIDE));
        String copying = source.replace(OVERRIDE, OVERRIDE.replace("true", "false"));
        String name = CompiledTrainer.PACKAGE + ".Reads";
        NetworkTrainer rows = CompiledTrainer.create(InMemoryCompiler.load(name, source), 3).trainer();
        NetworkTrainer copies = CompiledTrainer.create(InMemoryCompiler.load(name, copying), 3).trainer();
        // 300 examples: 17 x 20 x 300 is a product big enough to share among threads.
        SplittableRandom random = new SplittableRandom(4);
        double[][] x = RandomExamples.inputs(300, 20, random);
        double[][] y = RandomExamples.targets(300, 1, RandomExamples.TargetKind.BINARY, random);
        for (NetworkTrainer t : new NetworkTrainer[] {rows, copies}) {
            t.setThreads(3);
            // Shuffled mini-batches of 32 (the last one of 12), then the full batch for 2 epochs.
            t.fit(x, y, 2, 32, null);
            t.fit(x, y, 2, 0, null);
        }
        for (String p : new String[] {"W1", "b1", "W2", "b2"}) {
            assertArrayEquals(copies.getParam(p), rows.getParam(p), p);
        }
        double[][] batch = {x[5], x[0], x[7]};
        double[][] targets = {y[5], y[0], y[7]};
        assertEquals(copies.trainStep(batch, targets), rows.trainStep(batch, targets));
        double[][] inColumns = rows.value("X");
        for (int e = 0; e < batch.length; e++) {
            for (int f = 0; f < 20; f++) {
                assertEquals(batch[e][f], inColumns[f][e], "X(" + f + ", " + e + ")");
            }
        }
        assertArrayEquals(copies.value("X"), inColumns);
    }
}
