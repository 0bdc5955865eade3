package dev.netgrad.runtime.spark;

import dev.netgrad.codegen.InMemoryCompiler;
import dev.netgrad.codegen.TrainerGenerator;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Deriver;
import dev.netgrad.runtime.Trainer;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trainers generated from the samples and compiled in memory, for Spark: a factory names the
 * sample, not the class (a class of the in-memory compiler's loader could not be deserialized by
 * name), and every task of this local Spark compiles nothing, finding the class compiled once.
 */
final class GeneratedTrainers {
    private static final Map<String, Class<?>> CLASSES = new ConcurrentHashMap<>();
    /** Specs given as text, by the name a test gave them (instead of a sample's file). */
    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

    private GeneratedTrainers() {
    }

    /** Makes trainers of {@code samples/<spec>}. */
    static TrainerFactory factory(String spec) {
        return seed -> create(spec, seed);
    }

    /** Makes trainers of a spec written in a test, known as {@code name} (not a sample's file name). */
    static TrainerFactory factory(String name, String specText) {
        TEXTS.put(name, specText);
        return factory(name);
    }

    /** A trainer of {@code samples/<spec>} (or of a spec given as text by that name), its params drawn from {@code seed}. */
    static Trainer create(String spec, long seed) {
        try {
            return (Trainer) CLASSES.computeIfAbsent(spec, GeneratedTrainers::compile).getConstructor(long.class).newInstance(seed);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> compile(String spec) {
        try {
            String text = TEXTS.containsKey(spec) ? TEXTS.get(spec) : Files.readString(Path.of("samples", spec));
            Network network = SpecReader.read(spec, text);
            String source = TrainerGenerator.generate(Deriver.derive(network, Convention.LOSS), "netgrad.generated");
            return InMemoryCompiler.load("netgrad.generated." + TrainerGenerator.className(network), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SpecException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of {@code samples/data/<csv>}: every column but the last a feature, the last the label. */
    static List<Example> csv(String csv) {
        try {
            List<String> lines = Files.readAllLines(Path.of("samples", "data", csv));
            List<Example> examples = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                double[] x = new double[cells.length - 1];
                for (int j = 0; j < x.length; j++) {
                    x[j] = Double.parseDouble(cells[j]);
                }
                examples.add(new Example(x, Double.parseDouble(cells[cells.length - 1])));
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
