package dev.netgrad.data;

import dev.netgrad.codegen.OutputKind;
import dev.netgrad.runtime.Prediction;
import dev.netgrad.spec.Network;
import java.util.Objects;

/**
 * What a network expects of a CSV row: the input's name and size, the target's name and rows, and
 * what its label means.
 */
public record DataLayout(String inputName, int featureCount, String targetName, int targetRows, Prediction kind) {
    public DataLayout {
        Objects.requireNonNull(inputName, "inputName");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(kind, "kind");
        if (featureCount < 1 || targetRows < 1 || (kind == Prediction.CLASSES) != (targetRows > 1)) {
            throw new IllegalArgumentException("bad layout " + featureCount + " -> " + targetRows + " " + kind);
        }
    }

    /** The layout of a checked network's single input and single target. */
    public static DataLayout of(Network network) throws DataException {
        if (network.inputs().size() != 1 || network.targets().size() != 1) {
            throw DataException.inFile(network.path(), "network " + network.name() + " has "
                    + CsvReader.count(network.inputs().size(), "input") + " and " + CsvReader.count(network.targets().size(), "target")
                    + "; training on a CSV file needs exactly one of each");
        }
        int targetRows = network.targets().get(0).rows();
        return new DataLayout(network.inputs().get(0).name(), network.inputs().get(0).rows(),
                network.targets().get(0).name(), targetRows, OutputKind.of(network));
    }

    /** The valid labels in the user's terms: "0 or 1", "a class index from 0 to k-1" or "a number". */
    String labelRange() {
        return switch (kind) {
            case CLASSES -> "a class index from 0 to " + (targetRows - 1);
            case PROBABILITY, LOGIT -> "0 or 1";
            case NUMBER -> "a number";
        };
    }
}
