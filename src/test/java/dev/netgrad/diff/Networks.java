package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.CostForm;
import dev.netgrad.spec.DataValue;
import dev.netgrad.spec.Init;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.Statement;
import java.util.List;
import java.util.Optional;

/** Networks built without the parser, for tests of the derivation alone. */
final class Networks {
    private Networks() {
    }

    static Network planar() {
        Ref x = Ref.of("X", RefKind.INPUT, Shape.batch(2));
        Ref y = Ref.of("Y", RefKind.TARGET, Shape.batch(1));
        Ref w1 = Ref.of("W1", RefKind.PARAM, new Shape(4, 2));
        Ref b1 = Ref.of("b1", RefKind.PARAM, new Shape(4, 1));
        Ref w2 = Ref.of("W2", RefKind.PARAM, new Shape(1, 4));
        Ref b2 = Ref.of("b2", RefKind.PARAM, new Shape(1, 1));
        Node z1 = Apply.of(Op.ADD, Apply.of(Op.MATMUL, w1, x), b1);
        Ref rz1 = Ref.of("Z1", RefKind.VALUE, z1.shape());
        Node a1 = Apply.of(Op.TANH, rz1);
        Ref ra1 = Ref.of("A1", RefKind.VALUE, a1.shape());
        Node z2 = Apply.of(Op.ADD, Apply.of(Op.MATMUL, w2, ra1), b2);
        Ref rz2 = Ref.of("Z2", RefKind.VALUE, z2.shape());
        Node a2 = Apply.of(Op.SIGMOID, rz2);
        Ref ra2 = Ref.of("A2", RefKind.VALUE, a2.shape());
        Node one = Num.of(1);
        Node l = Apply.of(Op.NEG, Apply.of(Op.ADD, Apply.of(Op.MUL, y, Apply.of(Op.LOG, ra2)),
                Apply.of(Op.MUL, Apply.of(Op.SUB, one, y), Apply.of(Op.LOG, Apply.of(Op.SUB, one, ra2)))));
        Ref rl = Ref.of("L", RefKind.VALUE, l.shape());
        Node j = Apply.of(Op.MEAN, rl);
        SourcePos p = SourcePos.NONE;
        return new Network("Planar", "planar.nn", p, List.of(), List.of(),
                List.of(new DataValue("X", 2, p)), List.of(new DataValue("Y", 1, p)),
                List.of(new Param("W1", new Shape(4, 2), Init.of(Init.Kind.RANDN, 0.01), true, p),
                        new Param("b1", new Shape(4, 1), Init.of(Init.Kind.ZEROS), false, p),
                        new Param("W2", new Shape(1, 4), Init.of(Init.Kind.RANDN, 0.01), true, p),
                        new Param("b2", new Shape(1, 1), Init.of(Init.Kind.ZEROS), false, p)),
                List.of(new Statement("Z1", z1, Statement.Role.VALUE, p),
                        new Statement("A1", a1, Statement.Role.VALUE, p),
                        new Statement("Z2", z2, Statement.Role.VALUE, p),
                        new Statement("A2", a2, Statement.Role.VALUE, p),
                        new Statement("L", l, Statement.Role.LOSS, p),
                        new Statement("J", j, Statement.Role.COST, p)),
                "L", "J", new CostForm(true, Optional.empty()), "A2", Optional.empty());
    }
}
