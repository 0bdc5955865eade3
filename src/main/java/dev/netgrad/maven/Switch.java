package dev.netgrad.maven;

import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;

/**
 * A yes-or-no parameter of the Mojo, read strictly. Maven's own conversion makes any text but
 * "true" false, so {@code -Dnetgrad.skip=ture} or {@code <skip>yes</skip>} would quietly not skip:
 * here only true or false (in any case) is taken, and anything else, an empty value among them,
 * fails the build naming the parameter, its value and what it takes. Unset, it is false.
 */
record Switch(String parameter, String property) {
    /** Whether {@code value} (the parameter's text, null when unset) is true. */
    boolean isOn(String value) throws MojoFailureException {
        if (value == null) {
            return false;
        }
        String word = value.trim().toLowerCase(Locale.ROOT);
        if (word.equals("true") || word.equals("false")) {
            return word.equals("true");
        }
        throw new MojoFailureException("netgrad: <" + parameter + "> (-D" + property + ") must be true or false, not '"
                + value + "'");
    }
}
