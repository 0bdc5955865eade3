package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/** A file the plugin cannot read or write is said in words: the path and the reason, never an exception's class name. */
class GenerateMojoTest {
    @Test
    void ioFailuresAreDescribedInWords() {
        assertEquals("src/main/netgrad/a.nn: no such file", GenerateMojo.describe(new NoSuchFileException("src/main/netgrad/a.nn")));
        assertEquals("out/A.java: permission denied", GenerateMojo.describe(new AccessDeniedException("out/A.java")));
        assertEquals("out: not a directory", GenerateMojo.describe(new FileSystemException("out", null, "Not a directory")));
        assertEquals("cannot write out/A.java: disk full", GenerateMojo.describe(new IOException("cannot write out/A.java: disk full")));
    }

    // The yes-or-no parameters take true or false in any case; Maven's own conversion would read any
    // other text as false. Each case: the value, then what it gives ('' a failure naming it).
    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(nullValues = "UNSET", value = {
        "true,    true",
        "TRUE,    true",
        "False,   false",
        "' true', true",  // spaces around it, as in <skip> true </skip>
        "UNSET,   false", // not configured: the default
        "ture,    ''",
        "yes,     ''",
        "1,       ''",
        "on,      ''",
        "'',      ''",    // an empty value says neither
    })
    void aSwitchTakesTrueOrFalseAndNothingElse(String value, String expected) throws MojoFailureException {
        Switch skip = new Switch("skip", "netgrad.skip");
        if (expected.isEmpty()) {
            MojoFailureException e = assertThrows(MojoFailureException.class, () -> skip.isOn(value));
            assertEquals("netgrad: <skip> (-Dnetgrad.skip) must be true or false, not '" + value + "'", e.getMessage());
        } else {
            assertEquals(Boolean.parseBoolean(expected), skip.isOn(value));
        }
    }

    // Each boolean parameter of the Mojo, misspelt, fails the build before anything is read or written.
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "skip,          netgrad.skip",
        "generateTests, netgrad.generateTests",
        "spark,         netgrad.spark",
    })
    void aMisspeltBooleanParameterFailsTheBuild(String parameter, String property) throws ReflectiveOperationException {
        GenerateMojo mojo = new GenerateMojo(new DefaultBuildContext());
        java.lang.reflect.Field field = GenerateMojo.class.getDeclaredField(parameter);
        field.setAccessible(true);
        field.set(mojo, "ture");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("netgrad: <" + parameter + "> (-D" + property + ") must be true or false, not 'ture'", e.getMessage());
    }
}
