package dev.netgrad.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version from the jar: its manifest, else the pom.properties Maven packs into every jar;
 * "dev" when running from classes (tests, an IDE).
 */
public final class VersionProvider implements IVersionProvider {
    private static final String POM_PROPERTIES = "/META-INF/maven/dev.netgrad/netgrad/pom.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"netgrad " + version()};
    }

    public static String version() {
        String fromManifest = Main.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return fromManifest;
        }
        try (InputStream in = Main.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (IOException e) {
            // Fall through: a version is nice to have, never worth failing for.
        }
        return "dev";
    }
}
