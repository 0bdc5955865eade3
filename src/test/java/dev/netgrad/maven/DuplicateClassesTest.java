package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.SourcePos;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateClassesTest {
    @Test
    void distinctClassesAreFine() {
        List<ClassOrigin> origins = List.of(
                new ClassOrigin("com.acme.Iris", "/p/com/acme/Iris.nn", new SourcePos(1, 9)),
                new ClassOrigin("com.acme.deep.Iris", "/p/com/acme/deep/Iris.nn", new SourcePos(1, 9)),
                new ClassOrigin("com.acme.Planar", "/p/com/acme/Planar.nn", new SourcePos(2, 9)));
        assertEquals(List.of(), DuplicateClasses.find(origins));
    }

    @Test
    void sameClassFromTwoSpecsIsOneErrorNamingBothFiles() {
        List<ClassOrigin> origins = List.of(
                new ClassOrigin("nets.Iris", "/p/a/Iris.nn", new SourcePos(3, 9)),
                new ClassOrigin("nets.Iris", "/p/b/Flowers.nn", new SourcePos(2, 11)));
        List<Diagnostic> errors = DuplicateClasses.find(origins);
        assertEquals(1, errors.size());
        Diagnostic error = errors.get(0);
        assertEquals("/p/b/Flowers.nn", error.path());
        assertEquals(2, error.line());
        assertEquals(11, error.column());
        assertTrue(error.message().contains("nets.Iris"), error.message());
        assertTrue(error.message().contains("/p/a/Iris.nn"), error.message());
        assertTrue(error.toString().startsWith("/p/b/Flowers.nn:2:11: error: class nets.Iris"), error.toString());
    }

    @Test
    void everyLaterDefinitionNamesTheFirst() {
        List<ClassOrigin> origins = List.of(
                new ClassOrigin("x.A", "/1.nn", new SourcePos(1, 9)),
                new ClassOrigin("x.A", "/2.nn", new SourcePos(1, 9)),
                new ClassOrigin("x.A", "/3.nn", new SourcePos(1, 9)));
        List<Diagnostic> errors = DuplicateClasses.find(origins);
        assertEquals(2, errors.size());
        assertTrue(errors.stream().allMatch(e -> e.message().contains("/1.nn")));
    }

    // A build must work on every machine: on macOS's and Windows's file systems the two files are one.
    @Test
    void classesThatDifferOnlyInCaseAreAnError() {
        List<ClassOrigin> origins = List.of(
                new ClassOrigin("nets.Planar", "/p/Planar.nn", new SourcePos(1, 9)),
                new ClassOrigin("nets.planar", "/p/lower.nn", new SourcePos(1, 9)));
        List<Diagnostic> errors = DuplicateClasses.find(origins);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).toString().startsWith("/p/lower.nn:1:9: error: class nets.planar differs only in case from"
                + " nets.Planar, which /p/Planar.nn defines"), errors.get(0).toString());
    }
}
