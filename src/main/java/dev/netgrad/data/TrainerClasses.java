package dev.netgrad.data;

import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.codegen.InMemoryCompiler;
import dev.netgrad.codegen.TrainerGenerator;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Deriver;
import dev.netgrad.spec.Network;

/** The generated trainer class of a network, compiled in memory (once per process for the same source). */
public final class TrainerClasses {
    private TrainerClasses() {
    }

    /**
     * Derives, generates and compiles the network's trainer. A network the generator does not
     * support (several inputs, for instance) gives a DataException naming the spec file.
     */
    public static Class<?> compile(Network network) throws DataException {
        String source;
        try {
            source = TrainerGenerator.generate(Deriver.derive(network, Convention.LOSS), CompiledTrainer.PACKAGE);
        } catch (IllegalArgumentException unsupported) {
            throw DataException.inFile(network.path(), unsupported.getMessage());
        }
        return InMemoryCompiler.load(CompiledTrainer.PACKAGE + "." + TrainerGenerator.className(network), source);
    }
}
