package dev.netgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A trainer's save says why it failed in the tool's words, from its own copy (the runtime reaches no tool class). */
class ParamsJsonReasonTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.netgrad.IoReasonTest#kinds")
    void aSaveSaysWhyAsTheToolsWritesDo(String what, IOException e, String read, String write) {
        assumeFalse(what.endsWith("unnamed"), "a save always knows its folder");
        assertEquals(write, ParamsJson.reason(e, Path.of("/out/p.json")));
    }
}
