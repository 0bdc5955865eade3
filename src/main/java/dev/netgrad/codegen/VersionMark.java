package dev.netgrad.codegen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A package's version mark: a class of it ({@code markClass}) whose constant {@code SHA_256} is the digest of the
 * package's other sources (the runtime's RuntimeVersion, the Spark adapter's AdapterVersion). The Maven plugin reads it
 * in a dependency's copy of the class to tell this version's package from another's of the same class names; netgrad's
 * tests check that the constant is the digest. {@code files} are the package's sources in their fixed order, read by
 * {@code read}.
 */
record VersionMark(String pkg, String markClass, List<String> files, Function<String, String> read) {
    private static final Pattern DIGEST = Pattern.compile("SHA_256 = \"([0-9a-f]{64})\"");

    /** The mark's source path under a source root and the digest written in it (and so in its class). */
    Map<String, String> mark() {
        Matcher digest = DIGEST.matcher(read.apply(markClass + ".java"));
        if (!digest.find()) {
            throw new IllegalStateException("netgrad's class " + markClass + " holds no SHA_256 digest");
        }
        return Map.of(pkg.replace('.', '/') + "/" + markClass + ".java", digest.group(1));
    }

    /** The SHA-256 of the sources but the mark's own: each its file name, a 0 byte, its text in UTF-8 and a 0 byte. */
    String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String file : files) {
                if (!file.equals(markClass + ".java")) {
                    sha.update(file.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                    sha.update(read.apply(file).getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
