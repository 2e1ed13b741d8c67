package dev.sluice.domain.application.port.out;

import dev.sluice.domain.model.ingest.StoredEvent;
import dev.sluice.domain.model.ingest.StreamPositions;

/**
 * One batch being appended to the lake: written first, committed atomically by {@link #complete}.
 * Like Iceberg's {@code PendingUpdate}, writing and committing are separate steps. Not thread-safe;
 * one batch is written by one thread.
 */
public interface PendingAppend extends AutoCloseable {

    /** Writes one event to the batch's data files. Nothing is visible to readers yet. */
    void write(StoredEvent event);

    /**
     * Commits every written event and {@code positions}, the stream positions just after the batch's
     * last input item, in one atomic commit. Every written event's partition must be among the
     * positions' partitions ({@link IllegalArgumentException} otherwise, and nothing is committed). When it
     * returns, all of it is visible and durable; when it throws, see the exception: 
     * {@link dev.sluice.domain.model.error.CommitFailedException} means nothing was committed,
     * {@link dev.sluice.domain.model.error.CommitStateUnknownException} means the caller must
     * re-read the committed positions. Called at most once.
     */
    void complete(StreamPositions positions);

    /** Discards what was written if {@link #complete} did not succeed; a no-op after it did. Idempotent. */
    @Override
    void close();
}
