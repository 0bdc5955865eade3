package dev.netgrad;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded random edits of a spec, an equation file or a JSON text, token by token, for the fuzz
 * tests (the parser's, dev.netgrad.spec.FuzzTest, and the command line's, dev.netgrad.cli.CommandLineFuzzTest).
 */
public final class TokenMutations {
    private static final Pattern TOKEN = Pattern.compile("\\s+|[A-Za-z_][A-Za-z0-9_]*|[0-9.eE]+|\\*\\*|.", Pattern.DOTALL);
    private static final String ALPHABET = "()[]{}=+-*/@^.,;:<>!$#\"'\\\n\t 0123456789eETmXYZdL_\u0000\u00e9\u2028";

    private TokenMutations() {
    }

    /** {@code text} with 1 - 3 of its tokens deleted, duplicated, swapped, or replaced or preceded by random characters. */
    public static String mutate(String text, Random random) {
        List<String> tokens = tokens(text);
        int edits = 1 + random.nextInt(3);
        for (int k = 0; k < edits && !tokens.isEmpty(); k++) {
            int i = random.nextInt(tokens.size());
            switch (random.nextInt(5)) {
                case 0 -> tokens.remove(i);
                case 1 -> tokens.add(i, tokens.get(i));
                case 2 -> {
                    int j = random.nextInt(tokens.size());
                    String t = tokens.get(i);
                    tokens.set(i, tokens.get(j));
                    tokens.set(j, t);
                }
                case 3 -> tokens.add(i, randomChars(random));
                default -> tokens.set(i, randomChars(random));
            }
        }
        return String.join("", tokens);
    }

    /** 1 - 3 characters drawn from the specs' punctuation, digits and a few hostile ones, or anywhere below U+3000. */
    public static String randomChars(Random random) {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            s.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x3000) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }
}
