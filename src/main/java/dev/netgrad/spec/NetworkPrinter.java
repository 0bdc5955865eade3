package dev.netgrad.spec;

import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a checked network in {@code .nn} syntax, shorthand expanded and every default written out,
 * each statement with its shape as a comment. The output reads back to an equal network.
 */
public final class NetworkPrinter {
    private static final String INDENT = "  ";
    /** Shape comments line up unless a statement is longer than this. */
    private static final int MAX_ALIGN = 60;

    private NetworkPrinter() {
    }

    public static String print(Network n) {
        List<String> lines = new ArrayList<>();
        lines.add("network " + n.name() + " {");
        section(lines, declarations(n));
        section(lines, params(n));
        section(lines, statements(n));
        section(lines, List.of("output " + n.output()));
        n.train().ifPresent(t -> section(lines, train(t)));
        lines.add("}");
        return String.join("\n", lines) + "\n";
    }

    private static void section(List<String> lines, List<String> section) {
        if (section.isEmpty()) {
            return;
        }
        if (lines.size() > 1) {
            lines.add("");
        }
        section.forEach(l -> lines.add(l.isEmpty() ? l : INDENT + l));
    }

    private static List<String> declarations(Network n) {
        List<String> lines = new ArrayList<>();
        n.dims().forEach(d -> lines.add("dim " + d.name() + " = " + d.value()));
        n.consts().forEach(c -> lines.add("const " + c.name() + " = " + ExprPrinter.number(c.value())));
        n.inputs().forEach(d -> lines.add("input " + d.name() + sizes(d)));
        n.targets().forEach(d -> lines.add("target " + d.name() + sizes(d)));
        return lines;
    }

    private static List<String> params(Network n) {
        return n.params().stream().map(p -> "param " + p.name() + sizes(p) + " init " + init(p.init())).toList();
    }

    private static String sizes(Param p) {
        Shape s = p.shape();
        if (s.isFilterBank()) {
            return "[" + s.grid().h() + ", " + s.grid().w() + ", " + s.grid().c() + ", " + s.cols() + "]";
        }
        return p.weight() ? "[" + s.rows() + ", " + s.cols() + "]" : "[" + s.rows() + "]";
    }

    static String init(Init init) {
        if (init.args().isEmpty()) {
            return init.kind().keyword();
        }
        return init.kind().keyword() + init.args().stream().map(ExprPrinter::number)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * The network's forward pass, a line a value ({@code A1 = tanh(Z1)}), the loss and cost left out: what params were
     * trained through, which a params file keeps so that params used with another forward pass (the same names and
     * shapes, another activation) are told of.
     */
    public static List<String> forward(Network n) {
        return n.statements().stream().filter(s -> s.role() == Statement.Role.VALUE)
                .map(s -> s.name() + " = " + ExprPrinter.printAsWritten(s.value())).toList();
    }

    private static List<String> statements(Network n) {
        List<String> code = new ArrayList<>();
        for (Statement s : n.statements()) {
            String prefix = switch (s.role()) {
                case LOSS -> "loss ";
                case COST -> "cost ";
                case VALUE -> "";
            };
            code.add(prefix + s.name() + " = " + ExprPrinter.printAsWritten(s.value()));
        }
        int width = code.stream().mapToInt(String::length).filter(w -> w <= MAX_ALIGN).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < code.size(); i++) {
            String c = code.get(i);
            lines.add(c + " ".repeat(Math.max(2, width - c.length() + 2)) + "// " + n.statements().get(i).shape());
        }
        return lines;
    }

    private static List<String> train(TrainConfig t) {
        List<String> lines = new ArrayList<>();
        lines.add("train {");
        lines.add(INDENT + "optimizer " + optimizer(t.optimizer()));
        t.batch().ifPresent(b -> lines.add(INDENT + "batch " + b));
        lines.add(INDENT + "epochs " + t.epochs());
        lines.add(INDENT + "seed " + t.seed());
        lines.add("}");
        return lines;
    }

    private static String optimizer(Optimizer o) {
        String lr = "lr = " + ExprPrinter.number(o.lr());
        return switch (o.kind()) {
            case GD -> "gd(" + lr + ")";
            case MOMENTUM -> "momentum(" + lr + ", beta = " + ExprPrinter.number(o.beta()) + ")";
            case ADAM -> "adam(" + lr + ", beta1 = " + ExprPrinter.number(o.beta1()) + ", beta2 = "
                    + ExprPrinter.number(o.beta2()) + ", eps = " + ExprPrinter.number(o.eps()) + ")";
        };
    }

    private static String sizes(DataValue d) {
        return d.grid() == null ? "[" + d.rows() + "]"
                : "[" + d.grid().h() + ", " + d.grid().w() + ", " + d.grid().c() + "]";
    }
}
