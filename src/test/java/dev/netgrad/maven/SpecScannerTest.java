package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecScannerTest {
    @TempDir
    Path dir;

    private void touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
    }

    @Test
    void findsIncludedSpecsInPathOrderAndSkipsExcludedOnes() throws IOException {
        touch("Root.nn");
        touch("com/acme/B.nn");
        touch("com/acme/A.nn");
        touch("com/acme/notes.txt");
        touch("drafts/Old.nn");
        SpecScanner scanner = new SpecScanner(List.of("**/*.nn"), List.of("drafts/**"));
        List<String> found = scanner.scan(dir).stream().map(SpecFile::relativePath).toList();
        assertEquals(List.of("Root.nn", "com/acme/A.nn", "com/acme/B.nn"), found);
    }

    @Test
    void specKnowsItsFolder() throws IOException {
        touch("com/acme/A.nn");
        touch("Root.nn");
        List<SpecFile> found = new SpecScanner(List.of("**/*.nn"), List.of()).scan(dir);
        assertEquals("", found.get(0).folder());
        assertEquals("com/acme", found.get(1).folder());
    }

    @Test
    void missingSourceDirectoryHasNoSpecs() throws IOException {
        assertEquals(List.of(), new SpecScanner(List.of("**/*.nn"), List.of()).scan(dir.resolve("absent")));
    }
}
