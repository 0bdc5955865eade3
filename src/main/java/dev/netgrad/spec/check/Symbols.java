package dev.netgrad.spec.check;

import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Constant;
import dev.netgrad.spec.DataValue;
import dev.netgrad.spec.Dim;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every name a file declares, with what it stands for in the IR. A symbol without a node is
 * poisoned: its declaration had an error that was already reported, so uses stay silent.
 */
final class Symbols {
    enum Kind {
        DIM("dim"), CONST("const"), INPUT("input"), TARGET("target"), PARAM("param"), VALUE("value");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        String word() {
            return word;
        }
    }

    /** A declared name; {@code number} is the value of a dim or const. */
    record Symbol(String name, Kind kind, SourcePos pos, Optional<Node> node, double number) {
        Symbol {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(pos, "pos");
            Objects.requireNonNull(node, "node");
        }

        static Symbol poisoned(String name, Kind kind, SourcePos pos) {
            return new Symbol(name, kind, pos, Optional.empty(), Double.NaN);
        }

        Symbol withNode(Node value) {
            return new Symbol(name, kind, pos, Optional.of(value), number);
        }
    }

    private final Map<String, Symbol> table = new LinkedHashMap<>();
    /** Consts that are 0 only by underflow, each with the operation that underflowed ({@link ConstantFolder#underflow}). */
    private final Map<String, ConstantFolder.Underflow> underflows = new LinkedHashMap<>();

    /** The symbols of a checked network, for reading equation files against it. */
    static Symbols of(Network network) {
        Symbols s = new Symbols();
        for (Dim d : network.dims()) {
            s.put(new Symbol(d.name(), Kind.DIM, d.pos(), Optional.of(Num.of(d.value())), d.value()));
        }
        for (Constant c : network.consts()) {
            s.put(new Symbol(c.name(), Kind.CONST, c.pos(), Optional.of(constRef(c.name(), c.value())), c.value()));
        }
        for (DataValue d : network.inputs()) {
            s.put(new Symbol(d.name(), Kind.INPUT, d.pos(), Optional.of(Ref.of(d.name(), RefKind.INPUT, d.shape())), 0));
        }
        for (DataValue d : network.targets()) {
            s.put(new Symbol(d.name(), Kind.TARGET, d.pos(), Optional.of(Ref.of(d.name(), RefKind.TARGET, d.shape())), 0));
        }
        for (Param p : network.params()) {
            s.put(new Symbol(p.name(), Kind.PARAM, p.pos(), Optional.of(Ref.of(p.name(), RefKind.PARAM, p.shape())), 0));
        }
        for (Statement st : network.statements()) {
            s.put(new Symbol(st.name(), Kind.VALUE, st.pos(), Optional.of(valueRef(st.name(), st.shape())), 0));
        }
        return s;
    }

    static Ref constRef(String name, double value) {
        return Ref.constant(name, value);
    }

    static Ref valueRef(String name, Shape shape) {
        return Ref.of(name, RefKind.VALUE, shape);
    }

    Optional<Symbol> lookup(String name) {
        return Optional.ofNullable(table.get(name));
    }

    void put(Symbol symbol) {
        table.put(symbol.name(), symbol);
    }

    /** Records that const {@code name} is 0 only because {@code operation} underflowed. */
    void underflowed(String name, ConstantFolder.Underflow operation) {
        underflows.put(name, operation);
    }

    /** The operation by whose underflow const {@code name} is 0, or empty. */
    Optional<ConstantFolder.Underflow> underflow(String name) {
        return Optional.ofNullable(underflows.get(name));
    }

    Collection<Symbol> all() {
        return table.values();
    }
}
