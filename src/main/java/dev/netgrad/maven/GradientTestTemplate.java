package dev.netgrad.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The generated gradient test's template, split at its fragments: the matrix functions that compute
 * the kinks' inputs and states, each marked in the template by a line {@code // fragment: name}
 * before it (the last followed by {@code // end of fragments}). A test holds only the fragments it
 * calls, in the template's order, so that the same network always gives the same bytes and a network
 * without kinks gets none. One template keeps the whole test readable in the order it is written out.
 * What a fragment calls is read off its code, as the kink expressions' calls are, rather than declared
 * beside it: a declaration could fall out of step with the code, and then only the tests of the
 * networks that reach it would fail to compile.
 */
record GradientTestTemplate(String head, List<Fragment> fragments, String tail) {
    /** One function of the template, its comment before it, and the blank line after it. */
    record Fragment(String name, String code) {
        Fragment {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(code, "code");
            if (!isCalledIn(name, code)) {
                throw new IllegalStateException("the fragment " + name + " of " + RESOURCE + " does not declare " + name);
            }
        }
    }

    GradientTestTemplate {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(tail, "tail");
        fragments = List.copyOf(fragments);
    }

    private static final String RESOURCE = "GradientTest.java.template";
    private static final String FRAGMENT = "    // fragment: ";
    private static final String END = "    // end of fragments\n";

    static GradientTestTemplate read() {
        return split(resource());
    }

    /** The template with the fragments that its fixed code and {@code calls} call, directly or through another fragment. */
    String withFragmentsCalledBy(String calls) {
        Set<String> needed = new HashSet<>();
        List<String> unread = new ArrayList<>(List.of(head, tail, calls));
        while (!unread.isEmpty()) {
            String code = unread.remove(unread.size() - 1);
            for (Fragment f : fragments) {
                if (!needed.contains(f.name()) && isCalledIn(f.name(), code)) {
                    needed.add(f.name());
                    unread.add(f.code());
                }
            }
        }
        StringBuilder out = new StringBuilder(head);
        fragments.stream().filter(f -> needed.contains(f.name())).forEach(f -> out.append(f.code()));
        return out.append(tail).toString();
    }

    /** The whole template, every fragment in it: what any test written from it may name. */
    String whole() {
        StringBuilder out = new StringBuilder(head);
        fragments.forEach(f -> out.append(f.code()));
        return out.append(tail).toString();
    }

    /** {@code name(} not part of a longer name nor a member of something else ({@code Math.max(}). */
    private static boolean isCalledIn(String name, String code) {
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "\\(").matcher(code).find();
    }

    private static GradientTestTemplate split(String template) {
        int first = template.indexOf(FRAGMENT);
        int end = template.indexOf(END);
        if (first < 0 || end < first) {
            throw new IllegalStateException(RESOURCE + " has no fragments, or no end of them");
        }
        List<Fragment> fragments = new ArrayList<>();
        for (int at = first; at < end;) {
            int code = template.indexOf('\n', at) + 1;
            int next = template.indexOf(FRAGMENT, code);
            int stop = next < 0 || next > end ? end : next;
            fragments.add(new Fragment(template.substring(at + FRAGMENT.length(), code - 1), template.substring(code, stop)));
            at = stop;
        }
        return new GradientTestTemplate(template.substring(0, first), fragments, template.substring(end + END.length()));
    }

    // A resource rather than a text block: the plugin descriptor's source scanner cannot read text blocks.
    private static String resource() {
        try (InputStream in = GradientTestTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("netgrad is missing its resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read netgrad's resource " + RESOURCE, e);
        }
    }
}
