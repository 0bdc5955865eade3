package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    // Iris.nn renamed Iris.NN was left out without a word, and its class deleted as stale. Each case: the file, the
    // includes and excludes ('-' none: the default **/*.nn), then 'spec', 'other case' (named, not read) or '-' (neither).
    @ParameterizedTest(name = "{0} in {1} but {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "Iris.nn           | -            | -          | spec",
        "Iris.NN           | -            | -          | other case",
        "com/acme/Iris.Nn  | -            | -          | other case",
        "Iris.NN.txt       | -            | -          | -",
        "Iris.NN           | -            | **/*.NN    | -",          // left out on purpose
        "Iris.NN           | -            | **/*.nn    | -",          // an exclude in another case leaves it out too
        "Com/Iris.nn       | com/*.nn     | -          | other case", // a folder's case
        "Com/Iris.nn       | com/*.nn     | Com/**     | -",
        "drafts/Iris.NN    | nets/**/*.nn | -          | -",          // not where the includes look, in any case
        "Iris.NN           | **/*.NN      | -          | spec",       // asked for by name
    })
    void aFileTheIncludesMatchOnlyInAnotherCaseIsNamedAndNotRead(String file, String include, String exclude, String expected)
            throws IOException {
        touch(file);
        SpecScanner scanner = new SpecScanner(include.equals("-") ? List.of("**/*.nn") : List.of(include),
                exclude.equals("-") ? List.of() : List.of(exclude));
        SpecScanner.Found found = scanner.find(dir);
        String kind = !found.specs().isEmpty() ? "spec" : !found.otherCase().isEmpty() ? "other case" : "-";
        assertEquals(expected, kind);
        found.otherCase().forEach(f -> assertEquals(file, f.relativePath()));
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
