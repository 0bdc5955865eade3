package dev.netgrad.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.sonatype.plexus.build.incremental.BuildContext;

/** Writes the files itself, then tells the build context (an IDE's, m2e) which changed, for it to refresh its view. */
record BuildContextSink(BuildContext context) implements OutputSink {
    BuildContextSink {
        Objects.requireNonNull(context, "context");
    }

    /**
     * All or none, on Maven's command line and in an IDE's incremental build alike, then each file that
     * holds new content told to the context ({@link BuildContext#refresh}, which says a file changed during
     * the build), as the context's own streams tell it of each file they write. Those
     * streams would write each file in place, one after another: a failure half-way (a full disk) would
     * leave a truncated class where the last good one was and the files before it rewritten.
     */
    @Override
    public void writeAll(Map<Path, byte[]> contents) throws IOException {
        OutputSink.writeStaged(contents, file -> context.refresh(file.toFile()));
    }

    @Override
    public void deleted(Path file) {
        context.refresh(file.toFile());
    }
}
