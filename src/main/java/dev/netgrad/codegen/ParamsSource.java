package dev.netgrad.codegen;

/**
 * Saving and loading params, as fixed Java source for every generated class. The format is JSON
 * written by hand (the class depends on java.base alone):
 * <pre>
 * {
 *   "network": "Planar",
 *   "params": {
 *     "W1": [[-0.0041, 0.0012], ...],
 *     ...
 *   }
 * }
 * </pre>
 * Matrices are arrays of rows; numbers are printed with {@code Double.toString}, which parses back
 * to the same double. Other top-level keys are ignored when loading, so a file may carry more.
 */
final class ParamsSource {
    private ParamsSource() {
    }

    /**
     * Kept as a resource, not a text block: the plugin descriptor's source scanner (QDox) cannot
     * read escape sequences inside text blocks, and the JSON code is full of them.
     */
    static final String SOURCE = read("Params.java.txt");

    static String read(String resource) {
        try (java.io.InputStream in = ParamsSource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("netgrad is missing its resource " + resource);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
