package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** A file the plugin cannot read or write is said in words: the path and the reason, never an exception's class name. */
class GenerateMojoTest {
    @Test
    void ioFailuresAreDescribedInWords() {
        assertEquals("src/main/netgrad/a.nn: no such file", GenerateMojo.describe(new NoSuchFileException("src/main/netgrad/a.nn")));
        assertEquals("out/A.java: permission denied", GenerateMojo.describe(new AccessDeniedException("out/A.java")));
        assertEquals("out: not a directory", GenerateMojo.describe(new FileSystemException("out", null, "Not a directory")));
        assertEquals("cannot write out/A.java: disk full", GenerateMojo.describe(new IOException("cannot write out/A.java: disk full")));
    }
}
