package dev.netgrad.print;

import dev.netgrad.SampleFiles;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Deriver;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shipped sample networks, read with the real parser. Tests run in the project's root. */
final class Samples {
    static final Path DIR = SampleFiles.DIR;

    private Samples() {
    }

    /** Every {@code samples/*.nn}, sorted by file name. */
    static List<Path> all() {
        return SampleFiles.specs();
    }

    static Network read(Path sample) {
        try {
            return SpecReader.read(sample.toString(), Files.readString(sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SpecException e) {
            throw new AssertionError("sample does not parse:\n" + e.formatted(), e);
        }
    }

    static Derivation derive(Path sample, Convention convention) {
        return Deriver.derive(read(sample), convention);
    }

    /** A spec written in a test, read with the real parser as the file {@code name}. */
    static Derivation derive(String name, String spec, Convention convention) {
        try {
            return Deriver.derive(SpecReader.read(name, spec), convention);
        } catch (SpecException e) {
            throw new AssertionError("spec does not parse:\n" + e.formatted(), e);
        }
    }

    static Derivation planar(Convention convention) {
        return derive(DIR.resolve("planar.nn"), convention);
    }
}
