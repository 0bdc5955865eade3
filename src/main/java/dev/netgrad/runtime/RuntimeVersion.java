package dev.netgrad.runtime;

/**
 * Tells this runtime apart from another version's. The Maven plugin compiles a module's trainers against the runtime
 * a dependency holds (another module of the build with trainers) only when it is this one: another version of netgrad
 * holds classes of the same names with other content. The plugin reads this class's bytes in the dependency, where the
 * constant below is as it is written here. netgrad's tests check that it is the digest of the runtime's other sources.
 */
final class RuntimeVersion {
    /** SHA-256 of the runtime's other sources, each its file name, a 0 byte, its text in UTF-8 and a 0 byte, in name order. */
    static final String SHA_256 = "e7981fda41a9ea6bb9fe9310c1586ec62dd7e91d18969b5d93c4ddae26875962";

    private RuntimeVersion() {
    }
}
