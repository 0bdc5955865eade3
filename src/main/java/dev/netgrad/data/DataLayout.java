package dev.netgrad.data;

import dev.netgrad.English;
import dev.netgrad.codegen.OutputKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.runtime.Prediction;
import dev.netgrad.spec.DataValue;
import dev.netgrad.spec.Network;
import java.util.Objects;

/**
 * What a network expects of a CSV row: the input's name and size (and its height, width and
 * channels when it is an image; null for a plain input), the target's name and rows, and what its
 * label means.
 */
public record DataLayout(String inputName, int featureCount, String targetName, int targetRows, Prediction kind,
                         Shape.Grid inputGrid) {
    public DataLayout {
        Objects.requireNonNull(inputName, "inputName");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(kind, "kind");
        if (featureCount < 1 || targetRows < 1 || kind.scoresClasses() != (targetRows > 1)
                || (inputGrid != null && inputGrid.size() != featureCount)) {
            throw new IllegalArgumentException("bad layout " + featureCount + " -> " + targetRows + " " + kind);
        }
    }

    /** A plain input of {@code featureCount} rows. */
    public DataLayout(String inputName, int featureCount, String targetName, int targetRows, Prediction kind) {
        this(inputName, featureCount, targetName, targetRows, kind, null);
    }

    /** The layout of a checked network's single input and single target. */
    public static DataLayout of(Network network) throws DataException {
        if (network.inputs().size() != 1 || network.targets().size() != 1) {
            throw DataException.inFile(network.path(), "network " + network.name() + " has "
                    + English.count(network.inputs().size(), "input") + " and " + English.count(network.targets().size(), "target")
                    + "; training on a CSV file needs exactly one of each");
        }
        int targetRows = network.targets().get(0).rows();
        DataValue input = network.inputs().get(0);
        return new DataLayout(input.name(), input.rows(), network.targets().get(0).name(), targetRows,
                OutputKind.of(network), input.grid());
    }

    /**
     * The input in the user's terms, for a header of the wrong width: "input X has 2 rows", or for an
     * image its height, width and channels, whose product is the count of feature columns.
     */
    String inputDescription() {
        if (inputGrid == null) {
            return "input " + inputName + " has " + English.count(featureCount, "row");
        }
        return "input " + inputName + " is an image of " + inputGrid + " (height x width x channels), "
                + featureCount + " values an example";
    }

    /**
     * For an image input, what {@code features} columns would be if they are images of the same height and width
     * but another number of channels (an RGB file for a grey network): " (192 feature columns would be 8 x 8
     * images of 3 channels)"; empty otherwise.
     */
    String otherChannels(int features) {
        if (inputGrid == null || features <= 0) {
            return "";
        }
        int pixels = inputGrid.h() * inputGrid.w();
        if (features % pixels != 0 || features / pixels == inputGrid.c()) {
            return "";
        }
        return " (" + features + " feature columns would be " + inputGrid.h() + " x " + inputGrid.w() + " images of "
                + English.count(features / pixels, "channel") + ")";
    }

    /**
     * For an image input, how images reach netgrad, after a file that is none (a folder of images, an image
     * file): " (netgrad reads images from a CSV file, one example a row of its 8 x 8 x 1 = 64 pixel values:
     * docs/images.md)"; empty otherwise.
     */
    String imagesComeAsRows() {
        if (inputGrid == null) {
            return "";
        }
        return " (netgrad reads images from a CSV file, one example a row of its " + inputGrid + " = " + featureCount
                + " pixel values: docs/images.md)";
    }

    /** The valid labels in the user's terms: "0 or 1", "a class index from 0 to k-1" or "a number". */
    String labelRange() {
        return switch (kind) {
            case CLASSES, CLASS_LOGITS -> "a class index from 0 to " + (targetRows - 1);
            case PROBABILITY, LOGIT -> "0 or 1";
            case NUMBER -> "a number";
        };
    }
}
