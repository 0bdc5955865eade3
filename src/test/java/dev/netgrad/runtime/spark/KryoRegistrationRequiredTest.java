package dev.netgrad.runtime.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole fits in a Spark whose Kryo requires every class registered, with netgrad's registrator: a JVM of its
 * own, since a JVM holds one SparkContext and the tests' shared one runs Java's serializer. SparkSerializersTest
 * sends each value a fit hands over; this runs the fits, which would fail their first job on any class left out.
 */
class KryoRegistrationRequiredTest {
    @TempDir
    Path dir;

    @Test
    void fitsUnderRegistrationRequiredGiveTheSameNumbers() throws Exception {
        Run run = run(dir.resolve("registered"));
        assertEquals(0, run.exit(), run.printed());
        List<String> expected = KryoRegisteredFit.fits(LocalSpark.session(), java.nio.file.Files.createDirectories(dir.resolve("shared")));
        assertEquals(expected, run.printed().lines().filter(l -> l.startsWith(KryoRegisteredFit.RESULT))
                .map(l -> l.substring(KryoRegisteredFit.RESULT.length())).toList());
    }

    /** Guards the test: without the registrator the same fits fail on the first class not registered. */
    @Test
    void withoutTheRegistratorTheFitsFail() throws Exception {
        Run run = run(dir.resolve("unregistered"), NoRegistrations.class.getName());
        assertNotEquals(0, run.exit());
        assertTrue(run.printed().contains("Class is not registered"), run.printed());
    }

    /** A registrator that registers nothing (Spark makes it by its public constructor). */
    public static final class NoRegistrations implements org.apache.spark.serializer.KryoRegistrator {
        @Override
        public void registerClasses(com.esotericsoftware.kryo.Kryo kryo) {
        }
    }

    private record Run(int exit, String printed) {
    }

    private static Run run(Path dir, String... registrator) throws IOException, InterruptedException {
        java.nio.file.Files.createDirectories(dir);
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // Spark's module options, as this JVM got them (the POM's argLine).
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Dio.netty")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KryoRegisteredFit.class.getName(), dir.toString()));
        command.addAll(List.of(registrator));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), printed);
    }
}
