package dev.netgrad.data;

import dev.netgrad.Compilation;
import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.codegen.InMemoryCompiler;
import dev.netgrad.diff.Convention;
import dev.netgrad.runtime.NetworkTrainer;
import dev.netgrad.spec.Network;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The generated trainer class of a network (a runtime {@link NetworkTrainer}), generated and compiled in memory once per process. */
public final class TrainerClasses {
    /** Generation and compilation take seconds; a process that trains one network twice (tests) does it once. */
    private static final Map<Network, Class<? extends NetworkTrainer>> COMPILED = new ConcurrentHashMap<>();

    private TrainerClasses() {
    }

    /**
     * Derives, generates and compiles the network's trainer. A network the generator does not
     * support (several inputs, for instance) gives a DataException naming the spec file.
     */
    public static Class<? extends NetworkTrainer> compile(Network network) throws DataException {
        Class<? extends NetworkTrainer> known = COMPILED.get(network);
        if (known == null) {
            known = generateAndCompile(network);
            COMPILED.putIfAbsent(network, known);
        }
        return known;
    }

    private static Class<? extends NetworkTrainer> generateAndCompile(Network network) throws DataException {
        Compilation compilation;
        String source;
        try {
            compilation = Compilation.of(network, Convention.LOSS);
            source = compilation.trainer(CompiledTrainer.PACKAGE);
        } catch (IllegalArgumentException unsupported) {
            throw DataException.inFile(network.path(), unsupported.getMessage());
        }
        return InMemoryCompiler.load(CompiledTrainer.PACKAGE + "." + compilation.trainerClassName(), source)
                .asSubclass(NetworkTrainer.class);
    }
}
