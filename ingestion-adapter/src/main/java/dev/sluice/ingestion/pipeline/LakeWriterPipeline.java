package dev.sluice.ingestion.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** Runs one {@link LakeWriterLoop} on its own platform thread, from start to close. */
final class LakeWriterPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LakeWriterPipeline.class);

    private final LakeWriterLoop loop;
    private final AutoCloseable[] resources;
    private final Thread thread;

    LakeWriterPipeline(LakeWriterLoop loop, AutoCloseable... resources) {
        this.loop = requireNonNull(loop, "loop is null");
        this.resources = resources.clone();
        this.thread = Thread.ofPlatform().name("sluice-lake-writer").daemon(false).unstarted(loop);
    }

    LakeWriterPipeline start() {
        thread.start();
        return this;
    }

    boolean alive() {
        return thread.isAlive();
    }

    LakeWriterLoop loop() {
        return loop;
    }

    @Override
    public void close() {
        loop.stop();
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The lake writer thread did not stop within 30 s");
        }
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", r, e);
            }
        }
    }
}
