package dev.netgrad.maven;

import java.util.List;

/**
 * What sets the plugin's goals apart in what they read and say: the goal's name, whether it generates for the tests,
 * and the names of its parameters, which messages give as the user wrote them ({@code generate-test}'s are
 * test-prefixed, as the compiler's {@code testCompile} has {@code testIncludes} beside {@code compile}'s
 * {@code includes}), with their {@code -D} properties. Its output folders are named for the clean-up checks that keep
 * each goal out of the other's folders.
 */
record Goal(String name, boolean test, String sourceDirectory, String includes, String excludes, String outputDirectory,
        String equationsDirectory, String propertyPrefix) {
    static final Goal MAIN = new Goal("generate", false, "sourceDirectory", "includes", "excludes", "outputDirectory",
            "equationsDirectory", "netgrad.");
    static final Goal TEST = new Goal("generate-test", true, "testSourceDirectory", "testIncludes", "testExcludes",
            "testTrainersDirectory", "testEquationsDirectory", "netgrad.test.");

    /** The main goal's folder of gradient tests, which it sweeps too; the test goal writes none. */
    static final String GRADIENT_TESTS = "testOutputDirectory";

    /** The other goal of the plugin: the one whose folders this goal's clean-up must never reach. */
    Goal other() {
        return test ? MAIN : TEST;
    }

    /** The parameters naming the folders whose stale files this goal deletes. */
    List<String> outputFolders() {
        return test ? List.of(outputDirectory, equationsDirectory) : List.of(outputDirectory, equationsDirectory, GRADIENT_TESTS);
    }

    /** The folder of specs when {@link #sourceDirectory} is unset, as messages give it. */
    String usualSourceDirectory() {
        return test ? "src/test/nn" : "src/main/nn";
    }

    /**
     * The {@code -D} property of {@code parameter}: the goal's prefix before its name, a test-prefixed name without
     * its {@code test} ({@code testTrainersDirectory} is read from {@code -Dnetgrad.test.trainersDirectory}).
     */
    String property(String parameter) {
        String name = test && parameter.startsWith("test") && parameter.length() > 4 && Character.isUpperCase(parameter.charAt(4))
                ? Character.toLowerCase(parameter.charAt(4)) + parameter.substring(5) : parameter;
        return propertyPrefix + name;
    }

    /** How a parameter is named in a message: {@code <skip> (-Dnetgrad.skip)}. */
    String named(String parameter) {
        return "<" + parameter + "> (-D" + property(parameter) + ")";
    }

    /** The element of one pattern of {@code <includes>} or {@code <excludes>}: {@code <testInclude>} in {@code <testIncludes>}. */
    static String element(String listParameter) {
        return listParameter.endsWith("s") ? listParameter.substring(0, listParameter.length() - 1) : listParameter;
    }
}
