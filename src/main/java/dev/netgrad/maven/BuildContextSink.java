package dev.netgrad.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.sonatype.plexus.build.incremental.BuildContext;

/** Writes through the IDE's build context (m2e), which refreshes its view of what changed. */
record BuildContextSink(BuildContext context) implements OutputSink {
    BuildContextSink {
        Objects.requireNonNull(context, "context");
    }

    @Override
    public OutputStream open(Path file) throws IOException {
        return context.newFileOutputStream(file.toFile());
    }

    /**
     * On Maven's command line (a build context that is not incremental), all or none, then told to
     * the context; in an IDE's incremental build, through the context's streams, which it tracks.
     */
    @Override
    public void writeAll(Map<Path, byte[]> contents) throws IOException {
        if (context.isIncremental()) {
            OutputSink.super.writeAll(contents);
            return;
        }
        OutputSink.writeStaged(contents);
        contents.keySet().forEach(file -> context.refresh(file.toFile()));
    }

    @Override
    public void deleted(Path file) {
        context.refresh(file.toFile());
    }
}
