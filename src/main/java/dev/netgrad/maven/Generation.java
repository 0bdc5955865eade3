package dev.netgrad.maven;

import dev.netgrad.OutputFiles;
import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.SpecException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the generator over a source directory: reads every spec and reports every problem
 * of all of them; only when there is none, writes the outputs whose bytes changed.
 */
final class Generation {
    private final Settings settings;
    private final Translator translator;
    private final List<Translation> translations = new ArrayList<>();
    private final List<String> errorLines = new ArrayList<>();
    private final List<Path> written = new ArrayList<>();
    private final List<Path> unchanged = new ArrayList<>();
    private int errorCount;

    Generation(Settings settings) {
        this.settings = settings;
        this.translator = new Translator(settings.packageName(), settings.convention(), settings.generateTests());
    }

    /**
     * Runs once. IO failures throw; a bug in netgrad's own stages throws an
     * {@link IllegalStateException} naming the spec it failed on.
     */
    Outcome run() throws IOException {
        List<SpecFile> specs = new SpecScanner(settings.includes(), settings.excludes()).scan(settings.sourceDirectory());
        for (SpecFile spec : specs) {
            translate(spec);
        }
        List<Diagnostic> clashes = DuplicateClasses.find(translations.stream().map(Translation::origin).toList());
        clashes.forEach(d -> report(List.of(d), d + "\n"));
        if (errorCount == 0) {
            for (Translation t : translations) {
                write(t);
            }
        }
        return new Outcome(specs.size(), errorCount, errorLines, written, unchanged);
    }

    private void translate(SpecFile spec) throws IOException {
        String text;
        try {
            text = Files.readString(spec.file(), StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            Diagnostic d = new Diagnostic(spec.displayPath(), 1, 1, "the file is not UTF-8 text");
            report(List.of(d), d + "\n");
            return;
        }
        try {
            translations.add(translator.translate(spec, text));
        } catch (SpecException e) {
            report(e.diagnostics(), e.formatted());
        } catch (RuntimeException e) {
            throw new IllegalStateException("internal error in netgrad while generating from "
                    + spec.displayPath() + ": " + e, e);
        }
    }

    private void report(List<Diagnostic> diagnostics, String formatted) {
        errorCount += diagnostics.size();
        formatted.lines().forEach(errorLines::add);
    }

    private void write(Translation t) throws IOException {
        String packageFolder = PackageNames.folderOf(t.packageName());
        write(settings.outputDirectory().resolve(packageFolder).resolve(t.className() + ".java"), t.javaSource());
        write(settings.equationsDirectory().resolve(t.spec().folder()).resolve(t.className() + ".md"), t.markdown());
        if (t.testSource().isPresent()) {
            String testClass = GradientTestWriter.testClassName(t.className());
            write(settings.testOutputDirectory().resolve(packageFolder).resolve(testClass + ".java"),
                    t.testSource().get());
        }
    }

    private void write(Path file, String content) throws IOException {
        boolean changed = OutputFiles.writeIfChanged(file, content.getBytes(StandardCharsets.UTF_8));
        (changed ? written : unchanged).add(file);
    }
}
