package dev.netgrad.codegen;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import com.github.javaparser.printer.DefaultPrettyPrinterVisitor;
import com.github.javaparser.printer.configuration.DefaultConfigurationOption;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration.ConfigOption;
import com.github.javaparser.printer.configuration.Indentation;
import com.github.javaparser.printer.configuration.PrinterConfiguration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints a generated class: JavaParser's pretty printer, configured once (four spaces, {@code \n},
 * comments and Javadoc, imports in the order given), so that a spec always gives the same bytes.
 * Array initializers too long for one line (exp's table, the names of a deep network's params)
 * are wrapped, several values a line.
 */
final class ClassPrinter {
    private ClassPrinter() {
    }

    static String print(CompilationUnit cu) {
        DefaultPrinterConfiguration config = new DefaultPrinterConfiguration();
        config.addOption(new DefaultConfigurationOption(ConfigOption.END_OF_LINE_CHARACTER, "\n"));
        config.addOption(new DefaultConfigurationOption(ConfigOption.INDENTATION, new Indentation(Indentation.IndentType.SPACES, 4)));
        config.addOption(new DefaultConfigurationOption(ConfigOption.PRINT_COMMENTS));
        config.addOption(new DefaultConfigurationOption(ConfigOption.PRINT_JAVADOC));
        config.removeOption(new DefaultConfigurationOption(ConfigOption.ORDER_IMPORTS));
        return new DefaultPrettyPrinter(OrphanAwareVisitor::new, config).print(cu);
    }

    /**
     * Before every node, JavaParser's visitor copies and sorts all the children of the node's parent
     * to find orphan comments to print first: for a class of n members that is n sorts of n, and a
     * network of 200 layers has thousands of members. A parent without orphan comments (every node
     * netgrad builds) has nothing to print there, so the search is skipped; the output is the same.
     */
    private static final class OrphanAwareVisitor extends DefaultPrettyPrinterVisitor {
        /** The most characters of values on one line of an initializer (the indentation comes on top). */
        private static final int VALUES_WIDTH = 90;

        OrphanAwareVisitor(PrinterConfiguration configuration) {
            super(configuration);
        }

        @Override
        public void visit(ArrayInitializerExpr n, Void arg) {
            List<String> values = n.getValues().stream().map(Expression::toString).toList();
            int width = values.stream().mapToInt(v -> v.length() + 2).sum();
            if (width <= VALUES_WIDTH || n.getComment().isPresent()) {
                super.visit(n, arg);
                return;
            }
            printer.println("{");
            printer.indent();
            wrap(values);
            printer.println();
            printer.unindent();
            printer.print("}");
        }

        /**
         * JavaParser spells a primitive type as its enum constant's name().toLowerCase() in the default
         * locale when the enum is first loaded: in a Turkish or Azeri one INT became "\u0131nt", and every
         * generated class failed to compile (LC_ALL=tr_TR.UTF-8). The keyword in the root locale.
         */
        @Override
        public void visit(PrimitiveType n, Void arg) {
            printOrphanCommentsBeforeThisChildNode(n);
            printComment(n.getComment(), arg);
            printAnnotations(n.getAnnotations(), true, arg);
            printer.print(n.getType().name().toLowerCase(Locale.ROOT));
        }

        /** {@code case 0 -> W1;} on one line (JavaParser puts the result on a line of its own). */
        @Override
        public void visit(SwitchEntry n, Void arg) {
            if (n.getType() == SwitchEntry.Type.STATEMENT_GROUP || n.getStatements().size() != 1 || n.getComment().isPresent()) {
                super.visit(n, arg);
                return;
            }
            printer.print(n.getLabels().isEmpty() ? "default" : "case " + n.getLabels().stream().map(Expression::toString).collect(Collectors.joining(", ")));
            printer.print(" -> ");
            n.getStatements().get(0).accept(this, arg);
            printer.println();
        }

        /** {@code switch (index)}, spaced as {@code for (} and {@code if (} are (JavaParser prints {@code switch(}). */
        @Override
        public void visit(SwitchExpr n, Void arg) {
            printOrphanCommentsBeforeThisChildNode(n);
            printComment(n.getComment(), arg);
            printer.print("switch (");
            n.getSelector().accept(this, arg);
            printer.println(") {");
            printer.indent();
            n.getEntries().forEach(entry -> entry.accept(this, arg));
            printer.unindent();
            printer.print("}");
        }

        /** Long argument lists (the runtime's Layout) wrapped as long initializers are. */
        @Override
        public void visit(ObjectCreationExpr n, Void arg) {
            List<String> values = n.getArguments().stream().map(Expression::toString).toList();
            int width = values.stream().mapToInt(v -> v.length() + 2).sum();
            if (width <= VALUES_WIDTH || n.getComment().isPresent() || n.getAnonymousClassBody().isPresent() || n.getScope().isPresent()) {
                super.visit(n, arg);
                return;
            }
            printer.println("new " + n.getType() + "(");
            printer.indent();
            printer.indent();
            wrap(values);
            printer.unindent();
            printer.unindent();
            printer.print(")");
        }

        private void wrap(List<String> values) {
            int line = 0;
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i) + (i + 1 < values.size() ? "," : "");
                if (line > 0 && line + 1 + value.length() > VALUES_WIDTH) {
                    printer.println();
                    line = 0;
                }
                if (line > 0) {
                    printer.print(" ");
                    line++;
                }
                printer.print(value);
                line += value.length();
            }
        }

        @Override
        protected void printOrphanCommentsBeforeThisChildNode(Node node) {
            Node parent = node.getParentNode().orElse(null);
            if (parent != null && !parent.getOrphanComments().isEmpty()) {
                super.printOrphanCommentsBeforeThisChildNode(node);
            }
        }
    }
}
