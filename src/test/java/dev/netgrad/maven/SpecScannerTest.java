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

    private List<String> found() throws IOException {
        return new SpecScanner(List.of("**/*.nn"), List.of()).scan(dir.resolve("nn")).stream().map(SpecFile::relativePath).toList();
    }

    // Before: the walk did not follow links, so a sourceDirectory that is a link found no spec (and the
    // build deleted every class an earlier one generated), and a linked folder's specs were left out.
    @Test
    void aSourceDirectoryThatIsALinkIsReadWhereItPoints() throws IOException {
        touch("real/com/acme/A.nn");
        Files.createSymbolicLink(dir.resolve("nn"), dir.resolve("real"));
        assertEquals(List.of("com/acme/A.nn"), found());
    }

    @Test
    void aLinkToAFolderOfSpecsIsFollowedAndALinkBackUpIsReadOnce() throws IOException {
        touch("nn/com/B.nn");
        touch("shared/nets/A.nn");
        Files.createSymbolicLink(dir.resolve("nn/com/shared"), dir.resolve("shared"));
        Files.createSymbolicLink(dir.resolve("nn/com/loop"), dir.resolve("nn"));
        assertEquals(List.of("com/B.nn", "com/shared/nets/A.nn"), found());
    }

    // Found, so that the generation refuses it at its name rather than leave its network out without a word.
    @Test
    void aLinkToNothingIsFound() throws IOException {
        touch("nn/A.nn");
        Files.createSymbolicLink(dir.resolve("nn/Gone.nn"), dir.resolve("nowhere/Gone.nn"));
        assertEquals(List.of("A.nn", "Gone.nn"), found());
    }
}
