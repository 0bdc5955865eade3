package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.Compilation;
import dev.netgrad.diff.Convention;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every Java file netgrad writes into a project is ASCII: a project without
 * {@code project.build.sourceEncoding} built in the C locale has javac read sources as US-ASCII, and
 * the runtime's comments ({@code (h·w·c)}, {@code µs}) failed every such build with "unmappable
 * character", whatever its specs.
 */
class AsciiSourceTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // source                 | written
        "package com.acme;        | package com.acme;",
        "package com.acme.subü;   | package com.acme.sub\\u00fc;",
        "// from r\u00e9seau \u4e2d.nn | // from r\\u00e9seau \\u4e2d.nn",
        // A character beyond the BMP is two UTF-16 units, escaped one by one, as javac reads them.
        "// \ud83d\ude00           | // \\ud83d\\ude00",
    })
    void everyCharacterBeyondAsciiIsWrittenAsItsEscape(String source, String written) {
        assertEquals(written, AsciiSource.of(source));
    }

    @Test
    void theRuntimeAndTheSparkAdapterAreAscii() {
        Map<String, String> files = new LinkedHashMap<>(RuntimeSources.files());
        files.putAll(SparkSources.files());
        List<String> notAscii = new ArrayList<>();
        files.forEach((file, text) -> {
            if (!isAscii(text)) {
                notAscii.add(file);
            }
        });
        assertEquals(List.of(), notAscii);
    }

    /** A package folder's ü reaches the trainer's package line; escaped, it still compiles into that package. */
    @Test
    void aTrainerInAPackageBeyondAsciiIsAsciiAndCompilesIntoThatPackage() throws Exception {
        String trainer = Compilation.of("r\u00e9seau.nn", """
                network Tiny {
                  input  X[3]
                  target Y[1]
                  dense 2 tanh
                  dense 1 sigmoid
                  loss cross_entropy
                }
                """, Convention.LOSS).trainer("com.acme.sub\u00fc");
        assertTrue(isAscii(trainer), trainer.lines().filter(l -> !isAscii(l)).toList().toString());
        assertTrue(trainer.contains("package com.acme.sub\\u00fc;"), trainer.lines().limit(3).toList().toString());
        assertEquals("com.acme.sub\u00fc.Tiny", InMemoryCompiler.load("com.acme.sub\u00fc.Tiny", trainer).getName());
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}
