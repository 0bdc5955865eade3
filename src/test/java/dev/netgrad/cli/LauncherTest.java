package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
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
        return finish(start(launcher, dir.resolve("bin") + ":" + System.getenv("PATH"), null, args));
    }

    /** The launcher started, with {@code path} for PATH and {@code javaHome} for JAVA_HOME (unset when null). */
    private Process start(Path launcher, String path, Path javaHome, String... args) throws IOException {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = launcher.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("PATH", path);
        builder.environment().remove("JAVA_HOME");
        if (javaHome != null) {
            builder.environment().put("JAVA_HOME", javaHome.toString());
        }
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    private static Result finish(Process process) throws IOException, InterruptedException {
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
        assertTrue(first.out().startsWith("ran -jar " + root.resolve("target/launcher/netgrad-0-cli.jar") + " show x.nn"), first.out());

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
        String jar = root.resolve("target/launcher/netgrad-0-cli.jar").toString();
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
        String jar = root.resolve("target/launcher/netgrad-0-cli.jar").toString();
        for (String verb : new String[] {"bench", "train"}) {
            Result r = launch(verb, "x.nn");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("ran -XX:Tier4MinInvocationThreshold=10 --add-modules jdk.incubator.vector -jar " + jar + " " + verb + " x.nn"), r.out());
        }
        Result show = launch("show", "x.nn");
        assertTrue(show.out().startsWith("ran -jar " + jar + " show x.nn"), show.out());
    }

    /**
     * Launches at once on a stale tree (make -j on a fresh clone) build once: the others wait for
     * that build and run its jar, rather than running Maven side by side in one target/ folder.
     * The stand-in mvn takes a second and records every build, and any that overlapped another.
     */
    @Test
    void launchesAtOnceBuildOnceAndTheOthersWait() throws Exception {
        layout();
        script(dir.resolve("bin/mvn"), String.join("\n",
                "[[ -e building ]] && echo overlap >> overlaps",
                "touch building; sleep 1",
                "mkdir -p target && echo jar > target/netgrad-0-cli.jar",
                "echo build >> builds; rm building"));
        String path = dir.resolve("bin") + ":" + System.getenv("PATH");
        Process[] launches = new Process[3];
        for (int i = 0; i < launches.length; i++) {
            launches[i] = start(root.resolve("netgrad"), path, null, "show", "x.nn");
        }
        String said = "";
        for (Process launch : launches) {
            Result r = finish(launch);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("ran -jar " + root.resolve("target/launcher/netgrad-0-cli.jar")), r.out());
            said += r.err();
        }
        assertEquals(List.of("build"), Files.readAllLines(root.resolve("builds")), "one build");
        assertFalse(Files.exists(root.resolve("overlaps")), "no build beside another");
        assertEquals(1, said.split("building netgrad", -1).length - 1, said);
    }

    /**
     * A rebuild does not touch the jar a running command opened: the launcher runs a copy, replaced
     * by renaming the new one into place, so a long train keeps reading the classes it started with.
     */
    @Test
    void aRebuildLeavesTheJarOfARunningCommandAsItWas() throws Exception {
        layout();
        script(dir.resolve("bin/mvn"), "mkdir -p target && echo \"jar $(date +%s%N)\" > target/netgrad-0-cli.jar");
        assertEquals(0, launch("show", "x.nn").code());
        Path running = root.resolve("target/launcher/netgrad-0-cli.jar");
        String before = Files.readString(running);
        try (FileChannel open = FileChannel.open(running, StandardOpenOption.READ)) {
            Files.setLastModifiedTime(root.resolve("src/main/java/A.java"), FileTime.from(Instant.now().plusSeconds(60)));
            Result rebuilt = launch("show", "x.nn");
            assertEquals("netgrad: rebuilding netgrad (a source changed, about a minute)...\n", rebuilt.err());
            ByteBuffer read = ByteBuffer.allocate(before.length());
            open.read(read, 0);
            assertEquals(before, new String(read.array(), StandardCharsets.UTF_8), "the running command's jar is unchanged");
        }
        assertNotEquals(before, Files.readString(running), "the next command runs the new jar");
        assertEquals(Files.readString(root.resolve("target/netgrad-0-cli.jar")), Files.readString(running));
    }

    /** As Maven does, the launcher runs JAVA_HOME's java when JAVA_HOME is set, else the PATH's. */
    @Test
    void javaHomesJavaRunsWhenJavaHomeIsSet() throws Exception {
        layout();
        Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
        script(jdk.resolve("java"), "echo \"JAVA_HOME's java ran $*\"");
        Result r = finish(start(root.resolve("netgrad"), dir.resolve("bin") + ":" + System.getenv("PATH"), dir.resolve("jdk"), "show", "x.nn"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("JAVA_HOME's java ran -jar "), r.out());
    }

    /** Without Maven the first run says what it needs, rather than bash's "mvn: command not found" in a build log. */
    @Test
    void aFirstRunWithoutMavenSaysItNeedsMaven() throws Exception {
        layout();
        Path tools = Files.createDirectory(dir.resolve("tools"));
        for (String tool : new String[] {"bash", "dirname", "find", "mkdir", "mktemp", "cp", "mv", "rm", "basename", "readlink", "flock", "env"}) {
            Path found = whereIs(tool);
            if (found != null) {
                Files.createSymbolicLink(tools.resolve(tool), found);
            }
        }
        Files.createSymbolicLink(tools.resolve("java"), dir.resolve("bin/java"));
        Result r = finish(start(root.resolve("netgrad"), tools.toString(), null, "show", "x.nn"));
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("netgrad: building netgrad (first run, about a minute)...\n"
                + "netgrad: error: building netgrad needs Maven (mvn, 3.8 or later) on the PATH, and a JDK 17 or later\n", r.err());
    }

    private static Path whereIs(String tool) {
        for (String folder : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(folder, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
