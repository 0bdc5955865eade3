package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.ir.ExprPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The course's planar network, built without the parser: its equations in both conventions. */
class PlanarDerivationTest {
    private static String equations(Convention convention) {
        StringBuilder sb = new StringBuilder();
        for (Equation e : Deriver.derive(Networks.planar(), convention).equations()) {
            sb.append(e.name()).append(" = ").append(ExprPrinter.print(e.value())).append("   // ").append(e.label())
                    .append("\n");
        }
        return sb.toString();
    }

    @Test
    void theLossConventionPutsTheOneOverMOnTheParams() {
        assertEquals("""
                dZ2 = A2 - Y   // dL/dZ2
                dW2 = 1/m * dZ2 @ A1.T   // dJ/dW2
                db2 = 1/m * sum(dZ2, axis=1)   // dJ/db2
                dA1 = W2.T @ dZ2   // dL/dA1
                dZ1 = dA1 * (1 - A1^2)   // dL/dZ1
                dW1 = 1/m * dZ1 @ X.T   // dJ/dW1
                db1 = 1/m * sum(dZ1, axis=1)   // dJ/db1
                """, equations(Convention.LOSS));
    }

    @Test
    void theCostConventionPutsTheOneOverMAtTheTop() {
        assertEquals("""
                dZ2 = 1/m * (A2 - Y)   // dJ/dZ2
                dW2 = dZ2 @ A1.T   // dJ/dW2
                db2 = sum(dZ2, axis=1)   // dJ/db2
                dA1 = W2.T @ dZ2   // dJ/dA1
                dZ1 = dA1 * (1 - A1^2)   // dJ/dZ1
                dW1 = dZ1 @ X.T   // dJ/dW1
                db1 = sum(dZ1, axis=1)   // dJ/db1
                """, equations(Convention.COST));
    }

    @ParameterizedTest
    @EnumSource(Convention.class)
    void planarGradientsAgreeWithFiniteDifferences(Convention convention) {
        Derivation d = Deriver.derive(Networks.planar(), convention);
        FiniteDifferences.assertAgree(d, RandomInstance.of(d, 7, 5), 1e-7, "planar");
    }
}
