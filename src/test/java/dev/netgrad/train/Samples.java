package dev.netgrad.train;

import dev.netgrad.SampleFiles;
import dev.netgrad.data.CsvReader;
import dev.netgrad.data.DataException;
import dev.netgrad.data.DataLayout;
import dev.netgrad.data.Dataset;
import dev.netgrad.data.TrainerClasses;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped samples and their data, read the way the command line reads them. */
final class Samples {
    static final Path DIR = SampleFiles.DIR;
    static final Path DATA = DIR.resolve("data");

    private Samples() {
    }

    static Network network(String specFile) throws IOException, SpecException {
        Path file = DIR.resolve(specFile);
        return SpecReader.read(file.toString(), Files.readString(file));
    }

    static Dataset data(Network network, String csvFile) throws DataException {
        return CsvReader.readDataset(DATA.resolve(csvFile), DataLayout.of(network));
    }

    static Class<?> trainerClass(Network network) throws DataException {
        return TrainerClasses.compile(network);
    }
}
