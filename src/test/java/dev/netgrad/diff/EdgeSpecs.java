package dev.netgrad.diff;

import java.util.SplittableRandom;

/**
 * A seeded generator of small networks at the edges of the doubles and of the text: constants near the
 * largest and smallest normal doubles (1e300, 1e-300, 1e-308), subnormal (1e-310) and -0.0, written and named
 * ({@code const kbig = 1e300}), in pairs and orders whose product is moderate
 * so that the network's value stays in range and finite differences can judge its derivatives; nesting
 * up to twelve deep, names up to 200 characters, tabs and runs of spaces between tokens.
 */
final class EdgeSpecs {
    /** Each wraps an expression {@code %1$s}: scaled far out and back, or through a function. */
    private static final String[] WRAPPERS = {
        "(%1$s) * 1e300 * 1e-300", "(%1$s) / 1e-300 / 1e300", "1e-300 * (1e300 * (%1$s))", "1e200 * ((%1$s) / 1e200)",
        "(%1$s) * khalf * 2", "1e-300 * (%1$s) * 1e300", "(%1$s) * 1e-10 / 1e-300 * 1e-290",
        "(%1$s) + kzero", "-0.0 + (%1$s)", "(%1$s) - -0.0 * (%1$s)", "(%1$s) * -1 * -1", "tanh(%1$s)",
        "(%1$s) ^ 1 * 1e-150 * 1e150", "(1e-150 * tanh(%1$s))^2 * 1e300", "(%1$s) * (1e300 * 1e-300)",
        "(%1$s) + 1e-300", "sigmoid(%1$s) * 1e-308 * 1e308", "-(-(%1$s))",
        // named extremes: Product once wrote kbig^2 * ksmall^2 (Infinity * 0) for the last two
        "(%1$s) * kbig * ksmall", "ksmall * (kbig * (%1$s))", "(%1$s) * kbig * 1e-300", "(%1$s) / kbig * 1e300",
        "(%1$s) * ksmall * 1e300 * 1e10 * ksmall * 1e290", "kbig * (1e-300 * (kbig * (ksmall * (%1$s))))",
        "(%1$s) * 1e300 * ksub * 1e10", "(%1$s) * 1e18 * 1e-18",
        // consts that only divide: Product once wrote (A - Y) / (kbig^2 * ksmall^2) and / (1e-300 * (kbig^2 * ksmall))
        "(%1$s) / kbig / ksmall / kbig / ksmall", "(%1$s) / kbig / 1e-300 / kbig / ksmall",
    };
    private static final String[] LOSSES = {
        "-(Y * log(A) + (1 - Y) * log(1 - A))", "(A - Y)^2", "-(Y * log(A) + (1 - Y) * log(1 - A)) * 1e200 * 1e-200",
        "(A - Y)^2 / 1e-300 * 1e-300", "1e-300 * (1e300 * (A - Y)^2)", "-(Y * log(A) + (1 - Y) * log(1 - A)) / 1e300 * 1e300",
        // a derivative whose numbers once folded into the subnormals: 1e-300 * 1e-18
        "-(Y * log(A) + (1 - Y) * log(1 - A)) * 1e-300", "kbig * (ksmall * (A - Y)^2) * kbig * ksmall",
    };

    private final SplittableRandom rnd;
    private final String space;

    private EdgeSpecs(long seed) {
        this.rnd = new SplittableRandom(seed);
        this.space = new String[] {" ", "  ", "\t", " \t  "}[rnd.nextInt(4)];
    }

    static String generate(long seed) {
        return new EdgeSpecs(seed).network();
    }

    private String name(String base) {
        int length = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(200) : 0;
        return length == 0 ? base : base + "_" + "n".repeat(length);
    }

    private String network() {
        String x = name("X");
        String w = name("W");
        String b = name("b");
        String z = name("Z");
        String expression = z;
        int depth = 1 + rnd.nextInt(12);
        for (int i = 0; i < depth; i++) {
            expression = String.format(WRAPPERS[rnd.nextInt(WRAPPERS.length)], expression);
        }
        String s = space;
        return "network" + s + "Edge" + s + "{\n"
                + s + "input" + s + x + "[2]\n"
                + s + "target" + s + "Y[1]\n"
                + s + "const" + s + "khalf" + s + "=" + s + "0.5\n"
                + s + "const" + s + "kzero" + s + "=" + s + "-0.0\n"
                + s + "const" + s + "kbig" + s + "=" + s + "1e300\n"
                + s + "const" + s + "ksmall" + s + "=" + s + "1e-300\n"
                + s + "const" + s + "ksub" + s + "=" + s + "1e-310\n"
                + s + "param" + s + w + "[1," + s + "2]\n"
                + s + "param" + s + b + "[1]\n"
                + s + z + s + "=" + s + w + s + "@" + s + x + s + "+" + s + b + "\n"
                + s + "A" + s + "=" + s + "sigmoid(" + expression.replace(" ", s) + ")\n"
                + s + "loss" + s + "L" + s + "=" + s + LOSSES[rnd.nextInt(LOSSES.length)].replace(" ", s) + "\n"
                + s + "cost" + s + "J" + s + "=" + s + "mean(L)\n"
                + "}\n";
    }
}
