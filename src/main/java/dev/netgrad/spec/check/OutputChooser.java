package dev.netgrad.spec.check;

import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.Statement;
import dev.netgrad.spec.ast.Member;
import java.util.List;
import java.util.Optional;

/**
 * The network's prediction: the {@code output} line, else the value the loss reads (the last
 * assigned if it reads several).
 */
final class OutputChooser {
    private final Symbols symbols;
    private final Diagnostics diagnostics;

    OutputChooser(Symbols symbols, Diagnostics diagnostics) {
        this.symbols = symbols;
        this.diagnostics = diagnostics;
    }

    /** The value the loss reads: the shorthand's last layer, else the last assigned of the loss's reads. */
    Optional<String> byDefault(Optional<String> shorthand, List<Statement> statements, Statement loss) {
        if (shorthand.isPresent()) {
            return shorthand;
        }
        List<String> read = IrRefs.of(loss.value()).stream().filter(r -> r.kind() == RefKind.VALUE)
                .map(Ref::name).toList();
        Optional<String> last = statements.stream().map(Statement::name).filter(read::contains)
                .reduce((first, second) -> second);
        if (last.isEmpty()) {
            diagnostics.error(loss.pos(), "cannot tell the network's output: the loss reads no assigned value; "
                    + "add 'output NAME'");
        }
        return last;
    }

    /** An {@code output} line: checked on its own, so its error shows even when the loss has one. */
    Optional<String> declared(Member.Output output, Optional<String> loss, Optional<String> cost) {
        String name = output.name();
        Optional<Symbols.Symbol> symbol = symbols.lookup(name);
        if (symbol.isEmpty()) {
            List<String> known = symbols.all().stream().map(Symbols.Symbol::name).toList();
            diagnostics.error(output.pos(), "undefined name '" + name + "'" + Names.didYouMean(name, known));
            return Optional.empty();
        }
        if (symbol.get().kind() != Symbols.Kind.VALUE) {
            diagnostics.error(output.pos(), "the output must be a value assigned by a statement, found "
                    + symbol.get().kind().word() + " " + name);
            return Optional.empty();
        }
        boolean isLoss = loss.filter(name::equals).isPresent();
        if (isLoss || cost.filter(name::equals).isPresent()) {
            diagnostics.error(output.pos(), "the output is the prediction, not the " + (isLoss ? "loss" : "cost")
                    + ": name the value the loss reads");
            return Optional.empty();
        }
        return Optional.of(name);
    }
}
