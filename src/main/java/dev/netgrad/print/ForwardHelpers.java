package dev.netgrad.print;

import dev.netgrad.diff.Derivation;
import dev.netgrad.spec.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The values the derivation's lowering added to the forward program (batchnorm's mean, centred
 * value, standard deviation and normalized value). The equations read them, so every printer
 * prints their definitions too, in forward order, before the equations.
 */
final class ForwardHelpers {
    private ForwardHelpers() {
    }

    static List<Statement> of(Derivation d) {
        Set<String> declared = d.network().statements().stream().map(Statement::name).collect(Collectors.toSet());
        return d.forward().stream().filter(s -> !declared.contains(s.name())).toList();
    }
}
