package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.Compilation;
import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.diff.Convention;
import dev.netgrad.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What netgrad prints and writes does not depend on the default locale: a German one writes 6,11e-08 and
 * 10.000, an Egyptian Arabic one its own digits, a Turkish one upper-cases i to a dotted capital I. Each
 * run under de-DE, tr-TR, ar-EG and th-TH-u-nu-thai is byte for byte the run under ROOT.
 */
class DefaultLocaleTest {
    private static final List<Locale> LOCALES = List.of(Locale.forLanguageTag("de-DE"), Locale.forLanguageTag("tr-TR"),
            Locale.forLanguageTag("ar-EG"), Locale.forLanguageTag("th-TH-u-nu-thai"));

    @TempDir
    Path dir;

    /** {@code what} run with the default locale set to {@code locale} in every category, restored after. */
    static <T> T in(Locale locale, Callable<T> what) throws Exception {
        Locale before = Locale.getDefault();
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        Locale.setDefault(locale);
        try {
            return what.call();
        } finally {
            Locale.setDefault(before);
            Locale.setDefault(Locale.Category.FORMAT, format);
            Locale.setDefault(Locale.Category.DISPLAY, display);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // %.2e and %.0e in the table and the verdict: relative difference 6.11e-08
        "gradcheck samples/planar.nn                   | relative difference 6.11e-08",
        // %,d in the range and the value refused
        "gradcheck samples/planar.nn --examples 123456 | between 1 and 10,000 (a few dozen show any error), found 123,456",
        // the derived equations
        "derive samples/regularized.nn                 | dW3 = 1/m * dZ3 @ A2.T + lambda/m * W3",
    })
    void aRunPrintsTheSameInEveryLocale(String commandLine, String printed) throws Exception {
        String[] args = commandLine.trim().split(" +");
        MainTest.Run root = in(Locale.ROOT, () -> MainTest.run(args));
        assertTrue((root.out() + root.err()).contains(printed), root.out() + root.err());
        for (Locale locale : LOCALES) {
            assertEquals(root, in(locale, () -> MainTest.run(args)), locale.toLanguageTag());
        }
    }

    /**
     * A JVM started in a Turkish or Azeri locale: a library that lower-cases in the default locale as its
     * classes load (JavaParser spelled int "\u0131nt") does so before any test here could set the locale, so
     * only a JVM of its own, as LC_ALL=tr_TR.UTF-8 starts one, shows it. The class is the committed golden.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"tr, TR", "az, AZ"})
    void aJvmStartedInTheLocaleGeneratesTheSameClass(String language, String country) throws Exception {
        Path out = dir.resolve("out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.language=" + language, "-Duser.country=" + country, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "generate", "samples/planar.nn", "-o", out.toString()).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), printed);
        assertEquals(Files.readString(Path.of("generated/Planar.java")), Files.readString(out.resolve("netgrad/generated/Planar.java")));
    }

    /** A params file, written by the runtime into every user's project. */
    @Test
    void savedParamsAreTheSameInEveryLocale() throws Exception {
        Path planar = Path.of("samples/planar.nn");
        CompiledTrainer trainer = CompiledTrainer.of(Compilation.of(SpecReader.read(planar.toString(), Files.readString(planar)),
                Convention.LOSS).derivation(), 1);
        String root = in(Locale.ROOT, () -> saved(trainer, "root.json"));
        for (Locale locale : LOCALES) {
            assertEquals(root, in(locale, () -> saved(trainer, locale.toLanguageTag() + ".json")), locale.toLanguageTag());
        }
    }

    private String saved(CompiledTrainer trainer, String name) throws IOException {
        Path file = dir.resolve(name);
        trainer.trainer().save(file);
        return Files.readString(file);
    }
}
