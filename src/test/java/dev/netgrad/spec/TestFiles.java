package dev.netgrad.spec;

import dev.netgrad.SampleFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files the front-end tests read, found from the project's base directory. */
final class TestFiles {
    /** docs/language.md section 1. */
    static final String PLANAR = """
            // Planar data classifier: one hidden layer, tanh then sigmoid.
            network Planar {
              input  X[2]                 // one column per example: X is 2 x m
              target Y[1]                 // Y is 1 x m

              param W1[4, 2] init randn(0.01)
              param b1[4]    init zeros   // 4 x 1, broadcast over the m columns
              param W2[1, 4] init randn(0.01)
              param b2[1]    init zeros

              Z1 = W1 @ X + b1
              A1 = tanh(Z1)
              Z2 = W2 @ A1 + b2
              A2 = sigmoid(Z2)

              loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))   // 1 x m: one loss per example
              cost J = mean(L)                                  // J = (1/m) * sum_i L(i)
              output A2
            }
            """;

    private TestFiles() {
    }

    static Path baseDir() {
        return Path.of(System.getProperty("basedir", "."));
    }

    static Path resource(String relative) {
        return baseDir().resolve("src/test/resources").resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file in {@code dir} whose name ends with one of {@code suffixes}, sorted. */
    static List<Path> list(Path dir, String... suffixes) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The samples (name and text). */
    static List<String[]> samples() {
        return SampleFiles.specs().stream().map(p -> new String[] {p.getFileName().toString(), read(p)}).toList();
    }
}
