package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newer JDK's javac, which has lint checks Java 17's lacks (this-escape, from 21), compiles the
 * goldens ({@code generated/}: every sample's trainer and the runtime) with {@code --release 17
 * -Xlint:all -Werror}: a user who builds them with a newer JDK and -Werror gets no error.
 * GoldenTest compiles them with the running JDK.
 */
class NewerJdkTest {
    private static List<String> goldenSources() throws IOException {
        try (Stream<Path> files = Files.walk(GoldenTest.GOLDENS)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
    }

    /** Every JDK newer than the running one installed beside it (or named by -Dnetgrad.jdks, separated by the path separator). */
    private static List<Path> newerJdks() throws IOException {
        Set<Path> homes = new LinkedHashSet<>();
        String named = System.getProperty("netgrad.jdks", "");
        for (String home : named.split(java.io.File.pathSeparator)) {
            if (!home.isBlank()) {
                homes.add(Path.of(home).toRealPath());
            }
        }
        Path running = Path.of(System.getProperty("java.home")).toRealPath();
        if (running.getParent() != null) {
            try (Stream<Path> siblings = Files.list(running.getParent())) {
                for (Path home : siblings.toList()) {
                    if (Files.isExecutable(home.resolve("bin/javac"))) {
                        homes.add(home.toRealPath());
                    }
                }
            }
        }
        int runningMajor = Runtime.version().feature();
        List<Path> newer = new ArrayList<>();
        for (Path home : homes) {
            if (major(home).filter(v -> v > runningMajor).isPresent()) {
                newer.add(home);
            }
        }
        return newer;
    }

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    /** The feature version a JDK's {@code release} file gives, if it has one. */
    private static Optional<Integer> major(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Matcher m = JAVA_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    @Test
    void newerJdksCompileTheGoldensWithEveryLintWarningAsAnError(@TempDir Path out) throws Exception {
        List<Path> jdks = newerJdks();
        assumeFalse(jdks.isEmpty(), "no JDK newer than the running one beside it (name some with -Dnetgrad.jdks)");
        Path files = out.resolve("sources.txt");
        Files.write(files, goldenSources(), StandardCharsets.UTF_8);
        for (Path jdk : jdks) {
            Path classes = Files.createDirectories(out.resolve("classes-" + jdk.getFileName()));
            List<String> command = new ArrayList<>(InMemoryCompiler.STRICT);
            command.add(0, jdk.resolve("bin/javac").toString());
            command.addAll(List.of("-implicit:none", "-d", classes.toString(), "@" + files));
            Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
            String said = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, javac.waitFor(), jdk + "'s javac:\n" + said);
            assertEquals("", said, jdk + "'s javac");
        }
    }
}
