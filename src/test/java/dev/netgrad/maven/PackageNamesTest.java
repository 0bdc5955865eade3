package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.codegen.TrainerGenerator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageNamesTest {
    @Test
    void folderUnderTheSourceDirectoryGivesThePackage() {
        assertEquals("com.acme", PackageNames.fromFolder("com/acme"));
        assertEquals("nets", PackageNames.fromFolder("nets"));
    }

    @Test
    void specAtTheRootGoesToTheNamedDefaultPackage() {
        assertEquals("netgrad.generated", PackageNames.fromFolder(""));
        assertEquals(PackageNames.ROOT_PACKAGE, PackageNames.fromFolder(""));
    }

    @Test
    void validNamesHaveNoProblem() {
        assertEquals(Optional.empty(), PackageNames.problem("com.acme.nets"));
        assertEquals(Optional.empty(), PackageNames.problem("net_1.$x"));
        assertEquals(Optional.empty(), PackageNames.problem("record.var.yield"));
    }

    @Test
    void folderThatIsNotAnIdentifierIsNamed() {
        String problem = PackageNames.problem("com.my-nets").orElseThrow();
        assertTrue(problem.contains("'my-nets'"), problem);
        assertTrue(problem.contains("not a Java identifier"), problem);
        assertTrue(PackageNames.problem("com.1st").isPresent());
    }

    @Test
    void keywordsAndEmptyPartsAreRejected() {
        assertTrue(PackageNames.problem("com.class.x").orElseThrow().contains("keyword"));
        assertTrue(PackageNames.problem("com..acme").orElseThrow().contains("empty part"));
        assertTrue(PackageNames.problem("com.acme.").isPresent());
        assertTrue(PackageNames.problem("").isPresent());
    }

    @Test
    void packageFolderUsesSlashes() {
        assertEquals("com/acme", PackageNames.folderOf("com.acme"));
    }

    // javac compiles such a class, and the JVM then refuses to load it (SecurityException).
    @Test
    void thePackageJavaAndItsSubpackagesAreRefused() {
        for (String name : List.of("java", "java.nets", "java.util.mine")) {
            String problem = PackageNames.problem(name).orElseThrow(() -> new AssertionError(name));
            assertTrue(problem.contains("where the JVM loads no class but its own"), problem);
        }
        assertEquals(Optional.empty(), PackageNames.problem("javax.nets"));
        assertEquals(Optional.empty(), PackageNames.problem("javanets"));
    }

    // javac leaves identifier-ignorable characters out of names: these compiled into java.nets (which
    // the JVM then refused to load) and into the runtime's package, past the checks meant for them.
    @Test
    void anInvisibleCharacterJavaLeavesOutOfNamesIsRefused() {
        assertEquals(Optional.of("'ja\u200Bva.nets' holds U+200B, an invisible character that Java leaves out of names; remove it"),
                PackageNames.problem("ja\u200Bva.nets"));
        assertEquals(Optional.of("'dev.netgrad.runtime\u00AD' holds U+00AD, an invisible character that Java leaves out of names; remove it"),
                PackageNames.problem("dev.netgrad.runtime\u00AD"));
        assertEquals(Optional.of("'com.acme\u0007' holds U+0007, an invisible character that Java leaves out of names; remove it"),
                TrainerGenerator.packageNameProblem("com.acme\u0007"));
    }

    // The runtime is written there beside the trainers: a network named SharingTuner would replace one of its files.
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // package                 | how its problem starts (none: allowed)
        "dev.netgrad.runtime       | 'dev.netgrad.runtime' is netgrad's runtime package",
        "dev.netgrad.runtime.spark | 'dev.netgrad.runtime.spark' is netgrad's runtime package",
        "dev.netgrad.runtime.mine  | 'dev.netgrad.runtime.mine' is netgrad's runtime package",
        "dev.netgrad               | ",
        "dev.netgrad.runtimes      | ",
        "dev.netgrad.nets          | ",
    })
    void netgradsRuntimePackagesAreRefused(String name, String start) {
        Optional<String> problem = PackageNames.problem(name);
        if (start == null) {
            assertEquals(Optional.empty(), problem);
            return;
        }
        assertTrue(problem.orElseThrow(() -> new AssertionError(name)).startsWith(start + " (or below it), where the runtime the"
                + " trainers share is written: a network there could replace one of its files; choose another package"), problem.get());
    }
}
