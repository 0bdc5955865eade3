package dev.netgrad.cli;

import dev.netgrad.codegen.InMemoryCompiler;
import dev.netgrad.diff.DerivativeTooLargeException;
import dev.netgrad.spec.DeepStack;
import dev.netgrad.spec.DiagnosticFormatter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code netgrad VERB ...}. Each verb is a picocli subcommand in a class of its own; to add one,
 * list its class in {@code subcommands} below. Exit codes: 0 success, 1 a check found a problem,
 * 2 bad input or usage, 3 a bug in netgrad, 141 standard output closed by its reader (quietly).
 */
@Command(name = "netgrad",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Derives neural-network backpropagation symbolically and generates Java trainers.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ShowCommand.class,
            TrainCommand.class,
            PredictCommand.class,
            DeriveCommand.class, GraphCommand.class,
            CheckCommand.class,
            GenerateCommand.class,
            EvalCommand.class,
            GradcheckCommand.class,
            BenchCommand.class,
        })
public final class Main implements Callable<Integer> {
    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int INTERNAL_ERROR = 3;
    /** Standard output could not be written: the environment's fault, not a bug, reported as bad usage. */
    public static final int OUTPUT_FAILED = USAGE;
    /**
     * Standard output was closed by the program reading it ({@code netgrad predict ... | head -1}):
     * the run ends quietly with 128 + SIGPIPE, what a shell reports for GNU tools ended so, so that a
     * script with {@code set -o pipefail} sees netgrad as it sees {@code cat} or {@code grep}.
     */
    public static final int OUTPUT_CLOSED = 128 + 13;

    /** Verbs recurse over expressions; a big stack keeps deep (but accepted) ones safe. */
    private static final long STACK_BYTES = DeepStack.PIPELINE_STACK_BYTES;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // This process is the command line's: bench and train may install the SIMD kernels (same bits, less time).
        KernelsWhenWarm.allowInstalling();
        System.exit(run(args, StandardOutput.of(new FileOutputStream(FileDescriptor.out)), System.err,
                DiagnosticFormatter.consoleCharset(System::getProperty)));
    }

    /**
     * Runs one command line, writing in the default charset (the locale's on Java 17, as a
     * PrintWriter over a stream does); what tests call. Never throws and never prints a stack trace.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Charset.defaultCharset());
    }

    /**
     * Runs one command line writing both streams in {@code charset}, and has every diagnostic's caret
     * placed for it: a character the charset cannot encode prints as one {@code ?}, one cell wide.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Charset charset) {
        PrintWriter o = new PrintWriter(out, true, charset);
        PrintWriter e = new PrintWriter(new TerminalSafeWriter(new PrintWriter(err, true, charset)), true);
        int[] code = {INTERNAL_ERROR};
        Thread worker = new Thread(null, () -> code[0] = DiagnosticFormatter.writingIn(charset, () -> execute(args, o, e)),
                "netgrad", STACK_BYTES);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            worker.interrupt();
        }
        return outputChecked(code[0], o, e, out);
    }

    /**
     * The verb's exit code, unless standard output could not be written: a reader that closed the
     * pipe ends the run quietly ({@link #OUTPUT_CLOSED}); any other failure (a full disk) leaves the
     * output incomplete, which must not pass for success.
     */
    private static int outputChecked(int code, PrintWriter out, PrintWriter err, PrintStream stream) {
        // checkError flushes first, so a failure of the last buffered bytes is seen too.
        if (out.checkError() && code != INTERNAL_ERROR) {
            Optional<StandardOutput> standard = stream instanceof StandardOutput s ? Optional.of(s) : Optional.empty();
            if (standard.isPresent() && standard.get().closedByReader()) {
                return OUTPUT_CLOSED;
            }
            String reason = standard.flatMap(StandardOutput::failure).map(f -> ": " + f.getMessage())
                    .orElse(" (disk full or pipe closed?)");
            err.println(DiagnosticFormatter.error("netgrad", "cannot write to standard output" + DiagnosticFormatter.escape(reason)
                    + "; the output is incomplete"));
            code = OUTPUT_FAILED;
        }
        err.flush();
        return code;
    }

    /** Columns of the help text. */
    static final int HELP_WIDTH = 110;

    /** netgrad's verbs, their help laid out as it is printed (what tests of the help look at). */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // The descriptions are written as lines of up to about 100 characters; at picocli's
        // default of 80 columns each would wrap into a ragged second line.
        cl.setUsageHelpWidth(HELP_WIDTH);
        cl.setHelpFactory(SynopsisHelp.factory());
        cl.registerConverter(Path.class, EmptyPaths::convert);
        cl.registerConverter(Double.class, DecimalOptions::convert);
        cl.registerConverter(double.class, DecimalOptions::convert);
        // Each verb's --help lists -V, --version (mixinStandardHelpOptions); without a provider of its own it printed nothing.
        for (CommandLine verb : cl.getSubcommands().values()) {
            verb.getCommandSpec().versionProvider(new VersionProvider());
        }
        return cl;
    }

    private static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        try {
            cl.setOut(out);
            cl.setErr(err);
            cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failed(ex, err, commandLine));
            // Every command line picocli cannot parse is netgrad's usage error, never picocli's own sentence.
            // -h twice is still a request for help, as is -h beside an option's missing value (HelpAndVersion).
            cl.setParameterExceptionHandler((ex, arguments) -> HelpAndVersion.helpTwice(ex) || HelpAndVersion.helpBeside(ex)
                    ? helpTwice(ex.getCommandLine(), args, out, err)
                    : failed(HelpAndVersion.valueGiven(ex).or(() -> NumericOptions.refusal(ex)).or(() -> EmptyPaths.refusal(ex))
                    .or(() -> AttachedValues.refusal(ex)).or(() -> unknownVerb(ex)).or(() -> unknownHelpTopic(ex, verb(cl)))
                    .orElseGet(() -> VerbUsageError.of(ex)), err));
            cl.setExecutionStrategy(HelpAndVersion::execute);
            Optional<UserError> early = endOfOptionsBeforeTheVerb(args, cl);
            if (early.isPresent()) {
                return failed(early.get(), err);
            }
            return cl.execute(args);
        } catch (Throwable t) {
            return failed(t, err, verb(cl));
        }
    }

    /**
     * {@code netgrad -- derive x.nn}: {@code --} ends a verb's options, so it goes after the verb
     * ({@code netgrad derive -- -x.nn}). Before one it would make the verb an argument of netgrad's, which takes
     * none: picocli's unknown verb 'derive' with "did you mean derive?". Refused as git ("unknown option: --")
     * and javac ("invalid flag: --") refuse it there, with the command line meant when a verb follows.
     * netgrad's own options take no value, so the verb is the first word that is no option; {@code netgrad --}
     * with nothing after it is missing a verb, as {@code netgrad} is.
     */
    static Optional<UserError> endOfOptionsBeforeTheVerb(String[] args, CommandLine netgrad) {
        List<String> words = Arrays.asList(args);
        int end = words.indexOf("--");
        if (end < 0 || end == words.size() - 1 || words.subList(0, end).stream().anyMatch(w -> !w.startsWith("-"))) {
            return Optional.empty();
        }
        String next = words.get(end + 1);
        String problem = "'--' goes after the verb, where it ends the verb's options";
        if (!netgrad.getSubcommands().containsKey(next)) {
            return Optional.of(UserError.usage("netgrad", problem + ", found before '" + next
                    + "' (netgrad --help lists the verbs)"));
        }
        VerbWords after = VerbWords.of(words.subList(end + 2, words.size()), netgrad.getSubcommands().get(next).getCommandSpec());
        List<String> meant = new ArrayList<>(List.of("netgrad", next));
        meant.addAll(words.subList(0, end));
        meant.addAll(after.options());
        meant.add("--");
        meant.addAll(after.arguments());
        return Optional.of(UserError.usage("netgrad", problem + ": "
                + String.join(" ", meant.stream().map(Main::asTyped).toList())));
    }

    /**
     * The words after a verb, as the user meant them when a {@code --} before the verb was to end its options: its
     * options, each with its value, to go before the {@code --} of the command line meant, and its arguments, after
     * it. Put all after it, {@code netgrad -- derive x.nn --format json} was shown as {@code netgrad derive -- x.nn
     * --format json}, where --format is a file's name. An option is a word that names one of the verb's options
     * ({@code --format}, or {@code --format=json}), taking the next words for the values it needs, or, as picocli
     * reads it, a cluster of the verb's short options ({@code -hV}), the value of the first that takes one attached
     * ({@code -ogen} is {@code -o gen}) or else in the next words; any other word is an argument, {@code -odd.nn} too
     * when the verb has no {@code -o}, which is what {@code --} was for; so is every word after a second {@code --}.
     */
    record VerbWords(List<String> options, List<String> arguments) {
        VerbWords {
            options = List.copyOf(options);
            arguments = List.copyOf(arguments);
        }

        static VerbWords of(List<String> words, CommandSpec verb) {
            List<String> options = new ArrayList<>();
            List<String> arguments = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                if (word.equals("--")) {
                    arguments.addAll(words.subList(i + 1, words.size()));
                    break;
                }
                int equals = word.indexOf('=');
                CommandLine.Model.OptionSpec option = word.startsWith("-") && word.length() > 1
                        ? verb.findOption(equals < 0 ? word : word.substring(0, equals)) : null;
                int values = option == null ? valuesAfterCluster(word, verb) : equals < 0 ? option.arity().min() : 0;
                if (values < 0) {
                    arguments.add(word);
                    continue;
                }
                options.add(word);
                for (int v = values; v > 0 && i + 1 < words.size(); v--) {
                    options.add(words.get(++i));
                }
            }
            return new VerbWords(options, arguments);
        }

        /**
         * How many of the next words a cluster of short options takes, as picocli reads one ({@code -hV}, {@code
         * -ogen}, {@code -ho gen}): letter by letter, a flag then the letters after it, an option that takes a value the
         * rest of the word ({@code gen}, or {@code =gen}) or, with nothing after it, the next words. -1 when the word is
         * no cluster: its first letter no short option of the verb's, or a single dash's word, which picocli reads whole.
         * A letter after the first that is none of the verb's ends the cluster as picocli ends it, with an unknown
         * option, and leaves the word an option's: the command line meant says so when run, not a file's name.
         */
        private static int valuesAfterCluster(String word, CommandSpec verb) {
            if (word.length() <= 2 || !word.startsWith("-") || !verb.posixOptionsMap().containsKey(word.charAt(1))) {
                return -1;
            }
            for (int at = 1; at < word.length(); at++) {
                CommandLine.Model.OptionSpec letter = verb.posixOptionsMap().get(word.charAt(at));
                if (letter == null) {
                    return 0;
                }
                if (letter.arity().min() > 0) {
                    return at == word.length() - 1 ? letter.arity().min() : 0;
                }
            }
            return 0;
        }
    }

    /**
     * A word as a POSIX shell takes it back: as it is when it holds no character the shell reads, else in single
     * quotes ({@code 'a b.nn'}, {@code 'it'\''s.nn'}), so that the command line meant can be pasted as shown.
     */
    static String asTyped(String word) {
        return !word.isEmpty() && word.matches("[A-Za-z0-9_./=:,+@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * The help a repeated -h asks for: before a verb, that verb's ({@code netgrad -h -h derive}), as one -h there
     * is; picocli stopped at the second -h, so the verb is looked for among the words after. A word there that
     * names no verb is an unknown verb, as it is after one --help ({@code netgrad --help deriv}), not netgrad's help.
     */
    private static int helpTwice(CommandLine at, String[] args, PrintWriter out, PrintWriter err) {
        if (at.getParent() != null) {
            return helpOf(at, out);
        }
        Optional<String> word = VerbUsageError.beforeEndOfOptions(Arrays.asList(args)).stream()
                .filter(a -> !a.startsWith("-")).findFirst();
        if (word.isEmpty()) {
            return helpOf(at, out);
        }
        CommandLine verb = at.getSubcommands().get(word.get());
        return verb != null ? helpOf(verb, out)
                : failed(unknownVerb("netgrad", new CommandLine.UnmatchedArgumentException(at, List.of(word.get()))), err);
    }

    /** Prints {@code verb}'s help, as -h does. */
    private static int helpOf(CommandLine verb, PrintWriter out) {
        verb.usage(out);
        return OK;
    }

    /**
     * {@code netgrad deriv x.nn}: a word where the verb goes that names none. picocli would say
     * "Unmatched arguments from index 0" and print the whole usage; say it in the user's terms.
     */
    private static Optional<UserError> unknownVerb(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getCommandLine().getParent() != null
                || u.isUnknownOption() || u.getUnmatched().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(unknownVerb("netgrad", u));
    }

    /**
     * {@code netgrad help deriv}: picocli's help verb says "Unknown subcommand 'deriv'." above the whole
     * usage; said as an unknown verb is, by the help verb.
     */
    private static Optional<UserError> unknownHelpTopic(CommandLine.ParameterException ex, CommandLine verb) {
        if (verb == null || !(verb.getCommand() instanceof CommandLine.HelpCommand) || ex.getValue() == null
                || ex.getCommandLine().getParent() != null) {
            return Optional.empty();
        }
        return Optional.of(unknownVerb("netgrad help", new CommandLine.UnmatchedArgumentException(ex.getCommandLine(),
                List.of(ex.getValue()))));
    }

    /** {@code PLACE: error: unknown verb 'deriv'; did you mean derive or generate? (...)}, with picocli's nearest verbs. */
    static UserError unknownVerb(String place, CommandLine.UnmatchedArgumentException u) {
        // A verb typed where netgrad takes none is no slip of itself: "unknown verb 'derive'; did you mean derive?".
        List<String> close = u.getSuggestions().stream().filter(v -> !v.equals(u.getUnmatched().get(0))).toList();
        String suggestion = close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?";
        return UserError.usage(place, "unknown verb '" + u.getUnmatched().get(0) + "'" + suggestion
                + " (netgrad --help lists the verbs)");
    }

    /** The verb that was parsed from the command line, if one was (its name leads its messages). */
    static CommandLine verb(CommandLine cl) {
        CommandLine.ParseResult parsed = cl.getParseResult();
        while (parsed != null && parsed.subcommand() != null) {
            parsed = parsed.subcommand();
        }
        return parsed == null ? null : parsed.commandSpec().commandLine();
    }

    static int failed(Throwable t, PrintWriter err) {
        return failed(t, err, null);
    }

    /** The message and exit code for what {@code verb} (null: none parsed yet) threw. */
    static int failed(Throwable t, PrintWriter err, CommandLine verb) {
        if (t instanceof DerivativeTooLargeException d) {
            // Every verb derives (check and gradcheck too): one place puts the spec's line under it.
            t = SpecFiles.errorAt(d);
        }
        if (t instanceof UserError u) {
            err.println(DiagnosticFormatter.escape(u.getMessage()));
            return u.exitCode();
        }
        if (t instanceof InMemoryCompiler.NoCompilerException) {
            // A Java runtime without javac is the user's setup, not a bug, in every verb that runs
            // generated code (train, predict, eval, gradcheck, bench): one place says so for all.
            err.println(DiagnosticFormatter.escape(DiagnosticFormatter.error(place(verb), t.getMessage())));
            return USAGE;
        }
        if (t instanceof OutOfMemoryError) {
            // The data readers refuse what cannot fit before working; this is the last guard.
            err.println(OutOfMemoryAdvice.message(verb));
            return USAGE;
        }
        err.println(DiagnosticFormatter.error("netgrad", "internal error: " + DiagnosticFormatter.escape(String.valueOf(t))));
        err.println("This is a bug in netgrad; please report it with the command line and the input files.");
        return INTERNAL_ERROR;
    }

    /** Where a failure of {@code verb} (null: none parsed yet) is said: {@code netgrad VERB}, or {@code netgrad}. */
    static String place(CommandLine verb) {
        return verb == null || verb.getParent() == null ? "netgrad" : "netgrad " + verb.getCommandName();
    }

    /** {@code netgrad} alone: say how to use it. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println(DiagnosticFormatter.error("netgrad", "missing a verb"));
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }
}
