package dev.netgrad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shipped sample networks, {@code samples/*.nn}, for every test that runs over all of them.
 * Tests run in the project's root. A missing or empty folder is an error, never an empty list: a
 * test over no samples would pass without checking anything.
 */
public final class SampleFiles {
    public static final Path DIR = Path.of("samples");

    /** Fewer than this many samples means the folder was not found whole. */
    static final int AT_LEAST = 10;

    private SampleFiles() {
    }

    /** Every {@code samples/*.nn}, sorted by file name. */
    public static List<Path> specs() {
        List<Path> specs;
        try (Stream<Path> files = Files.list(DIR)) {
            specs = files.filter(p -> p.getFileName().toString().endsWith(".nn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the samples in " + DIR.toAbsolutePath(), e);
        }
        if (specs.size() < AT_LEAST) {
            throw new IllegalStateException("expected at least " + AT_LEAST + " samples in " + DIR.toAbsolutePath()
                    + ", found " + specs.size());
        }
        return specs;
    }

    /** Every {@code samples/images/*.nn}: the image networks, sorted by file name (at least two). */
    public static List<Path> imageSpecs() {
        List<Path> specs;
        Path dir = DIR.resolve("images");
        try (Stream<Path> files = Files.list(dir)) {
            specs = files.filter(p -> p.getFileName().toString().endsWith(".nn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the image samples in " + dir.toAbsolutePath(), e);
        }
        if (specs.size() < 2) {
            throw new IllegalStateException("expected at least 2 image samples in " + dir.toAbsolutePath() + ", found " + specs.size());
        }
        return specs;
    }

    /** One sample by file name, such as {@code planar.nn}. */
    public static Path spec(String fileName) {
        return DIR.resolve(fileName);
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
