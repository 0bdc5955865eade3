package dev.netgrad.maven;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Ant-style pattern over a '/'-separated path relative to the source directory, as Maven's
 * includes and excludes are written: {@code *} matches within one folder, {@code **} across
 * folders, {@code **}{@code /} also matches no folder at all, and a trailing {@code /} means
 * everything below.
 */
final class PathPattern {
    private final String text;
    private final Pattern regex;
    private final Pattern regexIgnoringCase;

    private PathPattern(String text, String regex) {
        this.text = text;
        this.regex = Pattern.compile(regex);
        this.regexIgnoringCase = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    static PathPattern of(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        String normalized = pattern.trim().replace('\\', '/');
        while (normalized.startsWith("/")) {
            normalized = normalized.substring(1);
        }
        if (normalized.isEmpty() || normalized.endsWith("/")) {
            normalized += "**";
        }
        return new PathPattern(pattern, toRegex(normalized));
    }

    /**
     * Why the patterns of {@code <parameter>} cannot be read: an empty element among them ({@code <include/>} in
     * {@code <includes>}), which Maven hands over as null (an NPE further on) and which as "" would mean every file; or a
     * pattern with a {@code ..} folder, which no path below the specs' folder, the parameter {@code sourceDirectory}
     * ({@code testSourceDirectory} for generate-test), has.
     */
    static Optional<String> listProblem(String parameter, String sourceDirectory, List<String> patterns) {
        String element = Goal.element(parameter);
        if (patterns == null) {
            return Optional.empty();
        }
        if (patterns.stream().anyMatch(p -> p == null || p.isBlank())) {
            return Optional.of("<" + parameter + "> holds an empty <" + element + ">; write a pattern such as **/*.nn in it, or remove it");
        }
        // A path below the source directory has no '..': such a pattern would match nothing, without a word.
        return patterns.stream().filter(p -> List.of(p.trim().replace('\\', '/').split("/")).contains("..")).findFirst()
                .map(p -> "<" + parameter + "> holds <" + element + ">" + p + "</" + element + ">, whose '..' no spec's path has:"
                        + " patterns are read below <" + sourceDirectory + ">; to read specs from another folder, set <" + sourceDirectory + ">"
                        + " to it");
    }

    /** Whether the path matches, upper and lower case told apart, as Maven's own includes and excludes are read. */
    boolean matches(String relativePath) {
        return regex.matcher(relativePath.replace('\\', '/')).matches();
    }

    /** Whether the path would match if case did not count ({@code Iris.NN} against {@code **}{@code /*.nn}). */
    boolean matchesIgnoringCase(String relativePath) {
        return regexIgnoringCase.matcher(relativePath.replace('\\', '/')).matches();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            if (pattern.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 3;
            } else if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else {
                char c = pattern.charAt(i++);
                if (c == '*') {
                    regex.append("[^/]*");
                } else if (c == '?') {
                    regex.append("[^/]");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
        }
        return regex.toString();
    }
}
