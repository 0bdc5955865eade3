package dev.netgrad;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded random edits of a spec, an equation file or a JSON text, token by token, for the fuzz
 * tests (the parser's, dev.netgrad.spec.FuzzTest, the command line's, dev.netgrad.cli.CommandLineFuzzTest,
 * and the whole pipeline's, dev.netgrad.PipelineFuzzTest), and hostile ones ({@link #hostile}).
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

    /** Number tokens beyond or at the edge of what a double, an int or a size holds. */
    private static final String[] HUGE_NUMBERS = {"1e999999", "99999999999999999999999999999999", "4294967297", "2147483648",
        "16777217", "1.7976931348623157e308", "4.9e-324", "1e-400", "0e-99999", "0." + "0".repeat(400) + "1",
        "9".repeat(5000), "1" + "0".repeat(400) + ".5", "1e+", "1.e5", ".e3"};

    /** Characters a text editor lets through: a BOM, invisible and right-to-left marks, a lone surrogate, an emoji, wide digits. */
    private static final String[] ODD_TEXT = {"\ufeff", "\u200b", "\u200f", "\u202e", "\ud800", "\udc00", "\ud83d\ude00",
        "\uff11", "\u00a0", "\u0301", "\u2028", "\u0000", "\r", "\u000b\u000c", "\u0394W", "W\u0301", "\ufffd"};

    /**
     * {@code text} with one hostile edit: a number made huge, 10,000 parentheses (or unary minuses,
     * transposes, calls, powers) around a statement's right side, a name made 100,000 characters long
     * (everywhere it occurs, so the spec may still read), a NUL byte, odd Unicode, lines ended by a
     * lone carriage return, a statement repeated a thousand times, or the text cut short.
     */
    public static String hostile(String text, Random random) {
        List<String> tokens = tokens(text);
        int i = random.nextInt(tokens.size());
        switch (random.nextInt(9)) {
            case 0 -> {
                List<Integer> numbers = indexes(tokens, "[0-9][0-9.eE]*");
                tokens.set(numbers.isEmpty() ? i : numbers.get(random.nextInt(numbers.size())), HUGE_NUMBERS[random.nextInt(HUGE_NUMBERS.length)]);
            }
            case 1 -> {
                return deeplyNested(text, random);
            }
            case 2 -> {
                List<Integer> names = indexes(tokens, "[A-Za-z_][A-Za-z0-9_]*");
                String name = tokens.get(names.get(random.nextInt(names.size())));
                String longName = name + "_".repeat(random.nextBoolean() ? 100_000 : 300);
                tokens.replaceAll(t -> t.equals(name) && random.nextInt(4) != 0 ? longName : t);
            }
            case 3 -> tokens.add(i, "\u0000");
            case 4 -> tokens.add(i, ODD_TEXT[random.nextInt(ODD_TEXT.length)]);
            case 5 -> {
                return text.replace("\n", "\r");
            }
            case 6 -> {
                String[] lines = text.split("\n", -1);
                int line = random.nextInt(lines.length);
                lines[line] = (lines[line] + "\n").repeat(1000);
                return String.join("\n", lines);
            }
            case 7 -> {
                return text.substring(0, random.nextInt(text.length() + 1));
            }
            default -> tokens.set(i, new String(Character.toChars(random.nextInt(Character.MAX_CODE_POINT + 1))));
        }
        return String.join("", tokens);
    }

    /** A statement's right side inside 10,000 parentheses, minus signs, transposes, calls or powers. */
    private static String deeplyNested(String text, Random random) {
        String[] lines = text.split("\n", -1);
        List<Integer> statements = new ArrayList<>();
        for (int k = 0; k < lines.length; k++) {
            if (lines[k].matches("\\s*[A-Za-z_][A-Za-z0-9_]* = .*|\\s*(loss|cost) \\w+ = .*")) {
                statements.add(k);
            }
        }
        int k = statements.isEmpty() ? random.nextInt(lines.length) : statements.get(random.nextInt(statements.size()));
        int at = lines[k].indexOf(" = ") < 0 ? 0 : lines[k].indexOf(" = ") + 3;
        String head = lines[k].substring(0, at);
        String body = lines[k].substring(at);
        int n = 10_000;
        lines[k] = head + switch (random.nextInt(6)) {
            case 0 -> "(".repeat(n) + body + ")".repeat(n);
            case 1 -> "-".repeat(n) + body;
            case 2 -> "(" + body + ")" + ".T".repeat(n);
            case 3 -> "tanh(".repeat(n) + body + ")".repeat(n);
            case 4 -> body + "^1".repeat(n);
            default -> "(".repeat(n) + body;
        };
        return String.join("\n", lines);
    }

    private static List<Integer> indexes(List<String> tokens, String regex) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < tokens.size(); k++) {
            if (tokens.get(k).matches(regex)) {
                out.add(k);
            }
        }
        return out;
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
