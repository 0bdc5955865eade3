package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code ./netgrad VERB ...} command line the README, docs/ and samples/README.md show (in a code
 * block or a code span, before any {@code |}, {@code >} or {@code #}) names a verb and options that
 * verb takes, with values it accepts: a newcomer copying one never meets "unknown option". Parsed, not
 * run: the examples that print are run by {@link ReadmeExamplesTest}.
 */
class DocumentedCommandLinesTest {
    /** A command line: at the start of a code block's line (after an optional "$ "), or a whole code span. */
    private static final Pattern IN_BLOCK = Pattern.compile("(?m)^(?:\\$ )?\\./netgrad ([^\\n]*)$");
    private static final Pattern IN_SPAN = Pattern.compile("`\\./netgrad ([^`]*)`");

    /** Placeholders the docs write for a file (`./netgrad show FILE`): any path parses. */
    private static final List<String> PLACEHOLDERS = List.of("FILE", "FILE.eq", "SPEC");

    @Test
    void everyDocumentedCommandLineParses() throws IOException {
        List<String> lines = commandLines();
        assertTrue(lines.size() >= 15, "the docs' command lines: " + lines);
        List<String> refused = new ArrayList<>();
        for (String line : lines) {
            String[] args = line.strip().split(" +");
            try {
                CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args);
                if (!parsed.hasSubcommand()) {
                    refused.add(line + ": names no verb");
                }
            } catch (CommandLine.ParameterException e) {
                refused.add(line + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), refused, "documented command lines that netgrad refuses");
    }

    /**
     * What the documented command lines write, run in the clone as a newcomer runs the README's tour (the trainer
     * classes, {@code --save bc.json}, {@code --plot bc.png}), is ignored by git: it left {@code out/}, {@code bc.json}
     * and {@code bc.png} untracked, to be committed by a {@code git add .}.
     */
    @Test
    void whatTheDocumentedCommandLinesWriteIsIgnoredByGit() throws IOException {
        List<String> ignore = Files.readAllLines(Path.of(".gitignore"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<String> written = new ArrayList<>();
        for (String line : commandLines()) {
            CommandLine.ParseResult verb = Main.commandLine().parseArgs(line.strip().split(" +")).subcommand();
            for (String option : List.of("--output", "--save", "--plot")) {
                if (verb.commandSpec().findOption(option) != null) {
                    Object path = verb.matchedOptionValue(option, verb.commandSpec().findOption(option).getValue());
                    if (path != null) {
                        // A folder's name ends in /, as .gitignore writes one.
                        written.add(path + (option.equals("--output") ? "/" : ""));
                    }
                }
            }
        }
        assertTrue(written.containsAll(List.of("generated-sources/", "out/java/", "bc.json", "bc.png")), written.toString());
        List<String> tracked = written.stream().filter(w -> !ignored(w, ignore)).toList();
        assertEquals(List.of(), tracked, "written by the docs' command lines, not in .gitignore");
    }

    /**
     * Whether .gitignore's patterns ({@code target/}, {@code *.class}, {@code /bc.json}) cover a relative path (a
     * folder's ending in /): a pattern with a slash before its end matches from the top, one without any, a name at
     * any depth; a pattern ending in a slash matches folders only.
     */
    private static boolean ignored(String path, List<String> patterns) {
        List<String> segments = List.of(path.split("/"));
        for (String pattern : patterns) {
            boolean folderOnly = pattern.endsWith("/");
            String name = folderOnly ? pattern.substring(0, pattern.length() - 1) : pattern;
            boolean rooted = name.contains("/");
            String glob = name.replaceFirst("^/", "").replace(".", "\\.").replace("*", "[^/]*");
            for (int i = 0; i < segments.size() && (!rooted || i == 0); i++) {
                boolean folder = i < segments.size() - 1 || path.endsWith("/");
                if ((folder || !folderOnly) && segments.get(i).matches(glob)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The files' command lines, cut before a pipe, a redirection or a comment. */
    static List<String> commandLines() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md"), Path.of("samples/README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (Pattern p : List.of(IN_BLOCK, IN_SPAN)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    String line = m.group(1).split("[|>#]")[0].strip();
                    // A verb alone ("`./netgrad bench` and `./netgrad train` run with ...") names it in prose.
                    if (line.contains(" ") && Arrays.stream(line.split(" +")).noneMatch(w -> w.equals("...") || w.startsWith("["))) {
                        found.add(line);
                    }
                }
            }
        }
        return found.stream().map(l -> PLACEHOLDERS.stream().reduce(l, (s, ph) -> s.replace(ph, "x"))).distinct().toList();
    }
}
