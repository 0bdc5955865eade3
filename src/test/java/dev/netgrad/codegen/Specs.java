package dev.netgrad.codegen;

import dev.netgrad.SampleFiles;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Deriver;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Specs for the code generator's tests: the samples, random networks, and specs written inline. */
final class Specs {
    static final Path SAMPLES = SampleFiles.DIR;

    private Specs() {
    }

    /** Every sample spec, sorted by file name. */
    static List<Path> samples() {
        return SampleFiles.specs();
    }

    /** Every image sample, {@code samples/images/*.nn}, sorted by file name. */
    static List<Path> imageSamples() {
        return SampleFiles.imageSpecs();
    }

    static Network read(Path file) {
        try {
            return read(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Network read(String name, String text) {
        try {
            return SpecReader.read(name, text);
        } catch (SpecException e) {
            throw new IllegalArgumentException(e.getMessage() + "\n" + text, e);
        }
    }

    static Derivation derive(Network network) {
        return Deriver.derive(network, Convention.LOSS);
    }

    static Derivation derive(String name, String text) {
        return derive(read(name, text));
    }

    /** A random network from the derivation's own test generator (package-private there, so reached by reflection). */
    static String randomSpec(long seed) {
        return random("generate", seed);
    }

    /** A random convolutional network from the same generator. */
    static String randomImageSpec(long seed) {
        return random("generateImage", seed);
    }

    /** A network of random expressions (dev.netgrad.diff.RandomExpressions). */
    static String randomExpressionSpec(long seed) {
        try {
            Class<?> generator = Class.forName("dev.netgrad.diff.RandomExpressions");
            Method generate = generator.getDeclaredMethod("generate", long.class);
            generate.setAccessible(true);
            return (String) generate.invoke(null, seed);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("dev.netgrad.diff.RandomExpressions.generate(long) is not available", e);
        }
    }

    /** A network at the edges of the doubles and of the text (dev.netgrad.diff.EdgeSpecs). */
    static String edgeSpec(long seed) {
        try {
            Class<?> generator = Class.forName("dev.netgrad.diff.EdgeSpecs");
            Method generate = generator.getDeclaredMethod("generate", long.class);
            generate.setAccessible(true);
            return (String) generate.invoke(null, seed);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("dev.netgrad.diff.EdgeSpecs.generate(long) is not available", e);
        }
    }

    private static String random(String method, long seed) {
        try {
            Class<?> generator = Class.forName("dev.netgrad.diff.RandomSpecs");
            Method generate = generator.getDeclaredMethod(method, long.class);
            generate.setAccessible(true);
            return (String) generate.invoke(null, seed);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("dev.netgrad.diff.RandomSpecs." + method + "(long) is not available", e);
        }
    }
}
