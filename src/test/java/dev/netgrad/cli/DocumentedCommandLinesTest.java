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
