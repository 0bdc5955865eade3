package dev.netgrad.runtime;

import dev.netgrad.runtime.NetworkTrainer.Layout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Params files: the JSON that {@link NetworkTrainer#save} writes and {@link NetworkTrainer#load}
 * reads, by hand (java.base alone), with {@link JsonCursor}; the params, the batchnorms' running
 * statistics and the standardization, every part checked against the network before any is used.
 */
final class ParamsJson {
    /**
     * The keys of a params file: those {@link NetworkTrainer#save} writes, and those of a case of
     * {@code netgrad eval}, which the command line also takes as params. Any other key is refused:
     * skipping a misspelt "standardisation" would load the params without what they need.
     */
    private static final List<String> PARAMS_FILE_KEYS = List.of("network", "params", "batchnorm", "standardization", "inputs", "masks", "convention");

    /**
     * A params file's contents, checked: each param flat and row-major in the layout's order, per
     * batchnorm its {mean, variance}, and the standardization's {mean, std} (null when the file has none).
     */
    record Contents(double[][] params, double[][][] statistics, double[][] standardization) {
    }

    private final Layout layout;
    private final BatchnormAverages batchnorms;
    private final ArgumentChecks checks;

    ParamsJson(Layout layout, BatchnormAverages batchnorms, ArgumentChecks checks) {
        this.layout = layout;
        this.batchnorms = batchnorms;
        this.checks = checks;
    }

    /**
     * The params file's text, in {@link NetworkTrainer#save}'s format: the trainer's params and
     * running statistics, and {@code standardMean} and {@code standardStd} unless they are null.
     */
    String text(NetworkTrainer trainer, double[] standardMean, double[] standardStd) {
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"network\": ").append(quote(layout.network())).append(",\n  \"params\": {");
        for (int p = 0; p < layout.paramNames().length; p++) {
            json.append(p == 0 ? "\n    " : ",\n    ").append(quote(layout.paramNames()[p])).append(": [");
            double[] w = trainer.paramBuffer(p);
            requireFinite(layout.paramNames()[p], w, layout.paramRows()[p] * layout.paramCols()[p], layout.paramCols()[p]);
            for (int r = 0; r < layout.paramRows()[p]; r++) {
                json.append(r == 0 ? "[" : ", [");
                for (int c = 0; c < layout.paramCols()[p]; c++) {
                    json.append(c == 0 ? "" : ", ").append(Double.toString(w[r * layout.paramCols()[p] + c]));
                }
                json.append(']');
            }
            json.append(']');
        }
        json.append("\n  }");
        if (batchnorms.names().length > 0) {
            json.append(",\n  \"batchnorm\": {");
            for (int b = 0; b < batchnorms.names().length; b++) {
                // As a param's: prediction normalizes with these.
                double[] mean = batchnorms.runningMean(b);
                double[] variance = batchnorms.runningVariance(b);
                requireFinite("the running mean of " + batchnorms.names()[b], mean, mean.length, 0);
                requireFinite("the running variance of " + batchnorms.names()[b], variance, variance.length, 0);
                json.append(b == 0 ? "\n    " : ",\n    ").append(quote(batchnorms.names()[b])).append(": {\"mean\": ")
                        .append(numbers(batchnorms.runningMean(b))).append(", \"variance\": ").append(numbers(batchnorms.runningVariance(b))).append('}');
            }
            json.append("\n  }");
        }
        if (standardMean != null) {
            json.append(",\n  \"standardization\": {\"mean\": ").append(numbers(standardMean)).append(", \"std\": ").append(numbers(standardStd)).append('}');
        }
        json.append("\n}\n");
        return json.toString();
    }

    /**
     * Refuses to save {@code what} unless its first {@code n} entries are finite: JSON has no NaN,
     * and load would refuse the file. One wording for params and running statistics: the entry as
     * the trainer's getter indexes it, {@code [r][c]} in a matrix of {@code cols} columns (a param,
     * from getParam), {@code [i]} in a vector ({@code cols} 0: a running statistic, from runningMean).
     */
    private static void requireFinite(String what, double[] values, int n, int cols) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                String at = cols == 0 ? "[" + i + "]" : "[" + i / cols + "][" + i % cols + "]";
                throw new IllegalStateException("cannot save " + what + ": it has a non-finite entry (" + values[i] + " at " + at + ")");
            }
        }
    }

    /**
     * Reads a params file and checks all of it against the network ({@link NetworkTrainer#load}
     * says what is refused, and how), changing nothing: the trainer takes what it returns.
     */
    Contents read(Path file) throws IOException {
        String where = file.toString();
        JsonCursor json = JsonCursor.open(file, maxParamsFileBytes(), "the params of " + layout.network() + " would");
        String network = null;
        Map<String, double[][]> found = new LinkedHashMap<>();
        double[][] stats = null;
        Map<String, double[][]> running = null;
        json.expect('{');
        Set<String> keys = new HashSet<>();
        if (!json.skip('}')) {
            do {
                int keyAt = json.position();
                String key = json.key(keys);
                if (!PARAMS_FILE_KEYS.contains(key)) {
                    throw json.error(keyAt, "unknown key \"" + key + "\"; the keys of a params file are \"network\", \"params\", \"batchnorm\" and \"standardization\"");
                }
                json.expect(':');
                if (key.equals("network")) {
                    network = json.string();
                } else if (key.equals("params")) {
                    readParams(json, found);
                } else if (key.equals("batchnorm") && !json.skipNull()) {
                    running = readRunningStatistics(json);
                } else if (key.equals("standardization") && !json.skipNull()) {
                    stats = readStandardization(json);
                } else if (!key.equals("batchnorm") && !key.equals("standardization")) {
                    json.skipValue();
                }
            } while (json.skip(','));
            json.expect('}');
        }
        json.end();
        if (network == null) {
            throw new IOException(where + ": not a netgrad params file: it has no \"network\" entry");
        }
        if (!network.equals(layout.network())) {
            throw new IllegalArgumentException(where + " holds params of the network " + network + ", not of " + layout.network());
        }
        double[][] values = new double[layout.paramNames().length][];
        for (Map.Entry<String, double[][]> e : found.entrySet()) {
            int p = NetworkTrainer.indexOf(layout.paramNames(), e.getKey());
            if (p < 0) {
                throw new IllegalArgumentException(where + " has a param " + e.getKey() + ", which " + layout.network() + " does not have");
            }
            values[p] = ArgumentChecks.flatten("param " + e.getKey() + " in " + where, e.getValue(), layout.paramRows()[p], layout.paramCols()[p]);
        }
        for (int p = 0; p < layout.paramNames().length; p++) {
            if (values[p] == null) {
                throw new IllegalArgumentException(where + " has no param " + layout.paramNames()[p]);
            }
        }
        if (stats != null) {
            checks.standardization(where + ": the standardization", stats[0], stats[1]);
        }
        double[][][] statistics = runningStatistics(where, running);
        return new Contents(values, statistics, stats);
    }

    /**
     * The most bytes a params file of this network is read to: 128 a number (a number in its
     * longest form, 24 characters, indented on a line of its own) and a megabyte for the rest.
     */
    private long maxParamsFileBytes() {
        long numbers = 2L * layout.inputSize();
        for (int p = 0; p < layout.paramNames().length; p++) {
            numbers += (long) layout.paramRows()[p] * layout.paramCols()[p];
        }
        for (int b = 0; b < batchnorms.names().length; b++) {
            numbers += 2L * batchnorms.runningMean(b).length;
        }
        return (1L << 20) + 128 * numbers;
    }

    /** Per batchnorm, its {mean, variance} from the file's "batchnorm" entry, every one checked. */
    private double[][][] runningStatistics(String where, Map<String, double[][]> running) {
        if (batchnorms.names().length > 0 && running == null) {
            throw new IllegalArgumentException(where + " has no running statistics of " + layout.network() + "'s batchnorms ("
                    + String.join(", ", batchnorms.names()) + "), which prediction normalizes with: it was saved without them"
                    + " (by an older netgrad, or it holds params alone); train and save again");
        }
        double[][][] out = new double[batchnorms.names().length][][];
        if (running == null) {
            return out;
        }
        for (Map.Entry<String, double[][]> e : running.entrySet()) {
            int b = NetworkTrainer.indexOf(batchnorms.names(), e.getKey());
            if (b < 0) {
                throw new IllegalArgumentException(where + " has running statistics of a batchnorm " + e.getKey() + ", which " + layout.network()
                        + (batchnorms.names().length == 0 ? " does not have (it has no batchnorm)" : " does not have; its batchnorms are " + String.join(", ", batchnorms.names())));
            }
            batchnorms.check(where + ": the running statistics of " + e.getKey(), b, e.getValue()[0], e.getValue()[1]);
            out[b] = e.getValue();
        }
        for (int b = 0; b < batchnorms.names().length; b++) {
            if (out[b] == null) {
                throw new IllegalArgumentException(where + " has no running statistics of the batchnorm " + batchnorms.names()[b]);
            }
        }
        return out;
    }

    /** {@code {"Zn1": {"mean": [...], "variance": [...]}, ...}} as name to {mean, variance}. */
    private static Map<String, double[][]> readRunningStatistics(JsonCursor json) throws IOException {
        Map<String, double[][]> out = new LinkedHashMap<>();
        json.expect('{');
        if (json.skip('}')) {
            return out;
        }
        Set<String> names = new HashSet<>();
        do {
            String name = json.key(names);
            json.expect(':');
            out.put(name, vectorPair(json, "mean", "variance",
                    "the running statistics of the batchnorm " + name + " need both \"mean\" and \"variance\""));
        } while (json.skip(','));
        json.expect('}');
        return out;
    }

    /** {@code {"mean": [...], "std": [...]}} as {mean, std}. */
    private static double[][] readStandardization(JsonCursor json) throws IOException {
        return vectorPair(json, "mean", "std", "the standardization needs both \"mean\" and \"std\"");
    }

    /**
     * An object holding two vectors, {@code {"<first>": [...], "<second>": [...]}} (other keys
     * skipped, a key twice refused), as {first, second}; {@code missing} is the error when either is absent.
     */
    private static double[][] vectorPair(JsonCursor json, String first, String second, String missing) throws IOException {
        double[] a = null;
        double[] b = null;
        json.expect('{');
        Set<String> keys = new HashSet<>();
        if (!json.skip('}')) {
            do {
                String key = json.key(keys);
                json.expect(':');
                if (key.equals(first)) {
                    a = json.vector();
                } else if (key.equals(second)) {
                    b = json.vector();
                } else {
                    json.skipValue();
                }
            } while (json.skip(','));
            json.expect('}');
        }
        if (a == null || b == null) {
            throw json.error(missing);
        }
        return new double[][] {a, b};
    }

    private static void readParams(JsonCursor json, Map<String, double[][]> found) throws IOException {
        json.expect('{');
        if (json.skip('}')) {
            return;
        }
        Set<String> names = new HashSet<>();
        do {
            String name = json.key(names);
            json.expect(':');
            found.put(name, json.matrix());
        } while (json.skip(','));
        json.expect('}');
    }

    /**
     * Writes {@code text} to {@code file} atomically: to a temporary file in the same folder, then
     * moved over {@code file}, or over the file it links to (the link stays). Anything but a regular
     * file there is refused, never replaced: a folder, a pipe, a device (run as root, the move would
     * put a file in the place of /dev/null). A failure names {@code file}, never the temporary file.
     * The tool's {@code dev.netgrad.OutputFiles} does the same with its own copy of this code, on
     * purpose: the runtime is java.base alone, written out beside the trainers, and reaches none of
     * the tool's classes. Both name their temporary files alike and delete each other's dead leftovers.
     */
    static void writeAtomically(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.isSymbolicLink(target) && Files.exists(target)) {
            target = target.toRealPath();
        }
        if (Files.isDirectory(target)) {
            // As the command line's --save: a folder is refused, never written into.
            throw new IOException(file + ": cannot write: it is a directory; give a file name (save writes one file, never into a folder)");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new IOException(file + ": cannot write: it is not a regular file (a device, a pipe or a socket), which save does not replace");
        }
        String kept = Files.exists(target) ? Access.of(target).problem() : null;
        if (kept != null) {
            throw new IOException(file + ": cannot write: it " + kept);
        }
        try {
            replace(target, text);
        } catch (IOException e) {
            throw new IOException(file + ": cannot write: " + reason(e, target), e);
        }
    }

    /**
     * What keeps an existing file from being replaced, in the command line's words (its OutputPaths.Access,
     * copied as {@link #reason} is; ParamsJsonReasonTest holds the two to the same words): a file system
     * mounted read-only, where no chmod helps; a mode without a write bit, read-only to its owner's intent
     * even for root; another user's file, which only its owner can open to this user; or a refusal the mode
     * does not show (an immutable flag, an access control list). The last two were "read-only (make it
     * writable)", a chmod its user cannot or need not do. A rename needs only the folder's permission: without
     * this check a file kept read-only would be replaced (and by root, any file). {@code mode} is null where
     * the file system has none; {@code owner} and {@code user} are null where unknown.
     */
    record Access(boolean onReadOnlyFileSystem, boolean writable, Set<PosixFilePermission> mode, String owner, String user) {
        static Access of(Path file) {
            boolean readOnlyStore;
            try {
                readOnlyStore = Files.getFileStore(file).isReadOnly();
            } catch (IOException | SecurityException e) {
                readOnlyStore = false;
            }
            Set<PosixFilePermission> mode;
            String owner;
            try {
                mode = Files.getPosixFilePermissions(file);
                owner = Files.getOwner(file).getName();
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                mode = null;
                owner = null;
            }
            return new Access(readOnlyStore, Files.isWritable(file), mode, owner, System.getProperty("user.name"));
        }

        /** Why save does not replace the file, after "it", and what to do; null if nothing keeps it. */
        String problem() {
            String kept = "; save does not replace it (";
            boolean anyWriteBit = mode == null || mode.contains(PosixFilePermission.OWNER_WRITE)
                    || mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE);
            // Root may chmod any file, so no file is another's to root.
            boolean others = owner != null && user != null && !owner.equals(user) && !user.equals("root");
            if (onReadOnlyFileSystem) {
                return "is on a read-only file system; save cannot replace it there (choose a file on a writable one, or remount it read-write)";
            } else if (writable && anyWriteBit) {
                return null;
            } else if (!writable && others) {
                return anyWriteBit ? "is not writable by " + user + ": it belongs to " + owner + " (mode " + PosixFilePermissions.toString(mode)
                        + ")" + kept + "choose another file, or ask " + owner + " for write access)"
                        : "is read-only and belongs to " + owner + kept + "choose another file, or ask " + owner + " to make it writable)";
            } else if (!anyWriteBit || mode == null || !mode.contains(PosixFilePermission.OWNER_WRITE)) {
                // Its owner's own write bit off (r--rw-r--) is read-only for its owner; with it on, the mode says yes.
                return "is read-only" + kept + "make it writable or choose another file)";
            }
            return "is not writable by " + user + ", though its mode (" + PosixFilePermissions.toString(mode) + ") lets its owner write it: "
                    + "an immutable flag (lsattr shows an i) or an access control list keeps it" + kept + "choose another file)";
        }
    }

    /**
     * The new content in a temporary file, forced to the disk, then renamed over the target, and the
     * folder forced where the platform allows: without the forces, a power cut soon after a save could
     * leave (on XFS, or ext4 without auto_da_alloc) the target an empty file and the previous params
     * lost. A temporary file that cannot be forced fails the save, the target left as it was; a folder
     * that cannot be forced does not (see {@link #forceFolder}).
     */
    private static void replace(Path target, String text) throws IOException {
        Path temp = newTempBeside(target);
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer content = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (content.hasRemaining()) {
                    out.write(content);
                }
                // A file saved over keeps its permissions; a new one gets the usual ones. Set before the
                // force, which makes them durable too, on a file already open for writing.
                PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
                PosixFileAttributeView fresh = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
                if (old != null && fresh != null && Files.isRegularFile(target)) {
                    fresh.setPermissions(old.readAttributes().permissions());
                }
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceFolder(target.getParent());
    }

    /**
     * Forces the folder's entries (the rename) to the disk where the platform opens a folder as a file
     * (Linux does, Windows does not). Best effort, never a failure: the rename is done and the content
     * forced before it.
     */
    private static void forceFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (FileChannel entries = FileChannel.open(folder, StandardOpenOption.READ)) {
            entries.force(true);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not a failure of the save: see above.
        }
    }

    /**
     * Why a write failed, in words that name no temporary file ("no space left on device", not its path):
     * the tool's {@code dev.netgrad.IoReason.ofWrite} in a copy of its own, since the runtime is java.base
     * alone and reaches none of the tool's classes. IoReasonTest holds the two to the same words.
     */
    static String reason(IOException e, Path target) {
        if (e instanceof NoSuchFileException) {
            return "the folder " + target.toAbsolutePath().getParent() + " does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return inWords(f.getReason());
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is a file, not a folder";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "a folder is in the way";
        }
        if (e instanceof FileSystemException) {
            // Its message would be its file's name alone, which may be the temporary file's.
            return "the file system refuses it";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : inWords(e.getMessage());
    }

    /** strerror's "Not a directory" as the rest of the message reads, "not a directory"; "Is a directory" as "it is a directory". */
    private static String inWords(String reason) {
        boolean capitalized = reason.length() > 1 && Character.isUpperCase(reason.charAt(0)) && Character.isLowerCase(reason.charAt(1));
        String lower = capitalized ? reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1) : reason;
        return lower.equals("is a directory") ? "it is a directory" : lower;
    }

    /**
     * An empty file beside {@code target} for its new content, named
     * {@code .netgrad-PID-TAG-RANDOM.tmp} (as the tool names its own): the saving process's id and a
     * tag of the target's name (its hashCode, in hex), not the name itself ("." + a name near the
     * file system's 255 bytes + a suffix could not exist); made by {@link Files#createFile} rather
     * than {@link Files#createTempFile}, whose 0600 would make every saved params file readable by
     * its owner alone. The leftovers of saves of this target killed mid-write are deleted first.
     */
    private static Path newTempBeside(Path target) throws IOException {
        removeDeadLeftovers(target);
        String prefix = ".netgrad-" + ProcessHandle.current().pid() + "-" + tag(target) + "-";
        for (int attempt = 0; ; attempt++) {
            Path temp = target.resolveSibling(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException taken) {
                if (attempt >= 100) {
                    throw taken;
                }
            }
        }
    }

    /**
     * Deletes the temporary files beside {@code target} that a save of it left when its process was
     * killed: regular files named as {@link #newTempBeside} names them for this target, whose process
     * is no longer running and which nothing has written for {@link #LEFTOVER_AGE} (a saver in another
     * container or on another host sharing the folder has a process id that looks dead here). A live
     * saver's (this one's included) and any other file are left alone. An older netgrad's leftover
     * ({@link #OLDER_TEMP_NAME}) names neither its process nor its target: one beside the target is
     * deleted by the age alone (an older saver renamed its file a moment after its last write; one
     * stopped longer than ten minutes mid-write fails its rename and leaves its target as it was).
     * Best effort: a leftover that cannot be listed or deleted stays, and the save goes on.
     */
    private static void removeDeadLeftovers(Path target) {
        String tag = tag(target);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(target.getParent(), ".netgrad-*.tmp")) {
            for (Path file : files) {
                if (isLeftover(file, tag) && untouchedSince(file, LEFTOVER_AGE)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // Leftovers are only clutter; failing to remove them must not fail the save.
        }
    }

    /** A regular file named as a dead saver of the target of {@code tag} names it, or as an older netgrad named any. */
    private static boolean isLeftover(Path file, String tag) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Matcher name = TEMP_NAME.matcher(file.getFileName().toString());
        if (name.matches()) {
            long pid = Long.parseLong(name.group(1));
            return name.group(2).equals(tag) && pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
        }
        return OLDER_TEMP_NAME.matcher(file.getFileName().toString()).matches();
    }

    /** How long a dead saver's temporary file must have been left untouched before it is deleted. */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);

    private static boolean untouchedSince(Path file, Duration age) throws IOException {
        Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        return modified.isBefore(Instant.now().minus(age));
    }

    private static final Pattern TEMP_NAME = Pattern.compile("\\.netgrad-([0-9]{1,18})-([0-9a-f]{1,8})-[0-9a-f]{1,16}\\.tmp");

    /** An older netgrad's temporary file, {@code .netgrad-RANDOM.tmp}: a random number in hex or decimal, no process id, no tag. */
    private static final Pattern OLDER_TEMP_NAME = Pattern.compile("\\.netgrad-[0-9a-f]{1,20}\\.tmp");

    private static String tag(Path target) {
        return Integer.toHexString(target.getFileName().toString().hashCode());
    }

    private static String numbers(double[] values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ", ").append(Double.toString(values[i]));
        }
        return out.append(']').toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }
}
