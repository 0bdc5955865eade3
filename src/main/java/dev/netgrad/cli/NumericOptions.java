package dev.netgrad.cli;

import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A verb with numeric options. A value that does not even parse as the option's type
 * ({@code --epochs 99999999999} for an int, {@code --seed 1e3}) is refused as one out of range
 * is, with what the option allows, rather than with picocli's "is not an int" and the usage text.
 */
interface NumericOptions {
    /** Per option, what completes "--OPTION must be ...": {@code between 0 and 10,000,000}. */
    Map<String, String> allowedValues();

    /** The one-line usage error for a value of a numeric option that picocli could not convert; empty for any other problem. */
    static Optional<UserError> refusal(ParameterException e) {
        if (!(e.getArgSpec() instanceof OptionSpec option) || e.getValue() == null
                || !(e.getCommandLine().getCommand() instanceof NumericOptions verb)) {
            return Optional.empty();
        }
        String allowed = verb.allowedValues().get(option.longestName());
        if (allowed == null) {
            return Optional.empty();
        }
        // Say what kind of number, unless the allowed values say it ("a positive number"): "--warmup must be between 0
        // and 3,600, found 0x1p4" read as if 16 were out of range.
        boolean whole = option.type() != double.class && option.type() != Double.class;
        String kind = whole ? "a whole number " : allowed.startsWith("a ") ? "" : "a number ";
        return Optional.of(OptionRange.refused(e.getCommandLine().getCommandName(), option.longestName(), kind + allowed, e.getValue()));
    }
}
