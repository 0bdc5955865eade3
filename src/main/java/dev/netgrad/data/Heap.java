package dev.netgrad.data;

/** What netgrad's messages say when the Java heap is too small for an input. */
public final class Heap {
    private Heap() {
    }

    /**
     * How to give the tool more heap. {@code ./netgrad} runs {@code java} with no heap option of its
     * own and takes no JVM options itself, so "-Xmx" alone told a user of the launcher nothing they
     * could do; the java command reads {@code JDK_JAVA_OPTIONS} from the environment (and says so on
     * standard error: "Picked up JDK_JAVA_OPTIONS").
     */
    public static final String LARGER = "give Java a larger heap (JDK_JAVA_OPTIONS=-Xmx8g ./netgrad ..., for example: java reads that variable)";
}
