package dev.netgrad.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The one format {@code train --plot} draws, PNG, against the name it is given: a file named {@code .txt} or
 * {@code .svg} that holds a PNG misleads whatever opens it by its name, so such a name is refused before any
 * work, as matplotlib's savefig refuses an extension it cannot write. A name with no extension ({@code cost})
 * claims no format and is taken as it is, with nothing appended: savefig's default format is PNG too, and
 * netgrad writes the file it was told to and checked, never another name.
 */
final class PlotFormat {
    private PlotFormat() {
    }

    /** The refusal of {@code plot}, typed as {@code given}, when its name ends in another extension than .png. */
    static Optional<UserError> refusal(String verb, Path plot, String given) {
        Path name = plot.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String file = name.toString();
        int dot = file.lastIndexOf('.');
        // A dot that begins the name (.png, .cost) makes a hidden file, not an extension.
        if (dot <= 0) {
            return Optional.empty();
        }
        String extension = file.substring(dot);
        if (extension.toLowerCase(Locale.ROOT).equals(".png")) {
            return Optional.empty();
        }
        String typed = given.endsWith(extension) ? given : plot.toString();
        String stem = typed.substring(0, typed.length() - extension.length());
        return Optional.of(UserError.usage(verb, "--plot " + given + " ends in " + extension
                + ", but netgrad draws PNG only; give a name ending in .png (" + stem + ".png)"));
    }
}
