package dev.netgrad.cli;

import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A number option ({@code --lr}, {@code --holdout}, {@code --warmup}) written as a plain decimal
 * number, as a CSV field is. picocli reads one with {@code Double.valueOf}, which also takes
 * Java's literal forms: {@code --lr 0.01d} trained at 0.01 and {@code --lr 0x1p-3} at 0.125
 * without a word, where the spec's numbers and numpy's would refuse them.
 */
final class DecimalOptions {
    /** A plain decimal number, with an optional sign and exponent: {@code 0.01}, {@code .5}, {@code 1e-3}. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private DecimalOptions() {
    }

    /** picocli's converter for every {@code double} option; a refusal becomes the option's own range error ({@link NumericOptions}). */
    static Double convert(String value) {
        if (!DECIMAL.matcher(value).matches()) {
            throw new CommandLine.TypeConversionException("is not a decimal number");
        }
        return Double.valueOf(value);
    }
}
