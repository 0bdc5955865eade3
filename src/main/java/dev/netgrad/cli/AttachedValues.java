package dev.netgrad.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A long option typed with one dash, as javac's, gcc's and java's are ({@code -output}): picocli reads it as the
 * short option of its first letter with the rest attached as its value, {@code -o utput}, and netgrad generate
 * wrote into a folder {@code utput} without a word. Such a value is refused when the word without its dash spells
 * one of the verb's long options or is a near miss of one, as an unknown option's suggestion finds it
 * ({@code -output}, {@code -outptu}, {@code -out}): the usage error asks for the long option. Any other attached
 * value is the short option's, as getopt's is ({@code -ogen} writes under {@code gen}); {@code -o utput} and
 * {@code -o=utput} give the value whatever it spells.
 */
final class AttachedValues {
    private AttachedValues() {
    }

    /** The refusal of a one-dash long option in a command line picocli parsed. */
    static Optional<UserError> refusal(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            Optional<UserError> refusal = refusal(level.commandSpec().commandLine(), level.matchedOptions(),
                    level.originalArgs());
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /** The same for a command line picocli could not parse: the options it matched before it stopped. */
    static Optional<UserError> refusal(CommandLine.ParameterException ex) {
        ParseResult parsed = ex.getCommandLine().getParseResult();
        return parsed == null ? Optional.empty() : refusal(ex.getCommandLine(), parsed.matchedOptions(), parsed.originalArgs());
    }

    private static Optional<UserError> refusal(CommandLine verb, List<OptionSpec> matched, List<String> args) {
        // Words after -- are arguments, whatever they look like.
        List<String> options = VerbUsageError.beforeEndOfOptions(args);
        List<String> longNames = verb.getCommandSpec().options().stream().flatMap(o -> Arrays.stream(o.names()))
                .filter(n -> n.startsWith("--")).toList();
        for (OptionSpec option : matched) {
            if (option.arity().max() == 0) {
                continue;
            }
            for (String name : option.names()) {
                if (name.length() != 2 || name.startsWith("--")) {
                    continue;
                }
                for (String word : options) {
                    // -oVALUE, the value picocli took for the option: not -o=VALUE, nor -o's separate value that begins -o.
                    if (word.length() > 2 && word.startsWith(name) && word.charAt(2) != '='
                            && option.originalStringValues().contains(word.substring(2))) {
                        Optional<String> meant = VerbUsageError.meant(word, longNames).or(() -> sameStart(word, longNames));
                        if (meant.isPresent()) {
                            String value = word.substring(2);
                            return Optional.of(VerbUsageError.of(verb, "unknown option '" + word + "'; did you mean "
                                    + meant.get() + "? (" + name + " " + value + ", with a space, gives " + name
                                    + " the value " + value + ")"));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The long option whose first three letters begin the word without its dash: {@code -outdir}, {@code -outputDir},
     * {@code -out_dir} are --output in another tool's spelling, not -o with a folder {@code utdir} (which generate
     * wrote into, as picocli read it, with no word said); a near miss would not find them, as they run on past it.
     */
    private static Optional<String> sameStart(String word, List<String> longNames) {
        String bare = word.substring(1);
        return longNames.stream().filter(n -> n.length() >= 5 && bare.length() >= 3
                && bare.startsWith(n.substring(2, 5))).findFirst();
    }
}
