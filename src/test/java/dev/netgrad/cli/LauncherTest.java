package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ./netgrad}, run by bash in a copy of the repository's layout with
 * stand-ins for {@code mvn} (makes the jar) and {@code java} (says it ran): it says on stderr when
 * it builds, and why, and is silent when the jar is fresh.
 */
class LauncherTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private Path root;

    private void layout() throws IOException {
        root = Files.createDirectory(dir.resolve("repo"));
        Files.copy(Path.of("netgrad"), root.resolve("netgrad"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(root.resolve("src/main/java"));
        Files.writeString(root.resolve("src/main/java/A.java"), "class A {}\n");
        Files.createDirectory(root.resolve("grammar"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Path bin = Files.createDirectory(dir.resolve("bin"));
        script(bin.resolve("mvn"), "mkdir -p target && echo jar > target/netgrad-0-cli.jar");
        script(bin.resolve("java"), "echo \"ran $*\"");
        Instant past = Instant.now().minusSeconds(60);
        for (String source : new String[] {"src/main/java/A.java", "src/main/java", "src/main", "grammar", "pom.xml"}) {
            Files.setLastModifiedTime(root.resolve(source), FileTime.from(past));
        }
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result launch(String... args) throws IOException, InterruptedException {
        return launchAt(root.resolve("netgrad"), args);
    }

    private Result launchAt(Path launcher, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = launcher.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), out, err);
    }

    @Test
    void theFirstRunSaysItBuildsAndAFreshJarRunsSilently() throws Exception {
        layout();
        Result first = launch("show", "x.nn");
        assertEquals(0, first.code(), first.err());
        assertEquals("netgrad: building netgrad (first run, about a minute)...\n", first.err());
        assertTrue(first.out().startsWith("ran -jar " + root.resolve("target/netgrad-0-cli.jar") + " show x.nn"), first.out());

        Result second = launch("show", "x.nn");
        assertEquals("", second.err(), "no build, no message");

        Files.setLastModifiedTime(root.resolve("src/main/java/A.java"), FileTime.from(Instant.now().plusSeconds(60)));
        Result third = launch("show", "x.nn");
        assertEquals("netgrad: rebuilding netgrad (a source changed, about a minute)...\n", third.err());
    }

    /**
     * A link to the launcher elsewhere (in ~/bin, say, or a link to such a link, relative) runs the
     * repository's jar: the launcher follows the links to itself rather than building where the link is.
     */
    @Test
    void aLinkToTheLauncherFromAnotherFolderRunsTheRepositorysJar() throws Exception {
        layout();
        Path bin = Files.createDirectories(dir.resolve("home/bin"));
        Files.createSymbolicLink(bin.resolve("netgrad"), root.resolve("netgrad"));
        Path other = Files.createDirectories(dir.resolve("home/other"));
        Files.createSymbolicLink(other.resolve("ng"), Path.of("../bin/netgrad"));
        String jar = root.resolve("target/netgrad-0-cli.jar").toString();
        for (Path link : new Path[] {bin.resolve("netgrad"), other.resolve("ng")}) {
            Result r = launchAt(link, "show", "x.nn");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("ran -jar " + jar + " show x.nn"), link + ": " + r.out() + r.err());
        }
    }

    /**
     * The verbs that train get the Vector API (the SIMD products) and C2 compiling long loops' methods
     * after 10 calls (before it compiles a kernel's loop entered mid-way, which boxes its vectors);
     * the others start without either.
     */
    @Test
    void benchAndTrainRunWithTheVectorApi() throws Exception {
        layout();
        String jar = root.resolve("target/netgrad-0-cli.jar").toString();
        for (String verb : new String[] {"bench", "train"}) {
            Result r = launch(verb, "x.nn");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("ran -XX:Tier4MinInvocationThreshold=10 --add-modules jdk.incubator.vector -jar " + jar + " " + verb + " x.nn"), r.out());
        }
        Result show = launch("show", "x.nn");
        assertTrue(show.out().startsWith("ran -jar " + jar + " show x.nn"), show.out());
    }
}
