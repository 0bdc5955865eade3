package dev.netgrad.print;

import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Equation;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Constant;
import dev.netgrad.spec.DataValue;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.Statement;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The forward and backward graphs as Graphviz DOT. Forward: inputs, targets, params, consts and
 * the lowered statements, with an edge from every name a statement reads. Backward: one node per
 * equation, with an edge from every derivative it reads, and a dashed edge from the value each
 * derivative belongs to. Nodes and edges come in program order, so the output is deterministic.
 */
public final class DotPrinter {
    private static final String PARAM_STYLE = "shape=box, style=\"rounded,filled\", fillcolor=\"#fff2cc\"";
    private static final String DATA_STYLE = "shape=box";
    private static final String CONST_STYLE = "shape=plaintext";
    private static final String GRADIENT_STYLE = "shape=box, style=\"rounded,filled\", fillcolor=\"#d5e8d4\"";
    private static final String DELTA_STYLE = "shape=ellipse, style=filled, fillcolor=\"#dae8fc\"";

    private DotPrinter() {
    }

    public static String print(Derivation d) {
        StringBuilder out = new StringBuilder();
        out.append("digraph ").append(quote(d.network().name())).append(" {\n");
        out.append("  // ").append(TextPrinter.header(d)).append('\n');
        out.append("  node [fontname=\"Helvetica\"];\n");
        out.append("  edge [fontname=\"Helvetica\"];\n\n");
        forward(d, out);
        out.append('\n');
        backward(d, out);
        out.append("}\n");
        return out.toString();
    }

    private static void forward(Derivation d, StringBuilder out) {
        out.append("  subgraph cluster_forward {\n    label=\"forward\";\n");
        for (DataValue v : d.network().inputs()) {
            node(out, v.name(), v.shape(), DATA_STYLE);
        }
        for (DataValue v : d.network().targets()) {
            node(out, v.name(), v.shape(), DATA_STYLE);
        }
        for (Param p : d.network().params()) {
            node(out, p.name(), p.shape(), PARAM_STYLE);
        }
        for (Constant c : d.network().consts()) {
            node(out, c.name(), Shape.SCALAR, CONST_STYLE);
        }
        for (Statement s : d.forward()) {
            node(out, s.name(), s.shape(), s.role() == Statement.Role.VALUE ? "shape=ellipse" : "shape=ellipse, peripheries=2");
        }
        for (Statement s : d.forward()) {
            for (String read : reads(s.value(), Graph.FORWARD)) {
                edge(out, "    ", read, s.name(), "");
            }
        }
        out.append("  }\n");
    }

    private static void backward(Derivation d, StringBuilder out) {
        out.append("  subgraph cluster_backward {\n    label=\"backward, convention ")
                .append(d.convention().keyword()).append("\";\n");
        for (Equation e : d.equations()) {
            String style = e.kind() == Equation.Kind.GRADIENT ? GRADIENT_STYLE : DELTA_STYLE;
            out.append("    ").append(quote(e.name())).append(" [label=")
                    .append(quote(e.name() + "\n" + e.label() + "\n" + e.shape())).append(", ").append(style).append("];\n");
        }
        for (Equation e : d.equations()) {
            for (String read : reads(e.value(), Graph.BACKWARD)) {
                edge(out, "    ", read, e.name(), "");
            }
        }
        out.append("  }\n");
        for (Equation e : d.equations()) {
            edge(out, "  ", e.of(), e.name(), " [style=dashed, arrowhead=none, constraint=false]");
        }
    }

    /** The two graphs, and which references make edges in each. */
    private enum Graph {
        FORWARD, BACKWARD;

        boolean accepts(RefKind kind) {
            if (this == BACKWARD) {
                return kind == RefKind.DERIVATIVE;
            }
            return kind == RefKind.INPUT || kind == RefKind.TARGET || kind == RefKind.PARAM
                    || kind == RefKind.CONST || kind == RefKind.VALUE;
        }
    }

    /** The distinct names an expression reads, in order of first appearance; a mask's owner is not read. */
    private static Set<String> reads(Node node, Graph kinds) {
        Set<String> out = new LinkedHashSet<>();
        collect(node, kinds, out);
        return out;
    }

    private static void collect(Node node, Graph kinds, Set<String> out) {
        Nodes.refs(node, Nodes.Masks.SKIP).stream().filter(r -> kinds.accepts(r.kind())).forEach(r -> out.add(r.name()));
    }

    private static void node(StringBuilder out, String name, Shape shape, String style) {
        out.append("    ").append(quote(name)).append(" [label=").append(quote(name + "\n" + shape)).append(", ")
                .append(style).append("];\n");
    }

    private static void edge(StringBuilder out, String indent, String from, String to, String attributes) {
        out.append(indent).append(quote(from)).append(" -> ").append(quote(to)).append(attributes).append(";\n");
    }

    /** A DOT string; line breaks become DOT's centred {@code \n}. */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
