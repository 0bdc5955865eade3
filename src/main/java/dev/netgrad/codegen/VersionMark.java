package dev.netgrad.codegen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A package's version mark: a class of it whose constant {@code SHA_256} is the digest of the package's other sources
 * (the runtime's RuntimeVersion, the Spark adapter's AdapterVersion). The Maven plugin reads it in a dependency's copy
 * of the class to tell this version's package from another's of the same class names; netgrad's tests check that the
 * constant is the digest.
 */
final class VersionMark {
    private static final Pattern DIGEST = Pattern.compile("SHA_256 = \"([0-9a-f]{64})\"");

    private VersionMark() {
    }

    /** The digest the mark's source {@code markSource} (of the class {@code markClass}) holds. */
    static String writtenIn(String markClass, String markSource) {
        Matcher digest = DIGEST.matcher(markSource);
        if (!digest.find()) {
            throw new IllegalStateException("netgrad's class " + markClass + " holds no SHA_256 digest");
        }
        return digest.group(1);
    }

    /**
     * The SHA-256 of {@code sources} (file name to text, in their order) but the mark's own, {@code markFile}: each its
     * name, a 0 byte, its text in UTF-8 and a 0 byte.
     */
    static String digest(Map<String, String> sources, String markFile) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> source : sources.entrySet()) {
                if (!source.getKey().equals(markFile)) {
                    sha.update(source.getKey().getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                    sha.update(source.getValue().getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
