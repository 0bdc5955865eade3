package dev.netgrad.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
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

    @Override
    public void deleted(Path file) {
        context.refresh(file.toFile());
    }
}
