package dev.netgrad.cli;

import dev.netgrad.spec.DiagnosticFormatter;
import dev.netgrad.spec.NearMiss;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * A verb's command line that picocli cannot parse ({@code netgrad show} with no spec, {@code --fromat json}),
 * said as netgrad's other usage errors are: one line {@code netgrad VERB: error: what is wrong}, then the
 * verb's synopsis and where its help is. picocli prints its own sentence ("Unknown options: '--fromat', 'json'",
 * which calls the value an option too) above the whole help, under which it scrolls away. netgrad's own
 * options ({@code netgrad --fromat}) get the line, then the usage that lists the verbs, as {@code netgrad} alone.
 */
final class VerbUsageError {
    private VerbUsageError() {
    }

    /** The error for a parse failure of a verb's command line, or of netgrad's own options. */
    static UserError of(ParameterException e) {
        return of(e.getCommandLine(), problem(e));
    }

    /** The error saying {@code problem} of {@code verb}'s command line (or netgrad's own), with its synopsis. */
    static UserError of(CommandLine verb, String problem) {
        String name = verb.getCommandSpec().qualifiedName();
        String error = DiagnosticFormatter.error(name, problem);
        if (verb.getParent() == null) {
            return new UserError(Main.USAGE, error + "\n" + verb.getUsageMessage().stripTrailing());
        }
        CommandLine.Help help = verb.getHelp();
        String synopsis = help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength());
        // strip: the help verb's heading begins with a line break of its own.
        return new UserError(Main.USAGE, error + "\n" + synopsis.strip() + "\n" + name + " --help says more");
    }

    /**
     * What is wrong, in the user's terms: what is missing (a value too: {@code missing --epochs=N}), the
     * unknown option and the one meant, the argument too many.
     */
    static String problem(ParameterException e) {
        // An option given without its value (--epochs at the end) says so too: picocli's "missing required
        // parameter for option '--epochs' (N)" called the value a required parameter of an optional option.
        if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
            return optionForValue(missing).or(() -> misspelt(missing)).or(() -> unknownForMissingArgument(missing)).orElseGet(() -> "missing " + String.join(" and ", missed(missing).stream()
                    .map(VerbUsageError::label).toList()));
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            List<String> words = unmatched.getUnmatched();
            Optional<String> option = words.stream().filter(w -> w.length() > 1 && w.startsWith("-") && !afterEndOfOptions(w, e))
                    .findFirst();
            if (option.isEmpty()) {
                return "unexpected argument '" + words.get(0) + "'";
            }
            String given = option.get().contains("=") ? option.get().substring(0, option.get().indexOf('=')) : option.get();
            List<String> names = e.getCommandLine().getCommandSpec().options().stream()
                    .flatMap(o -> Arrays.stream(o.names())).toList();
            return "unknown option '" + given + "'" + meant(given, names).map(n -> "; did you mean " + n + "?").orElse("");
        }
        String message = e.getMessage();
        return message.isEmpty() ? message : message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }

    /** The word picocli found where an option's value goes: "Expected parameter for option '--output' but found '-o'". */
    static final Pattern FOUND = Pattern.compile(" but found '(.*)'$");

    /**
     * An option's value that picocli will not take, as it reads as an option: one of the verb's options, a word
     * beginning with a one-letter one ({@code -output} is {@code -o utput}), or {@code --}, the end of the options;
     * whether it follows the option or is attached to it ({@code --output=-o}, {@code -o-o}). picocli said "missing
     * --output=DIR" of all, a value just typed included. A {@code --} after the option, which ends the options, leaves
     * its value missing; any other is the value that cannot be, said as the value given when it was attached
     * ({@code --in=-h gives --in the value '-h'}), which is no request for help, as {@code --in -h} is. For a file or folder so named, {@code ./} before the
     * name gives it.
     */
    private static Optional<String> optionForValue(CommandLine.MissingParameterException e) {
        Matcher found = FOUND.matcher(e.getMessage());
        CommandLine.ParseResult parsed = e.getCommandLine().getParseResult();
        if (!found.find() || parsed == null || e.getMissing().size() != 1 || !(e.getMissing().get(0) instanceof OptionSpec option)) {
            return Optional.empty();
        }
        String value = found.group(1);
        // The word that gave the option this value, as typed: -o, --output, --output=VALUE or -oVALUE; the last such.
        List<String> args = parsed.originalArgs();
        List<String> options = beforeEndOfOptions(args);
        String typed = option.longestName();
        String attached = null;
        boolean separate = false;
        for (int i = 0; i < options.size(); i++) {
            for (String name : option.names()) {
                String word = options.get(i);
                if (word.equals(name) && i + 1 < args.size() && args.get(i + 1).equals(value)) {
                    typed = name;
                    separate = true;
                } else if (word.equals(name + "=" + value) || name.length() == 2 && word.equals(name + value)) {
                    typed = name;
                    attached = word;
                    separate = false;
                }
            }
        }
        boolean endOfOptions = value.equals("--");
        Optional<String> instead = option.type() == Path.class
                ? Optional.of("for a " + (option.paramLabel().equals("DIR") ? "folder" : "file") + " of that name, give "
                        + typed + " " + Main.asTyped("./" + value))
                : Optional.empty();
        if (separate && endOfOptions) {
            return Optional.of("missing " + label(option) + " ('--' ends the options" + instead.map(i -> "; " + i).orElse("") + ")");
        }
        String readsAs = "which reads as " + (endOfOptions ? "the end of the options" : "an option");
        if (!separate && attached != null) {
            // Attached, the word is plainly the value typed: "takes a value, found" read as if none was given.
            return Optional.of(Main.asTyped(attached) + " gives " + typed + " the value '" + value + "', " + readsAs
                    + ": no option's value may, attached to it or not" + instead.map(i -> "; " + i).orElse(""));
        }
        return Optional.of(typed + " takes a value, found '" + value + "', " + readsAs + instead.map(i -> "; " + i).orElse(""));
    }

    /**
     * A missing option that the command line holds misspelt, said as the unknown option it is: {@code train x.nn
     * -data d.csv} (or {@code --dta}, {@code --Data}) said "missing --data=CSV" of the option just typed, since
     * picocli checks the required options before the words it did not match.
     */
    private static Optional<String> misspelt(CommandLine.MissingParameterException e) {
        CommandLine.ParseResult parsed = e.getCommandLine().getParseResult();
        if (parsed == null) {
            return Optional.empty();
        }
        List<String> missing = e.getMissing().stream().filter(a -> a instanceof OptionSpec)
                .flatMap(a -> Arrays.stream(((OptionSpec) a).names())).toList();
        List<String> names = e.getCommandLine().getCommandSpec().options().stream()
                .flatMap(o -> Arrays.stream(o.names())).toList();
        for (String word : parsed.unmatched()) {
            if (word.length() < 2 || !word.startsWith("-") || afterEndOfOptions(word, e)) {
                continue;
            }
            String given = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            Optional<String> meant = meant(given, names);
            if (meant.isPresent() && missing.contains(meant.get())) {
                return Optional.of("unknown option '" + given + "'; did you mean " + meant.get() + "?");
            }
        }
        return Optional.empty();
    }

    /**
     * An unknown option on a command line that misses an argument, said as the unknown option it is: {@code derive
     * --colour} said "missing SPEC" of a command line whose one word was ignored, and {@code check x.nn -eq.txt} said
     * "missing EQUATIONS" of the file just given, since picocli checks the arguments before the words it did not
     * match. The word may be the argument itself, a file whose name begins with a dash: how to give one is said.
     */
    private static Optional<String> unknownForMissingArgument(CommandLine.MissingParameterException e) {
        CommandLine.ParseResult parsed = e.getCommandLine().getParseResult();
        List<ArgSpec> missing = missed(e);
        if (parsed == null || missing.isEmpty() || !missing.stream().allMatch(a -> a instanceof PositionalParamSpec)) {
            return Optional.empty();
        }
        Optional<String> word = parsed.unmatched().stream()
                .filter(w -> w.length() > 1 && w.startsWith("-") && !w.equals("--") && !afterEndOfOptions(w, e)).findFirst();
        if (word.isEmpty()) {
            return Optional.empty();
        }
        String given = word.get().contains("=") ? word.get().substring(0, word.get().indexOf('=')) : word.get();
        List<String> names = e.getCommandLine().getCommandSpec().options().stream()
                .flatMap(o -> Arrays.stream(o.names())).toList();
        String labels = String.join(" and ", missing.stream().map(VerbUsageError::label).toList());
        return Optional.of("unknown option '" + given + "'" + meant(given, names).map(n -> "; did you mean " + n + "?").orElse("")
                + " (" + labels + (missing.size() == 1 ? " is" : " are") + " missing; for a file of that name, give "
                + Main.asTyped("./" + word.get()) + ")");
    }

    /**
     * Whether {@code word} stands only after {@code --}, which makes every word after it an argument: {@code netgrad
     * derive x.nn -- --help} has one argument too many, no unknown option ("unknown option '--help'; did you mean --help?").
     */
    private static boolean afterEndOfOptions(String word, ParameterException e) {
        CommandLine.ParseResult parsed = e.getCommandLine().getParseResult();
        List<String> args = parsed == null ? List.of() : parsed.originalArgs();
        return args.contains("--") && !beforeEndOfOptions(args).contains(word);
    }

    /** The words of a command line before its first {@code --}, where options stand: every word after it is an argument. */
    static List<String> beforeEndOfOptions(List<String> args) {
        int end = args.indexOf("--");
        return end < 0 ? args : args.subList(0, end);
    }

    /**
     * What is missing: picocli names the first positional parameter missing, but those after it are
     * missing too (they are filled in order), so {@code netgrad check} misses SPEC and EQUATIONS.
     */
    private static List<ArgSpec> missed(CommandLine.MissingParameterException e) {
        List<ArgSpec> missing = new ArrayList<>(e.getMissing());
        Optional<PositionalParamSpec> first = missing.stream().filter(a -> a instanceof PositionalParamSpec)
                .map(a -> (PositionalParamSpec) a).findFirst();
        if (first.isPresent()) {
            for (PositionalParamSpec later : e.getCommandLine().getCommandSpec().positionalParameters()) {
                if (later.required() && later.index().min() > first.get().index().min() && !missing.contains(later)) {
                    missing.add(later);
                }
            }
        }
        return missing;
    }

    /**
     * The option a misspelt one was meant to be, its name compared without its dashes: one with a dash too many
     * or too few ({@code -format}, {@code --o}); one as near as {@link NearMiss} holds a near miss, which allows
     * edits by the name's length (none for one letter, so {@code -x} is no slip of {@code -h}: every two-character
     * option was one edit from every other, and each unknown letter got "did you mean -h?"), or only in case
     * ({@code -O}, {@code -v}); or, from three letters, the one it begins ({@code --out}).
     */
    static Optional<String> meant(String given, List<String> names) {
        String bare = bare(given);
        Map<String, String> byBare = new LinkedHashMap<>();
        names.forEach(n -> byBare.putIfAbsent(bare(n), n));
        if (bare.isEmpty()) {
            return Optional.empty();
        }
        if (byBare.containsKey(bare)) {
            return Optional.of(byBare.get(bare));
        }
        Optional<String> near = NearMiss.nearest(bare, byBare.keySet()).map(byBare::get);
        if (near.isPresent() || bare.length() < 3) {
            return near;
        }
        List<String> longer = byBare.keySet().stream().filter(n -> n.startsWith(bare)).toList();
        return longer.size() == 1 ? Optional.of(byBare.get(longer.get(0))) : Optional.empty();
    }

    /** An option's name without its leading dashes: {@code epochs} of {@code --epochs}, {@code o} of {@code -o}. */
    private static String bare(String option) {
        return option.replaceFirst("^-+", "");
    }

    /** {@code SPEC}, {@code --data=CSV}: as the synopsis writes it. */
    private static String label(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() + "=" + option.paramLabel() : arg.paramLabel();
    }
}
