package dev.netgrad.codegen;

import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Equation;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Constant;
import dev.netgrad.spec.DataValue;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every flat {@code double[]} the generated class holds, with its Java name and shape: inputs,
 * targets, params, gradients, forward values, other derivatives, dropout masks and temporaries.
 * Buffers with a side of size m are allocated per batch size; the others once.
 */
final class Buffers {
    enum Kind { INPUT, TARGET, PARAM, GRADIENT, VALUE, DELTA, MASK, TEMP }

    /** One buffer: {@code key} is the IR name (for masks, the owner's name), {@code java} the field. */
    record Buffer(String key, String java, Shape shape, Kind kind) {
        boolean perBatch() {
            return shape.hasBatchSide();
        }
    }

    private final JavaNames names;
    private final Map<String, Buffer> named = new LinkedHashMap<>();
    private final Map<String, Buffer> masks = new LinkedHashMap<>();
    private final Map<String, String> consts = new LinkedHashMap<>();
    private final List<Buffer> temps = new ArrayList<>();
    /** A value or derivative that is a flatten or unflatten of another's buffer, to the buffer it shares. */
    private final Map<String, Buffer> shared = new LinkedHashMap<>();

    Buffers(Derivation d, Map<String, Shape> maskShapes, JavaNames names) {
        this.names = names;
        Network n = d.network();
        List<String> all = new ArrayList<>();
        n.inputs().forEach(v -> all.add(v.name()));
        n.targets().forEach(v -> all.add(v.name()));
        n.params().forEach(p -> all.add(p.name()));
        n.consts().forEach(c -> all.add(c.name()));
        d.stableForward().forEach(s -> all.add(s.name()));
        d.equations().forEach(e -> all.add(e.name()));
        names.claim(all);
        for (DataValue v : n.inputs()) {
            add(v.name(), v.shape(), Kind.INPUT);
        }
        for (DataValue v : n.targets()) {
            add(v.name(), v.shape(), Kind.TARGET);
        }
        for (Param p : n.params()) {
            add(p.name(), p.shape(), Kind.PARAM);
        }
        for (Constant c : n.consts()) {
            consts.put(c.name(), names.of(c.name()));
        }
        for (Statement s : d.stableForward()) {
            add(s.name(), s.shape(), Kind.VALUE);
        }
        for (Equation e : d.equations()) {
            add(e.name(), e.shape(), e.kind() == Equation.Kind.GRADIENT ? Kind.GRADIENT : Kind.DELTA);
        }
        d.stableForward().forEach(st -> share(st.name(), st.value(), RefKind.VALUE));
        d.equations().forEach(e -> share(e.name(), e.value(), RefKind.DERIVATIVE));
        maskShapes.forEach((owner, shape) ->
                masks.put(owner, new Buffer(owner, names.allocate("mask" + names.of(owner)), shape, Kind.MASK)));
    }

    private void add(String key, Shape shape, Kind kind) {
        if (named.containsKey(key)) {
            throw new IllegalArgumentException("the name " + key + " is used twice");
        }
        named.put(key, new Buffer(key, names.of(key), shape, kind));
    }

    /**
     * {@code F1 = flatten(P1)} or {@code dP1 = unflatten(dF1)}, both of a batch: flatten moves no
     * entry in the column layout, so F1 can be P1's array rather than a copy. Only a value of
     * another value, or a derivative of another derivative, shares: each of those is written by its
     * own statement alone, once per pass and before the sharer is read, and nothing writes the
     * sharer. An input's buffer may never be filled (products read the batch's rows), so a flatten
     * of an input keeps its copy.
     */
    private void share(String key, Node value, RefKind sourceKind) {
        if (value instanceof Apply a && (a.op() == Op.FLATTEN || a.op() == Op.UNFLATTEN) && a.arg(0) instanceof Ref r
                && r.kind() == sourceKind) {
            Buffer source = named.get(r.name());
            Buffer sharer = named.get(key);
            if (source != null && sharer != null && source.perBatch() && sharer.perBatch()
                    && (source.kind() == Kind.VALUE || source.kind() == Kind.DELTA)) {
                shared.put(key, shared.getOrDefault(source.key(), source));
            }
        }
    }

    /** The buffer whose array {@code b} is (allocated once, for both), when b is a flatten or unflatten of it. */
    Optional<Buffer> sharedWith(Buffer b) {
        return Optional.ofNullable(shared.get(b.key()));
    }

    /** The buffer of an input, target, param, value or derivative. */
    Buffer named(String key) {
        Buffer b = named.get(key);
        if (b == null) {
            throw new IllegalStateException("the generated class has no buffer for " + key);
        }
        return b;
    }

    Buffer mask(String owner) {
        Buffer b = masks.get(owner);
        if (b == null) {
            throw new IllegalStateException("no dropout mask belongs to " + owner);
        }
        return b;
    }

    /** The Java name of the static final field holding a const. */
    String constant(String name) {
        String java = consts.get(name);
        if (java == null) {
            throw new IllegalStateException("no const " + name);
        }
        return java;
    }

    Map<String, String> consts() {
        return consts;
    }

    /** A new temporary for an intermediate result of the statement whose Java name is {@code owner}. */
    Buffer temp(String owner, String what, Shape shape) {
        Buffer b = new Buffer(owner + "_" + what, names.allocate(owner + "_" + what), shape, Kind.TEMP);
        temps.add(b);
        return b;
    }

    List<Buffer> of(Kind kind) {
        List<Buffer> out = new ArrayList<>();
        named.values().stream().filter(b -> b.kind() == kind).forEach(out::add);
        if (kind == Kind.MASK) {
            out.addAll(masks.values());
        }
        if (kind == Kind.TEMP) {
            out.addAll(temps);
        }
        return out;
    }

    /** Every buffer in a fixed order: named ones as declared, then masks, then temporaries. */
    List<Buffer> all() {
        List<Buffer> out = new ArrayList<>(named.values());
        out.addAll(masks.values());
        out.addAll(temps);
        return out;
    }

    JavaNames names() {
        return names;
    }
}
