package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.ir.ExprPrinter;
import org.junit.jupiter.api.Test;

class PlanarDerivationTest {
    @Test
    void planarPrintsInTheCoursesForm() {
        Derivation d = Deriver.derive(Networks.planar(), Convention.LOSS);
        StringBuilder sb = new StringBuilder();
        for (Equation e : d.equations()) {
            sb.append(e.name()).append(" = ").append(ExprPrinter.print(e.value())).append("   // ").append(e.label()).append("\n");
        }
        System.out.println(sb);
        Derivation c = Deriver.derive(Networks.planar(), Convention.COST);
        for (Equation e : c.equations()) {
            System.out.println(e.name() + " = " + ExprPrinter.print(e.value()) + "   // " + e.label());
        }
        assertEquals("""
                dZ2 = A2 - Y   // dL/dZ2
                dW2 = 1/m * dZ2 @ A1.T   // dJ/dW2
                db2 = 1/m * sum(dZ2, axis=1)   // dJ/db2
                dA1 = W2.T @ dZ2   // dL/dA1
                dZ1 = dA1 * (1 - A1^2)   // dL/dZ1
                dW1 = 1/m * dZ1 @ X.T   // dJ/dW1
                db1 = 1/m * sum(dZ1, axis=1)   // dJ/db1
                """, sb.toString());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Convention.class)
    void planarGradientsAgreeWithFiniteDifferences(Convention convention) {
        Derivation d = Deriver.derive(Networks.planar(), convention);
        var env = FiniteDifferences.randomEnvironment(d, 7, 5);
        FiniteDifferences.relativeDifferences(d, env).forEach((p, diff) ->
                org.junit.jupiter.api.Assertions.assertTrue(diff < 1e-7, p + ": " + diff));
    }
}
