package dev.netgrad;

/** How netgrad's messages say a count in words. */
public final class English {
    private English() {
    }

    /** "1 epoch", "2 epochs", "0 rows": a noun whose plural takes an s. */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
