package dev.netgrad.runtime.spark;

/**
 * Tells this Spark adapter apart from another version's, as RuntimeVersion does the runtime: the Maven plugin takes the
 * adapter a dependency holds (another module of the build with {@code <spark>}) only when it is this one, read in this
 * class's bytes there. netgrad's tests check that the constant is the digest of the adapter's other sources.
 */
final class AdapterVersion {
    /** SHA-256 of the adapter's other sources, each its file name, a 0 byte, its text in UTF-8 and a 0 byte, in name order. */
    static final String SHA_256 = "0034ff7f58f83dd47499097aa202a60f40e0a4d0d6d08f7e00a7cd323fe1014e";

    private AdapterVersion() {
    }
}
