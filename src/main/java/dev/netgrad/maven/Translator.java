package dev.netgrad.maven;

import dev.netgrad.Compilation;
import dev.netgrad.codegen.TrainerGenerator;
import dev.netgrad.diff.Convention;
import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Turns one spec's text into its generated files, with the same calls the command line makes. */
final class Translator {
    private final Optional<String> configuredPackage;
    private final Convention convention;
    private final boolean generateTests;

    Translator(Optional<String> configuredPackage, Convention convention, boolean generateTests) {
        this.configuredPackage = configuredPackage;
        this.convention = convention;
        this.generateTests = generateTests;
    }

    /** The spec's outputs; a bad spec, or a folder that is no package name, throws its diagnostics. */
    Translation translate(SpecFile spec, String text) throws SpecException {
        String path = spec.displayPath();
        String packageName = configuredPackage.orElseGet(() -> PackageNames.fromFolder(spec.folder()));
        Optional<String> packageProblem = PackageNames.problem(packageName);
        if (packageProblem.isPresent()) {
            String message = "the folder " + spec.folder() + " gives no Java package name: " + packageProblem.get()
                    + "; rename the folder or set <packageName>";
            throw new SpecException(List.of(new Diagnostic(path, 1, 1, message)), text);
        }
        Network network = SpecReader.read(path, text);
        String className = TrainerGenerator.className(network);
        // Before deriving, as the command line does: a network too big for one class (3,000 layers) is told
        // in a second, not after a minute and a gigabyte.
        requireClassFiles(network, packageName, className, path, text);
        Compilation compilation = Compilation.of(network, text, convention);
        ClassOrigin origin = new ClassOrigin(packageName + "." + className, path, network.pos());
        String javaSource = trainer(compilation, packageName, text, path);
        return new Translation(spec, packageName, className, origin, javaSource,
                compilation.equations(Compilation.Format.MARKDOWN),
                generateTests ? Optional.of(gradientTest(spec, packageName, className, compilation)) : Optional.empty());
    }

    // The command line's limit, for the longest name written: <Name>GradientTest.class when tests are
    // generated; and then the report surefire writes for the test, named after its package too, and the
    // names the test writes in full, which the class must not hide or replace.
    private void requireClassFiles(Network network, String packageName, String className, String path, String text)
            throws SpecException {
        Optional<String> problem = generateTests
                ? TrainerGenerator.classFileProblem(network, GradientTestWriter.testClassName(""),
                        "its gradient test's compiled class file")
                : TrainerGenerator.classFileProblem(network);
        problem = problem.or(() -> TrainerGenerator.unsupported(network));
        if (problem.isEmpty() && generateTests) {
            String qualifiedClass = packageName.isEmpty() ? className : packageName + "." + className;
            problem = testReportProblem(network, packageName + "." + GradientTestWriter.testClassName(className))
                    .or(() -> GradientTestWriter.nameClash(qualifiedClass));
        }
        if (problem.isPresent()) {
            throw new SpecException(List.of(Diagnostic.at(path, network.pos(), problem.get())), text);
        }
    }

    /**
     * Surefire names a test's reports {@code TEST-<package>.<Test>.xml}: past the file system's 255
     * bytes it cannot write them, warns, and counts the test as not run while the build passes.
     */
    private static Optional<String> testReportProblem(Network network, String qualifiedTest) {
        String report = "TEST-" + qualifiedTest + ".xml";
        int bytes = report.getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= TrainerGenerator.MAX_FILE_NAME_BYTES) {
            return Optional.empty();
        }
        int longest = network.name().length() - (bytes - TrainerGenerator.MAX_FILE_NAME_BYTES);
        return Optional.of("the network name '" + network.name().substring(0, Math.min(20, network.name().length()))
                + "...' is too long for its package when gradient tests are generated: surefire's report of the test, "
                + "TEST-<package>.<name>GradientTest.xml, would have a " + bytes + "-byte name, over the file system's "
                + TrainerGenerator.MAX_FILE_NAME_BYTES + " (its run would go uncounted); shorten it to at most "
                + Math.max(1, longest) + " characters, or the package");
    }

    // The generator rejects networks it cannot train (two inputs, say) with an IllegalArgumentException:
    // a limit the user meets in their spec, so it is reported like the spec's other errors.
    private static String trainer(Compilation compilation, String packageName, String text, String path)
            throws SpecException {
        try {
            return compilation.trainer(packageName);
        } catch (IllegalArgumentException e) {
            throw new SpecException(List.of(Diagnostic.at(path, compilation.network().pos(), e.getMessage())), text);
        }
    }

    private static String gradientTest(SpecFile spec, String packageName, String className, Compilation compilation) {
        return GradientTestWriter.write(GradientTestWriter.Subject.of(packageName, className, spec.relativePath(), compilation));
    }
}
