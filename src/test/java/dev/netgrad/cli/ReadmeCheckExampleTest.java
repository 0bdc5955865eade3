package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's `check` example prints exactly what it shows. */
class ReadmeCheckExampleTest {
    private static final String COMMAND = "$ ./netgrad ";

    @Test
    void theReadmesCheckExampleShowsTheToolsOutput() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("\n### check\n"));
        int open = section.indexOf("```\n") + 4;
        String block = section.substring(open, section.indexOf("```\n", open));
        String command = block.substring(0, block.indexOf('\n'));
        assertTrue(command.startsWith(COMMAND), command);
        String[] args = command.substring(COMMAND.length()).split(" ");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(CheckCommand.WRONG, code);
        assertEquals(block.substring(command.length() + 1), out.toString(StandardCharsets.UTF_8));
    }
}
