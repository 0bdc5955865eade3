package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same input gives the same bytes in two runs of the command line, each in a JVM of its own: an
 * enum's hash code, and with it the hash of an IR node, and the order of a Set.of or Map.of, are drawn
 * afresh by each JVM, so an output that iterated one would differ between runs, where within one JVM it
 * would not. A guard, not a proof: two JVMs may draw the same order.
 */
class SeparateRunsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            derive samples/dropout.nn --format json                   | 0
            derive samples/batchnorm.nn --convention cost             | 0
            check samples/planar.nn samples/mixed.eq                  | 1
            generate samples/regularized.nn -o OUT                    | 0
            derive NFLATTEN                                           | 2
            """)
    void twoRunsWriteTheSameBytes(String commandLine, int code) throws Exception {
        Path misspelt = Files.writeString(dir.resolve("misspelt.nn"), "network T {\n  input X[2]\n  target Y[1]\n"
                + "  param W[1, 2]\n  Z = W @ X\n  A = sigmoid(nflatten(Z))\n  loss L = (A - Y)^2\n  cost J = mean(L)\n}\n");
        byte[][] outputs = new byte[2][];
        for (int run = 0; run < 2; run++) {
            Path out = dir.resolve("out"); // one path for both runs, which print it
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            for (String word : commandLine.split(" +")) {
                command.add(word.equals("OUT") ? out.toString() : word.equals("NFLATTEN") ? misspelt.toString() : word);
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] printed = p.getInputStream().readAllBytes();
            assertEquals(code, p.waitFor(), new String(printed, StandardCharsets.UTF_8));
            outputs[run] = concat(printed, filesUnder(out));
            deleteAll(out);
        }
        assertArrayEquals(outputs[0], outputs[1], () -> new String(outputs[0], StandardCharsets.UTF_8) + "\n----\n"
                + new String(outputs[1], StandardCharsets.UTF_8));
    }

    /** The files a run wrote, by name relative to its folder, and their bytes. */
    private static byte[] filesUnder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return new byte[0];
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        byte[] all = new byte[0];
        for (Path f : files) {
            all = concat(all, concat(("\n== " + folder.relativize(f) + "\n").getBytes(StandardCharsets.UTF_8), Files.readAllBytes(f)));
        }
        return all;
    }

    private static void deleteAll(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
