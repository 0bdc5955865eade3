package dev.netgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.netgrad.cli.OutputPathsTest;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A trainer's save says why it failed in the tool's words, from its own copy (the runtime reaches no tool class). */
class AtomicWriteReasonTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.netgrad.IoReasonTest#kinds")
    void aSaveSaysWhyAsTheToolsWritesDo(String what, IOException e, String read, String write) {
        assumeFalse(what.endsWith("unnamed"), "a save always knows its folder");
        assertEquals(write, AtomicWrite.reason(e, Path.of("/out/p.json")));
    }

    /** What keeps a file from being saved over, in --save's words with save in netgrad's place ("p.json: cannot write: it ..."). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = OutputPathsTest.LOCKS)
    void aSaveSaysWhatKeepsAFileAsTheCommandLineDoes(String what, boolean readOnlyFileSystem, boolean writable, String mode,
            String owner, String user, String lock, String says) {
        AtomicWrite.Access access = new AtomicWrite.Access(readOnlyFileSystem, writable,
                mode == null ? null : PosixFilePermissions.fromString(mode), owner, user);
        String save = says.replace("%s", OutputPathsTest.KEPT).replace("; netgrad ", "; save ");
        assertEquals(says.isEmpty() ? null : save, access.problem());
    }
}
